#include "sync/round_meta.h"

#include <cstdlib>
#include <optional>

#include "shelfnode/store/meta.h"

namespace shelfnode::sync {

Result<std::string> meta_text(store::Database& db, const std::string& key) {
  Result<std::optional<std::string>> v = store::get_meta(db, key);
  if (!v.ok()) return v.status();
  return v->value_or("");
}

Result<std::int64_t> meta_count(store::Database& db, const std::string& key) {
  Result<std::string> v = meta_text(db, key);
  if (!v.ok()) return v.status();
  return static_cast<std::int64_t>(std::strtoll(v->c_str(), nullptr, 10));
}

Status add_to_meta(store::Database& db, const std::string& key, std::int64_t n) {
  Result<std::int64_t> now = meta_count(db, key);
  if (!now.ok()) return now.status();
  return store::set_meta(db, key, std::to_string(*now + n));
}

}  // namespace shelfnode::sync
