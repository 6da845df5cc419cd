#include "shelfnode/ota/hawkbit/wired.h"

#include "shelfnode/ota/download.h"
#include "shelfnode/ota/fs_ops.h"
#include "shelfnode/ota/installer.h"

namespace shelfnode::ota::hawkbit {

Status ResumableFetcher::fetch(const ArtifactRequest& request) {
  DownloadOptions options;
  options.ca_file = ca_file_;
  options.headers = request.headers;
  options.expected_size = request.size;
  options.expected_sha256 = request.sha256;
  Result<DownloadStats> got = download_resumable(request.url, request.dest, options);
  return got.ok() ? Status::Ok() : got.status();
}

Status SlotInstaller::install(const std::string& bundle_dir) {
  Result<InstallReport> installed =
      install_bundle(system_fs(), root_, keys_dir_, clock_, bundle_dir);
  return installed.ok() ? Status::Ok() : installed.status();
}

}  // namespace shelfnode::ota::hawkbit
