#include "pull/cache_writer.h"

#include <optional>
#include <utility>

#include "shelfnode/scan/gtin.h"

namespace shelfnode::pull {
namespace {

// (product_id, variant_id) is unique among 'wix' rows (index catalog_wix_variant).
constexpr const char* kFind =
    "SELECT sku, name, COALESCE(barcode, ''), track_quantity FROM catalog_items"
    " WHERE origin = 'wix' AND product_id = ?1 AND variant_id = ?2";
constexpr const char* kInsert =
    "INSERT INTO catalog_items (origin, product_id, variant_id, sku, sku_gtin14, name, barcode,"
    " barcode_gtin14, track_quantity, updated_at, pull_generation, tracked_generation)"
    " VALUES ('wix', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
    " CASE WHEN ?8 IS NULL THEN NULL ELSE ?10 END)";
// A source that does not know tracking (V3 variants) leaves what the items pass found.
constexpr const char* kUpdate =
    "UPDATE catalog_items SET sku = ?3, sku_gtin14 = ?4, name = ?5, barcode = ?6,"
    " barcode_gtin14 = ?7, track_quantity = COALESCE(?8, track_quantity), updated_at = ?9,"
    " pull_generation = ?10,"
    " tracked_generation = CASE WHEN ?8 IS NULL THEN tracked_generation ELSE ?10 END"
    " WHERE origin = 'wix' AND product_id = ?1 AND variant_id = ?2";
constexpr const char* kTouch =
    "UPDATE catalog_items SET pull_generation = ?3,"
    " tracked_generation = CASE WHEN ?4 THEN ?3 ELSE tracked_generation END"
    " WHERE origin = 'wix' AND product_id = ?1 AND variant_id = ?2";
constexpr const char* kDropItem =
    "DELETE FROM catalog_items WHERE origin = 'wix' AND product_id = ?1 AND variant_id = ?2";
constexpr const char* kDropUnmapped =
    "DELETE FROM catalog_wix_unmapped WHERE product_id = ?1 AND variant_id = ?2";
constexpr const char* kUpsertUnmapped =
    "INSERT INTO catalog_wix_unmapped (product_id, variant_id, name, sku, reason, pull_generation)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (product_id, variant_id) DO UPDATE SET"
    " name = excluded.name, sku = excluded.sku, reason = excluded.reason,"
    " pull_generation = excluded.pull_generation";
constexpr const char* kFindTracking =
    "SELECT track_quantity FROM catalog_items"
    " WHERE origin = 'wix' AND product_id = ?1 AND variant_id = ?2";
constexpr const char* kSetTracking =
    "UPDATE catalog_items SET track_quantity = ?3, tracked_generation = ?4, updated_at = ?5"
    " WHERE origin = 'wix' AND product_id = ?1 AND variant_id = ?2";
constexpr const char* kTouchTracking =
    "UPDATE catalog_items SET tracked_generation = ?3"
    " WHERE origin = 'wix' AND product_id = ?1 AND variant_id = ?2";

// Products this pull saw, through either table.
constexpr const char* kSeenProducts =
    "SELECT product_id FROM catalog_items WHERE origin = 'wix' AND pull_generation = ?1"
    " UNION SELECT product_id FROM catalog_wix_unmapped WHERE pull_generation = ?1";

std::string gtin14_or_empty(const std::string& code) {
  if (code.empty()) return "";
  Result<std::string> g = scan::normalise_gtin(code);
  return g.ok() ? *g : std::string();
}

// A Wix barcode may be an 8-digit UPC-E as printed, which normalise_gtin() refuses.
std::string barcode_gtin14_or_empty(const std::string& code) {
  if (code.empty()) return "";
  Result<std::string> g = scan::normalise_catalog_barcode(code);
  return g.ok() ? *g : std::string();
}

void bind_tracked(store::Statement& s, int index, const std::optional<bool>& tracked) {
  if (tracked.has_value()) {
    s.bind(index, static_cast<std::int64_t>(*tracked ? 1 : 0));
  } else {
    s.bind_null(index);
  }
}

Status run_keyed(store::Database& db, const char* sql, const std::string& product,
                 const std::string& variant, std::int64_t* changed = nullptr) {
  auto s = db.cached(sql);
  if (!s.ok()) return s.status();
  (*s)->bind(1, product).bind(2, variant);
  SHELFNODE_RETURN_IF_ERROR((*s)->run());
  if (changed != nullptr) *changed += db.changes();
  return Status::Ok();
}

Status run_generation(store::Database& db, const std::string& sql, std::int64_t generation,
                      const std::string& now, std::int64_t* changed) {
  Result<store::Statement> s = db.prepare(sql);
  if (!s.ok()) return s.status();
  s->bind(1, generation);
  if (s->parameter_count() > 1) s->bind(2, now);
  SHELFNODE_RETURN_IF_ERROR(s->run());
  if (changed != nullptr) *changed += db.changes();
  return Status::Ok();
}

// A run of rows, for range-for (C++17 has no std::span).
template <typename Row>
struct Rows {
  const Row* first;
  std::size_t count;
  const Row* begin() const { return first; }
  const Row* end() const { return first + count; }
};

}  // namespace

Status CacheWriter::write_variants(const VariantRow* rows, std::size_t count) {
  for (const VariantRow& row : Rows<VariantRow>{rows, count}) {
    SHELFNODE_RETURN_IF_ERROR(row.sku_problem.empty() ? write_item(row) : write_unmapped(row));
  }
  return Status::Ok();
}

Status CacheWriter::write_item(const VariantRow& row) {
  SHELFNODE_RETURN_IF_ERROR(run_keyed(db_, kDropUnmapped, row.product_id, row.variant_id));
  bool known = false, same = false;
  {
    auto find = db_.cached(kFind);
    if (!find.ok()) return find.status();
    (*find)->bind(1, row.product_id).bind(2, row.variant_id);
    Result<bool> hit = (*find)->step();
    if (!hit.ok()) return hit.status();
    known = *hit;
    if (known) {
      store::Statement& f = **find;
      const bool track_same =
          !row.tracked.has_value() || (!f.is_null(3) && (f.int_at(3) != 0) == *row.tracked);
      same = f.text_at(0) == row.sku && f.text_at(1) == row.name && f.text_at(2) == row.barcode &&
             track_same;
    }
  }
  if (same) {
    auto touch = db_.cached(kTouch);
    if (!touch.ok()) return touch.status();
    (*touch)->bind(1, row.product_id).bind(2, row.variant_id).bind(3, generation_);
    (*touch)->bind(4, static_cast<std::int64_t>(row.tracked.has_value() ? 1 : 0));
    ++counts_.unchanged;
    return (*touch)->run();
  }
  auto s = db_.cached(known ? kUpdate : kInsert);
  if (!s.ok()) return s.status();
  (*s)->bind(1, row.product_id).bind(2, row.variant_id).bind(3, row.sku);
  (*s)->bind_optional(4, gtin14_or_empty(row.sku)).bind(5, row.name);
  (*s)->bind_optional(6, row.barcode).bind_optional(7, barcode_gtin14_or_empty(row.barcode));
  bind_tracked(**s, 8, row.tracked);
  (*s)->bind(9, now_).bind(10, generation_);
  ++(known ? counts_.updated : counts_.added);
  return (*s)->run();
}

Status CacheWriter::write_unmapped(const VariantRow& row) {
  // A variant that lost its SKU in Wix leaves the catalog: no code may reach it any more.
  SHELFNODE_RETURN_IF_ERROR(
      run_keyed(db_, kDropItem, row.product_id, row.variant_id, &counts_.removed));
  auto s = db_.cached(kUpsertUnmapped);
  if (!s.ok()) return s.status();
  (*s)->bind(1, row.product_id).bind(2, row.variant_id).bind(3, row.name).bind(4, row.sku);
  (*s)->bind(5, row.sku_problem).bind(6, generation_);
  ++counts_.unmapped;
  return (*s)->run();
}

Status CacheWriter::write_tracking(const ItemTracking* items, std::size_t count) {
  for (const ItemTracking& item : Rows<ItemTracking>{items, count}) {
    std::optional<bool> was;
    {
      auto find = db_.cached(kFindTracking);
      if (!find.ok()) return find.status();
      (*find)->bind(1, item.product_id).bind(2, item.variant_id);
      Result<bool> hit = (*find)->step();
      if (!hit.ok()) return hit.status();
      if (!*hit) continue;  // a variant the cache does not hold (no SKU, or hidden from the key)
      if (!(*find)->is_null(0)) was = (*find)->int_at(0) != 0;
    }
    const bool same = was.has_value() && *was == item.tracked;
    auto s = db_.cached(same ? kTouchTracking : kSetTracking);
    if (!s.ok()) return s.status();
    (*s)->bind(1, item.product_id).bind(2, item.variant_id);
    if (same) {
      (*s)->bind(3, generation_);
    } else {
      (*s)->bind(3, static_cast<std::int64_t>(item.tracked ? 1 : 0)).bind(4, generation_);
      (*s)->bind(5, now_);
      // First news of tracking for a row is part of adding it, not a change.
      if (was.has_value()) ++counts_.updated;
    }
    SHELFNODE_RETURN_IF_ERROR((*s)->run());
  }
  return Status::Ok();
}

Status CacheWriter::sweep_unseen(bool v3_tracking) {
  SHELFNODE_RETURN_IF_ERROR(run_generation(
      db_, "DELETE FROM catalog_items WHERE origin = 'wix' AND pull_generation IS NOT ?1",
      generation_, now_, &counts_.removed));
  SHELFNODE_RETURN_IF_ERROR(
      run_generation(db_, "DELETE FROM catalog_wix_unmapped WHERE pull_generation IS NOT ?1",
                     generation_, now_, nullptr));
  if (!v3_tracking) return Status::Ok();
  return run_generation(db_,
                        "UPDATE catalog_items SET track_quantity = NULL, updated_at = ?2"
                        " WHERE origin = 'wix' AND track_quantity IS NOT NULL"
                        " AND tracked_generation IS NOT ?1",
                        generation_, now_, nullptr);
}

Status CacheWriter::sweep_seen_products() {
  SHELFNODE_RETURN_IF_ERROR(run_generation(
      db_,
      std::string("DELETE FROM catalog_items WHERE origin = 'wix' AND pull_generation IS NOT ?1"
                  " AND product_id IN (") +
          kSeenProducts + ")",
      generation_, now_, &counts_.removed));
  return run_generation(db_,
                        std::string("DELETE FROM catalog_wix_unmapped WHERE pull_generation IS NOT"
                                    " ?1 AND product_id IN (") +
                            kSeenProducts + ")",
                        generation_, now_, nullptr);
}

}  // namespace shelfnode::pull
