#include "fault/sync_property/killed_sync.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "fault/sync_property/wix_log.h"

namespace shelfnode::sync_property {
namespace {

void sleep_ms(std::int64_t ms) {
  if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

const cJSON* member(const cJSON* o, const char* name) {
  return cJSON_GetObjectItemCaseSensitive(o, name);
}

}  // namespace

std::int64_t wall_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::map<std::string, LatencyFault> pending_latency(testing::EmulatorAdmin& admin) {
  std::map<std::string, LatencyFault> out;
  std::string why;
  JsonPtr doc = admin.json("GET", "/_emulator/faults", "", why);
  const cJSON* f = nullptr;
  cJSON_ArrayForEach(f, member(doc.get(), "faults")) {
    const cJSON* kind = member(f, "kind");
    if (!cJSON_IsString(kind) || std::string(kind->valuestring) != "latency") continue;
    out[member(f, "id")->valuestring] = {member(f, "remaining")->valueint,
                                         member(f, "ms")->valueint};
  }
  return out;
}

void settle_after_kill(testing::EmulatorAdmin& admin, std::int64_t kill_ms,
                       const std::map<std::string, LatencyFault>& before,
                       std::int64_t since_request, std::int64_t since_write) {
  const std::map<std::string, LatencyFault> now = pending_latency(admin);
  int used_ms = 0;
  for (const auto& [id, fault] : before) {
    auto it = now.find(id);
    if (it == now.end() || it->second.remaining < fault.remaining) {
      used_ms = std::max(used_ms, fault.ms);
    }
  }
  if (used_ms > 0) sleep_ms(kill_ms + used_ms + 30 - wall_ms());
  std::int64_t seen = last_request_id(admin, since_request, since_write);
  for (int i = 0; i < 40; ++i) {
    sleep_ms(20);
    const std::int64_t again = last_request_id(admin, since_request, since_write);
    if (again == seen) return;
    seen = again;
  }
}

}  // namespace shelfnode::sync_property
