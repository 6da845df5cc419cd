#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "bench_support.h"
#include "notify_listener.h"
#include "shelfnode/core/json.h"

namespace shelfnode::bench {

// One run of the daemon as systemd would start it: $NOTIFY_SOCKET naming the benchmark's
// NotifyListener, stdin on /dev/null, stdout a pipe (the daemon writes a scan's reply line
// there after its commit), stderr (its log) to a file. The child is reaped with wait4() so
// that its ru_maxrss can be shown beside VmHWM. The destructor kills (SIGKILL) and reaps a
// child still running, by its PID.
class DaemonChild {
 public:
  DaemonChild() = default;
  ~DaemonChild();
  DaemonChild(const DaemonChild&) = delete;
  DaemonChild& operator=(const DaemonChild&) = delete;

  // Starts `argv` (argv[0] a path) with NOTIFY_SOCKET=notify.path() and `env` added (any
  // NOTIFY_SOCKET or WATCHDOG_* of our own environment is left out), then waits for READY=1.
  // `ready_us` is from just before posix_spawn() to the READY datagram's arrival. False with
  // `error` when it did not start or said nothing within `timeout_ms`.
  bool start(const std::vector<std::string>& argv, const std::vector<std::string>& env,
             NotifyListener& notify, const std::string& stderr_path, int timeout_ms,
             std::string& error);
  pid_t pid() const { return pid_; }
  double ready_us() const { return ready_us_; }
  // The PID that sent READY=1 (SCM_CREDENTIALS).
  pid_t ready_sender() const { return ready_sender_; }

  // One line of the daemon's stdout without its '\n'; false on timeout or end of output.
  bool read_line(std::string& line, int timeout_ms);

  // SIGTERM, then waits up to `timeout_ms` (SIGKILL after). The exit code (128 + signal).
  int stop(int timeout_ms);
  // wait4()'s ru_maxrss after stop(), KiB.
  long max_rss_kib() const { return max_rss_kib_; }

 private:
  bool fill(int timeout_ms);
  pid_t pid_ = -1;
  int out_fd_ = -1;
  bool reaped_ = false;
  double ready_us_ = 0;
  pid_t ready_sender_ = 0;
  long max_rss_kib_ = 0;
  std::string pending_;
};

// The daemon's own account over its control socket (`<data-dir>/shelfnode.sock`, request
// "status"): the object `shelfnode status --json` shows as "daemon". Asked directly rather
// than through `shelfnode status`, so that checking costs the daemon one request and the
// machine no process start. Null with `error` when it did not answer within `timeout_ms`.
JsonPtr ask_daemon_status(const std::string& data_dir, int timeout_ms, std::string& error);

// `.round.running` of a status answer.
bool round_running(const cJSON* status);
// Names the round running ("" when none): its work and when the last sync and the last
// catalog pull finished. Two answers with the same identity saw one round throughout: one
// that ended and a new one that started in between would have changed a finished_at.
std::string round_identity(const cJSON* status);

}  // namespace shelfnode::bench
