#include "shelfnode/pull/catalog_report.h"

#include "pull/pull_state.h"
#include "shelfnode/catalog/catalog.h"
#include "shelfnode/store/bounded_memory.h"

namespace shelfnode::pull {
namespace {

// LIMIT -1 is SQLite's "no limit".
std::int64_t limit_of(std::size_t max_listed) {
  return max_listed == 0 ? -1 : static_cast<std::int64_t>(max_listed);
}

Result<std::int64_t> count(store::Database& db, const char* sql) {
  Result<store::Statement> s = db.prepare(sql);
  if (!s.ok()) return s.status();
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  return s->int_at(0);  // an aggregate always yields one row
}

// Rows of (sku, name, product_id, variant_id), the query bound to LIMIT ?1.
Status list(store::Database& db, const char* sql, std::int64_t limit,
            std::vector<ReportVariant>& out) {
  Result<store::Statement> s = db.prepare(sql);
  if (!s.ok()) return s.status();
  s->bind(1, limit);
  for (;;) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    out.push_back({s->text_at(0), s->text_at(1), s->text_at(2), s->text_at(3), ""});
  }
}

constexpr const char* kDuplicatedSkus =
    "SELECT sku FROM catalog_items WHERE origin = 'wix' GROUP BY sku HAVING count(*) > 1";

Status read_duplicates(store::Database& db, std::int64_t limit, CatalogReport& r) {
  Result<std::int64_t> n =
      count(db, (std::string("SELECT count(*) FROM (") + kDuplicatedSkus + ")").c_str());
  if (!n.ok()) return n.status();
  r.duplicate_skus = *n;
  std::vector<ReportVariant> rows;
  SHELFNODE_RETURN_IF_ERROR(
      list(db,
           (std::string("SELECT sku, name, product_id, variant_id FROM catalog_items WHERE origin ="
                        " 'wix' AND sku IN (") +
            kDuplicatedSkus + " ORDER BY sku LIMIT ?1) ORDER BY sku, product_id, variant_id")
               .c_str(),
           limit, rows));
  for (ReportVariant& v : rows) {
    if (r.duplicates.empty() || r.duplicates.back().sku != v.sku)
      r.duplicates.push_back({v.sku, {}});
    r.duplicates.back().variants.push_back(std::move(v));
  }
  return Status::Ok();
}

Status read_unmapped(store::Database& db, std::int64_t limit, CatalogReport& r) {
  Result<std::int64_t> n = count(db, "SELECT count(*) FROM catalog_wix_unmapped");
  if (!n.ok()) return n.status();
  r.without_sku = *n;
  Result<store::Statement> s = db.prepare(
      "SELECT sku, name, product_id, variant_id, reason FROM catalog_wix_unmapped"
      " ORDER BY name, product_id, variant_id LIMIT ?1");
  if (!s.ok()) return s.status();
  s->bind(1, limit);
  for (;;) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    r.unmapped.push_back(
        {s->text_at(0), s->text_at(1), s->text_at(2), s->text_at(3), s->text_at(4)});
  }
}

// The Wix rows matching `condition`: how many, and the first `limit` of them.
Status read_wix_rows(store::Database& db, const std::string& condition, std::int64_t limit,
                     std::int64_t& total, std::vector<ReportVariant>& listed) {
  const std::string from = " FROM catalog_items WHERE origin = 'wix' AND " + condition;
  Result<std::int64_t> n = count(db, ("SELECT count(*)" + from).c_str());
  if (!n.ok()) return n.status();
  total = *n;
  return list(db,
              ("SELECT sku, name, product_id, variant_id" + from +
               " ORDER BY sku, product_id, variant_id LIMIT ?1")
                  .c_str(),
              limit, listed);
}

}  // namespace

Result<CatalogReport> read_report(store::Database& db, std::size_t max_listed) {
  store::BoundedMemory bounded(db);  // the counts scan every Wix row
  CatalogReport r;
  const std::int64_t limit = limit_of(max_listed);
  SHELFNODE_RETURN_IF_ERROR(read_duplicates(db, limit, r));
  SHELFNODE_RETURN_IF_ERROR(read_unmapped(db, limit, r));
  SHELFNODE_RETURN_IF_ERROR(
      read_wix_rows(db, "track_quantity = 0", limit, r.untracked, r.untracked_variants));
  // Only V3 keeps tracking apart from the variant; a V1 row always says.
  Result<std::optional<std::string>> version = store::get_meta(db, kCatalogVersionKey);
  if (!version.ok()) return version.status();
  if (version->value_or("") != "V3_CATALOG") return r;
  SHELFNODE_RETURN_IF_ERROR(
      read_wix_rows(db, "track_quantity IS NULL", limit, r.no_inventory_item, r.without_item));
  return r;
}

Result<PullStatus> read_pull_status(store::Database& db) {
  store::BoundedMemory bounded(db);
  PullStatus st;
  struct Field {
    const char* key;
    std::string* into;
  };
  for (const Field& f :
       {Field{kCatalogVersionKey, &st.catalog_version}, Field{kPulledAtKey, &st.pulled_at},
        Field{kFullPulledAtKey, &st.full_pulled_at}, Field{kLastModeKey, &st.last_mode}}) {
    Result<std::optional<std::string>> v = store::get_meta(db, f.key);
    if (!v.ok()) return v.status();
    *f.into = v->value_or("");
  }
  Result<std::optional<std::string>> pending = store::get_meta(db, kPendingKey);
  if (!pending.ok()) return pending.status();
  st.interrupted = pending->has_value();
  Result<std::int64_t> n = count(db, "SELECT count(*) FROM catalog_items WHERE origin = 'wix'");
  if (!n.ok()) return n.status();
  st.wix_variants = *n;
  n = catalog::catalog_size(db);
  if (!n.ok()) return n.status();
  st.catalog_skus = *n;
  return st;
}

}  // namespace shelfnode::pull
