#include "pull/pull_state.h"

#include <cstdlib>

#include "pull/page_json.h"
#include "shelfnode/core/clock.h"
#include "shelfnode/core/json.h"

namespace shelfnode::pull {

Result<std::optional<PendingPull>> load_pending(store::Database& db) {
  Result<std::optional<std::string>> text = store::get_meta(db, kPendingKey);
  if (!text.ok()) return text.status();
  if (!text->has_value()) return std::optional<PendingPull>();
  JsonPtr root = parse_json(**text);
  PendingPull p;
  const std::string generation = text_at(root.get(), "generation");
  p.generation = std::strtoll(generation.c_str(), nullptr, 10);
  if (!root || p.generation <= 0) {
    // Unreadable state is not worth failing over: the pull starts again from scratch.
    return std::optional<PendingPull>();
  }
  p.full = bool_at(root.get(), "full").value_or(true);
  p.since = text_at(root.get(), "since");
  p.items_since = text_at(root.get(), "items_since");
  p.max_updated = text_at(root.get(), "max_updated");
  p.items_max_updated = text_at(root.get(), "items_max_updated");
  p.v1_after = text_at(root.get(), "v1_after");
  p.v3_items_phase = bool_at(root.get(), "v3_items_phase").value_or(false);
  return std::optional<PendingPull>(std::move(p));
}

Status save_pending(store::Database& db, const PendingPull& p) {
  JsonPtr root(cJSON_CreateObject());
  if (!root) return internal_error("out of memory saving the pull's position");
  cJSON_AddBoolToObject(root.get(), "full", p.full);
  // As text: a millisecond count does not survive a double's rounding in every reader.
  cJSON_AddStringToObject(root.get(), "generation", std::to_string(p.generation).c_str());
  cJSON_AddStringToObject(root.get(), "since", p.since.c_str());
  cJSON_AddStringToObject(root.get(), "items_since", p.items_since.c_str());
  cJSON_AddStringToObject(root.get(), "max_updated", p.max_updated.c_str());
  cJSON_AddStringToObject(root.get(), "items_max_updated", p.items_max_updated.c_str());
  cJSON_AddStringToObject(root.get(), "v1_after", p.v1_after.c_str());
  cJSON_AddBoolToObject(root.get(), "v3_items_phase", p.v3_items_phase);
  const std::string text = to_json_text(root.get());
  if (text.empty()) return internal_error("out of memory saving the pull's position");
  return store::set_meta(db, kPendingKey, text);
}

std::string next_since(const std::string& previous, const std::string& max_seen,
                       std::int64_t started_ms, std::int64_t margin_ms) {
  std::string candidate = format_utc_ms(started_ms - margin_ms);
  if (!max_seen.empty() && max_seen < candidate) candidate = max_seen;
  return previous > candidate ? previous : candidate;
}

}  // namespace shelfnode::pull
