#pragma once

#include <sys/types.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/app.h"
#include "daemon/round_schedule.h"
#include "daemon/scanner_slot.h"
#include "shelfnode/platform/path_watch.h"
#include "shelfnode/platform/sd_notify.h"
#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::daemon {

// `shelfnode daemon`: one thread, one poll() loop over the scanners, the control socket, a
// signalfd and the running worker's exit, with the next deadline (a scanner's gap timer, the
// next round, an idle checkpoint, the watchdog) as its timeout. Idle, nothing wakes it but
// the watchdog (when systemd asks for one) and the schedule.
//
// Scans are booked here, in this process, as `shelfnode scan` books them; Wix work runs in a
// worker process (worker.h), so a round's network waits, retries and long pulls are never in
// the path of a scan: at most a short SQLite write lock is shared.
class Daemon {
 public:
  // `app` is open for writing with the daemon's lock held.
  explicit Daemon(cli::App& app);
  ~Daemon();

  // Starts the scanners (configured ones that are absent are waited for), listens on the
  // control socket, says READY, and runs until SIGTERM or SIGINT. A bad scanner entry at start
  // is a configuration error (78) naming the entry.
  Status run();
  // Called once, when the daemon is up (data dir open, migrated, config valid, scanners and
  // control socket started) and just before it tells systemd READY=1: its health check.
  void on_ready(std::function<void()> ready) { on_ready_ = std::move(ready); }

 private:
  struct Asker;  // a `shelfnode sync` waiting for its round
  struct Running;

  Status start();
  Status build_slots(const Config& config, std::vector<std::unique_ptr<ScannerSlot>>& out);
  Status loop_once();
  int timeout_ms(Instant now) const;
  void on_signal();
  void on_accept();
  void on_request(int fd);
  void on_asker_hangup(std::size_t index);
  void commit_pending(Instant now);
  void checkpoint_if_idle(Instant now);
  void start_work_if_due(Instant now);
  void reap_worker();
  void stop_worker();
  void refresh_queue_depth();
  void reload();
  void drain_and_stop();
  void say_status();
  std::string status_json(Instant now) const;
  RoundSchedule::Settings schedule_settings() const;

  cli::App& app_;
  platform::Notifier notifier_;
  platform::UniqueFd signals_;
  platform::UniqueFd listener_;
  // config.json replaced (as `connect` writes it: a new file renamed over the old): reloaded
  // as on SIGHUP, so a device connected while the daemon runs starts its rounds.
  platform::PathWatch config_watch_;
  std::vector<std::unique_ptr<ScannerSlot>> slots_;
  std::vector<platform::UniqueFd> readers_;  // connected, request not read yet
  std::vector<std::unique_ptr<Asker>> askers_;
  std::unique_ptr<Running> running_;
  std::function<void()> on_ready_;
  RoundSchedule schedule_;
  Instant started_;
  std::int64_t started_ms_ = 0;
  std::optional<Instant> checkpoint_at_;
  std::optional<Instant> watchdog_at_;
  bool stopping_ = false;
  bool reload_asked_ = false;
  // What the last finished work said, for `status`.
  struct Last {
    std::string kind;
    std::int64_t finished_ms = 0;
    int exit_code = -1;
    std::int64_t took_ms = 0;
  } last_sync_, last_catalog_;
  int queue_depth_ = -1;
  std::string reload_problem_;
  std::string status_said_;
};

}  // namespace shelfnode::daemon
