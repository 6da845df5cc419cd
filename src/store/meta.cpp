#include "shelfnode/store/meta.h"

namespace shelfnode::store {

Result<std::optional<std::string>> get_meta(Database& db, std::string_view key) {
  auto s = db.cached("SELECT value FROM meta WHERE key = ?1");
  if (!s.ok()) return s.status();
  (*s)->bind(1, key);
  Result<bool> row = (*s)->step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<std::string>();
  return std::optional<std::string>((*s)->text_at(0));
}

Status set_meta(Database& db, std::string_view key, std::string_view value) {
  auto s = db.cached(
      "INSERT INTO meta (key, value) VALUES (?1, ?2)"
      " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!s.ok()) return s.status();
  (*s)->bind(1, key).bind(2, value);
  return (*s)->run().with_context("saving " + std::string(key));
}

Status delete_meta(Database& db, std::string_view key) {
  auto s = db.cached("DELETE FROM meta WHERE key = ?1");
  if (!s.ok()) return s.status();
  (*s)->bind(1, key);
  return (*s)->run();
}

}  // namespace shelfnode::store
