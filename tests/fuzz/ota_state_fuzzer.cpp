// ROOT/ota/state.json through parse_state, and DATA_DIR/ota-health.json through
// parse_health_report. The state is root's, but the boot check must never be led astray by a
// damaged one; the health report is written by the service's user and read by root.
// Invariants: a state refused is kBadData with a message; a state read names only real slots
// (a trial's slot is a or b, its budget 0..3) and reads back equal from the text it writes;
// a health report parses or is none, without a crash.

#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "shelfnode/ota/health_report.h"
#include "shelfnode/ota/ota_state.h"

namespace shelfnode::fuzz {
namespace {

bool same_version(const std::optional<ota::Semver>& a, const std::optional<ota::Semver>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (ota::compare_precedence(*a, *b) == 0 && a->build == b->build);
}

void check_names(const ota::OtaState& s) {
  FUZZ_CHECK(ota::is_slot_name(s.good));
  FUZZ_CHECK(s.previous_good.empty() || ota::is_slot_name(s.previous_good));
  if (s.trial) {
    FUZZ_CHECK(s.trial->slot == "a" || s.trial->slot == "b");
    FUZZ_CHECK(ota::is_slot_name(s.trial->previous));
    FUZZ_CHECK(s.trial->budget_left >= 0 && s.trial->budget_left <= ota::kBootBudget);
  }
}

void check_state(std::string_view text) {
  Result<ota::OtaState> s = ota::parse_state(text);
  if (!s.ok()) {
    FUZZ_CHECK(s.status().code() == Code::kBadData);
    FUZZ_CHECK_MESSAGE(s.status());
    return;
  }
  check_names(*s);
  Result<ota::OtaState> again = ota::parse_state(ota::state_text(*s));
  FUZZ_CHECK(again.ok());
  check_names(*again);
  FUZZ_CHECK(same_version(s->floor, again->floor));
  FUZZ_CHECK(s->good == again->good && s->previous_good == again->previous_good);
  FUZZ_CHECK(s->trial.has_value() == again->trial.has_value());
  if (s->trial) {
    FUZZ_CHECK(s->trial->slot == again->trial->slot);
    FUZZ_CHECK(s->trial->previous == again->trial->previous);
    FUZZ_CHECK(same_version(s->trial->version, again->trial->version));
    FUZZ_CHECK(s->trial->budget_left == again->trial->budget_left);
    FUZZ_CHECK(s->trial->installed_ms == again->trial->installed_ms);
    FUZZ_CHECK(s->trial->failed == again->trial->failed);
  }
  FUZZ_CHECK(s->last_rollback.has_value() == again->last_rollback.has_value());
  if (s->last_rollback) {
    FUZZ_CHECK(s->last_rollback->reason == again->last_rollback->reason);
    FUZZ_CHECK(s->last_rollback->at_ms == again->last_rollback->at_ms);
  }
}

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = shelfnode::fuzz::as_text(data, size);
  shelfnode::fuzz::check_state(text);
  (void)shelfnode::ota::parse_health_report(text);
  return 0;
}
