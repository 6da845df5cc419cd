#include "shelfnode/ota/ota_state.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "shelfnode/core/json.h"
#include "small_file.h"

namespace shelfnode::ota {
namespace {

constexpr int kStateFormat = 1;
constexpr std::size_t kMaxStateBytes = 64 * 1024;

// Missing or mistyped members read as absent; a version that does not parse is absent too.
std::optional<Semver> version_at(const cJSON* object, const char* name) {
  const std::string text = text_at(object, name);
  if (text.empty()) return std::nullopt;
  Result<Semver> v = parse_semver(text);
  if (!v.ok()) return std::nullopt;
  return std::move(v).value();
}

std::int64_t int_at(const cJSON* object, const char* name, std::int64_t fallback) {
  Result<std::optional<std::int64_t>> n = whole_number_at(object, name, 0, kMaxExactJsonInt);
  return n.ok() && n->has_value() ? **n : fallback;
}

void add_text(cJSON* object, const char* name, const std::string& value) {
  cJSON_AddItemToObject(object, name, cJSON_CreateString(value.c_str()));
}

void add_int(cJSON* object, const char* name, std::int64_t value) {
  cJSON_AddItemToObject(object, name, cJSON_CreateNumber(static_cast<double>(value)));
}

Result<JsonPtr> read_json(const std::string& path, bool& missing) {
  Result<SmallFile> file = read_small_file(path, kMaxStateBytes, Links::kRefuse);
  if (!file.ok()) return file.status();
  missing = file->kind == FileKind::kMissing;
  if (missing) return JsonPtr(cJSON_CreateObject());
  if (file->kind != FileKind::kRegular) {
    return bad_data(path + " is not a regular file of at most 64 KiB");
  }
  Result<JsonPtr> json = parse_json_text(file->bytes);
  if (!json.ok()) return json.status().with_context(path);
  if (!cJSON_IsObject(json->get())) return bad_data(path + " is not a JSON object");
  return json;
}

std::optional<Trial> read_trial(const cJSON* t) {
  if (!cJSON_IsObject(t)) return std::nullopt;
  Trial trial;
  trial.slot = text_at(t, "slot");
  trial.previous = text_at(t, "previous");
  const std::optional<Semver> version = version_at(t, "version");
  if (trial.slot == kFactorySlot || !is_slot_name(trial.slot) || !is_slot_name(trial.previous) ||
      !version) {
    return std::nullopt;  // not a trial this build can act on: treated as none
  }
  trial.version = *version;
  // Never more starts than a trial is given, whatever the file says.
  trial.budget_left =
      static_cast<int>(std::min<std::int64_t>(int_at(t, "budget_left", 0), kBootBudget));
  trial.installed_ms = int_at(t, "installed_ms", 0);
  trial.failed = text_at(t, "failed");
  return trial;
}

}  // namespace

Result<OtaState> parse_state(std::string_view text) {
  Result<JsonPtr> json = parse_json_text(text);
  if (!json.ok()) return json.status();
  if (!cJSON_IsObject(json->get())) return bad_data("not a JSON object");
  const cJSON* j = json->get();
  OtaState state;
  state.floor = version_at(j, "floor");
  const std::string good = text_at(j, "good");
  if (is_slot_name(good)) state.good = good;
  const std::string previous_good = text_at(j, "previous_good");
  if (is_slot_name(previous_good)) state.previous_good = previous_good;
  state.trial = read_trial(cJSON_GetObjectItemCaseSensitive(j, "trial"));
  const cJSON* r = cJSON_GetObjectItemCaseSensitive(j, "last_rollback");
  if (cJSON_IsObject(r)) {
    state.last_rollback = Rollback{text_at(r, "from"), text_at(r, "to"), text_at(r, "version"),
                                   text_at(r, "reason"), int_at(r, "at_ms", 0)};
  }
  return state;
}

Result<OtaState> read_state(const InstallRoot& root) {
  Result<SmallFile> file = read_small_file(root.state(), kMaxStateBytes, Links::kRefuse);
  if (!file.ok()) return file.status();
  if (file->kind == FileKind::kMissing) return OtaState{};
  if (file->kind != FileKind::kRegular) {
    return bad_data(root.state() + " is not a regular file of at most 64 KiB");
  }
  Result<OtaState> state = parse_state(file->bytes);
  if (!state.ok()) return state.status().with_context(root.state());
  return state;
}

std::string state_text(const OtaState& state) {
  JsonPtr j(cJSON_CreateObject());
  add_int(j.get(), "format", kStateFormat);
  if (state.floor) add_text(j.get(), "floor", state.floor->to_string());
  add_text(j.get(), "good", state.good);
  if (!state.previous_good.empty()) add_text(j.get(), "previous_good", state.previous_good);
  if (state.trial) {
    cJSON* t = cJSON_AddObjectToObject(j.get(), "trial");
    add_text(t, "slot", state.trial->slot);
    add_text(t, "previous", state.trial->previous);
    add_text(t, "version", state.trial->version.to_string());
    add_int(t, "budget_left", state.trial->budget_left);
    add_int(t, "installed_ms", state.trial->installed_ms);
    if (!state.trial->failed.empty()) add_text(t, "failed", state.trial->failed);
  }
  if (state.last_rollback) {
    cJSON* r = cJSON_AddObjectToObject(j.get(), "last_rollback");
    add_text(r, "from", state.last_rollback->from);
    add_text(r, "to", state.last_rollback->to);
    add_text(r, "version", state.last_rollback->version);
    add_text(r, "reason", state.last_rollback->reason);
    add_int(r, "at_ms", state.last_rollback->at_ms);
  }
  return to_json_pretty(j.get()) + "\n";
}

Status write_state(FsOps& fs, const InstallRoot& root, const OtaState& state) {
  SHELFNODE_RETURN_IF_ERROR(ensure_ota_dir(fs, root));
  return write_file_durably(fs, root.state(), state_text(state), 0644);
}

Result<std::optional<LastRefusal>> read_last_refusal(const InstallRoot& root) {
  bool missing = false;
  Result<JsonPtr> json = read_json(root.last_refusal(), missing);
  if (!json.ok()) return json.status();
  if (missing) return std::optional<LastRefusal>();
  const cJSON* j = json->get();
  return std::optional<LastRefusal>(LastRefusal{text_at(j, "code"), text_at(j, "message"),
                                                text_at(j, "source"), int_at(j, "at_ms", 0)});
}

Status write_last_refusal(FsOps& fs, const InstallRoot& root, const LastRefusal& refusal) {
  JsonPtr j(cJSON_CreateObject());
  add_int(j.get(), "format", kStateFormat);
  add_text(j.get(), "code", refusal.code);
  add_text(j.get(), "message", refusal.message);
  add_text(j.get(), "source", refusal.source);
  add_int(j.get(), "at_ms", refusal.at_ms);
  SHELFNODE_RETURN_IF_ERROR(ensure_ota_dir(fs, root));
  return write_file_durably(fs, root.last_refusal(), to_json_pretty(j.get()) + "\n", 0644);
}

Result<JsonPtr> read_hawkbit_json(const InstallRoot& root) {
  bool missing = false;
  Result<JsonPtr> json = read_json(root.hawkbit(), missing);
  if (!json.ok()) return json.status();
  if (missing) return JsonPtr();
  return json;
}

Status ensure_ota_dir(FsOps& fs, const InstallRoot& root) {
  struct stat st {};
  if (::stat(root.ota_dir().c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Status::Ok();
    return io_error(root.ota_dir() + " is not a directory: remove it");
  }
  SHELFNODE_RETURN_IF_ERROR(fs.mkdir(root.ota_dir(), 0755));
  return fs.fsync_dir(root.dir);
}

}  // namespace shelfnode::ota
