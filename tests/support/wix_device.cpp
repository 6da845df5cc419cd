#include "support/wix_device.h"

#include <sys/stat.h>

#include "shelfnode/core/json.h"
#include "support/process.h"

namespace shelfnode::testing {

std::string connect_device(const std::string& data_dir, const WixEmulator& emulator,
                           const std::string& site, const std::string& key) {
  TempDir files;  // the owner's key file lives outside the data dir
  const std::string key_file = files.file("wix-key");
  write_file(key_file, key + "\n");
  chmod(key_file.c_str(), 0600);
  const RunResult r =
      shelfnode(data_dir, {"connect", "--site-id", site, "--api-key-file", key_file, "--base-url",
                           emulator.url(), "--ca-file", emulator.ca_file()});
  if (r.exit_code == 0) return "";
  return "connect exited " + std::to_string(r.exit_code) + "\n" + r.out + r.err;
}

std::string set_wix_config(const std::string& data_dir, int requests_per_minute,
                           int backoff_base_ms) {
  const std::string path = data_dir + "/config.json";
  JsonPtr root = parse_json(read_file(path));
  if (!root || !cJSON_IsObject(root.get())) return path + " is missing or not a JSON object";
  cJSON* wix = cJSON_GetObjectItemCaseSensitive(root.get(), "wix");
  if (wix == nullptr) wix = cJSON_AddObjectToObject(root.get(), "wix");
  if (!cJSON_IsObject(wix)) return path + ": \"wix\" is not an object";
  cJSON_DeleteItemFromObjectCaseSensitive(wix, "requests_per_minute");
  cJSON_DeleteItemFromObjectCaseSensitive(wix, "backoff_base_ms");
  cJSON_AddNumberToObject(wix, "requests_per_minute", requests_per_minute);
  cJSON_AddNumberToObject(wix, "backoff_base_ms", backoff_base_ms);
  write_file(path, to_json_pretty(root.get()) + "\n");
  return "";
}

void replace_api_key(const std::string& data_dir, const std::string& key) {
  const std::string path = data_dir + "/wix-api-key";
  write_file(path, key + "\n");
  chmod(path.c_str(), 0600);
}

}  // namespace shelfnode::testing
