// ota status [--json]: the slots, what runs, the trial, the floor, the last rollback and
// refusal, and what the hawkBit client keeps (ROOT/ota/hawkbit.json), read only.
#include <cstdio>

#include "cli/commands.h"
#include "shelfnode/core/clock.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ota/install_root.h"
#include "shelfnode/ota/ota_state.h"

namespace shelfnode::cli {
namespace {

struct OtaView {
  ota::InstallRoot root;
  std::string current;  // "" when `current` is broken
  std::string current_problem;
  std::vector<ota::SlotInfo> slots;
  ota::OtaState state;
  std::optional<ota::LastRefusal> refusal;
  JsonPtr hawkbit;  // null when there is no hawkbit.json
  std::string hawkbit_problem;
};

std::string when(std::int64_t ms) {
  return ms > 0 ? format_utc_ms(ms) : "unknown time";
}

void add_text(cJSON* o, const char* name, const std::string& value) {
  cJSON_AddItemToObject(o, name,
                        value.empty() ? cJSON_CreateNull() : cJSON_CreateString(value.c_str()));
}

JsonPtr to_json(const OtaView& v) {
  JsonPtr j(cJSON_CreateObject());
  add_text(j.get(), "install_root", v.root.dir);
  add_text(j.get(), "current", v.current);
  if (!v.current_problem.empty()) add_text(j.get(), "current_problem", v.current_problem);
  cJSON* slots = cJSON_AddArrayToObject(j.get(), "slots");
  for (const ota::SlotInfo& s : v.slots) {
    cJSON* o = cJSON_CreateObject();
    add_text(o, "name", s.name);
    add_text(o, "version", s.version ? s.version->to_string() : "");
    cJSON_AddBoolToObject(o, "complete", s.complete);
    if (!s.problem.empty()) add_text(o, "problem", s.problem);
    cJSON_AddBoolToObject(o, "current", s.name == v.current);
    cJSON_AddBoolToObject(o, "good", s.name == v.state.good);
    cJSON_AddItemToArray(slots, o);
  }
  add_text(j.get(), "good", v.state.good);
  add_text(j.get(), "previous_good", v.state.previous_good);
  add_text(j.get(), "floor", v.state.floor ? v.state.floor->to_string() : "");
  if (v.state.trial) {
    cJSON* t = cJSON_AddObjectToObject(j.get(), "trial");
    add_text(t, "slot", v.state.trial->slot);
    add_text(t, "previous", v.state.trial->previous);
    add_text(t, "version", v.state.trial->version.to_string());
    cJSON_AddNumberToObject(t, "budget", ota::kBootBudget);
    cJSON_AddNumberToObject(t, "budget_left", v.state.trial->budget_left);
    add_text(t, "installed_at", when(v.state.trial->installed_ms));
  } else {
    cJSON_AddNullToObject(j.get(), "trial");
  }
  if (v.state.last_rollback) {
    const ota::Rollback& r = *v.state.last_rollback;
    cJSON* o = cJSON_AddObjectToObject(j.get(), "last_rollback");
    add_text(o, "from", r.from);
    add_text(o, "to", r.to);
    add_text(o, "version", r.version);
    add_text(o, "reason", r.reason);
    add_text(o, "at", when(r.at_ms));
  } else {
    cJSON_AddNullToObject(j.get(), "last_rollback");
  }
  if (v.refusal) {
    cJSON* o = cJSON_AddObjectToObject(j.get(), "last_refusal");
    add_text(o, "code", v.refusal->code);
    add_text(o, "message", v.refusal->message);
    add_text(o, "source", v.refusal->source);
    add_text(o, "at", when(v.refusal->at_ms));
  } else {
    cJSON_AddNullToObject(j.get(), "last_refusal");
  }
  if (v.hawkbit) {
    cJSON_AddItemToObject(j.get(), "hawkbit", cJSON_Duplicate(v.hawkbit.get(), 1));
  } else if (!v.hawkbit_problem.empty()) {
    cJSON* o = cJSON_AddObjectToObject(j.get(), "hawkbit");
    add_text(o, "problem", v.hawkbit_problem);
  } else {
    cJSON_AddNullToObject(j.get(), "hawkbit");
  }
  return j;
}

void print_text(const OtaView& v) {
  std::printf("install root: %s\n", printable(v.root.dir).c_str());
  if (v.current.empty()) {
    std::printf("current: broken (%s): the next boot check repairs it\n",
                printable(v.current_problem).c_str());
  }
  for (const ota::SlotInfo& s : v.slots) {
    std::string notes;
    if (s.name == v.current) notes += ", current";
    if (s.name == v.state.good) notes += ", good";
    if (v.state.trial && v.state.trial->slot == s.name) notes += ", in trial";
    std::printf("  %-8s %-12s %s%s\n", s.name.c_str(),
                s.version ? printable(s.version->to_string()).c_str() : "-",
                s.complete ? "whole" : printable(s.problem).c_str(), notes.c_str());
  }
  if (v.state.trial) {
    std::printf("trial: slot %s (%s), %d of %d starts left, goes back to %s if it fails\n",
                v.state.trial->slot.c_str(), v.state.trial->version.to_string().c_str(),
                v.state.trial->budget_left, ota::kBootBudget, v.state.trial->previous.c_str());
  } else {
    std::printf("trial: none\n");
  }
  std::printf("floor: %s\n", v.state.floor ? v.state.floor->to_string().c_str()
                                           : "none (no slot marked good yet)");
  if (v.state.last_rollback) {
    const ota::Rollback& r = *v.state.last_rollback;
    std::printf("last rollback: %s from %s%s to %s: %s\n", when(r.at_ms).c_str(), r.from.c_str(),
                r.version.empty() ? "" : (" (" + printable(r.version) + ")").c_str(), r.to.c_str(),
                printable(r.reason).c_str());
  }
  if (v.refusal) {
    std::printf("last refusal: %s %s (%s): %s\n", when(v.refusal->at_ms).c_str(),
                printable(v.refusal->code).c_str(), printable(v.refusal->source).c_str(),
                printable(v.refusal->message).c_str());
  }
  if (v.hawkbit) {
    std::printf("hawkbit: %s\n", printable(to_json_text(v.hawkbit.get())).c_str());
  } else if (!v.hawkbit_problem.empty()) {
    std::printf("hawkbit: %s\n", printable(v.hawkbit_problem).c_str());
  }
}

}  // namespace

int run_ota_status(App& /*app*/, const Args& args) {
  OtaView v;
  v.root = ota::install_root_from(args.get("install-root"));
  Result<ota::OtaState> state = ota::read_state(v.root);
  if (!state.ok()) {
    return fail(
        state.status().with_context("the OTA state (the next `shelfnode ota boot-check` "
                                    "sets it aside and starts again from factory)"));
  }
  v.state = std::move(state).value();
  Result<std::string> current = ota::current_slot(v.root);
  if (current.ok()) {
    v.current = *current;
  } else {
    v.current_problem = current.status().message();
  }
  for (const char* slot : {ota::kFactorySlot, "a", "b"}) {
    v.slots.push_back(ota::inspect_slot(v.root, slot));
  }
  Result<std::optional<ota::LastRefusal>> refusal = ota::read_last_refusal(v.root);
  if (refusal.ok()) v.refusal = *refusal;
  Result<JsonPtr> hawkbit = ota::read_hawkbit_json(v.root);
  if (hawkbit.ok()) {
    v.hawkbit = std::move(hawkbit).value();
  } else {
    v.hawkbit_problem = hawkbit.status().message();
  }
  if (args.json()) {
    std::printf("%s\n", to_json_pretty(to_json(v).get()).c_str());
  } else {
    print_text(v);
  }
  return 0;
}

}  // namespace shelfnode::cli
