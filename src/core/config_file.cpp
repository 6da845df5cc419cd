#include <cerrno>
#include <cstring>

#include "shelfnode/core/atomic_file.h"
#include "shelfnode/core/config.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/read_file.h"

namespace shelfnode {
namespace {

void set_string(cJSON* object, const char* name, const std::string& value) {
  cJSON_DeleteItemFromObjectCaseSensitive(object, name);
  cJSON_AddStringToObject(object, name, value.c_str());
}

}  // namespace

Status save_wix_connection(const std::string& path, const WixConnectionSettings& settings) {
  // Edit the document rather than re-serialise a Config: the owner's own settings (and the
  // order they wrote them in) stay as they were.
  std::string text;
  if (const int err = read_whole_file(path, text); err == ENOENT) {
    text = "{}";
  } else if (err != 0) {
    return config_error("cannot read " + path + ": " + std::strerror(err));
  }
  // Refuse to rewrite a file that does not parse today: the owner's mistake must be shown,
  // not silently replaced.
  Result<Config> current = parse_config(text, path);
  if (!current.ok()) return current.status();
  JsonPtr root = parse_json(text);
  cJSON* wix = cJSON_GetObjectItemCaseSensitive(root.get(), "wix");
  if (wix == nullptr) wix = cJSON_AddObjectToObject(root.get(), "wix");
  set_string(wix, "base_url", settings.base_url);
  set_string(wix, "site_id", settings.site_id);
  if (settings.ca_file.empty()) {
    cJSON_DeleteItemFromObjectCaseSensitive(wix, "ca_file");
  } else {
    set_string(wix, "ca_file", settings.ca_file);
  }
  const std::string updated = to_json_pretty(root.get()) + "\n";
  Result<Config> check = parse_config(updated, path);
  if (!check.ok()) return check.status();
  return write_file_atomically(path, updated, 0600);
}

}  // namespace shelfnode
