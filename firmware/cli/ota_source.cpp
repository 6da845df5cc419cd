#include "cli/ota_source.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>

#include "shelfnode/core/printable.h"
#include "shelfnode/ota/bundle_tar.h"
#include "shelfnode/ota/fetch_bundle.h"
#include "shelfnode/ota/fs_ops.h"
#include "shelfnode/ota/installer.h"
#include "shelfnode/ota/trusted_keys.h"

namespace shelfnode::cli {
namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

// What `ota status` may show of a URL: never its query or fragment, which can carry a token.
std::string url_for_status(const std::string& url) {
  return printable(url.substr(0, url.find_first_of("?#")));
}

// ROOT/ota, where fetched and unpacked bundles are staged: it does not exist before the
// first OTA operation.
Status ensure_ota_dir(const ota::InstallRoot& root) {
  if (::mkdir(root.ota_dir().c_str(), 0755) == 0 || errno == EEXIST) return Status::Ok();
  return io_error("cannot create " + root.ota_dir() + ": " + std::strerror(errno) +
                  " (run `ota install` as root, or give --install-root)");
}

Result<std::string> fetched(const std::string& url, const BundleSourceContext& context) {
  SHELFNODE_RETURN_IF_ERROR(ensure_ota_dir(context.root));
  Result<ota::TrustedKeys> keys = ota::TrustedKeys::load(context.keys_dir);
  if (!keys.ok()) return keys.status();
  Result<ota::DeviceVersions> device = ota::installed_versions(context.root);
  if (!device.ok()) return device.status();
  ota::FetchOptions options;
  options.download.ca_file = context.ca_file;
  Result<ota::FetchedBundle> bundle = ota::fetch_bundle(url, context.root.ota_dir() + "/download",
                                                        *keys, *device, *context.clock, options);
  if (!bundle.ok()) {
    return ota::record_refusal(ota::system_fs(), context.root, *context.clock, url_for_status(url),
                               bundle.status());
  }
  return bundle->bundle_dir;
}

Result<std::string> unpacked(const std::string& tar, const BundleSourceContext& context) {
  SHELFNODE_RETURN_IF_ERROR(ensure_ota_dir(context.root));
  const std::string dest = context.root.ota_dir() + "/unpacked";
  if (exists(dest)) SHELFNODE_RETURN_IF_ERROR(ota::remove_tree(ota::system_fs(), dest));
  Result<ota::UnpackStats> stats = ota::unpack_bundle_tar(tar, dest);
  if (!stats.ok()) {
    return ota::record_refusal(ota::system_fs(), context.root, *context.clock, printable(tar),
                               stats.status());
  }
  return dest;
}

}  // namespace

Result<std::string> bundle_folder_for(const std::string& source,
                                      const BundleSourceContext& context) {
  if (source.rfind("https://", 0) == 0 || source.rfind("http://", 0) == 0) {
    // download_resumable allows plain http to this machine only and says so otherwise.
    return fetched(source, context);
  }
  if (source.find("://") != std::string::npos) {
    return usage_error("ota install: " + printable(source) +
                       " is a URL of a kind shelfnode does not fetch: give an https:// URL, a "
                       "bundle folder or a bundle .tar");
  }
  if (ends_with(source, ".tar.gz") || ends_with(source, ".tgz")) {
    return usage_error("ota install: " + printable(source) +
                       " is compressed; bundles are plain tars (`tools/ota-bundle.sh --tar`): "
                       "gunzip it first");
  }
  struct stat st {};
  if (::stat(source.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ends_with(source, ".tar")) {
    return unpacked(source, context);
  }
  if (::stat(source.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return usage_error("ota install: " + printable(source) +
                       " is not a bundle folder, a bundle .tar or an https URL: give the folder "
                       "holding manifest.json and manifest.json.sig, its .tar, or its URL");
  }
  return source;
}

}  // namespace shelfnode::cli
