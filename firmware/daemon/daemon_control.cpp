// The daemon's control socket (control_socket.h), what it tells `status` and systemd, and
// config reload (SIGHUP).
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <string_view>
#include <vector>

#include "daemon/control_socket.h"
#include "daemon/daemon.h"
#include "daemon/daemon_internal.h"
#include "shelfnode/core/clock.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/sync/status.h"

namespace shelfnode::daemon {
namespace {

// Readers that never send their line are dropped beyond this many (each is an fd).
constexpr std::size_t kMaxReaders = 32;
constexpr std::size_t kMaxAskers = 16;

void answer(int conn, const std::string& line) {
  const std::string text = line + "\n";
  (void)send(conn, text.data(), text.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
}

// "refused CODE WHY": the asker exits with CODE, as if it had met the problem itself.
void refuse(int conn, const Status& why) {
  answer(conn, "refused " + std::to_string(why.exit_code()) + " " + why.message());
}

// `sync`'s options that a round through the daemon may carry; anything else is refused.
bool sync_option(const std::string& word) {
  return word == "--json" || word == "--reconcile" || word == "--retry-parked";
}

// The request's words, split at blanks as `>>` would (space, tab, CR, LF, VT, FF); no
// iostreams in the binary (README "Build profiles").
std::vector<std::string> words_of(std::string_view line) {
  constexpr std::string_view kBlanks = " \t\r\n\v\f";
  std::vector<std::string> words;
  for (std::size_t at = line.find_first_not_of(kBlanks); at != std::string_view::npos;) {
    const std::size_t end = line.find_first_of(kBlanks, at);
    words.emplace_back(line.substr(at, end == std::string_view::npos ? end : end - at));
    at = line.find_first_not_of(kBlanks, end);
  }
  return words;
}

}  // namespace

void Daemon::on_accept() {
  for (;;) {
    platform::UniqueFd conn(accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!conn.valid()) return;
    if (readers_.size() >= kMaxReaders) readers_.erase(readers_.begin());
    readers_.push_back(std::move(conn));
  }
}

void Daemon::on_request(int fd) {
  auto it = std::find_if(readers_.begin(), readers_.end(),
                         [fd](const platform::UniqueFd& r) { return r.get() == fd; });
  if (it == readers_.end()) return;
  platform::UniqueFd conn = std::move(*it);
  readers_.erase(it);
  std::vector<platform::UniqueFd> fds;
  Result<std::string> line = receive_request(conn.get(), fds);
  if (!line.ok()) {
    refuse(conn.get(), line.status());
    return;
  }
  const std::vector<std::string> words = words_of(*line);
  const std::string verb = words.empty() ? std::string() : words.front();
  if (verb == "status") {
    answer(conn.get(), status_json(Clock::now()));
    return;
  }
  if (verb != "sync") {
    refuse(conn.get(), usage_error("unknown request '" + printable(verb) + "' (status, sync)"));
    return;
  }
  auto asker = std::make_unique<Asker>();
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (!sync_option(word)) {
      refuse(conn.get(), usage_error("sync option '" + printable(word) +
                                     "' is not for a round through the daemon"));
      return;
    }
    asker->args.push_back(word);
  }
  if (fds.size() != 2) {
    refuse(conn.get(), usage_error("a sync request brings its stdout and stderr"));
    return;
  }
  if (app_.config().wix.site_id.empty()) {
    refuse(conn.get(),
           config_error("this device is not connected to Wix: run `shelfnode --data-dir " +
                        app_.paths().dir +
                        " connect --site-id SITE_ID --api-key-file FILE` first, "
                        "then `systemctl reload shelfnode` (or SIGHUP)"));
    return;
  }
  if (askers_.size() >= kMaxAskers || stopping_) {
    refuse(conn.get(), Status(Code::kTemporary,
                              stopping_ ? "the daemon is stopping: try again once it is back"
                                        : "too many rounds asked for: try again in a minute"));
    return;
  }
  asker->conn = std::move(conn);
  asker->out = std::move(fds[0]);
  asker->err = std::move(fds[1]);
  answer(asker->conn.get(), "queued");
  askers_.push_back(std::move(asker));
  schedule_.asked();
}

// A waiting asker's connection became readable: it sent more (not allowed) or hung up. Either
// way it no longer waits; the round it asked for is not needed for it.
void Daemon::on_asker_hangup(std::size_t index) {
  if (index < askers_.size()) askers_.erase(askers_.begin() + static_cast<std::ptrdiff_t>(index));
}

void Daemon::refresh_queue_depth() {
  Result<sync::SyncStatus> st = sync::sync_status(app_.db());
  if (st.ok()) queue_depth_ = st->queue_depth;
}

std::string Daemon::status_json(Instant now) const {
  JsonPtr root(cJSON_CreateObject());
  cJSON* r = root.get();
  cJSON_AddNumberToObject(r, "pid", getpid());
  cJSON_AddStringToObject(r, "started_at", format_utc_ms(started_ms_).c_str());
  cJSON_AddNumberToObject(
      r, "uptime_s",
      static_cast<double>(
          std::chrono::duration_cast<std::chrono::seconds>(now - started_).count()));
  cJSON_AddBoolToObject(r, "connected", !app_.config().wix.site_id.empty());
  cJSON* scanners = cJSON_AddArrayToObject(r, "scanners");
  for (const auto& slot : slots_) {
    cJSON* s = cJSON_CreateObject();
    cJSON_AddStringToObject(s, "name", slot->entry().name.c_str());
    cJSON_AddStringToObject(s, "source", slot->entry().source.c_str());
    cJSON_AddStringToObject(s, "warehouse", slot->entry().warehouse.c_str());
    cJSON_AddStringToObject(s, "mode", slot->entry().mode.c_str());
    cJSON_AddStringToObject(s, "state", slot->state());
    cJSON_AddNumberToObject(s, "acknowledged", static_cast<double>(slot->acknowledged()));
    cJSON_AddNumberToObject(s, "refused", static_cast<double>(slot->refused()));
    cJSON_AddItemToArray(scanners, s);
  }
  cJSON* round = cJSON_AddObjectToObject(r, "round");
  cJSON_AddBoolToObject(round, "running", running_ != nullptr);
  if (running_) {
    cJSON_AddStringToObject(round, "work",
                            running_->work == RoundSchedule::Work::kSync ? "sync" : "catalog_pull");
  }
  auto add_last = [&](const char* name, const Last& last) {
    if (last.exit_code < 0) {
      cJSON_AddNullToObject(round, name);
      return;
    }
    cJSON* o = cJSON_AddObjectToObject(round, name);
    cJSON_AddStringToObject(o, "finished_at", format_utc_ms(last.finished_ms).c_str());
    cJSON_AddNumberToObject(o, "exit", last.exit_code);
    cJSON_AddNumberToObject(o, "ms", static_cast<double>(last.took_ms));
  };
  add_last("last_sync", last_sync_);
  add_last("last_catalog_pull", last_catalog_);
  const std::int64_t now_ms = app_.clock().now_ms();
  auto at = [&](Instant when) {
    return format_utc_ms(now_ms + std::chrono::duration_cast<Millis>(when - now).count());
  };
  if (app_.config().wix.site_id.empty()) {
    cJSON_AddNullToObject(round, "next_sync");
  } else {
    cJSON_AddStringToObject(round, "next_sync", at(std::max(now, schedule_.next_sync())).c_str());
  }
  if (schedule_.next_catalog() && !app_.config().wix.site_id.empty()) {
    cJSON_AddStringToObject(round, "next_catalog_pull",
                            at(std::max(now, *schedule_.next_catalog())).c_str());
  } else {
    cJSON_AddNullToObject(round, "next_catalog_pull");
  }
  cJSON_AddNumberToObject(round, "failures", schedule_.failures());
  cJSON_AddNumberToObject(r, "waiting_askers", static_cast<double>(askers_.size()));
  if (!reload_problem_.empty())
    cJSON_AddStringToObject(r, "reload_refused", reload_problem_.c_str());
  return to_json_text(r);
}

// STATUS= for systemd: only when it changed, so an idle loop sends nothing.
void Daemon::say_status() {
  int attached = 0;
  for (const auto& slot : slots_) attached += slot->attached() ? 1 : 0;
  std::string text = slots_.empty() ? "no scanner configured (sync only)"
                                    : "scanners " + std::to_string(attached) + "/" +
                                          std::to_string(slots_.size()) + " attached";
  if (queue_depth_ >= 0) text += "; queue " + std::to_string(queue_depth_) + " SKUs";
  if (app_.config().wix.site_id.empty()) {
    text += "; not connected to Wix";
  } else if (running_) {
    text += running_->work == RoundSchedule::Work::kSync ? "; sync round running"
                                                         : "; catalog pull running";
  } else if (last_sync_.exit_code >= 0) {
    text += "; last round exit " + std::to_string(last_sync_.exit_code);
  }
  if (!reload_problem_.empty()) text += "; config reload refused";
  if (text == status_said_) return;
  status_said_ = text;
  (void)notifier_.status(text);
}

// SIGHUP: the config is read and checked before anything changes; a bad one is refused (the
// old one stays in force, and `status` says why). Scanners whose source is unchanged keep it,
// with anything half read; pending scans were booked before this runs (loop_once).
void Daemon::reload() {
  reload_asked_ = false;
  (void)notifier_.reloading();
  Result<Config> config = app_.read_config();
  Status s = config.status();
  // Step 1, nothing changed yet: each entry either keeps a running source (with the session
  // it will switch to) or gets a new, started slot.
  struct Planned {
    std::size_t kept = SIZE_MAX;  // index into slots_
    ScannerSlot::Rebinding rebinding;
    std::unique_ptr<ScannerSlot> fresh;
  };
  std::vector<Planned> plan;
  for (std::size_t i = 0; s.ok() && i < config->scanners.size(); ++i) {
    const Config::Scanner& entry = config->scanners[i];
    const int index = static_cast<int>(i);
    Planned p;
    for (std::size_t k = 0; k < slots_.size() && p.kept == SIZE_MAX; ++k) {
      if (slots_[k]->same_source(entry)) p.kept = k;
    }
    if (p.kept != SIZE_MAX) {
      Result<ScannerSlot::Rebinding> rebinding =
          slots_[p.kept]->prepare_rebind(app_, *config, entry, index);
      s = rebinding.status();
      if (s.ok()) p.rebinding = std::move(rebinding).value();
    } else {
      Result<std::unique_ptr<ScannerSlot>> slot = ScannerSlot::create(app_, *config, entry, index);
      s = slot.status();
      if (s.ok()) s = (*slot)->start();
      if (s.ok()) p.fresh = std::move(slot).value();
    }
    plan.push_back(std::move(p));
  }
  if (!s.ok()) {
    reload_problem_ = s.message();
    log_error("config.reload_refused", {{"why", s.message()}, {"kept", "the config in force"}});
  } else {
    // Step 2: the switch. Sources no entry names any more are closed.
    std::vector<std::unique_ptr<ScannerSlot>> next;
    for (std::size_t i = 0; i < plan.size(); ++i) {
      if (plan[i].fresh) {
        next.push_back(std::move(plan[i].fresh));
      } else {
        slots_[plan[i].kept]->rebind(config->scanners[i], std::move(plan[i].rebinding));
        next.push_back(std::move(slots_[plan[i].kept]));
      }
    }
    reload_problem_.clear();
    slots_ = std::move(next);
    app_.use_config(std::move(config).value());
    schedule_.set_settings(schedule_settings());
    log_info("config.reloaded", {{"scanners", std::to_string(slots_.size())}});
  }
  (void)notifier_.ready("reloaded");
  say_status();
}

}  // namespace shelfnode::daemon
