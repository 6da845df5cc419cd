#include <map>

#include "shelfnode/catalog/catalog.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/scan/gtin.h"

namespace shelfnode::catalog {
namespace {

// Each lookup step is one statement, compiled once per connection (hot path: every scan).
// A Wix row wins over an imported one for the display name ('wix' > 'import'), and of two
// Wix rows with one SKU the one added last (highest id; the index delivers that order), as
// in `stock` (ledger.cpp). (A single
// UNION ALL statement for all steps measured slower: tools/bench/README.md.)
// Each row of a hit also carries how many Wix variants have the SKU (one probe of the
// (sku, origin) index), so a scan needs no further statement.
#define SHELFNODE_WIX_VARIANTS(sku) \
  "(SELECT count(*) FROM catalog_items v WHERE v.sku = " sku " AND v.origin = 'wix')"
constexpr const char* kBySku = "SELECT sku, name, " SHELFNODE_WIX_VARIANTS(
    "?1") " FROM catalog_items WHERE sku = ?1 ORDER BY origin DESC, id DESC LIMIT 1";
// The display name and the variant count for a SKU found by barcode or alias.
constexpr const char* kNameOf =
    "SELECT (SELECT name FROM catalog_items WHERE sku = ?1 ORDER BY origin DESC, id DESC"
    " LIMIT 1), " SHELFNODE_WIX_VARIANTS("?1");
#undef SHELFNODE_WIX_VARIANTS
constexpr const char* kByGtin =
    "SELECT sku, name FROM catalog_items WHERE sku_gtin14 = ?1"
    " UNION ALL SELECT sku, name FROM catalog_items WHERE barcode_gtin14 = ?1 LIMIT 8";
// A barcode written as the 8 digits of a UPC-E symbol but stored by its EAN-8 reading, because
// the 8 digits are valid both ways and the catalog cannot know which symbol is printed: ?1 is
// that EAN-8 reading, ?2 the 8 digits (scan::upce_forms of the scanned UPC-A).
constexpr const char* kByPrintedUpce =
    "SELECT sku, name FROM catalog_items WHERE barcode_gtin14 = ?1 AND barcode = ?2 LIMIT 8";
constexpr const char* kByAlias =
    "SELECT a.sku, '' FROM aliases a WHERE a.code = ?1 OR (?2 <> '' AND a.gtin14 = ?2) LIMIT 8";

// Runs a cached lookup bound to (key, second) whose rows are (sku, name), adding them to `out`.
Status collect(store::Database& db, const char* sql, const std::string& key,
               const std::string& second, std::map<std::string, std::string>& out) {
  auto s = db.cached(sql);
  if (!s.ok()) return s.status();
  (*s)->bind(1, key);
  if ((*s)->parameter_count() > 1) (*s)->bind(2, second);
  for (;;) {
    Result<bool> row = (*s)->step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    out.emplace((*s)->text_at(0), (*s)->text_at(1));
  }
}

Status ambiguous(const scan::ScanCode& code, const std::map<std::string, std::string>& skus,
                 const char* fix) {
  std::string list;
  for (const auto& entry : skus) list += (list.empty() ? "" : ", ") + entry.first;
  return bad_data("code '" + printable(code.text) + "' matches more than one SKU (" +
                  printable(list) + "); " + fix);
}

// A row whose SKU this build refuses (left by a pull of an older build) is not used. The
// match gets the one display name every view uses, and how many Wix variants share it (the
// SKU step read both already).
Result<Match> usable(store::Database& db, Match match) {
  Status s = validate_sku(match.sku);
  if (!s.ok()) {
    return bad_data(s.message() + "; it cannot be scanned or pushed: fix the SKU in Wix, then " +
                    "run `shelfnode catalog pull`");
  }
  if (match.matched_by != "sku") {
    auto name = db.cached(kNameOf);
    if (!name.ok()) return name.status();
    (*name)->bind(1, match.sku);
    Result<bool> row = (*name)->step();
    if (!row.ok()) return row.status();
    match.name = (*name)->text_at(0);  // an aggregate row is always there
    match.wix_variants = (*name)->int_at(1);
  }
  return match;
}

}  // namespace

Result<Match> find(store::Database& db, const scan::ScanCode& code) {
  {
    auto s = db.cached(kBySku);
    if (!s.ok()) return s.status();
    (*s)->bind(1, code.text);
    Result<bool> row = (*s)->step();
    if (!row.ok()) return row.status();
    if (*row) {
      return usable(db, Match{(*s)->text_at(0), (*s)->text_at(1), "sku", (*s)->int_at(2)});
    }
  }
  std::map<std::string, std::string> skus;  // sku -> name
  for (const std::string& gtin : code.gtin14_candidates) {
    SHELFNODE_RETURN_IF_ERROR(collect(db, kByGtin, gtin, "", skus));
  }
  for (const std::string& gtin : code.gtin14_candidates) {
    for (const std::string& upce : scan::upce_forms(gtin)) {
      SHELFNODE_RETURN_IF_ERROR(collect(db, kByPrintedUpce, "000000" + upce, upce, skus));
    }
  }
  if (skus.size() > 1) {
    return ambiguous(code, skus, "fix the duplicate barcode in the catalog, or scan the SKU label");
  }
  if (skus.size() == 1) return usable(db, Match{skus.begin()->first, skus.begin()->second, "gtin"});
  // Aliases come last: the catalog always wins over a locally added alias.
  const std::string first_gtin =
      code.gtin14_candidates.empty() ? std::string() : code.gtin14_candidates.front();
  SHELFNODE_RETURN_IF_ERROR(collect(db, kByAlias, code.text, first_gtin, skus));
  for (std::size_t i = 1; i < code.gtin14_candidates.size(); ++i) {
    SHELFNODE_RETURN_IF_ERROR(collect(db, kByAlias, code.text, code.gtin14_candidates[i], skus));
  }
  if (skus.size() > 1) return ambiguous(code, skus, "repoint the alias with `shelfnode alias add`");
  if (skus.size() == 1) {
    return usable(db, Match{skus.begin()->first, skus.begin()->second, "alias"});
  }
  std::string why =
      "unknown code '" + printable(code.text) + "': not a SKU, barcode or alias in the catalog";
  if (!code.gtin_problem.empty()) why += " (and not a valid GTIN: " + code.gtin_problem + ")";
  return not_found(why + "; run `shelfnode catalog pull` (or `catalog import FILE.csv`), or " +
                   "link it with `shelfnode alias add CODE SKU`");
}

std::string not_pushed_reason(const Match& match) {
  if (!match.duplicated_in_wix()) return "";
  return "SKU " + printable(match.sku) + " is on " + std::to_string(match.wix_variants) +
         " Wix variants, so it is booked here but not pushed to Wix: give each variant its own "
         "SKU in Wix, then run `shelfnode catalog pull`";
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
    Result<store::Statement> s = db.prepare("SELECT 1 FROM catalog_items WHERE sku = ?1");
    if (!s.ok()) return s.status();
    s->bind(1, sku);
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) {
      return not_found("SKU '" + printable(sku) +
                       "' is not in the catalog: pull or import the catalog first");
    }
  }
  Result<Match> existing = find(db, *parsed);
  if (existing.ok() && existing->matched_by != "alias" && existing->sku != sku) {
    return bad_data("code '" + printable(parsed->text) + "' already means SKU '" +
                    printable(existing->sku) + "' (by " + existing->matched_by +
                    "); an alias cannot override the catalog");
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

Result<std::int64_t> catalog_size(store::Database& db) {
  Result<store::Statement> s = db.prepare("SELECT count(DISTINCT sku) FROM catalog_items");
  if (!s.ok()) return s.status();
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  return s->int_at(0);  // an aggregate always yields one row
}

}  // namespace shelfnode::catalog
