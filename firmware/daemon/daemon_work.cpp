// The daemon's Wix work: when it is due (RoundSchedule), the worker that does it, its end.
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "daemon/daemon.h"
#include "daemon/daemon_internal.h"
#include "daemon/worker.h"
#include "shelfnode/core/logger.h"

namespace shelfnode::daemon {
namespace {

const char* work_name(RoundSchedule::Work w) {
  return w == RoundSchedule::Work::kCatalogPull ? "catalog_pull" : "sync";
}

void answer(int conn, const std::string& line) {
  const std::string text = line + "\n";
  (void)send(conn, text.data(), text.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

}  // namespace

void Daemon::start_work_if_due(Instant now) {
  if (running_ != nullptr || stopping_ || app_.config().wix.site_id.empty()) return;
  RoundSchedule::Work work = schedule_.due(now);
  if (work == RoundSchedule::Work::kNone) return;
  auto running = std::make_unique<Running>();
  std::vector<std::string> args;
  int out = STDOUT_FILENO, err = STDERR_FILENO;
  if (work == RoundSchedule::Work::kSync) {
    args = {"sync"};
    if (!askers_.empty()) {
      running->asker = std::move(askers_.front());
      askers_.erase(askers_.begin());
      args.insert(args.end(), running->asker->args.begin(), running->asker->args.end());
      out = running->asker->out.get();
      err = running->asker->err.get();
    }
  } else {
    args = {"catalog", "pull"};
  }
  // A scheduled round's summary is in the journal through its log lines; its stdout (the
  // summary for a person) is not kept.
  platform::UniqueFd devnull;
  if (running->asker == nullptr) {
    devnull.reset(open("/dev/null", O_WRONLY | O_CLOEXEC));
    out = devnull.get();
  }
  Result<Worker> worker = Worker::spawn(app_.paths().dir, args, out, err);
  if (!worker.ok()) {
    log_error("round.not_started", {{"why", worker.status().message()}});
    if (running->asker) {
      answer(running->asker->conn.get(), "refused " + std::to_string(worker.status().exit_code()) +
                                             " " + worker.status().message());
    }
    if (work == RoundSchedule::Work::kSync) {
      schedule_.sync_started(now);
      schedule_.sync_finished(now, 75);
    } else {
      schedule_.catalog_finished(now, 75);
    }
    return;
  }
  running->pid = worker->pid();
  running->work = work;
  running->started = now;
  running->started_ms = app_.clock().now_ms();
  if (work == RoundSchedule::Work::kSync) schedule_.sync_started(now);
  // Someone else is still waiting for a round of their own: the next one starts right after.
  if (!askers_.empty()) schedule_.asked();
  if (running->asker) answer(running->asker->conn.get(), "started " + std::to_string(running->pid));
  log_info("round.start", {{"work", work_name(work)},
                           {"pid", std::to_string(running->pid)},
                           {"asked", running->asker ? "yes" : "no"}});
  running_ = std::move(running);
}

void Daemon::reap_worker() {
  for (;;) {
    int wstatus = 0;
    const pid_t pid = waitpid(-1, &wstatus, WNOHANG);
    if (pid <= 0) return;
    if (running_ == nullptr || pid != running_->pid) continue;
    // Killed by a signal: cut short, which a round is built to survive; try again soon.
    const int code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 75;
    const Instant now = Clock::now();
    Last& last = running_->work == RoundSchedule::Work::kSync ? last_sync_ : last_catalog_;
    last.kind = work_name(running_->work);
    last.finished_ms = app_.clock().now_ms();
    last.exit_code = code;
    last.took_ms = last.finished_ms - running_->started_ms;
    if (running_->work == RoundSchedule::Work::kSync) {
      schedule_.sync_finished(now, code);
      refresh_queue_depth();
    } else {
      schedule_.catalog_finished(now, code);
    }
    if (running_->asker) answer(running_->asker->conn.get(), "exit " + std::to_string(code));
    const std::string signal = WIFSIGNALED(wstatus) ? std::to_string(WTERMSIG(wstatus)) : "-";
    logger().log(code == 0 ? LogLevel::kInfo : LogLevel::kWarn, "round.end",
                 {{"work", last.kind},
                  {"exit", std::to_string(code)},
                  {"signal", signal},
                  {"ms", std::to_string(last.took_ms)}});
    running_.reset();
  }
}

}  // namespace shelfnode::daemon

namespace shelfnode::daemon {

// A round cut by SIGTERM is safe (sync survives kill -9 at any point), but the daemon waits
// for the worker to go so that systemd sees one orderly stop, not an orphan.
void Daemon::stop_worker() {
  if (running_ == nullptr) return;
  const pid_t pid = running_->pid;
  kill(pid, SIGTERM);
  log_info("round.stopped", {{"pid", std::to_string(pid)}});
  for (int waited_ms = 0; waited_ms < 5000; waited_ms += 10) {
    int wstatus = 0;
    if (waitpid(pid, &wstatus, WNOHANG) == pid) break;
    if (waited_ms + 10 >= 5000) {
      kill(pid, SIGKILL);
      (void)waitpid(pid, &wstatus, 0);
      break;
    }
    usleep(10'000);
  }
  if (running_->asker) answer(running_->asker->conn.get(), "exit 75");
  running_.reset();
}

}  // namespace shelfnode::daemon
