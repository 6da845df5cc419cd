// CSV catalog files through the RFC 4180 reader and the all-or-nothing import into an
// in-memory, migrated catalog. Invariants: the records read, written back out with every
// field quoted and read again, are the same records; record lines never go backwards; an
// import either stores exactly one valid row per SKU it reports (non-empty SKU that passes
// validate_sku, a name, a barcode only if it is a valid GTIN, stored with its GTIN-14) or
// stores nothing and explains why.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "shelfnode/catalog/catalog.h"
#include "shelfnode/catalog/csv.h"
#include "shelfnode/core/clock.h"
#include "shelfnode/scan/gtin.h"
#include "shelfnode/store/database.h"
#include "shelfnode/store/schema.h"

namespace shelfnode::fuzz {
namespace {

using Records = std::vector<std::vector<std::string>>;

// Reads every record; false when the reader refused the text.
bool read_all(const std::string& text, Records& out, Status& refusal) {
  const std::string in(text);
  catalog::CsvReader csv(in);
  std::vector<std::string> fields;
  int last_line = 0;
  for (std::size_t guard = 0; guard <= text.size() + 1; ++guard) {
    Result<bool> got = csv.next(fields);
    if (!got.ok()) {
      refusal = got.status();
      return false;
    }
    if (!*got) return true;
    FUZZ_CHECK(csv.line() > last_line);
    last_line = csv.line();
    FUZZ_CHECK(!fields.empty());
    out.push_back(fields);
  }
  broken("the reader returned more records than the text has bytes", __FILE__, __LINE__);
}

std::string quoted(const Records& records) {
  std::string out;
  for (const std::vector<std::string>& r : records) {
    for (std::size_t i = 0; i < r.size(); ++i) {
      out += i == 0 ? "\"" : ",\"";
      for (char c : r[i]) out += c == '"' ? "\"\"" : std::string(1, c);
      out += '"';
    }
    out += '\n';
  }
  return out;
}

store::Database& catalog_db() {
  static std::unique_ptr<store::Database> db = [] {
    auto opened = store::Database::open(":memory:", store::OpenMode::kReadWrite);
    if (!opened.ok()) broken("opening the in-memory catalog failed", __FILE__, __LINE__);
    if (!store::migrate(**opened).ok()) broken("migrating it failed", __FILE__, __LINE__);
    return std::move(opened).value();
  }();
  return *db;
}

void check_import(const std::string& text) {
  store::Database& db = catalog_db();
  FUZZ_CHECK(db.exec("DELETE FROM catalog_items").ok());
  const std::string in(text);
  FakeClock clock(1764000000000);
  Result<catalog::ImportReport> report = catalog::import_csv(db, in, clock);
  Result<store::Statement> rows =
      db.prepare("SELECT sku, name, barcode, barcode_gtin14, sku_gtin14 FROM catalog_items");
  FUZZ_CHECK(rows.ok());
  std::int64_t stored = 0;
  for (;;) {
    Result<bool> row = rows->step();
    FUZZ_CHECK(row.ok());
    if (!*row) break;
    ++stored;
    const std::string sku = rows->text_at(0);
    FUZZ_CHECK(!sku.empty() && catalog::validate_sku(sku).ok());
    const std::string name = rows->text_at(1);
    FUZZ_CHECK(!name.empty() && name.size() <= catalog::kMaxNameLength);
    if (!rows->is_null(2)) {
      // As import reads it: a GTIN, or an 8-digit UPC-E stored as the UPC-A it expands to.
      Result<std::string> g = scan::normalise_catalog_barcode(rows->text_at(2));
      FUZZ_CHECK(g.ok() && *g == rows->text_at(3));
    }
    Result<std::string> sku_gtin = scan::normalise_gtin(sku);
    FUZZ_CHECK(sku_gtin.ok() ? !rows->is_null(4) && rows->text_at(4) == *sku_gtin
                             : rows->is_null(4));
  }
  if (report.ok()) {
    FUZZ_CHECK(report->updated == 0);  // the catalog was empty
    FUZZ_CHECK(report->added == stored);
  } else {
    FUZZ_CHECK(report.status().code() == Code::kBadData);
    FUZZ_CHECK_MESSAGE(report.status());
    FUZZ_CHECK(stored == 0);  // all or nothing
  }
}

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelfnode;
  using namespace shelfnode::fuzz;
  const std::string text(as_text(data, size));
  Records records;
  Status refusal;
  if (read_all(text, records, refusal)) {
    Records again;
    FUZZ_CHECK(read_all(quoted(records), again, refusal));
    FUZZ_CHECK(again == records);
  } else {
    FUZZ_CHECK(refusal.code() == Code::kBadData);
    FUZZ_CHECK_MESSAGE(refusal);
  }
  check_import(text);
  return 0;
}
