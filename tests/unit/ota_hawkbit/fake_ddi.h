#pragma once

#include <map>
#include <string>
#include <vector>

#include "shelfnode/ota/hawkbit/ports.h"
#include "shelfnode/wix/transport.h"

namespace shelfnode::ota::hawkbit::testing {

// A scripted controller: answers by "METHOD URL" (the query is part of the URL), records
// every request. Unscripted GETs are 404, unscripted POST/PUT 200.
class FakeDdi final : public wix::Transport {
 public:
  Result<wix::HttpResponse> send(const wix::HttpRequest& request) override;

  void answer(const std::string& method, const std::string& url, long status, std::string body) {
    answers_[method + " " + url] = {status, std::move(body)};
  }
  void fail_with(Status status) { failure_ = std::move(status); }

  std::vector<wix::HttpRequest> requests;
  // The bodies sent to URLs that end with `suffix`.
  std::vector<std::string> bodies_to(const std::string& suffix) const;

 private:
  struct Answer {
    long status;
    std::string body;
  };
  std::map<std::string, Answer> answers_;
  Status failure_;
};

class FakeFetcher final : public ArtifactFetcher {
 public:
  Status fetch(const ArtifactRequest& request) override;
  std::map<std::string, std::string> content;  // url -> bytes
  std::vector<ArtifactRequest> requests;
};

class FakeInstaller final : public Installer {
 public:
  Status install(const std::string& bundle_dir) override;
  Status result;
  std::vector<std::string> installed;               // bundle dirs handed over
  std::vector<std::vector<std::string>> files_seen;  // what each held (relative paths)
};

}  // namespace shelfnode::ota::hawkbit::testing
