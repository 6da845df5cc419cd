#pragma once

#include <memory>
#include <string>

#include "shelfnode/core/json.h"
#include "support/wix_emulator.h"

namespace shelfnode::wix {
class CurlTransport;
}

namespace shelfnode::testing {

// /_emulator/* calls over one kept-alive HTTPS connection: tests that make hundreds of admin
// calls (request and writes logs, checkouts, faults) pay for one TLS handshake, not one each.
// WixEmulator::admin() opens a new connection per call, which is fine for a handful.
class EmulatorAdmin {
 public:
  explicit EmulatorAdmin(const WixEmulator& emulator);
  ~EmulatorAdmin();
  EmulatorAdmin(const EmulatorAdmin&) = delete;
  EmulatorAdmin& operator=(const EmulatorAdmin&) = delete;

  // status 0 = no answer (the body says why).
  AdminAnswer call(const std::string& method, const std::string& path,
                   const std::string& body = "");
  // The answer's JSON when the status is 200, else null (`why` says what came back).
  JsonPtr json(const std::string& method, const std::string& path, const std::string& body,
               std::string& why);

 private:
  std::string url_;
  std::unique_ptr<wix::CurlTransport> transport_;
};

}  // namespace shelfnode::testing
