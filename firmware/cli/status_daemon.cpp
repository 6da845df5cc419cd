#include "cli/status_daemon.h"

#include <cstdio>
#include <string>

#include "cli/daemon_client.h"
#include "cli/local_time.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/plural.h"
#include "shelfnode/core/printable.h"

namespace shelfnode::cli {
namespace {

std::string text_of(const cJSON* o, const char* name) {
  const cJSON* v = cJSON_GetObjectItemCaseSensitive(o, name);
  return cJSON_IsString(v) ? printable(v->valuestring) : std::string();
}

double number_of(const cJSON* o, const char* name) {
  const cJSON* v = cJSON_GetObjectItemCaseSensitive(o, name);
  return cJSON_IsNumber(v) ? v->valuedouble : -1;
}

std::string uptime_text(double seconds) {
  const long s = static_cast<long>(seconds);
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return std::to_string(s / 60) + " min";
  if (s < 86400) return std::to_string(s / 3600) + " h " + std::to_string(s % 3600 / 60) + " min";
  return std::to_string(s / 86400) + " d " + std::to_string(s % 86400 / 3600) + " h";
}

std::string last_text(const cJSON* round, const char* name, const char* label) {
  const cJSON* last = cJSON_GetObjectItemCaseSensitive(round, name);
  if (!cJSON_IsObject(last)) return std::string(label) + " not yet";
  return std::string(label) + " " + local_time_text(text_of(last, "finished_at")) + " exit " +
         std::to_string(static_cast<int>(number_of(last, "exit")));
}

}  // namespace

DaemonFacts DaemonFacts::read(const store::DataDirPaths& paths) {
  DaemonFacts f;
  f.pid_ = running_daemon(paths);
  if (f.pid_ == 0) return f;
  Result<std::string> answer = daemon_status(paths);
  if (!answer.ok()) {
    f.problem_ = answer.status().message();
    return f;
  }
  Result<JsonPtr> parsed = parse_json_text(*answer);
  if (!parsed.ok() || !cJSON_IsObject(parsed->get())) {
    f.problem_ = "the daemon's answer is not a JSON object";
    return f;
  }
  f.answer_ = parsed->release();
  return f;
}

DaemonFacts::~DaemonFacts() {
  cJSON_Delete(answer_);
}

DaemonFacts::DaemonFacts(DaemonFacts&& other) noexcept
    : pid_(other.pid_), answer_(other.answer_), problem_(std::move(other.problem_)) {
  other.answer_ = nullptr;
}

void DaemonFacts::add_json(cJSON* root) const {
  if (pid_ == 0) {
    cJSON_AddNullToObject(root, "daemon");
    return;
  }
  if (answer_ != nullptr) {
    cJSON_AddItemToObject(root, "daemon", cJSON_Duplicate(answer_, 1));
    return;
  }
  cJSON* d = cJSON_AddObjectToObject(root, "daemon");
  cJSON_AddNumberToObject(d, "pid", pid_);
  cJSON_AddStringToObject(d, "error", problem_.c_str());
}

void DaemonFacts::print_text() const {
  if (pid_ == 0) {
    std::printf(
        "daemon:       not running (`shelfnode daemon` reads the scanners and syncs "
        "unattended)\n");
    return;
  }
  if (answer_ == nullptr) {
    std::printf("daemon:       PID %d, not answering: %s\n", pid_, printable(problem_).c_str());
    return;
  }
  std::printf("daemon:       running, PID %d, up %s\n", pid_,
              uptime_text(number_of(answer_, "uptime_s")).c_str());
  const cJSON* scanners = cJSON_GetObjectItemCaseSensitive(answer_, "scanners");
  const int n = cJSON_GetArraySize(scanners);
  if (n == 0)
    std::printf("scanners:     none configured (sync only; add `scanners` to config.json)\n");
  int i = 0;
  const cJSON* s = nullptr;
  cJSON_ArrayForEach(s, scanners) {
    const std::string state = text_of(s, "state");
    std::printf(
        "%s%s (%s, %s into %s): %s, %s, %s\n", i++ == 0 ? "scanners:     " : "              ",
        text_of(s, "name").c_str(), text_of(s, "source").c_str(), text_of(s, "mode").c_str(),
        text_of(s, "warehouse").c_str(),
        state == "waiting" ? "waiting for the device" : state.c_str(),
        plural(static_cast<std::int64_t>(number_of(s, "acknowledged")), "scan").c_str(),
        (std::to_string(static_cast<long long>(number_of(s, "refused"))) + " refused").c_str());
  }
  const cJSON* round = cJSON_GetObjectItemCaseSensitive(answer_, "round");
  if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(answer_, "connected"))) {
    std::printf("rounds:       none (not connected to Wix)\n");
  } else {
    std::string text = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(round, "running"))
                           ? text_of(round, "work") + " running now; "
                           : std::string();
    text += last_text(round, "last_sync", "last sync") + "; next sync " +
            local_time_text(text_of(round, "next_sync"));
    const std::string catalog = text_of(round, "next_catalog_pull");
    if (!catalog.empty()) text += "; next catalog pull " + local_time_text(catalog);
    std::printf("rounds:       %s\n", text.c_str());
  }
  const std::string refused = text_of(answer_, "reload_refused");
  if (!refused.empty())
    std::printf("config:       the last reload was refused: %s\n", refused.c_str());
}

}  // namespace shelfnode::cli
