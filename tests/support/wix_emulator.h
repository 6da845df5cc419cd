#pragma once

#include <memory>
#include <string>
#include <vector>

#include "support/process.h"

namespace shelfnode::testing {

// Sites and keys of the shipped emulator fixtures (tools/wix-emulator/README.md).
inline constexpr const char* kV1Site = "f9fbab61-c968-41d2-a177-78dc40ab8c1c";
inline constexpr const char* kV1Key = "IST.v1-full-access-3f9a";
inline constexpr const char* kV1ReadOnlyKey = "IST.v1-read-only-7c21";
inline constexpr const char* kV1WithV3PermissionsKey = "IST.v1-site-with-v3-permissions-5b04";
inline constexpr const char* kV3Site = "fa8ea09c-d1a2-4dc9-956d-09e2ed90feb7";
inline constexpr const char* kV3Key = "IST.v3-full-access-91d2";
inline constexpr const char* kV3ReadOnlyKey = "IST.v3-read-only-2a77";
inline constexpr const char* kNotInstalledSite = "0b7e4c2a-9f13-4d58-a6e1-3c5b7d9f1a24";
inline constexpr const char* kNotInstalledKey = "IST.no-stores-site-4410";

struct AdminAnswer {
  long status = 0;  // 0 = no answer
  std::string body;
};

// tools/wix-emulator as a child process on 127.0.0.1 over HTTPS with its own test CA, reached
// as https://localhost:PORT (url(); mbedTLS matches no IP-address SAN). The
// destructor kills it by PID.
class WixEmulator {
 public:
  // Returns "" once it printed READY, else why it could not start. `extra` are emulator
  // flags (e.g. {"--generate-v1", "1000"}).
  std::string start(const std::vector<std::string>& extra = {});

  const std::string& url() const { return url_; }
  const std::string& ca_file() const { return ca_file_; }
  const std::string& state_dir() const { return state_dir_; }

  // An /_emulator/* call (or any call without credentials).
  AdminAnswer admin(const std::string& method, const std::string& path,
                    const std::string& body = "") const;

 private:
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<Child> child_;
  std::string url_;
  std::string ca_file_;
  std::string state_dir_;
};

// The shelfnode source tree (for tools/ and fixtures).
std::string source_dir();

// Makes `data_dir` connected to `site` as `connect` would leave it (config.json with the
// base URL, site and CA file; the key in a 0600 file) without calling Wix. For tests of
// commands that need a connected device but are not about `connect` itself.
void write_connection(const std::string& data_dir, const WixEmulator& emulator,
                      const std::string& site, const std::string& key);

}  // namespace shelfnode::testing
