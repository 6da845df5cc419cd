#include "fake_ddi.h"

#include <algorithm>
#include <filesystem>

#include "support/process.h"

namespace shelfnode::ota::hawkbit::testing {

Result<wix::HttpResponse> FakeDdi::send(const wix::HttpRequest& request) {
  requests.push_back(request);
  if (!failure_.ok()) return failure_;
  auto it = answers_.find(request.method + " " + request.url);
  wix::HttpResponse response;
  if (it != answers_.end()) {
    response.status = it->second.status;
    response.body = it->second.body;
  } else {
    response.status = request.method == "GET" ? 404 : 200;
  }
  return response;
}

std::vector<std::string> FakeDdi::bodies_to(const std::string& suffix) const {
  std::vector<std::string> out;
  for (const auto& r : requests) {
    if (r.url.size() >= suffix.size() &&
        r.url.compare(r.url.size() - suffix.size(), suffix.size(), suffix) == 0) {
      out.push_back(r.body);
    }
  }
  return out;
}

Status FakeFetcher::fetch(const ArtifactRequest& request) {
  requests.push_back(request);
  auto it = content.find(request.url);
  if (it == content.end()) return Status(Code::kUnavailable, "no such artifact " + request.url);
  shelfnode::testing::write_file(request.dest, it->second);
  return Status::Ok();
}

Status FakeInstaller::install(const std::string& bundle_dir) {
  installed.push_back(bundle_dir);
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(bundle_dir)) {
    if (e.is_regular_file()) files.push_back(std::filesystem::relative(e.path(), bundle_dir).string());
  }
  std::sort(files.begin(), files.end());
  files_seen.push_back(files);
  return result;
}

}  // namespace shelfnode::ota::hawkbit::testing
