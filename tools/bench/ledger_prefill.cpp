#include "ledger_prefill.h"

#include <algorithm>

#include "device_setup.h"
#include "shelfnode/core/clock.h"
#include "shelfnode/core/uuid.h"
#include "shelfnode/ledger/ledger.h"
#include "shelfnode/ledger/warehouses.h"
#include "shelfnode/store/database.h"

namespace shelfnode::bench {
namespace {

constexpr std::size_t kRowsPerCommit = 25'000;

Status append_rows(store::Database& db, const std::vector<CatalogEntry>& catalog,
                   std::size_t count) {
  Result<ledger::Warehouse> shop = ledger::find_warehouse(db, kWarehouse);
  if (!shop.ok()) return shop.status();
  Result<std::unique_ptr<UuidGenerator>> uuids = UuidGenerator::create();
  if (!uuids.ok()) return uuids.status();
  SystemClock clock;
  ledger::Ledger ledger(db, **uuids, clock);
  for (std::size_t done = 0; done < count;) {
    auto tx = store::Transaction::begin(db);
    if (!tx.ok()) return tx.status();
    for (std::size_t end = std::min(count, done + kRowsPerCommit); done < end; ++done) {
      const CatalogEntry& e = catalog[(done * 7919) % catalog.size()];
      ledger::MovementRequest r;
      r.code = e.sku;
      r.sku = e.sku;
      r.warehouse_id = shop->id;
      r.kind = ledger::MovementKind::kReceive;
      r.quantity = 1;
      r.source = "scan:stdin";
      Result<ledger::Movement> m = ledger.record(r);
      if (!m.ok()) return m.status();
    }
    SHELFNODE_RETURN_IF_ERROR((*tx)->commit());
  }
  return Status::Ok();
}

}  // namespace

bool prefill_ledger(const std::string& data_dir, const std::vector<CatalogEntry>& catalog,
                    std::size_t count, std::string& error) {
  auto db = store::Database::open(data_dir + "/shelfnode.db", store::OpenMode::kReadWrite);
  Status s = db.ok() ? append_rows(**db, catalog, count) : db.status();
  if (!s.ok()) error = "ageing the ledger: " + s.message();
  return s.ok();
}

}  // namespace shelfnode::bench
