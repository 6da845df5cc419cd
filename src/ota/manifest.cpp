#include "shelfnode/ota/manifest.h"

#include <set>

#include "shelfnode/core/clock.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ota/refusal.h"

namespace shelfnode::ota {
namespace {

constexpr const char* kTopFields = "format, name, version, expires, min_version, files";
constexpr const char* kFileFields = "path, size, sha256";
// A JSON number holds integers exactly up to 2^53 - 1; no bundle file comes near it.
constexpr std::int64_t kMaxFileSize = kMaxExactJsonInt;

Status malformed(const std::string& field, const std::string& what) {
  return refuse(Refusal::kManifestMalformed,
                "manifest.json: field '" + printable(field) + "' " + what);
}

Status read_text(const cJSON* node, const std::string& field, std::string& out) {
  if (!cJSON_IsString(node) || node->valuestring == nullptr) {
    return malformed(field, "must be a string");
  }
  out = node->valuestring;
  return Status::Ok();
}

Status read_version(const cJSON* node, const std::string& field, Semver& out) {
  std::string text;
  SHELFNODE_RETURN_IF_ERROR(read_text(node, field, text));
  Result<Semver> v = parse_semver(text);
  if (!v.ok()) return malformed(field, v.status().message());
  out = std::move(v).value();
  return Status::Ok();
}

// Only the form the bundle script writes: seconds, no fraction, 'Z'. An offset or a local
// time would make "is it expired?" depend on how it is read.
Status read_expires(const cJSON* node, std::int64_t& out) {
  std::string text;
  SHELFNODE_RETURN_IF_ERROR(read_text(node, "expires", text));
  const std::optional<std::int64_t> ms = parse_utc_ms(text);
  if (text.size() != 20 || text.back() != 'Z' || !ms) {
    return malformed(
        "expires", "must be a UTC time like 2027-01-31T00:00:00Z (got '" + printable(text) + "')");
  }
  out = *ms;
  return Status::Ok();
}

bool is_sha256_hex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Status read_file_entry(const cJSON* node, std::size_t index, ManifestFile& out) {
  const std::string where = "files[" + std::to_string(index) + "]";
  if (!cJSON_IsObject(node))
    return malformed(where, "must be an object with " + std::string(kFileFields));
  std::set<std::string> seen;
  for (const cJSON* f = node->child; f != nullptr; f = f->next) {
    const std::string name = f->string != nullptr ? f->string : "";
    const std::string field = where + "." + name;
    if (!seen.insert(name).second) return malformed(field, "appears twice");
    if (name == "path") {
      SHELFNODE_RETURN_IF_ERROR(read_text(f, field, out.path));
      SHELFNODE_RETURN_IF_ERROR(check_bundle_path(out.path));
    } else if (name == "size") {
      Result<std::int64_t> size = whole_number(f, 0, kMaxFileSize);
      if (!size.ok()) return malformed(field, "must be the file's size in bytes, a whole number");
      out.size = static_cast<std::uint64_t>(*size);
    } else if (name == "sha256") {
      SHELFNODE_RETURN_IF_ERROR(read_text(f, field, out.sha256));
      if (!is_sha256_hex(out.sha256)) {
        return malformed(field, "must be 64 lower-case hex digits (sha256sum's output)");
      }
    } else {
      return malformed(field, std::string("is unknown: use only ") + kFileFields);
    }
  }
  for (const char* required : {"path", "size", "sha256"}) {
    if (seen.count(required) == 0) return malformed(where + "." + required, "is missing");
  }
  return Status::Ok();
}

Status read_files(const cJSON* node, std::vector<ManifestFile>& out) {
  if (!cJSON_IsArray(node)) return malformed("files", "must be an array");
  std::set<std::string> paths;
  std::size_t index = 0;
  for (const cJSON* f = node->child; f != nullptr; f = f->next, ++index) {
    ManifestFile file{};
    SHELFNODE_RETURN_IF_ERROR(read_file_entry(f, index, file));
    if (!paths.insert(file.path).second) {
      return malformed("files[" + std::to_string(index) + "].path",
                       "lists '" + printable(file.path) + "' a second time");
    }
    out.push_back(std::move(file));
  }
  if (out.empty()) return malformed("files", "is empty: a bundle carries at least one file");
  return Status::Ok();
}

Status read_field(const cJSON* f, const std::string& name, Manifest& m) {
  if (name == "format") {
    Result<std::int64_t> format = whole_number(f, kManifestFormat, kManifestFormat);
    if (!format.ok()) {
      return malformed(name, "must be " + std::to_string(kManifestFormat) +
                                 " (a newer format needs a newer shelfnode)");
    }
    return Status::Ok();
  }
  if (name == "name") {
    SHELFNODE_RETURN_IF_ERROR(read_text(f, name, m.name));
    return m.name.empty() ? malformed(name, "must not be empty") : Status::Ok();
  }
  if (name == "version") return read_version(f, name, m.version);
  if (name == "expires") return read_expires(f, m.expires_ms);
  if (name == "min_version") {
    m.min_version.emplace();
    return read_version(f, name, *m.min_version);
  }
  if (name == "files") return read_files(f, m.files);
  return malformed(name, std::string("is unknown: use only ") + kTopFields);
}

}  // namespace

Result<Manifest> parse_manifest(std::string_view text) {
  Result<JsonPtr> root = parse_json_text(text);
  if (!root.ok()) {
    return refuse(Refusal::kManifestMalformed, "manifest.json: " + root.status().message());
  }
  if (!cJSON_IsObject(root->get())) {
    return refuse(Refusal::kManifestMalformed, "manifest.json: must be a JSON object");
  }
  Manifest m;
  std::set<std::string> seen;
  for (const cJSON* f = root->get()->child; f != nullptr; f = f->next) {
    const std::string name = f->string != nullptr ? f->string : "";
    if (!seen.insert(name).second) return malformed(name, "appears twice");
    SHELFNODE_RETURN_IF_ERROR(read_field(f, name, m));
  }
  for (const char* required : {"format", "name", "version", "expires", "files"}) {
    if (seen.count(required) == 0) return malformed(required, "is missing");
  }
  return m;
}

}  // namespace shelfnode::ota
