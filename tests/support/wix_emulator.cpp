#include "support/wix_emulator.h"

#include <sys/stat.h>

#include <cstdlib>

#include "shelfnode/wix/curl_transport.h"

namespace shelfnode::testing {

std::string source_dir() {
  const char* env = std::getenv("SHELFNODE_SOURCE_DIR");
  return env != nullptr && *env != '\0' ? env : SHELFNODE_SOURCE_DIR;
}

std::string WixEmulator::start(const std::vector<std::string>& extra) {
  dir_ = std::make_unique<TempDir>();
  state_dir_ = dir_->file("state");
  std::vector<std::string> argv{"python3",     source_dir() + "/tools/wix-emulator/emulator.py",
                                "--port",      "0",
                                "--port-file", dir_->file("port"),
                                "--state-dir", state_dir_};
  argv.insert(argv.end(), extra.begin(), extra.end());
  child_ = std::make_unique<Child>(argv);
  return read_ready_line(*child_, "the emulator", url_, ca_file_);
}

AdminAnswer WixEmulator::admin(const std::string& method, const std::string& path,
                               const std::string& body) const {
  wix::CurlOptions options;
  options.ca_file = ca_file_;
  wix::CurlTransport transport(options);
  wix::HttpRequest request{method, url_ + path, {{"Content-Type", "application/json"}}, body};
  auto sent = transport.send(request);
  if (!sent.ok()) return {0, sent.status().message()};
  return {sent->status, sent->body};
}

void write_connection(const std::string& data_dir, const WixEmulator& emulator,
                      const std::string& site, const std::string& key) {
  write_file(data_dir + "/config.json", "{\"wix\": {\"base_url\": \"" + emulator.url() +
                                            "\", \"site_id\": \"" + site + "\", \"ca_file\": \"" +
                                            emulator.ca_file() + "\"}}\n");
  const std::string key_path = data_dir + "/wix-api-key";
  write_file(key_path, key + "\n");
  chmod(key_path.c_str(), 0600);
}

}  // namespace shelfnode::testing
