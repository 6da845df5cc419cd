#include "shelfnode/ledger/history.h"

#include <string>

#include "shelfnode/store/bounded_memory.h"

namespace shelfnode::ledger {
namespace {

// ?1 sku, ?2 warehouse id, ?3 since, ?4 limit (NULL = no filter; -1 = no limit). The void
// that undid a row is found through the unique index on voids.
constexpr const char* kSelect =
    "SELECT m.seq, m.id, m.at, m.kind, m.code, m.sku, m.warehouse_id, w.name, m.delta,"
    " m.source, COALESCE(m.reference, ''), COALESCE(m.voids, ''), COALESCE(m.note, ''),"
    " COALESCE((SELECT v.id FROM movements v WHERE v.voids = m.id), '')"
    " FROM movements m JOIN warehouses w ON w.id = m.warehouse_id";
constexpr const char* kFilter =
    " WHERE (?1 IS NULL OR m.sku = ?1) AND (?2 IS NULL OR m.warehouse_id = ?2)"
    " AND (?3 IS NULL OR m.at >= ?3)";

StoredMovement row_at(const store::Statement& s) {
  StoredMovement m;
  m.seq = s.int_at(0);
  m.id = s.text_at(1);
  m.at = s.text_at(2);
  m.kind = s.text_at(3);
  m.code = s.text_at(4);
  m.sku = s.text_at(5);
  m.warehouse_id = s.int_at(6);
  m.warehouse = s.text_at(7);
  m.delta = s.int_at(8);
  m.source = s.text_at(9);
  m.reference = s.text_at(10);
  m.voids = s.text_at(11);
  m.note = s.text_at(12);
  m.voided_by = s.text_at(13);
  return m;
}

}  // namespace

Status each_movement(store::Database& db, const MovementFilter& filter,
                     const std::function<Status(const StoredMovement&)>& each) {
  const std::string sql = std::string(kSelect) + kFilter + " ORDER BY m.seq " +
                          (filter.newest_first ? "DESC" : "ASC") + " LIMIT ?4";
  // A filtered walk may read every page of the table: through a bounded cache, not mmap, so
  // memory does not follow the ledger's size.
  store::BoundedMemory bounded(db);
  Result<store::Statement> s = db.prepare(sql);
  if (!s.ok()) return s.status();
  if (filter.sku) s->bind(1, *filter.sku);
  if (filter.warehouse_id) s->bind(2, *filter.warehouse_id);
  if (filter.since) s->bind(3, *filter.since);
  s->bind(4, filter.limit);
  for (;;) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status().with_context("reading the ledger");
    if (!*row) return Status::Ok();
    SHELFNODE_RETURN_IF_ERROR(each(row_at(*s)));
  }
}

Result<std::optional<StoredMovement>> find_movement(store::Database& db, const std::string& id) {
  Result<store::Statement> s = db.prepare(std::string(kSelect) + " WHERE m.id = ?1");
  if (!s.ok()) return s.status();
  s->bind(1, id);
  Result<bool> row = s->step();
  if (!row.ok()) return row.status().with_context("reading the ledger");
  if (!*row) return std::optional<StoredMovement>();
  return std::optional<StoredMovement>(row_at(*s));
}

}  // namespace shelfnode::ledger
