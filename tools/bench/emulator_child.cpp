#include "emulator_child.h"

#include <sstream>

#include "shelfnode/wix/curl_transport.h"

namespace shelfnode::bench {
namespace {

// Generating a large store takes a few seconds; certificates are made on the first start.
constexpr int kReadyTimeoutMs = 300'000;
constexpr long kAdminTimeoutMs = 120'000;

}  // namespace

bool EmulatorChild::start(const std::string& source_dir, const std::string& dir,
                          const std::vector<std::string>& args, std::string& error) {
  std::vector<std::string> argv{"/usr/bin/env",
                                "python3",
                                source_dir + "/tools/wix-emulator/emulator.py",
                                "--port",
                                "0",
                                "--state-dir",
                                dir + "/emulator-state"};
  argv.insert(argv.end(), args.begin(), args.end());
  log_ = dir + "/emulator.log";
  child_ = ChildProcess::start(argv, log_, {}, error);
  if (!child_) return false;
  child_->close_stdin();
  std::string line;
  if (!child_->read_line(line, kReadyTimeoutMs)) {
    error = "the emulator did not print READY (see " + log_ + ")";
    return false;
  }
  // "READY https://localhost:PORT ca=STATE/ca.pem"
  std::istringstream words(line);
  std::string ready, ca;
  words >> ready >> url_ >> ca;
  if (ready != "READY" || ca.rfind("ca=", 0) != 0) {
    error = "unexpected first line from the emulator: " + line;
    return false;
  }
  ca_file_ = ca.substr(3);
  return true;
}

JsonPtr EmulatorChild::admin(const std::string& method, const std::string& path,
                             const std::string& body, std::string& error) const {
  wix::CurlOptions options;
  options.ca_file = ca_file_;
  options.timeout_ms = kAdminTimeoutMs;
  options.max_body_bytes = 256u << 20;  // the request log and a whole store's inventory
  wix::CurlTransport transport(options);
  wix::HttpRequest request{method, url_ + path, {{"Content-Type", "application/json"}}, body};
  auto sent = transport.send(request);
  if (!sent.ok()) {
    error = "admin " + method + " " + path + ": " + sent.status().message();
    return nullptr;
  }
  if (sent->status != 200) {
    error = "admin " + method + " " + path + " answered " + std::to_string(sent->status) + ": " +
            sent->body.substr(0, 300);
    return nullptr;
  }
  JsonPtr json = parse_json(sent->body);
  if (!json) error = "admin " + method + " " + path + " answered something that is not JSON";
  return json;
}

}  // namespace shelfnode::bench
