// <root>/ota/hawkbit.json: the client's memory between polls, written atomically.
#include <cjson/cJSON.h>

#include <cerrno>
#include <cstring>

#include "shelfnode/core/atomic_file.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/read_file.h"
#include "shelfnode/ota/hawkbit/hawkbit_state.h"

namespace shelfnode::ota::hawkbit {
namespace {

struct TextField {
  const char* name;
  std::string HawkbitState::*member;
};
constexpr TextField kText[] = {
    {"action_id", &HawkbitState::action_id},
    {"stage", &HawkbitState::stage},
    {"finished_action_id", &HawkbitState::finished_action_id},
    {"finished_result", &HawkbitState::finished_result},
    {"finished_detail", &HawkbitState::finished_detail},
    {"last_feedback", &HawkbitState::last_feedback},
    {"last_feedback_result", &HawkbitState::last_feedback_result},
    {"config_sent_for", &HawkbitState::config_sent_for},
    {"last_error", &HawkbitState::last_error},
};

}  // namespace

std::string hawkbit_state_json(const HawkbitState& state) {
  JsonPtr root(cJSON_CreateObject());
  cJSON_AddNumberToObject(root.get(), "format", 1);
  cJSON_AddNumberToObject(root.get(), "last_poll_ms", static_cast<double>(state.last_poll_ms));
  cJSON_AddNumberToObject(root.get(), "next_poll_ms", static_cast<double>(state.next_poll_ms));
  for (const TextField& f : kText) cJSON_AddStringToObject(root.get(), f.name, (state.*f.member).c_str());
  return to_json_pretty(root.get()) + "\n";
}

Result<HawkbitState> load_hawkbit_state(const std::string& path) {
  std::string text;
  if (const int err = read_whole_file(path, text); err != 0) {
    if (err == ENOENT) return HawkbitState{};
    return io_error("cannot read " + path + ": " + std::strerror(err));
  }
  const std::string fix = ": delete it to start over (the next poll asks hawkBit again)";
  Result<JsonPtr> parsed = parse_json_text(text);
  if (!parsed.ok()) return bad_data(path + ": " + parsed.status().message() + fix);
  const cJSON* root = parsed->get();
  if (!cJSON_IsObject(root)) return bad_data(path + ": not a JSON object" + fix);
  HawkbitState state;
  for (const char* name : {"last_poll_ms", "next_poll_ms"}) {
    Result<std::optional<std::int64_t>> v = whole_number_at(root, name, 0, kMaxExactJsonInt);
    if (!v.ok()) return bad_data(path + ": " + v.status().message() + fix);
    (std::strcmp(name, "last_poll_ms") == 0 ? state.last_poll_ms : state.next_poll_ms) =
        v->value_or(0);
  }
  for (const TextField& f : kText) state.*f.member = text_at(root, f.name);
  return state;
}

Status save_hawkbit_state(const std::string& path, const HawkbitState& state) {
  return write_file_atomically(path, hawkbit_state_json(state), 0644);
}

}  // namespace shelfnode::ota::hawkbit
