#include "support/emulator_admin.h"

#include "shelfnode/wix/curl_transport.h"

namespace shelfnode::testing {

EmulatorAdmin::EmulatorAdmin(const WixEmulator& emulator) : url_(emulator.url()) {
  wix::CurlOptions options;
  options.ca_file = emulator.ca_file();
  transport_ = std::make_unique<wix::CurlTransport>(options);
}

EmulatorAdmin::~EmulatorAdmin() = default;

AdminAnswer EmulatorAdmin::call(const std::string& method, const std::string& path,
                                const std::string& body) {
  wix::HttpRequest request{method, url_ + path, {{"Content-Type", "application/json"}}, body};
  auto sent = transport_->send(request);
  if (!sent.ok()) return {0, sent.status().message()};
  return {sent->status, sent->body};
}

JsonPtr EmulatorAdmin::json(const std::string& method, const std::string& path,
                            const std::string& body, std::string& why) {
  const AdminAnswer answer = call(method, path, body);
  if (answer.status != 200) {
    why = method + " " + path + " -> " + std::to_string(answer.status) + ": " +
          answer.body.substr(0, 400);
    return nullptr;
  }
  JsonPtr parsed = parse_json(answer.body);
  if (!parsed) why = method + " " + path + " answered with text that is not JSON";
  return parsed;
}

}  // namespace shelfnode::testing
