#include "daemon_devices.h"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <thread>

#include "daemon_child.h"
#include "shelfnode/core/json.h"

namespace shelfnode::bench {
namespace {

constexpr int kStepTimeoutMs = 60'000;
constexpr int kStatusTimeoutMs = 10'000;
constexpr std::chrono::milliseconds kPollPause{50};

cJSON* object_member(cJSON* parent, const char* name) {
  cJSON* o = cJSON_GetObjectItemCaseSensitive(parent, name);
  if (cJSON_IsObject(o)) return o;
  cJSON_DeleteItemFromObjectCaseSensitive(parent, name);
  return cJSON_AddObjectToObject(parent, name);
}

std::string last_text(const cJSON* round, const char* name) {
  const cJSON* last = cJSON_GetObjectItemCaseSensitive(round, name);
  const cJSON* code = cJSON_GetObjectItemCaseSensitive(last, "exit");
  const cJSON* ms = cJSON_GetObjectItemCaseSensitive(last, "ms");
  if (!cJSON_IsNumber(code) || !cJSON_IsNumber(ms)) return "";
  return "exit " + std::to_string(code->valueint) + " in " +
         std::to_string(static_cast<long>(ms->valuedouble)) + " ms";
}

}  // namespace

bool configure_daemon(const std::string& data_dir, const std::string& slave,
                      const std::vector<std::pair<const char*, int>>& sync_settings,
                      std::string& error) {
  const std::string path = data_dir + "/config.json";
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  JsonPtr config = parse_json(text.empty() ? "{}" : text);
  if (!config) {
    error = path + " is not JSON";
    return false;
  }
  cJSON_DeleteItemFromObjectCaseSensitive(config.get(), "scanners");
  cJSON* scanners = cJSON_AddArrayToObject(config.get(), "scanners");
  cJSON* till = cJSON_CreateObject();
  cJSON_AddStringToObject(till, "name", "till");
  cJSON_AddStringToObject(till, "source", ("serial:" + slave).c_str());
  cJSON_AddStringToObject(till, "warehouse", "shop");
  cJSON_AddStringToObject(till, "mode", "receive");
  cJSON_AddItemToArray(scanners, till);
  cJSON* sync = object_member(config.get(), "sync");
  for (const auto& [name, value] : sync_settings) {
    cJSON_DeleteItemFromObjectCaseSensitive(sync, name);
    cJSON_AddNumberToObject(sync, name, value);
  }
  std::ofstream out(path, std::ios::trunc);
  out << to_json_pretty(config.get()) << "\n";
  if (!out) error = "cannot write " + path;
  return static_cast<bool>(out);
}

bool connect_to_emulator(const DeviceCli& device, const EmulatorChild& emu, const char* site,
                         const char* key, int rpm, std::string& error) {
  const std::string key_file = device.data_dir + "/site.key";
  std::ofstream(key_file) << key << "\n";
  chmod(key_file.c_str(), 0600);
  return device.step({"connect", "--site-id", site, "--api-key-file", key_file, "--base-url",
                      emu.url(), "--ca-file", emu.ca_file()},
                     kStepTimeoutMs, error) &&
         device.set_wix_setting("requests_per_minute", rpm, error);
}

bool wait_for_start_up_rounds(const std::string& data_dir, NotifyListener& notify, int timeout_ms,
                              std::string& summary, std::string& error) {
  const SteadyTime end = now() + std::chrono::milliseconds(timeout_ms);
  while (now() < end) {
    notify.drain();
    JsonPtr status = ask_daemon_status(data_dir, kStatusTimeoutMs, error);
    if (!status) return false;
    const cJSON* round = cJSON_GetObjectItemCaseSensitive(status.get(), "round");
    const std::string sync = last_text(round, "last_sync");
    const std::string pull = last_text(round, "last_catalog_pull");
    if (!round_running(status.get()) && !sync.empty() && !pull.empty()) {
      summary = "sync round " + sync + ", catalog pull " + pull;
      return true;
    }
    std::this_thread::sleep_for(kPollPause);
  }
  error = "the daemon's start-up round and catalog pull did not both finish within " +
          std::to_string(timeout_ms / 1000) + " s";
  return false;
}

bool wait_for_round(const std::string& data_dir, const char* work, NotifyListener& notify,
                    int timeout_ms, std::string& error) {
  const SteadyTime end = now() + std::chrono::milliseconds(timeout_ms);
  while (now() < end) {
    notify.drain();
    JsonPtr status = ask_daemon_status(data_dir, kStatusTimeoutMs, error);
    if (!status) return false;
    if (round_identity(status.get()).rfind(work, 0) == 0) return true;
    std::this_thread::sleep_for(kPollPause);
  }
  error =
      std::string("no ") + work + " round ran within " + std::to_string(timeout_ms / 1000) + " s";
  return false;
}

bool tracked_wix_skus(const EmulatorChild& emu, const char* site, std::vector<std::string>& out,
                      std::string& error) {
  JsonPtr inventory = emu.admin("GET", std::string("/_emulator/inventory?site=") + site, "", error);
  const cJSON* items = cJSON_GetObjectItemCaseSensitive(inventory.get(), "items");
  if (!cJSON_IsArray(items)) {
    if (error.empty()) error = "the emulator's inventory of " + std::string(site) + " has no items";
    return false;
  }
  out.clear();
  const cJSON* item = nullptr;
  cJSON_ArrayForEach(item, items) {
    const cJSON* sku = cJSON_GetObjectItemCaseSensitive(item, "sku");
    const cJSON* tracked = cJSON_GetObjectItemCaseSensitive(item, "trackQuantity");
    if (!cJSON_IsString(sku) || sku->valuestring[0] == '\0' || !cJSON_IsTrue(tracked)) continue;
    if (std::find(out.begin(), out.end(), sku->valuestring) == out.end())
      out.emplace_back(sku->valuestring);
  }
  return true;
}

}  // namespace shelfnode::bench
