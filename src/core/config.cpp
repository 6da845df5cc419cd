#include "shelfnode/core/config.h"

#include <cerrno>
#include <cstdint>
#include <cstring>

#include "core/config_fields.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/core/read_file.h"

namespace shelfnode {
namespace {

using config_detail::FieldReader;
using config_detail::read_ota;
using config_detail::read_scanners;

constexpr const char* kKnownTop = "log_level, wix, sync, scan, scanners, ota";
constexpr const char* kKnownWix =
    "base_url, site_id, ca_file, requests_per_minute, backoff_base_ms";
constexpr const char* kKnownSync =
    "order_statuses, include_pickup_orders, fulfilment_warehouse, interval_seconds, "
    "settle_seconds, catalog_interval_seconds";
constexpr const char* kKnownScan = "max_quantity, undo_code";
constexpr const char* kOrderStatuses[] = {"APPROVED", "CANCELED", "PENDING", "REJECTED"};

Status read_statuses(const FieldReader& r, const cJSON* node, std::vector<std::string>& out) {
  const std::string field = "sync.order_statuses";
  const std::string hint = "must be a non-empty list of APPROVED, CANCELED, PENDING, REJECTED";
  if (!cJSON_IsArray(node) || cJSON_GetArraySize(node) == 0) return r.fail(field, hint);
  out.clear();
  const cJSON* item = nullptr;
  cJSON_ArrayForEach(item, node) {
    bool known = false;
    for (const char* s : kOrderStatuses)
      known = known || (cJSON_IsString(item) && !std::strcmp(item->valuestring, s));
    if (!known) return r.fail(field, hint + " (got " + printable(to_json_text(item)) + ")");
    out.emplace_back(item->valuestring);
  }
  return Status::Ok();
}

Status read_wix(const FieldReader& r, const cJSON* obj, Config::Wix& wix) {
  if (!cJSON_IsObject(obj)) return r.fail("wix", "must be an object");
  const cJSON* f = nullptr;
  cJSON_ArrayForEach(f, obj) {
    const std::string name = f->string;
    const std::string field = "wix." + name;
    if (name == "base_url") {
      SHELFNODE_RETURN_IF_ERROR(r.read_string(f, field, wix.base_url));
      if (wix.base_url.rfind("https://", 0) != 0 && wix.base_url.rfind("http://", 0) != 0) {
        return r.fail(field, "must start with https:// (got \"" + wix.base_url + "\")");
      }
    } else if (name == "site_id") {
      SHELFNODE_RETURN_IF_ERROR(r.read_string(f, field, wix.site_id));
    } else if (name == "ca_file") {
      SHELFNODE_RETURN_IF_ERROR(r.read_string(f, field, wix.ca_file));
    } else if (name == "requests_per_minute") {
      SHELFNODE_RETURN_IF_ERROR(r.read_int(f, field, 1, 200, wix.requests_per_minute));
    } else if (name == "backoff_base_ms") {
      SHELFNODE_RETURN_IF_ERROR(r.read_int(f, field, 10, 60000, wix.backoff_base_ms));
    } else {
      return r.unknown(field, kKnownWix);
    }
  }
  return Status::Ok();
}

Status read_sync(const FieldReader& r, const cJSON* obj, Config::Sync& sync) {
  if (!cJSON_IsObject(obj)) return r.fail("sync", "must be an object");
  const cJSON* f = nullptr;
  cJSON_ArrayForEach(f, obj) {
    const std::string name = f->string;
    const std::string field = "sync." + name;
    if (name == "order_statuses") {
      SHELFNODE_RETURN_IF_ERROR(read_statuses(r, f, sync.order_statuses));
    } else if (name == "include_pickup_orders") {
      SHELFNODE_RETURN_IF_ERROR(r.read_bool(f, field, sync.include_pickup_orders));
    } else if (name == "fulfilment_warehouse") {
      SHELFNODE_RETURN_IF_ERROR(r.read_string(f, field, sync.fulfilment_warehouse));
    } else if (name == "interval_seconds") {
      SHELFNODE_RETURN_IF_ERROR(r.read_int(f, field, 5, 86400, sync.interval_seconds));
    } else if (name == "settle_seconds") {
      SHELFNODE_RETURN_IF_ERROR(r.read_int(f, field, 1, 600, sync.settle_seconds));
    } else if (name == "catalog_interval_seconds") {
      SHELFNODE_RETURN_IF_ERROR(r.read_int(f, field, 0, 604800, sync.catalog_interval_seconds));
    } else {
      return r.unknown(field, kKnownSync);
    }
  }
  return Status::Ok();
}

Status read_scan(const FieldReader& r, const cJSON* obj, Config::Scan& scan) {
  if (!cJSON_IsObject(obj)) return r.fail("scan", "must be an object");
  const cJSON* f = nullptr;
  cJSON_ArrayForEach(f, obj) {
    const std::string name = f->string;
    const std::string field = "scan." + name;
    if (name == "max_quantity") {
      SHELFNODE_RETURN_IF_ERROR(r.read_int(f, field, 1, 99999, scan.max_quantity));
    } else if (name == "undo_code") {
      SHELFNODE_RETURN_IF_ERROR(r.read_string(f, field, scan.undo_code));
      // It is compared with whole scan lines, which never hold spaces or control bytes.
      for (char c : scan.undo_code) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
          return r.fail(field, "must be printable text without spaces, e.g. \"UNDO\"");
        }
      }
    } else {
      return r.unknown(field, kKnownScan);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Config> parse_config(std::string_view json_text, const std::string& origin) {
  // The object must be the whole file: text after it would be ignored, unknown fields and all.
  Result<JsonPtr> parsed = parse_json_text(json_text);
  if (!parsed.ok()) {
    return config_error(origin + ": " + parsed.status().message() +
                        ": fix the syntax (one JSON object such as {\"log_level\": \"info\"})");
  }
  const JsonPtr root = std::move(parsed).value();
  if (!cJSON_IsObject(root.get())) return config_error(origin + ": must be a JSON object");
  FieldReader r(origin);
  Config config;
  const cJSON* f = nullptr;
  cJSON_ArrayForEach(f, root.get()) {
    const std::string name = f->string;
    if (name == "log_level") {
      std::string level;
      SHELFNODE_RETURN_IF_ERROR(r.read_string(f, name, level));
      Result<LogLevel> parsed = parse_log_level(level);
      if (!parsed.ok()) return r.fail(name, parsed.status().message());
      config.log_level = *parsed;
      config.log_level_given = true;
    } else if (name == "wix") {
      SHELFNODE_RETURN_IF_ERROR(read_wix(r, f, config.wix));
    } else if (name == "sync") {
      SHELFNODE_RETURN_IF_ERROR(read_sync(r, f, config.sync));
    } else if (name == "scan") {
      SHELFNODE_RETURN_IF_ERROR(read_scan(r, f, config.scan));
    } else if (name == "scanners") {
      SHELFNODE_RETURN_IF_ERROR(read_scanners(r, f, config.scanners));
    } else if (name == "ota") {
      SHELFNODE_RETURN_IF_ERROR(read_ota(r, f, config.ota));
    } else {
      return r.unknown(name, kKnownTop);
    }
  }
  return config;
}

Result<Config> load_config(const std::string& path) {
  std::string text;
  if (const int err = read_whole_file(path, text); err != 0) {
    if (err == ENOENT) return Config{};
    return config_error("cannot read " + path + ": " + std::strerror(err));
  }
  return parse_config(text, path);
}

}  // namespace shelfnode
