#include "shelfnode/ota/health_report.h"

#include "shelfnode/core/atomic_file.h"
#include "shelfnode/core/json.h"
#include "small_file.h"

namespace shelfnode::ota {

std::string health_report_path(const std::string& data_dir) {
  return data_dir + "/ota-health.json";
}

std::optional<HealthReport> read_health_report(const std::string& data_dir) {
  Result<SmallFile> file = read_small_file(health_report_path(data_dir), 64 * 1024, Links::kRefuse);
  if (!file.ok() || file->kind != FileKind::kRegular) return std::nullopt;
  return parse_health_report(file->bytes);
}

std::optional<HealthReport> parse_health_report(std::string_view text) {
  JsonPtr j = parse_json(text);
  if (!cJSON_IsObject(j.get())) return std::nullopt;
  HealthReport r;
  r.slot = text_at(j.get(), "slot");
  r.version = text_at(j.get(), "version");
  r.ok = bool_at(j.get(), "ok").value_or(false);
  r.reason = text_at(j.get(), "reason");
  Result<std::optional<std::int64_t>> at = whole_number_at(j.get(), "at_ms", 0, kMaxExactJsonInt);
  if (at.ok() && at->has_value()) r.at_ms = **at;
  return r;
}

Status write_health_report(const std::string& data_dir, const HealthReport& report) {
  JsonPtr j(cJSON_CreateObject());
  cJSON_AddItemToObject(j.get(), "slot", cJSON_CreateString(report.slot.c_str()));
  cJSON_AddItemToObject(j.get(), "version", cJSON_CreateString(report.version.c_str()));
  cJSON_AddItemToObject(j.get(), "ok", cJSON_CreateBool(report.ok));
  if (!report.reason.empty()) {
    cJSON_AddItemToObject(j.get(), "reason", cJSON_CreateString(report.reason.c_str()));
  }
  cJSON_AddItemToObject(j.get(), "at_ms", cJSON_CreateNumber(static_cast<double>(report.at_ms)));
  return write_file_atomically(health_report_path(data_dir), to_json_pretty(j.get()) + "\n", 0600);
}

}  // namespace shelfnode::ota
