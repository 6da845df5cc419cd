// config.json `scanners`: an array of objects, one per scanner the daemon reads.
#include <set>

#include "core/config_fields.h"

namespace shelfnode::config_detail {
namespace {

constexpr const char* kKnownScanner =
    "name, source, layout, suffix, gap_ms, baud, warehouse, "
    "mode, feedback";

// The source's own options, kept as text for platform::parse_scanner_spec, which knows their
// ranges; numbers are written back the way the user wrote them.
Status read_option(const FieldReader& r, const cJSON* f, const std::string& field,
                   Config::Scanner& out) {
  const std::string name = f->string;
  if (name == "gap_ms" || name == "baud") {
    int value = 0;
    SHELFNODE_RETURN_IF_ERROR(r.read_int(f, field, 1, 4000000, value));
    out.options.emplace_back(name, std::to_string(value));
    return Status::Ok();
  }
  std::string text;
  SHELFNODE_RETURN_IF_ERROR(r.read_string(f, field, text));
  out.options.emplace_back(name, text);
  return Status::Ok();
}

Status read_scanner(const FieldReader& r, const cJSON* obj, const std::string& at,
                    Config::Scanner& out) {
  if (!cJSON_IsObject(obj)) {
    return r.fail(at,
                  "must be an object such as {\"source\": \"serial:/dev/ttyACM0\", "
                  "\"warehouse\": \"shop\", \"mode\": \"sell\"}");
  }
  const cJSON* f = nullptr;
  cJSON_ArrayForEach(f, obj) {
    const std::string name = f->string;
    const std::string field = at + "." + name;
    if (name == "name") {
      SHELFNODE_RETURN_IF_ERROR(r.read_string(f, field, out.name));
    } else if (name == "source") {
      SHELFNODE_RETURN_IF_ERROR(r.read_string(f, field, out.source));
    } else if (name == "warehouse") {
      SHELFNODE_RETURN_IF_ERROR(r.read_string(f, field, out.warehouse));
    } else if (name == "mode") {
      SHELFNODE_RETURN_IF_ERROR(r.read_string(f, field, out.mode));
    } else if (name == "feedback") {
      SHELFNODE_RETURN_IF_ERROR(r.read_string(f, field, out.feedback));
    } else if (name == "layout" || name == "suffix" || name == "gap_ms" || name == "baud") {
      SHELFNODE_RETURN_IF_ERROR(read_option(r, f, field, out));
    } else {
      return r.unknown(field, kKnownScanner);
    }
  }
  for (const char* required : {"source", "warehouse", "mode"}) {
    if (cJSON_GetObjectItemCaseSensitive(obj, required) == nullptr) {
      return r.fail(at, std::string("needs \"") + required + "\"");
    }
  }
  if (out.name.empty()) out.name = out.source;
  return Status::Ok();
}

}  // namespace

Status read_scanners(const FieldReader& r, const cJSON* node, std::vector<Config::Scanner>& out) {
  if (!cJSON_IsArray(node)) return r.fail("scanners", "must be a list of scanner objects");
  out.clear();
  std::set<std::string> names, sources;
  int index = 0;
  const cJSON* item = nullptr;
  cJSON_ArrayForEach(item, node) {
    const std::string at = "scanners[" + std::to_string(index++) + "]";
    Config::Scanner scanner;
    SHELFNODE_RETURN_IF_ERROR(read_scanner(r, item, at, scanner));
    // Two entries on one device would fight over it (EVIOCGRAB, one reader of a tty).
    if (!sources.insert(scanner.source).second) {
      return r.fail(at + ".source",
                    "names " + printable(scanner.source) + " a second time: one entry per scanner");
    }
    if (!names.insert(scanner.name).second) {
      return r.fail(at + ".name",
                    "\"" + printable(scanner.name) + "\" is taken: names must differ");
    }
    out.push_back(std::move(scanner));
  }
  return Status::Ok();
}

}  // namespace shelfnode::config_detail
