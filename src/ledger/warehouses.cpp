#include "shelfnode/ledger/warehouses.h"

#include <cctype>

namespace shelfnode::ledger {
namespace {

constexpr std::size_t kMaxNameLength = 32;

Warehouse row_to_warehouse(const store::Statement& s) {
  return Warehouse{s.int_at(0), s.text_at(1), s.int_at(2) != 0};
}

Status unknown_warehouse(std::string_view name) {
  return not_found("no warehouse named '" + std::string(name) +
                   "': see `shelfnode warehouse list`, or add it with `shelfnode warehouse add " +
                   std::string(name) + "`");
}

}  // namespace

Status validate_warehouse_name(std::string_view name) {
  const std::string shown(name);
  if (name.empty()) return usage_error("warehouse name is empty: use e.g. 'shop' or 'backroom'");
  if (name.size() > kMaxNameLength) {
    return usage_error("warehouse name '" + shown + "' is longer than 32 characters");
  }
  if (!std::isalnum(static_cast<unsigned char>(name[0]))) {
    return usage_error("warehouse name '" + shown + "' must start with a letter or digit");
  }
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') {
      return usage_error("warehouse name '" + shown +
                         "' may only use letters, digits, '-' and '_' (e.g. 'back-room')");
    }
  }
  return Status::Ok();
}

Result<Warehouse> add_warehouse(store::Database& db, std::string_view name, bool mapped,
                                const Clock& clock) {
  SHELFNODE_RETURN_IF_ERROR(validate_warehouse_name(name));
  Result<Warehouse> existing = find_warehouse(db, name);
  if (existing.ok()) {
    return bad_data("warehouse '" + std::string(name) + "' already exists (" +
                    (existing->mapped ? "mapped" : "not mapped") + ")");
  }
  if (existing.status().code() != Code::kNotFound) return existing.status();
  Result<store::Statement> s =
      db.prepare("INSERT INTO warehouses (name, mapped, created_at) VALUES (?1, ?2, ?3)");
  if (!s.ok()) return s.status();
  s->bind(1, name).bind(2, mapped ? 1 : 0).bind(3, format_utc_ms(clock.now_ms()));
  SHELFNODE_RETURN_IF_ERROR(s->run());
  return find_warehouse(db, name);
}

Result<Warehouse> find_warehouse(store::Database& db, std::string_view name) {
  auto s = db.cached("SELECT id, name, mapped FROM warehouses WHERE name = ?1");
  if (!s.ok()) return s.status();
  (*s)->bind(1, name);
  Result<bool> row = (*s)->step();
  if (!row.ok()) return row.status();
  if (!*row) return unknown_warehouse(name);
  return row_to_warehouse(**s);
}

Result<Warehouse> set_mapped(store::Database& db, std::string_view name, bool mapped) {
  Result<Warehouse> w = find_warehouse(db, name);
  if (!w.ok()) return w.status();
  Result<store::Statement> s = db.prepare("UPDATE warehouses SET mapped = ?1 WHERE id = ?2");
  if (!s.ok()) return s.status();
  s->bind(1, mapped ? 1 : 0).bind(2, w->id);
  SHELFNODE_RETURN_IF_ERROR(s->run());
  w->mapped = mapped;
  return w;
}

Result<std::vector<Warehouse>> list_warehouses(store::Database& db) {
  Result<store::Statement> s = db.prepare("SELECT id, name, mapped FROM warehouses ORDER BY id");
  if (!s.ok()) return s.status();
  std::vector<Warehouse> out;
  for (;;) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(row_to_warehouse(*s));
  }
  return out;
}

}  // namespace shelfnode::ledger
