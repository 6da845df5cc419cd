#pragma once

#include <memory>
#include <string>
#include <vector>

#include "child_process.h"
#include "shelfnode/core/json.h"

namespace shelfnode::bench {

// The Wix emulator (tools/wix-emulator/emulator.py, python3) as a child process on
// 127.0.0.1, HTTPS with its own test CA, and its /_emulator/* admin routes. The child is
// killed and reaped by PID when this goes away (ChildProcess).
class EmulatorChild {
 public:
  // Starts it with `args` added (e.g. --generate-v1 N --rate-limit 0); its state (CA,
  // certificates) and its stderr go under `dir`. Waits for the READY line.
  bool start(const std::string& source_dir, const std::string& dir,
             const std::vector<std::string>& args, std::string& error);

  // An admin call; `body` is sent as JSON when not empty. Null with `error` unless the
  // answer is HTTP 200 with a JSON body.
  JsonPtr admin(const std::string& method, const std::string& path, const std::string& body,
                std::string& error) const;

  const std::string& url() const { return url_; }
  const std::string& ca_file() const { return ca_file_; }

 private:
  std::unique_ptr<ChildProcess> child_;
  std::string url_, ca_file_, log_;
};

}  // namespace shelfnode::bench
