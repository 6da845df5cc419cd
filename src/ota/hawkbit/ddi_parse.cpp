// Strict readers of the DDI v1 answers (hawkBit's DDI API documentation and OpenAPI, cited in
// tools/hawkbit-ddi/README.md). Each message names the member and what was expected.
#include <cjson/cJSON.h>

#include <cstring>
#include <initializer_list>

#include "shelfnode/core/json.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ota/hawkbit/ddi_messages.h"
#include "shelfnode/ota/manifest.h"

namespace shelfnode::ota::hawkbit {
namespace {

constexpr std::size_t kMaxText = 1024;
constexpr std::size_t kMaxIdDigits = 19;

Status refused(const std::string& what, const std::string& why) {
  return bad_data("hawkBit " + what + " refused: " + why);
}

// Every member of `object` must be one of `known`.
Status only_known(const cJSON* object, const std::string& where,
                  std::initializer_list<const char*> known, const std::string& what) {
  const cJSON* item = nullptr;
  cJSON_ArrayForEach(item, object) {
    bool found = false;
    for (const char* k : known) found = found || std::strcmp(item->string, k) == 0;
    if (!found) {
      return refused(what, "unknown member '" + printable(utf8_head(item->string, 40)) + "' in " +
                               where);
    }
  }
  return Status::Ok();
}

Result<std::string> text(const cJSON* object, const char* name, const std::string& where,
                         const std::string& what, bool required = true) {
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(object, name);
  if (item == nullptr) {
    if (!required) return std::string();
    return refused(what, "'" + where + "." + name + "' is missing");
  }
  if (!cJSON_IsString(item)) return refused(what, "'" + where + "." + name + "' must be a string");
  const std::string value = item->valuestring;
  if (value.size() > kMaxText) {
    return refused(what, "'" + where + "." + name + "' is longer than 1024 bytes");
  }
  return value;
}

bool is_decimal_id(const std::string& s) {
  if (s.empty() || s.size() > kMaxIdDigits) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool is_hex(const std::string& s, std::size_t length) {
  if (s.size() != length) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

Result<JsonPtr> object_of(std::string_view body, const std::string& what) {
  Result<JsonPtr> parsed = parse_json_text(body);
  const std::string hint = " (is ota.hawkbit.url a hawkBit server speaking DDI v1?)";
  if (!parsed.ok()) return refused(what, parsed.status().message() + hint);
  if (!cJSON_IsObject(parsed->get())) return refused(what, "not a JSON object" + hint);
  return parsed;
}

// A `{"href": "…"}` link under the controller URL.
Result<std::string> link(const cJSON* links, const char* name, const std::string& controller_url) {
  const std::string what = "controller base";
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(links, name);
  if (item == nullptr) return std::string();
  if (!cJSON_IsObject(item)) return refused(what, std::string("_links.") + name + " must be an object");
  SHELFNODE_RETURN_IF_ERROR(only_known(item, std::string("_links.") + name, {"href"}, what));
  Result<std::string> href = text(item, "href", std::string("_links.") + name, what);
  if (!href.ok()) return href.status();
  const std::string prefix = controller_url + "/";
  if (href->compare(0, prefix.size(), prefix) != 0) {
    return refused(what, std::string("_links.") + name + " '" + printable(utf8_head(*href, 120)) +
                             "' is not under " + controller_url +
                             ": the target token is only sent to the configured controller");
  }
  return href;
}

Result<Handling> handling(const cJSON* object, const char* name) {
  Result<std::string> value = text(object, name, "deployment", "deployment");
  if (!value.ok()) return value.status();
  if (*value == "skip") return Handling::kSkip;
  if (*value == "attempt") return Handling::kAttempt;
  if (*value == "forced") return Handling::kForced;
  return refused("deployment", "'deployment." + std::string(name) +
                                   "' must be skip, attempt or forced (got '" +
                                   printable(utf8_head(*value, 40)) + "')");
}

Status read_hashes(const cJSON* hashes, const std::string& where, Artifact& out) {
  const std::string what = "deployment";
  if (!cJSON_IsObject(hashes)) return refused(what, "'" + where + ".hashes' must be an object");
  SHELFNODE_RETURN_IF_ERROR(only_known(hashes, where + ".hashes", {"sha1", "md5", "sha256"}, what));
  Result<std::string> sha256 = text(hashes, "sha256", where + ".hashes", what, false);
  Result<std::string> sha1 = text(hashes, "sha1", where + ".hashes", what, false);
  Result<std::string> md5 = text(hashes, "md5", where + ".hashes", what, false);
  if (!sha256.ok()) return sha256.status();
  if (!sha1.ok()) return sha1.status();
  if (!md5.ok()) return md5.status();
  if (sha256->empty()) {
    return refused(what, "'" + where + ".hashes.sha256' is missing: shelfnode checks every "
                         "artifact's SHA-256 (hawkBit 0.3 and later send it)");
  }
  if (!is_hex(*sha256, 64)) return refused(what, "'" + where + ".hashes.sha256' is not 64 lower-case hex digits");
  if (!sha1->empty() && !is_hex(*sha1, 40)) return refused(what, "'" + where + ".hashes.sha1' is not 40 lower-case hex digits");
  if (!md5->empty() && !is_hex(*md5, 32)) return refused(what, "'" + where + ".hashes.md5' is not 32 lower-case hex digits");
  out.sha256 = *sha256;
  out.sha1 = *sha1;
  out.md5 = *md5;
  return Status::Ok();
}

Status read_artifact(const cJSON* node, const std::string& where, bool allow_http, Artifact& out) {
  const std::string what = "deployment";
  if (!cJSON_IsObject(node)) return refused(what, "'" + where + "' must be an object");
  SHELFNODE_RETURN_IF_ERROR(only_known(node, where, {"filename", "hashes", "size", "_links"}, what));
  Result<std::string> filename = text(node, "filename", where, what);
  if (!filename.ok()) return filename.status();
  // The file name is where the artifact lands in the bundle folder, so it obeys the bundle's
  // own path rule: nothing absolute, no "..", no control characters.
  const bool signed_part = *filename == "manifest.json" || *filename == "manifest.json.sig";
  Status plain = signed_part ? Status::Ok() : check_bundle_path(*filename);
  if (!plain.ok()) {
    return refused(what, "'" + where + ".filename' " + printable(utf8_head(*filename, 80)) +
                             " is not a plain bundle path: " + plain.message());
  }
  out.filename = *filename;
  Result<std::optional<std::int64_t>> size = whole_number_at(
      node, "size", 0, static_cast<std::int64_t>(kMaxArtifactBytes));
  if (!size.ok()) return refused(what, "'" + where + ".size': " + size.status().message());
  if (!size->has_value()) return refused(what, "'" + where + ".size' is missing");
  out.size = static_cast<std::uint64_t>(**size);
  SHELFNODE_RETURN_IF_ERROR(read_hashes(cJSON_GetObjectItemCaseSensitive(node, "hashes"), where, out));
  const cJSON* links = cJSON_GetObjectItemCaseSensitive(node, "_links");
  if (!cJSON_IsObject(links)) return refused(what, "'" + where + "._links' must be an object");
  SHELFNODE_RETURN_IF_ERROR(only_known(links, where + "._links",
                                       {"download", "download-http", "md5sum", "md5sum-http"}, what));
  const cJSON* download = cJSON_GetObjectItemCaseSensitive(links, "download");
  if (!cJSON_IsObject(download)) {
    return refused(what, "'" + where + "._links.download' is missing: shelfnode downloads "
                         "over https only (download-http is never used)");
  }
  Result<std::string> href = text(download, "href", where + "._links.download", what);
  if (!href.ok()) return href.status();
  const bool https = href->rfind("https://", 0) == 0;
  const bool http = href->rfind("http://", 0) == 0;
  if (!https && !(allow_http && http)) {
    return refused(what, "'" + where + "._links.download' " + printable(utf8_head(*href, 120)) +
                             " is not an https:// URL");
  }
  out.download_url = *href;
  return Status::Ok();
}

}  // namespace

std::optional<std::int64_t> parse_sleep(std::string_view t) {
  if (t.size() != 8 || t[2] != ':' || t[5] != ':') return std::nullopt;
  for (std::size_t i : {0, 1, 3, 4, 6, 7})
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  auto two = [&t](std::size_t at) { return (t[at] - '0') * 10 + (t[at + 1] - '0'); };
  if (two(3) > 59 || two(6) > 59) return std::nullopt;
  return std::int64_t{two(0)} * 3600 + two(3) * 60 + two(6);
}

std::string action_id_of(const std::string& href) {
  std::string path = href.substr(0, href.find('?'));
  const std::size_t slash = path.rfind('/');
  std::string id = slash == std::string::npos ? path : path.substr(slash + 1);
  return is_decimal_id(id) ? id : "";
}

Result<ControllerBase> parse_controller_base(std::string_view body,
                                             const std::string& controller_url) {
  const std::string what = "controller base";
  Result<JsonPtr> root = object_of(body, what);
  if (!root.ok()) return root.status();
  const cJSON* r = root->get();
  SHELFNODE_RETURN_IF_ERROR(only_known(r, "the controller base", {"config", "_links"}, what));
  ControllerBase base;
  if (const cJSON* config = cJSON_GetObjectItemCaseSensitive(r, "config")) {
    if (!cJSON_IsObject(config)) return refused(what, "'config' must be an object");
    SHELFNODE_RETURN_IF_ERROR(only_known(config, "config", {"polling"}, what));
    if (const cJSON* polling = cJSON_GetObjectItemCaseSensitive(config, "polling")) {
      if (!cJSON_IsObject(polling)) return refused(what, "'config.polling' must be an object");
      SHELFNODE_RETURN_IF_ERROR(only_known(polling, "config.polling", {"sleep"}, what));
      Result<std::string> sleep = text(polling, "sleep", "config.polling", what);
      if (!sleep.ok()) return sleep.status();
      base.sleep_seconds = parse_sleep(*sleep);
      if (!base.sleep_seconds) {
        return refused(what, "'config.polling.sleep' must be HH:MM:SS (got '" +
                                 printable(utf8_head(*sleep, 20)) + "')");
      }
    }
  }
  if (const cJSON* links = cJSON_GetObjectItemCaseSensitive(r, "_links")) {
    if (!cJSON_IsObject(links)) return refused(what, "'_links' must be an object");
    SHELFNODE_RETURN_IF_ERROR(only_known(
        links, "_links", {"deploymentBase", "cancelAction", "configData", "installedBase"}, what));
    struct Slot {
      const char* name;
      std::string* out;
    };
    for (Slot s : {Slot{"deploymentBase", &base.deployment_base},
                   Slot{"cancelAction", &base.cancel_action}, Slot{"configData", &base.config_data},
                   Slot{"installedBase", &base.installed_base}}) {
      Result<std::string> href = link(links, s.name, controller_url);
      if (!href.ok()) return href.status();
      *s.out = *href;
    }
    for (const std::string* action_href : {&base.deployment_base, &base.cancel_action}) {
      if (!action_href->empty() && action_id_of(*action_href).empty()) {
        return refused(what, "link '" + printable(utf8_head(*action_href, 120)) +
                                 "' does not end in a decimal action id");
      }
    }
  }
  return base;
}

Result<Deployment> parse_deployment(std::string_view body, bool allow_http_artifacts) {
  const std::string what = "deployment";
  Result<JsonPtr> root = object_of(body, what);
  if (!root.ok()) return root.status();
  const cJSON* r = root->get();
  // actionHistory is what hawkBit sends back of earlier feedback when asked; not used here.
  SHELFNODE_RETURN_IF_ERROR(only_known(r, "the deployment", {"id", "deployment", "actionHistory"}, what));
  Deployment out;
  Result<std::string> id = text(r, "id", "", what);
  if (!id.ok()) return id.status();
  if (!is_decimal_id(*id)) return refused(what, "'id' must be a decimal action id");
  out.id = *id;
  const cJSON* d = cJSON_GetObjectItemCaseSensitive(r, "deployment");
  if (!cJSON_IsObject(d)) return refused(what, "'deployment' must be an object");
  SHELFNODE_RETURN_IF_ERROR(only_known(
      d, "deployment", {"download", "update", "maintenanceWindow", "chunks"}, what));
  Result<Handling> download = handling(d, "download");
  if (!download.ok()) return download.status();
  Result<Handling> update = handling(d, "update");
  if (!update.ok()) return update.status();
  out.download = *download;
  out.update = *update;
  Result<std::string> window = text(d, "maintenanceWindow", "deployment", what, false);
  if (!window.ok()) return window.status();
  if (!window->empty() && *window != "available" && *window != "unavailable") {
    return refused(what, "'deployment.maintenanceWindow' must be available or unavailable");
  }
  // Outside its maintenance window an update must wait (hawkBit says update=skip then too).
  if (*window == "unavailable") out.update = Handling::kSkip;
  const cJSON* chunks = cJSON_GetObjectItemCaseSensitive(d, "chunks");
  if (!cJSON_IsArray(chunks)) return refused(what, "'deployment.chunks' must be an array");
  const int count = cJSON_GetArraySize(chunks);
  if (count != 1) {
    return refused(what, "the distribution set has " + std::to_string(count) +
                             " software modules; shelfnode takes exactly one: the bundle, "
                             "its files as the module's artifacts");
  }
  const cJSON* chunk = cJSON_GetArrayItem(chunks, 0);
  const std::string cw = "deployment.chunks[0]";
  if (!cJSON_IsObject(chunk)) return refused(what, "'" + cw + "' must be an object");
  SHELFNODE_RETURN_IF_ERROR(only_known(
      chunk, cw, {"part", "version", "name", "artifacts", "metadata", "encrypted"}, what));
  Result<std::string> version = text(chunk, "version", cw, what);
  Result<std::string> name = text(chunk, "name", cw, what);
  Result<std::string> part = text(chunk, "part", cw, what);
  if (!version.ok()) return version.status();
  if (!name.ok()) return name.status();
  if (!part.ok()) return part.status();
  out.version = *version;
  out.name = *name;
  if (const cJSON* encrypted = cJSON_GetObjectItemCaseSensitive(chunk, "encrypted")) {
    if (!cJSON_IsBool(encrypted)) return refused(what, "'" + cw + ".encrypted' must be true or false");
    if (cJSON_IsTrue(encrypted)) {
      return refused(what, "'" + cw + "' is encrypted: shelfnode bundles are signed, not "
                           "encrypted; upload the plain bundle files");
    }
  }
  if (const cJSON* metadata = cJSON_GetObjectItemCaseSensitive(chunk, "metadata")) {
    if (!cJSON_IsArray(metadata)) return refused(what, "'" + cw + ".metadata' must be an array");
  }
  const cJSON* artifacts = cJSON_GetObjectItemCaseSensitive(chunk, "artifacts");
  if (!cJSON_IsArray(artifacts)) return refused(what, "'" + cw + ".artifacts' must be an array");
  const std::size_t n = static_cast<std::size_t>(cJSON_GetArraySize(artifacts));
  if (n == 0) return refused(what, "'" + cw + ".artifacts' is empty: upload the bundle's files");
  if (n > kMaxArtifacts) {
    return refused(what, "'" + cw + ".artifacts' has " + std::to_string(n) + " entries (at most " +
                             std::to_string(kMaxArtifacts) + ")");
  }
  bool manifest = false, signature = false;
  std::size_t i = 0;
  const cJSON* item = nullptr;
  cJSON_ArrayForEach(item, artifacts) {
    Artifact a;
    SHELFNODE_RETURN_IF_ERROR(read_artifact(
        item, cw + ".artifacts[" + std::to_string(i++) + "]", allow_http_artifacts, a));
    for (const Artifact& seen : out.artifacts) {
      if (seen.filename == a.filename) {
        return refused(what, "two artifacts are both named '" + printable(a.filename) + "'");
      }
    }
    manifest = manifest || a.filename == "manifest.json";
    signature = signature || a.filename == "manifest.json.sig";
    out.artifacts.push_back(std::move(a));
  }
  if (!manifest || !signature) {
    return refused(what, "the software module lacks manifest.json or manifest.json.sig: "
                         "upload every file of the bundle folder (tools/ota-bundle.sh) as "
                         "its artifacts");
  }
  return out;
}

Result<CancelAction> parse_cancel_action(std::string_view body) {
  const std::string what = "cancel action";
  Result<JsonPtr> root = object_of(body, what);
  if (!root.ok()) return root.status();
  const cJSON* r = root->get();
  SHELFNODE_RETURN_IF_ERROR(only_known(r, "the cancel action", {"id", "cancelAction"}, what));
  Result<std::string> id = text(r, "id", "", what);
  if (!id.ok()) return id.status();
  const cJSON* c = cJSON_GetObjectItemCaseSensitive(r, "cancelAction");
  if (!cJSON_IsObject(c)) return refused(what, "'cancelAction' must be an object");
  SHELFNODE_RETURN_IF_ERROR(only_known(c, "cancelAction", {"stopId"}, what));
  Result<std::string> stop = text(c, "stopId", "cancelAction", what);
  if (!stop.ok()) return stop.status();
  if (!is_decimal_id(*id) || !is_decimal_id(*stop)) {
    return refused(what, "'id' and 'cancelAction.stopId' must be decimal action ids");
  }
  return CancelAction{*id, *stop};
}

}  // namespace shelfnode::ota::hawkbit
