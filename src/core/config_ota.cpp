// The `ota` object of config.json: for now the hawkBit controller the device polls.
#include <string>

#include "core/config_fields.h"

namespace shelfnode::config_detail {
namespace {

constexpr const char* kKnownOta = "hawkbit";
constexpr const char* kKnownHawkbit = "url, tenant, controller_id, token_file, ca_file";

// Tenant and controller id become path segments of every DDI URL, so they are kept to
// characters that need no escaping there.
Status read_segment(const FieldReader& r, const cJSON* node, const std::string& field,
                    std::string& out, bool may_be_empty) {
  SHELFNODE_RETURN_IF_ERROR(r.read_string(node, field, out));
  if (out.empty() && may_be_empty) return Status::Ok();
  bool plain = !out.empty() && out.size() <= 64;
  for (char c : out) {
    plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.');
  }
  if (!plain || out == "." || out == "..") {
    return r.fail(field, "must be 1 to 64 of A-Z a-z 0-9 - _ . (got \"" + printable(out) + "\")");
  }
  return Status::Ok();
}

Status read_hawkbit(const FieldReader& r, const cJSON* obj, Config::Ota::Hawkbit& hb) {
  if (!cJSON_IsObject(obj)) return r.fail("ota.hawkbit", "must be an object");
  const cJSON* f = nullptr;
  cJSON_ArrayForEach(f, obj) {
    const std::string name = f->string;
    const std::string field = "ota.hawkbit." + name;
    if (name == "url") {
      SHELFNODE_RETURN_IF_ERROR(r.read_string(f, field, hb.url));
      if (hb.url.empty()) continue;  // no hawkBit, as when the field is left out
      if (hb.url.rfind("https://", 0) != 0 || hb.url.size() <= 8) {
        return r.fail(field, "must be the hawkBit server's https:// URL, e.g. "
                             "\"https://hawkbit.example.com\" (got \"" + printable(hb.url) + "\")");
      }
      while (hb.url.back() == '/') hb.url.pop_back();
    } else if (name == "tenant") {
      SHELFNODE_RETURN_IF_ERROR(read_segment(r, f, field, hb.tenant, false));
    } else if (name == "controller_id") {
      SHELFNODE_RETURN_IF_ERROR(read_segment(r, f, field, hb.controller_id, true));
    } else if (name == "token_file") {
      SHELFNODE_RETURN_IF_ERROR(r.read_string(f, field, hb.token_file));
    } else if (name == "ca_file") {
      SHELFNODE_RETURN_IF_ERROR(r.read_string(f, field, hb.ca_file));
    } else {
      return r.unknown(field, kKnownHawkbit);
    }
  }
  if (!hb.url.empty() && (hb.controller_id.empty() || hb.token_file.empty())) {
    return r.fail("ota.hawkbit", "needs controller_id and token_file beside url");
  }
  if (hb.url.empty() && (!hb.controller_id.empty() || !hb.token_file.empty())) {
    return r.fail("ota.hawkbit", "needs url (the hawkBit server) beside controller_id and token_file");
  }
  return Status::Ok();
}

}  // namespace

Status read_ota(const FieldReader& r, const cJSON* obj, Config::Ota& ota) {
  if (!cJSON_IsObject(obj)) return r.fail("ota", "must be an object");
  const cJSON* f = nullptr;
  cJSON_ArrayForEach(f, obj) {
    const std::string name = f->string;
    if (name == "hawkbit") {
      SHELFNODE_RETURN_IF_ERROR(read_hawkbit(r, f, ota.hawkbit));
    } else {
      return r.unknown("ota." + name, kKnownOta);
    }
  }
  return Status::Ok();
}

}  // namespace shelfnode::config_detail
