#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "shelfnode/catalog/catalog.h"
#include "shelfnode/catalog/csv.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/scan/gtin.h"

namespace shelfnode::catalog {
namespace {

constexpr std::size_t kMaxReportedErrors = 20;

struct Row {
  int line = 0;
  std::string sku, name, barcode, barcode_gtin14, sku_gtin14;
};

std::string trim(std::string s) {
  auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  s.erase(s.begin(), std::find_if_not(s.begin(), s.end(), space));
  s.erase(std::find_if_not(s.rbegin(), s.rend(), space).base(), s.end());
  return s;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// A SKU that is itself a valid GTIN also answers to its GTIN-14 form.
std::string gtin14_or_empty(const std::string& code) {
  Result<std::string> g = scan::normalise_gtin(code);
  return g.ok() ? *g : std::string();
}

struct Columns {
  int sku = -1, name = -1, barcode = -1;
};

Status read_header(const std::vector<std::string>& header, Columns& cols) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string h = lower(trim(header[i]));
    int* slot = h == "sku"       ? &cols.sku
                : h == "name"    ? &cols.name
                : h == "barcode" ? &cols.barcode
                                 : nullptr;
    if (slot == nullptr || *slot != -1) {
      return bad_data("line 1: column '" + printable(header[i]) +
                      "' is not expected: the header must be sku,name,barcode (barcode optional)");
    }
    *slot = static_cast<int>(i);
  }
  if (cols.sku < 0 || cols.name < 0) {
    return bad_data("line 1: the header must name the columns sku,name,barcode (barcode optional)");
  }
  return Status::Ok();
}

std::string check_row(const Row& row) {
  Status s = validate_sku(row.sku);
  if (!s.ok()) return s.message();
  s = validate_name(row.name);
  if (!s.ok()) return s.message();
  if (!row.barcode.empty()) {
    Result<std::string> g = scan::normalise_catalog_barcode(row.barcode);
    if (!g.ok()) return "barcode: " + g.status().message();
  }
  return {};
}

Status load_rows(std::string_view text, std::vector<Row>& rows, std::vector<std::string>& errors) {
  CsvReader csv(text);
  std::vector<std::string> fields;
  Result<bool> got = csv.next(fields);
  if (!got.ok()) return got.status();
  if (!*got) return bad_data("the file is empty: expected a header line sku,name,barcode");
  Columns cols;
  SHELFNODE_RETURN_IF_ERROR(read_header(fields, cols));
  const std::size_t width = fields.size();
  std::map<std::string, int> sku_line, barcode_line;
  for (;;) {
    got = csv.next(fields);
    if (!got.ok()) return got.status();
    if (!*got) break;
    if (fields.size() == 1 && trim(fields[0]).empty()) continue;  // blank line
    const std::string at = "line " + std::to_string(csv.line()) + ": ";
    if (fields.size() != width) {
      errors.push_back(at + "expected " + std::to_string(width) + " fields, found " +
                       std::to_string(fields.size()) + " (quote fields that contain commas)");
      continue;
    }
    Row row;
    row.line = csv.line();
    row.sku = trim(fields[static_cast<std::size_t>(cols.sku)]);
    row.name = trim(fields[static_cast<std::size_t>(cols.name)]);
    if (cols.barcode >= 0) row.barcode = trim(fields[static_cast<std::size_t>(cols.barcode)]);
    std::string problem = check_row(row);
    if (problem.empty() && !sku_line.emplace(row.sku, row.line).second) {
      problem = "SKU '" + row.sku + "' already appears on line " +
                std::to_string(sku_line[row.sku]) + ": keep one row per SKU";
    }
    if (problem.empty() && !row.barcode.empty()) {
      row.barcode_gtin14 = *scan::normalise_catalog_barcode(row.barcode);  // checked above
      auto [it, fresh] = barcode_line.emplace(row.barcode_gtin14, row.line);
      if (!fresh) {
        problem = "barcode " + printable(row.barcode) + " is already used on line " +
                  std::to_string(it->second) + ": one barcode can name only one SKU";
      }
    }
    if (!problem.empty()) {
      errors.push_back(at + problem);
      continue;
    }
    row.sku_gtin14 = gtin14_or_empty(row.sku);
    rows.push_back(std::move(row));
  }
  return Status::Ok();
}

// A barcode already known for another SKU would make lookups ambiguous.
Status check_existing_barcodes(store::Database& db, const std::vector<Row>& rows,
                               std::vector<std::string>& errors) {
  Result<store::Statement> s = db.prepare(
      "SELECT sku FROM catalog_items WHERE (barcode_gtin14 = ?1 OR sku_gtin14 = ?1) AND sku <> ?2"
      " LIMIT 1");
  if (!s.ok()) return s.status();
  for (const Row& row : rows) {
    if (row.barcode_gtin14.empty()) continue;
    s->reset();
    s->bind(1, row.barcode_gtin14).bind(2, row.sku);
    Result<bool> hit = s->step();
    if (!hit.ok()) return hit.status();
    if (*hit) {
      errors.push_back("line " + std::to_string(row.line) + ": barcode " + printable(row.barcode) +
                       " already belongs to SKU '" + printable(s->text_at(0)) + "' in the catalog");
    }
  }
  return Status::Ok();
}

Status report(const std::vector<std::string>& errors) {
  std::string text = std::to_string(errors.size()) + " bad row(s); nothing was imported. Fix " +
                     "these and import the file again:";
  for (std::size_t i = 0; i < errors.size() && i < kMaxReportedErrors; ++i) {
    text += "\n  " + errors[i];
  }
  if (errors.size() > kMaxReportedErrors) {
    text += "\n  ... and " + std::to_string(errors.size() - kMaxReportedErrors) + " more";
  }
  return bad_data(text);
}

}  // namespace

Result<ImportReport> import_csv(store::Database& db, std::string_view csv_text,
                                const Clock& clock) {
  std::vector<Row> rows;
  std::vector<std::string> errors;
  SHELFNODE_RETURN_IF_ERROR(load_rows(csv_text, rows, errors));
  SHELFNODE_RETURN_IF_ERROR(check_existing_barcodes(db, rows, errors));
  if (!errors.empty()) return report(errors);

  auto tx = store::Transaction::begin(db);
  if (!tx.ok()) return tx.status();
  Result<store::Statement> exists =
      db.prepare("SELECT 1 FROM catalog_items WHERE origin = 'import' AND sku = ?1");
  if (!exists.ok()) return exists.status();
  Result<store::Statement> s = db.prepare(
      "INSERT INTO catalog_items (origin, sku, sku_gtin14, name, barcode, barcode_gtin14,"
      " updated_at) VALUES ('import', ?1, ?2, ?3, ?4, ?5, ?6)"
      " ON CONFLICT (sku) WHERE origin = 'import' DO UPDATE SET name = excluded.name,"
      " barcode = excluded.barcode, barcode_gtin14 = excluded.barcode_gtin14,"
      " updated_at = excluded.updated_at");
  if (!s.ok()) return s.status();
  ImportReport out;
  const std::string now = format_utc_ms(clock.now_ms());
  for (const Row& row : rows) {
    exists->reset();
    exists->bind(1, row.sku);
    Result<bool> known = exists->step();
    if (!known.ok()) return known.status();
    (*known ? out.updated : out.added) += 1;
    s->reset();
    s->bind(1, row.sku).bind_optional(2, row.sku_gtin14).bind(3, row.name);
    s->bind_optional(4, row.barcode).bind_optional(5, row.barcode_gtin14).bind(6, now);
    SHELFNODE_RETURN_IF_ERROR(s->run().with_context("line " + std::to_string(row.line)));
  }
  SHELFNODE_RETURN_IF_ERROR((*tx)->commit());
  return out;
}

}  // namespace shelfnode::catalog
