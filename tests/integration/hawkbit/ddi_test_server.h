#pragma once

#include <memory>
#include <string>
#include <vector>

#include "shelfnode/core/json.h"
#include "support/process.h"

namespace shelfnode::testing {

// tools/hawkbit-ddi/ddi_server.py as a child process on 127.0.0.1 (HTTPS, its own test CA),
// killed by PID when this goes away. Admin calls need no token.
class DdiTestServer {
 public:
  static constexpr const char* kToken = "b8c1f2e93a7d4c56";
  static constexpr const char* kController = "shop-till-01";

  // "" once it printed READY, else why not.
  std::string start(const std::string& sleep = "00:05:00");
  const std::string& url() const { return url_; }
  const std::string& ca_file() const { return ca_file_; }

  // POST /_admin/actions with `spec` (JSON); returns the action id ("" on failure).
  std::string create_action(const std::string& spec);
  bool cancel(const std::string& action_id);
  // GET /_admin/state, parsed (null on failure).
  JsonPtr state() const;

  // "execution/finished" of each feedback of `kind` (deploymentBase, cancelAction) for `id`.
  std::vector<std::string> feedback(const std::string& kind, const std::string& id) const;
  // Every detail string sent for `id`, in order.
  std::vector<std::string> details(const std::string& id) const;
  std::vector<std::string> requests() const;

 private:
  long call(const std::string& method, const std::string& path, const std::string& body,
            std::string& answer) const;
  std::unique_ptr<TempDir> dir_;
  std::unique_ptr<Child> child_;
  std::string url_;
  std::string ca_file_;
};

}  // namespace shelfnode::testing
