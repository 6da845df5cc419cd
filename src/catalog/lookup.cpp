#include <map>

#include "shelfnode/catalog/catalog.h"
#include "shelfnode/scan/gtin.h"

namespace shelfnode::catalog {
namespace {

// Each lookup step is one indexed statement, compiled once per connection (hot path: every
// scan). A Wix row wins over an imported one for the display name.
constexpr const char* kBySku =
    "SELECT sku, name FROM catalog_items WHERE sku = ?1 ORDER BY origin = 'wix' DESC LIMIT 1";
constexpr const char* kBySkuGtin =
    "SELECT sku, name FROM catalog_items WHERE sku_gtin14 = ?1 LIMIT 4";
constexpr const char* kByBarcodeGtin =
    "SELECT sku, name FROM catalog_items WHERE barcode_gtin14 = ?1 LIMIT 4";
constexpr const char* kByAliasCode = "SELECT sku FROM aliases WHERE code = ?1";
constexpr const char* kByAliasGtin = "SELECT sku FROM aliases WHERE gtin14 = ?1 LIMIT 4";

// Runs a cached one-parameter query whose rows are (sku[, name]) and adds them to `out`.
Status collect(store::Database& db, const char* sql, const std::string& key,
               std::map<std::string, std::string>& out) {
  auto s = db.cached(sql);
  if (!s.ok()) return s.status();
  (*s)->bind(1, key);
  for (;;) {
    Result<bool> row = (*s)->step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    out.emplace((*s)->text_at(0), (*s)->column_count() > 1 ? (*s)->text_at(1) : std::string());
  }
}

Result<std::string> name_of(store::Database& db, const std::string& sku) {
  auto s = db.cached(kBySku);
  if (!s.ok()) return s.status();
  (*s)->bind(1, sku);
  Result<bool> row = (*s)->step();
  if (!row.ok()) return row.status();
  return *row ? (*s)->text_at(1) : std::string();
}

Status ambiguous(const scan::ScanCode& code, const std::map<std::string, std::string>& skus,
                 const char* fix) {
  std::string list;
  for (const auto& entry : skus) list += (list.empty() ? "" : ", ") + entry.first;
  return bad_data("code '" + code.text + "' matches more than one SKU (" + list + "); " + fix);
}

Result<Match> matched(store::Database& db, std::string sku, const char* how) {
  Result<std::string> name = name_of(db, sku);
  if (!name.ok()) return name.status();
  return Match{std::move(sku), std::move(name).value(), how};
}

}  // namespace

Status validate_sku(std::string_view sku) {
  if (sku.empty()) return bad_data("SKU is empty");
  if (sku.size() > kMaxSkuLength) {
    return bad_data("SKU '" + std::string(sku) + "' is longer than 40 characters (Wix's limit)");
  }
  if (sku.front() == ' ' || sku.back() == ' ') {
    return bad_data("SKU '" + std::string(sku) + "' has a leading or trailing space");
  }
  for (char c : sku) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return bad_data("SKU contains a control character: retype it");
    }
  }
  return Status::Ok();
}

Result<Match> find(store::Database& db, const scan::ScanCode& code) {
  {
    auto s = db.cached(kBySku);
    if (!s.ok()) return s.status();
    (*s)->bind(1, code.text);
    Result<bool> row = (*s)->step();
    if (!row.ok()) return row.status();
    if (*row) return Match{(*s)->text_at(0), (*s)->text_at(1), "sku"};
  }
  std::map<std::string, std::string> skus;  // sku -> name
  for (const std::string& gtin : code.gtin14_candidates) {
    SHELFNODE_RETURN_IF_ERROR(collect(db, kBySkuGtin, gtin, skus));
    SHELFNODE_RETURN_IF_ERROR(collect(db, kByBarcodeGtin, gtin, skus));
  }
  if (skus.size() > 1) {
    return ambiguous(code, skus, "fix the duplicate barcode in the catalog, or scan the SKU label");
  }
  if (skus.size() == 1) return Match{skus.begin()->first, skus.begin()->second, "gtin"};
  // Aliases come last: the catalog always wins over a locally added alias.
  SHELFNODE_RETURN_IF_ERROR(collect(db, kByAliasCode, code.text, skus));
  for (const std::string& gtin : code.gtin14_candidates) {
    SHELFNODE_RETURN_IF_ERROR(collect(db, kByAliasGtin, gtin, skus));
  }
  if (skus.size() > 1) return ambiguous(code, skus, "repoint the alias with `shelfnode alias add`");
  if (skus.size() == 1) return matched(db, skus.begin()->first, "alias");
  std::string why = "unknown code '" + code.text + "': not a SKU, barcode or alias in the catalog";
  if (!code.gtin_problem.empty()) why += " (and not a valid GTIN: " + code.gtin_problem + ")";
  return not_found(why + "; run `shelfnode catalog pull` (or `catalog import FILE.csv`), or " +
                   "link it with `shelfnode alias add CODE SKU`");
}

Result<Match> find(store::Database& db, std::string_view raw) {
  Result<scan::ScanCode> code = scan::interpret(raw);
  if (!code.ok()) return code.status();
  return find(db, *code);
}

Status add_alias(store::Database& db, std::string_view code, std::string_view sku,
                 const Clock& clock) {
  Result<scan::ScanCode> parsed = scan::interpret(code);
  if (!parsed.ok()) return parsed.status();
  SHELFNODE_RETURN_IF_ERROR(validate_sku(sku));
  {
    auto s = db.cached(kBySku);
    if (!s.ok()) return s.status();
    (*s)->bind(1, sku);
    Result<bool> row = (*s)->step();
    if (!row.ok()) return row.status();
    if (!*row) {
      return not_found("SKU '" + std::string(sku) +
                       "' is not in the catalog: pull or import the catalog first");
    }
  }
  Result<Match> existing = find(db, *parsed);
  if (existing.ok() && existing->matched_by != "alias" && existing->sku != sku) {
    return conflict("code '" + parsed->text + "' already means SKU '" + existing->sku + "' (by " +
                    existing->matched_by + "); an alias cannot override the catalog");
  }
  const std::string gtin =
      parsed->gtin14_candidates.size() == 1 ? parsed->gtin14_candidates.front() : std::string();
  auto tx = store::Transaction::begin(db);
  if (!tx.ok()) return tx.status();
  if (!gtin.empty()) {
    // One GTIN, one alias: the same number typed in another length repoints it.
    Result<store::Statement> drop =
        db.prepare("DELETE FROM aliases WHERE gtin14 = ?1 AND code <> ?2");
    if (!drop.ok()) return drop.status();
    drop->bind(1, gtin).bind(2, parsed->text);
    SHELFNODE_RETURN_IF_ERROR(drop->run());
  }
  Result<store::Statement> s = db.prepare(
      "INSERT INTO aliases (code, gtin14, sku, created_at) VALUES (?1, ?2, ?3, ?4)"
      " ON CONFLICT (code) DO UPDATE SET sku = excluded.sku, gtin14 = excluded.gtin14");
  if (!s.ok()) return s.status();
  s->bind(1, parsed->text).bind_optional(2, gtin).bind(3, sku);
  s->bind(4, format_utc_ms(clock.now_ms()));
  SHELFNODE_RETURN_IF_ERROR(s->run());
  return (*tx)->commit();
}

std::int64_t catalog_size(store::Database& db) {
  Result<store::Statement> s = db.prepare("SELECT count(DISTINCT sku) FROM catalog_items");
  if (!s.ok()) return 0;
  Result<bool> row = s->step();
  return row.ok() && *row ? s->int_at(0) : 0;
}

}  // namespace shelfnode::catalog
