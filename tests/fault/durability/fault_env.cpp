#include "fault/durability/fault_env.h"

#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace shelfnode::fault {
namespace {

std::string describe(const testing::RunResult& r) {
  return "exit " + std::to_string(r.exit_code) + ", stdout: " + r.out + ", stderr: " + r.err;
}

}  // namespace

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

std::string sku_name(int index) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "SKU-%02d", index);
  return buf;
}

std::vector<std::string> shelfnode_argv(const std::string& data_dir,
                                        const std::vector<std::string>& args) {
  std::vector<std::string> argv{testing::shelfnode_bin(), "--data-dir", data_dir};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

std::vector<std::string> scan_argv(const std::string& data_dir, const std::string& mode) {
  return shelfnode_argv(data_dir, {"scan", "--warehouse", "shop", "--mode", mode});
}

std::string make_shop(const std::string& data_dir, const std::string& scratch_dir) {
  testing::RunResult r = testing::shelfnode(data_dir, {"init"});
  if (r.exit_code != 0) return "init: " + describe(r);
  r = testing::shelfnode(data_dir, {"warehouse", "add", "shop", "--mapped"});
  if (r.exit_code != 0) return "warehouse add: " + describe(r);
  std::string csv = "sku,name,barcode\n";
  for (int i = 1; i <= kSkuCount; ++i) csv += sku_name(i) + ",Item " + std::to_string(i) + ",\n";
  const std::string csv_path = scratch_dir + "/catalog.csv";
  testing::write_file(csv_path, csv);
  r = testing::shelfnode(data_dir, {"catalog", "import", csv_path});
  if (r.exit_code != 0) return "catalog import: " + describe(r);
  return "";
}

bool parse_ack(const std::string& line, Ack& out) {
  std::istringstream in(line);
  std::string ok, rest;
  if (!(in >> ok >> out.uuid >> out.sku >> out.qty) || ok != "OK" || (in >> rest)) return false;
  return out.uuid.size() == 36;
}

int collect_acks(const std::string& replies, AckedMovements& acked) {
  std::istringstream in(replies);
  std::string line;
  int added = 0;
  while (std::getline(in, line)) {
    Ack a;
    if (parse_ack(line, a)) {
      acked[a.uuid] = ExpectedMovement{a.sku, a.qty};
      ++added;
    }
  }
  return added;
}

LedgerView::LedgerView(const std::string& data_dir) {
  const std::string path = data_dir + "/shelfnode.db";
  int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr);
  if (rc != SQLITE_OK) {
    error_ =
        "cannot open " + path + " read-only: " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
  } else {
    sqlite3_busy_timeout(db_, 5000);
  }
}

LedgerView::~LedgerView() {
  sqlite3_close(db_);
}

std::vector<std::string> LedgerView::rows(const char* sql) {
  std::vector<std::string> out;
  if (!error_.empty()) return out;
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr);
  if (rc == SQLITE_OK) rc = SQLITE_ROW;
  while (rc == SQLITE_ROW && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    std::string row;
    for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
      const unsigned char* t = sqlite3_column_text(stmt, c);
      if (c > 0) row += '|';
      row += t ? reinterpret_cast<const char*>(t) : "NULL";
    }
    out.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) error_ = std::string(sql) + ": " + sqlite3_errmsg(db_);
  sqlite3_finalize(stmt);
  return out;
}

std::int64_t LedgerView::scalar(const char* sql) {
  std::vector<std::string> r = rows(sql);
  if (!error_.empty() || r.empty()) return -1;
  return std::strtoll(r.front().c_str(), nullptr, 10);
}

std::int64_t movement_count(const std::string& data_dir) {
  LedgerView view(data_dir);
  return view.scalar("SELECT count(*) FROM movements");
}

std::vector<std::string> ledger_violations(const std::string& data_dir,
                                           const AckedMovements& acked) {
  std::vector<std::string> bad;
  LedgerView view(data_dir);
  if (!view.error().empty()) return {view.error()};
  const std::vector<std::string> integrity = view.rows("PRAGMA integrity_check");
  if (integrity != std::vector<std::string>{"ok"}) {
    std::string all;
    for (const auto& line : integrity) all += line + "; ";
    bad.push_back("integrity_check: " + all + view.error());
  }
  const std::int64_t total = view.scalar("SELECT count(*) FROM movements");
  const std::int64_t distinct = view.scalar("SELECT count(DISTINCT id) FROM movements");
  if (total != distinct) {
    bad.push_back("movement ids not unique: " + std::to_string(total) + " rows, " +
                  std::to_string(distinct) + " distinct ids");
  }
  const std::int64_t shop = view.scalar("SELECT id FROM warehouses WHERE name = 'shop'");
  std::map<std::string, std::string> stored;  // uuid -> "sku|delta|warehouse"
  for (const std::string& row : view.rows("SELECT id, sku, delta, warehouse_id FROM movements")) {
    const std::size_t bar = row.find('|');
    stored[row.substr(0, bar)] = row.substr(bar + 1);
  }
  for (const auto& [uuid, want] : acked) {
    const std::string expect =
        want.sku + "|" + std::to_string(want.delta) + "|" + std::to_string(shop);
    auto it = stored.find(uuid);
    if (it == stored.end()) {
      bad.push_back("acknowledged scan missing from the ledger: OK " + uuid + " " + want.sku +
                    " (delta " + std::to_string(want.delta) + ")");
    } else if (it->second != expect) {
      bad.push_back("acknowledged scan " + uuid + " stored as " + it->second +
                    ", acknowledged as " + expect);
    }
    if (bad.size() > 20) break;
  }
  const char* const stock_vs_ledger[] = {
      "SELECT 'ledger', sku, warehouse_id, SUM(delta) FROM movements GROUP BY sku, warehouse_id"
      " EXCEPT SELECT 'ledger', sku, warehouse_id, qty FROM stock",
      "SELECT 'stock', sku, warehouse_id, qty FROM stock EXCEPT"
      " SELECT 'stock', sku, warehouse_id, SUM(delta) FROM movements GROUP BY sku, warehouse_id",
  };
  for (const char* sql : stock_vs_ledger) {
    for (const std::string& row : view.rows(sql)) {
      bad.push_back("stock diverges from the ledger (source|sku|warehouse|qty): " + row);
    }
  }
  for (const std::string& row : view.rows("SELECT id, sku FROM movements WHERE sku NOT IN"
                                          " (SELECT sku FROM catalog_items)")) {
    bad.push_back("movement for a SKU outside the catalog: " + row);
  }
  if (!view.error().empty()) bad.push_back(view.error());
  return bad;
}

}  // namespace shelfnode::fault
