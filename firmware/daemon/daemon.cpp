#include "daemon/daemon.h"

#include <poll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>

#include "daemon/control_socket.h"
#include "daemon/daemon_internal.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/plural.h"

namespace shelfnode::daemon {
namespace {

// How long the scanners must be quiet before the WAL is checkpointed: longer than the gaps
// inside a burst, far shorter than a clerk's pause between two items (as `scan`).
constexpr Millis kIdleCheckpoint{100};
// SIGTERM waits this long at most for a scan that is half read (its gap timer) to complete.
constexpr Millis kDrainLimit{2'000};

Result<platform::UniqueFd> block_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (int s : {SIGTERM, SIGINT, SIGHUP, SIGCHLD}) sigaddset(&set, s);
  if (sigprocmask(SIG_BLOCK, &set, nullptr) != 0) {
    return internal_error(std::string("sigprocmask: ") + std::strerror(errno));
  }
  platform::UniqueFd fd(signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
  if (!fd.valid()) return internal_error(std::string("signalfd: ") + std::strerror(errno));
  // A client gone before its answer must not kill the daemon.
  std::signal(SIGPIPE, SIG_IGN);
  return fd;
}

Result<platform::UniqueFd> listen_on(const std::string& path) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    return config_error("the data dir's path is too long for the control socket " + path +
                        " (at most " + std::to_string(sizeof addr.sun_path - 1) +
                        " bytes): use a shorter --data-dir");
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  platform::UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return io_error(std::string("socket: ") + std::strerror(errno));
  // We hold the daemon lock, so a socket file left here is a dead daemon's.
  ::unlink(path.c_str());
  // Created 0600 from the start (no window in which another user could connect).
  const mode_t old = umask(0177);
  const int rc = bind(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
  umask(old);
  if (rc != 0 || listen(fd.get(), 16) != 0) {
    return io_error("cannot listen on " + path + ": " + std::strerror(errno));
  }
  return fd;
}

}  // namespace

int ms_until(Instant at, Instant now) {
  if (at <= now) return 0;
  const auto wait = std::chrono::ceil<Millis>(at - now).count();
  return static_cast<int>(std::min<decltype(wait)>(wait, 3'600'000));
}

Daemon::Daemon(cli::App& app)
    : app_(app),
      notifier_(platform::Notifier::from_environment()),
      config_watch_(app.paths().config()),
      // Seeded per process and start time: devices of one shop back from one outage differ.
      schedule_(
          schedule_settings(), Clock::now(),
          static_cast<std::uint64_t>(getpid()) ^ static_cast<std::uint64_t>(app.clock().now_ms())),
      started_(Clock::now()),
      started_ms_(app.clock().now_ms()) {}

Daemon::~Daemon() {
  ::unlink(socket_path(app_.paths()).c_str());
}

RoundSchedule::Settings Daemon::schedule_settings() const {
  const Config::Sync& s = app_.config().sync;
  RoundSchedule::Settings settings;
  settings.interval = Millis(std::int64_t{s.interval_seconds} * 1000);
  settings.settle = Millis(std::int64_t{s.settle_seconds} * 1000);
  settings.catalog_interval = Millis(std::int64_t{s.catalog_interval_seconds} * 1000);
  settings.backoff_base = std::min(settings.interval, Millis(5'000));
  // Not connected: no Wix work at all until a reload says otherwise.
  return settings;
}

Status Daemon::build_slots(const Config& config, std::vector<std::unique_ptr<ScannerSlot>>& out) {
  int index = 0;
  for (const Config::Scanner& entry : config.scanners) {
    Result<std::unique_ptr<ScannerSlot>> slot = ScannerSlot::create(app_, config, entry, index++);
    if (!slot.ok()) return slot.status();
    out.push_back(std::move(slot).value());
  }
  return Status::Ok();
}

Status Daemon::start() {
  Result<platform::UniqueFd> signals = block_signals();
  if (!signals.ok()) return signals.status();
  signals_ = std::move(signals).value();
  SHELFNODE_RETURN_IF_ERROR(build_slots(app_.config(), slots_));
  for (auto& slot : slots_) SHELFNODE_RETURN_IF_ERROR(slot->start());
  Result<platform::UniqueFd> listener = listen_on(socket_path(app_.paths()));
  if (!listener.ok()) return listener.status();
  listener_ = std::move(listener).value();
  SHELFNODE_RETURN_IF_ERROR(config_watch_.start());
  // Every commit of the daemon's scans then overwrites the WAL in place and syncs it once.
  app_.db().defer_checkpoints();
  app_.prepare_wal();
  if (notifier_.watchdog_interval()) {
    watchdog_at_ =
        Clock::now() + std::chrono::duration_cast<Millis>(*notifier_.watchdog_interval() / 2);
  }
  return Status::Ok();
}

Status Daemon::run() {
  SHELFNODE_RETURN_IF_ERROR(start());
  std::int64_t attached = 0;
  for (const auto& slot : slots_) attached += slot->attached() ? 1 : 0;
  log_info("daemon.ready",
           {{"pid", std::to_string(getpid())},
            {"scanners", std::to_string(slots_.size())},
            {"attached", std::to_string(attached)},
            {"wix", app_.config().wix.site_id.empty() ? "not connected" : "connected"}});
  if (on_ready_) on_ready_();
  (void)notifier_.ready("starting");
  // After READY (at 100k managed SKUs it reads them all): STATUS then names the queue.
  refresh_queue_depth();
  say_status();
  while (!stopping_) SHELFNODE_RETURN_IF_ERROR(loop_once());
  drain_and_stop();
  return Status::Ok();
}

int Daemon::timeout_ms(Instant now) const {
  std::optional<Instant> next;
  auto consider = [&](std::optional<Instant> at) {
    if (at && (!next || *at < *next)) next = at;
  };
  for (const auto& slot : slots_) {
    consider(slot->source().deadline());
    consider(slot->feedback().deadline());
    if (!slot->pending().empty()) consider(now);
  }
  consider(checkpoint_at_);
  consider(watchdog_at_);
  if (running_ == nullptr && !app_.config().wix.site_id.empty()) consider(schedule_.next_due());
  return next ? ms_until(*next, now) : -1;
}

Status Daemon::loop_once() {
  enum Kind { kSignal, kListener, kConfig, kReader, kAsker, kSource };
  struct Owner {
    Kind kind;
    std::size_t index;
  };
  std::vector<pollfd> polled;
  std::vector<Owner> owners;
  auto watch = [&](int fd, Kind kind, std::size_t index) {
    polled.push_back(pollfd{fd, POLLIN, 0});
    owners.push_back(Owner{kind, index});
  };
  watch(signals_.get(), kSignal, 0);
  watch(listener_.get(), kListener, 0);
  watch(config_watch_.fd(), kConfig, 0);
  for (std::size_t i = 0; i < readers_.size(); ++i) watch(readers_[i].get(), kReader, i);
  for (std::size_t i = 0; i < askers_.size(); ++i) watch(askers_[i]->conn.get(), kAsker, i);
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    for (int fd : slots_[i]->source().fds()) watch(fd, kSource, i);
  }
  const int n = poll(polled.data(), polled.size(), timeout_ms(Clock::now()));
  if (n < 0 && errno != EINTR) return io_error(std::string("poll: ") + std::strerror(errno));
  std::vector<int> done_readers;
  std::vector<std::size_t> gone_askers;
  for (std::size_t i = 0; n > 0 && i < polled.size(); ++i) {
    if (polled[i].revents == 0) continue;
    const Owner& o = owners[i];
    switch (o.kind) {
      case kSignal:
        on_signal();
        break;
      case kListener:
        on_accept();
        break;
      case kConfig: {
        Result<bool> changed = config_watch_.on_readable();
        if (changed.ok() && *changed) {
          log_info("config.changed", {{"path", app_.paths().config()}});
          reload_asked_ = true;
        }
        break;
      }
      case kReader:
        done_readers.push_back(polled[i].fd);
        break;
      case kAsker:
        gone_askers.push_back(o.index);
        break;
      case kSource: {
        ScannerSlot& slot = *slots_[o.index];
        Status s = slot.source().on_readable(polled[i].fd, slot.pending());
        if (!s.ok())
          log_error("scanner.failed", {{"scanner", slot.entry().name}, {"why", s.message()}});
        break;
      }
    }
  }
  const Instant now = Clock::now();
  for (auto& slot : slots_) {
    const std::optional<Instant> due = slot->source().deadline();
    if (due && *due <= now) (void)slot->source().on_deadline(now, slot->pending());
  }
  commit_pending(now);
  for (auto& slot : slots_) {
    const std::optional<Instant> due = slot->feedback().deadline();
    const Instant at = Clock::now();
    if (due && *due <= at) (void)slot->feedback().on_deadline(at);
  }
  for (int fd : done_readers) on_request(fd);
  std::sort(gone_askers.rbegin(), gone_askers.rend());
  for (std::size_t i : gone_askers) on_asker_hangup(i);
  checkpoint_if_idle(Clock::now());
  if (reload_asked_) reload();
  start_work_if_due(Clock::now());
  if (watchdog_at_ && *watchdog_at_ <= Clock::now()) {
    (void)notifier_.watchdog();
    watchdog_at_ =
        Clock::now() + std::chrono::duration_cast<Millis>(*notifier_.watchdog_interval() / 2);
  }
  say_status();
  return Status::Ok();
}

void Daemon::commit_pending(Instant now) {
  bool booked = false;
  for (auto& slot : slots_) {
    if (slot->pending().empty()) continue;
    Status worst;
    if (slot->commit(worst) > 0) booked = true;
    if (!worst.ok() && worst.code() != Code::kBadData && worst.code() != Code::kNotFound) {
      log_error("scan.storage", {{"scanner", slot->entry().name}, {"why", worst.message()}});
    }
  }
  if (!booked) return;
  schedule_.scanned(now);
  checkpoint_at_ = now + kIdleCheckpoint;
}

void Daemon::checkpoint_if_idle(Instant now) {
  if (!checkpoint_at_) return;
  const store::CheckpointNeed need = app_.db().checkpoint_need();
  if (need == store::CheckpointNeed::kNone) {
    checkpoint_at_.reset();
    return;
  }
  bool busy = false;
  for (const auto& slot : slots_) busy = busy || slot->source().deadline().has_value();
  if (need == store::CheckpointNeed::kWhenIdle && (busy || *checkpoint_at_ > now)) {
    if (busy) checkpoint_at_ = now + kIdleCheckpoint;
    return;
  }
  app_.checkpoint_wal();
  checkpoint_at_.reset();
}

void Daemon::on_signal() {
  signalfd_siginfo info{};
  while (read(signals_.get(), &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
    switch (info.ssi_signo) {
      case SIGTERM:
      case SIGINT:
        log_info("daemon.stopping", {{"signal", info.ssi_signo == SIGTERM ? "TERM" : "INT"}});
        stopping_ = true;
        break;
      case SIGHUP:
        reload_asked_ = true;
        break;
      case SIGCHLD:
        reap_worker();
        break;
      default:
        break;
    }
  }
}

// SIGTERM: what the scanners already sent is booked and answered (a scan half read gets its
// gap timer, at most kDrainLimit), a running worker is stopped (a round is safe to cut
// anywhere: sync's own kill -9 tests), then STOPPING and exit 0.
void Daemon::drain_and_stop() {
  (void)notifier_.stopping();
  const Instant limit = Clock::now() + kDrainLimit;
  for (;;) {
    std::vector<pollfd> polled;
    std::vector<std::size_t> owner;
    std::optional<Instant> next;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      for (int fd : slots_[i]->source().fds()) {
        polled.push_back(pollfd{fd, POLLIN, 0});
        owner.push_back(i);
      }
      const std::optional<Instant> d = slots_[i]->source().deadline();
      if (d && (!next || *d < *next)) next = d;
    }
    const Instant now = Clock::now();
    const int wait = next && *next < limit ? ms_until(*next, now) : 0;
    const int n = poll(polled.data(), polled.size(), wait);
    for (std::size_t i = 0; n > 0 && i < polled.size(); ++i) {
      if (polled[i].revents != 0) {
        (void)slots_[owner[i]]->source().on_readable(polled[i].fd, slots_[owner[i]]->pending());
      }
    }
    const Instant after = Clock::now();
    for (auto& slot : slots_) {
      const std::optional<Instant> d = slot->source().deadline();
      if (d && *d <= after) (void)slot->source().on_deadline(after, slot->pending());
    }
    commit_pending(after);
    if (after >= limit || (n <= 0 && (!next || *next >= limit))) break;
  }
  stop_worker();
  std::int64_t acknowledged = 0, refused = 0;
  for (const auto& slot : slots_) {
    acknowledged += slot->acknowledged();
    refused += slot->refused();
  }
  app_.checkpoint_wal();
  log_info("daemon.stopped",
           {{"acknowledged", std::to_string(acknowledged)}, {"refused", std::to_string(refused)}});
}

}  // namespace shelfnode::daemon
