#pragma once

// `shelfnode daemon` through the real binaries (shelfnode execs shelfnoded), with a fake
// systemd notify socket, pseudo-terminal scanners and, for rounds, the emulator of the sync
// tests (sync_cli_fixture.h).

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "integration/sync_cli/sync_cli_fixture.h"
#include "shelfnode/platform/unique_fd.h"
#include "support/pty.h"

namespace shelfnode::daemon_test {

namespace support = shelfnode::testing;
using sync_cli_test::contains;
using sync_cli_test::describe;

// What systemd would receive: an AF_UNIX datagram socket named by NOTIFY_SOCKET.
class FakeNotifySocket {
 public:
  explicit FakeNotifySocket(const std::string& path) : path_(path) {
    fd_.reset(socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0));
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
    EXPECT_EQ(bind(fd_.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  }
  const std::string& path() const { return path_; }
  // The next datagram, or "" after `timeout_ms`.
  std::string next(int timeout_ms) {
    pollfd p{fd_.get(), POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return "";
    char buf[4096];
    const ssize_t n = recv(fd_.get(), buf, sizeof buf, 0);
    return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : "";
  }
  // Waits until a datagram contains `what`; everything received on the way goes to `seen`.
  bool wait_for(const std::string& what, int timeout_ms, std::string* seen = nullptr) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (std::chrono::steady_clock::now() < end) {
      const int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            end - std::chrono::steady_clock::now())
                                            .count());
      const std::string m = next(std::max(left, 1));
      if (seen != nullptr && !m.empty()) *seen += m + "\n";
      if (contains(m, what)) return true;
    }
    return false;
  }

 private:
  std::string path_;
  platform::UniqueFd fd_;
};

class DaemonTest : public sync_cli_test::SyncCliTest {
 protected:
  // A data dir with warehouses shop, backroom (mapped) and depot, and the catalogue of the
  // sync tests' V1 site pulled (connected) or imported (offline).
  void offline_device() {
    for (const std::vector<std::string>& args :
         std::vector<std::vector<std::string>>{{"init"},
                                               {"warehouse", "add", "shop", "--mapped"},
                                               {"warehouse", "add", "backroom", "--mapped"}}) {
      const support::RunResult r = sn(args);
      ASSERT_EQ(r.exit_code, 0) << describe(r);
    }
    const support::RunResult r = sn({"catalog", "import", "/dev/stdin"},
                                    "sku,name,barcode\nMUG-1,Mug,4006381333931\nCAP-2,Cap,\n");
    ASSERT_EQ(r.exit_code, 0) << describe(r);
  }

  // config.json: `extra` fields (JSON members without the braces) and, when `scanners` is
  // not empty, that array. Keeps the wix object `connect` wrote.
  void write_config(const std::string& scanners, const std::string& sync = "") {
    std::string text = support::read_file(dir() + "/config.json");
    JsonPtr doc = parse_json(text.empty() ? "{}" : text);
    ASSERT_NE(doc, nullptr);
    cJSON_DeleteItemFromObject(doc.get(), "scanners");
    cJSON_DeleteItemFromObject(doc.get(), "sync");
    if (!scanners.empty())
      cJSON_AddItemToObject(doc.get(), "scanners", cJSON_Parse(scanners.c_str()));
    if (!sync.empty()) cJSON_AddItemToObject(doc.get(), "sync", cJSON_Parse(sync.c_str()));
    support::write_file(dir() + "/config.json", to_json_text(doc.get()));
  }

  static std::string serial_scanner(const std::string& path, const std::string& warehouse,
                                    const std::string& mode, const std::string& name = "till") {
    return R"({"name":")" + name + R"(","source":"serial:)" + path + R"(","warehouse":")" +
           warehouse + R"(","mode":")" + mode + R"("})";
  }

  // Starts the daemon with NOTIFY_SOCKET (and WATCHDOG_USEC when given) and waits for READY.
  void start_daemon(int watchdog_usec = 0) {
    notify_ = std::make_unique<FakeNotifySocket>(notify_dir_.file("notify"));
    std::vector<std::string> argv = {"env", "NOTIFY_SOCKET=" + notify_->path()};
    if (watchdog_usec > 0) argv.push_back("WATCHDOG_USEC=" + std::to_string(watchdog_usec));
    for (const std::string& a :
         {support::shelfnode_bin(), std::string("--data-dir"), dir(), std::string("daemon")}) {
      argv.push_back(a);
    }
    support::ChildSetup setup;
    setup.stderr_path = notify_dir_.file("daemon.log");
    daemon_ = std::make_unique<support::Child>(argv, setup);
    std::string seen;
    ASSERT_TRUE(notify_->wait_for("READY=1", 10000, &seen))
        << "no READY from the daemon; it said:\n"
        << seen << log();
  }

  std::string log() const { return support::read_file(notify_dir_.file("daemon.log")); }

  // Writes `scan` + CR LF into the scanner and waits for the daemon's reply line.
  std::string scan(support::Pty& scanner, const std::string& code, int timeout_ms = 10000) {
    scanner.write_all(code + "\r\n");
    std::string reply;
    EXPECT_TRUE(daemon_->read_line(reply, timeout_ms)) << "no reply to " << code << "\n" << log();
    return reply;
  }

  std::int64_t movements() {
    const support::RunResult r = sn({"status", "--json"});
    JsonPtr st = parse_json(r.out);
    return st ? sync_cli_test::int_of(st.get(), "movements") : -1;
  }

  JsonPtr status_json() {
    const support::RunResult r = sn({"status", "--json"});
    JsonPtr st = parse_json(r.out);
    EXPECT_NE(st, nullptr) << describe(r);
    return st;
  }

  support::TempDir notify_dir_;
  std::unique_ptr<FakeNotifySocket> notify_;
  std::unique_ptr<support::Child> daemon_;
};

}  // namespace shelfnode::daemon_test
