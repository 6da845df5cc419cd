#include "shelfnode/store/schema.h"

#include <string>

#include "shelfnode/core/atomic_file.h"

namespace shelfnode::store {
namespace {

// Numbered migrations: index i moves the schema from version i to i+1. Never edit one that
// has shipped; add a new one.
const char* const kMigrations[] = {
    // 1: the offline core: warehouses, catalog cache, aliases, the ledger, stock.
    R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE warehouses (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  mapped     INTEGER NOT NULL DEFAULT 0 CHECK (mapped IN (0, 1)),
  created_at TEXT NOT NULL
);

-- One row per sellable item: a Wix variant (origin 'wix') or a line of an imported CSV
-- (origin 'import'). A SKU may appear twice when Wix has it on two variants; lookup and the
-- sync planner refuse to guess between them.
CREATE TABLE catalog_items (
  id             INTEGER PRIMARY KEY,
  origin         TEXT NOT NULL CHECK (origin IN ('import', 'wix')),
  sku            TEXT NOT NULL,
  sku_gtin14     TEXT,
  name           TEXT NOT NULL,
  barcode        TEXT,
  barcode_gtin14 TEXT,
  product_id     TEXT,
  variant_id     TEXT,
  track_quantity INTEGER,
  updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX catalog_import_sku ON catalog_items (sku) WHERE origin = 'import';
CREATE UNIQUE INDEX catalog_wix_variant ON catalog_items (product_id, variant_id)
  WHERE origin = 'wix';
CREATE INDEX catalog_sku ON catalog_items (sku, origin);
CREATE INDEX catalog_sku_gtin ON catalog_items (sku_gtin14) WHERE sku_gtin14 IS NOT NULL;
CREATE INDEX catalog_barcode_gtin ON catalog_items (barcode_gtin14)
  WHERE barcode_gtin14 IS NOT NULL;

CREATE TABLE aliases (
  code       TEXT PRIMARY KEY,
  gtin14     TEXT,
  sku        TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX aliases_gtin ON aliases (gtin14) WHERE gtin14 IS NOT NULL;

-- The ledger: append-only. `id` is the UUID made in the same transaction as the row;
-- `reference` is unique when present (an online order line), so a replay is a no-op.
CREATE TABLE movements (
  seq          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  at           TEXT NOT NULL,
  code         TEXT NOT NULL,
  sku          TEXT NOT NULL,
  warehouse_id INTEGER NOT NULL REFERENCES warehouses (id),
  delta        INTEGER NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('receive', 'sell', 'count', 'move_out', 'move_in',
                                              'order', 'order_cancel')),
  source       TEXT NOT NULL,
  reference    TEXT
);
-- Partial, so the common scan (no reference) writes no page of this index.
CREATE UNIQUE INDEX movements_reference ON movements (reference) WHERE reference IS NOT NULL;

-- Current quantity per (SKU, warehouse), kept in the same transaction as each movement.
-- A row exists only once the SKU has moved or been counted there.
CREATE TABLE stock (
  sku          TEXT NOT NULL,
  warehouse_id INTEGER NOT NULL REFERENCES warehouses (id),
  qty          INTEGER NOT NULL,
  PRIMARY KEY (sku, warehouse_id)
) WITHOUT ROWID;
)sql",
    // 2: the sync engine's state (DESIGN §4.4-4.6).
    R"sql(
-- Per SKU pushed to Wix: what Wix is believed to hold and what is on its way. A row exists
-- once the sync engine has looked at the SKU (src/sync/README.md has the state machine).
CREATE TABLE wix_outbox (
  sku               TEXT PRIMARY KEY,
  confirmed         INTEGER,  -- Wix's quantity as last known; NULL = not read yet
  sent_target       INTEGER,  -- the quantity a write in flight moves Wix to; NULL = none
  sent_at           TEXT,
  uncertain         INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
  parked_reason     TEXT,     -- why it is not pushed (Wix's rejection, not in the catalog, ...)
  parked_at         TEXT,
  parked_by         TEXT CHECK (parked_by IN ('catalog', 'wix')),  -- who can lift it
  parked_target     INTEGER,  -- the target when Wix refused it: a new target retries
  product_id        TEXT,     -- the Wix variant `confirmed` is about; another one = read again
  variant_id        TEXT,
  inventory_item_id TEXT,     -- V3: the item at the default location
  revision          TEXT,     -- V3: its revision when last read
  read_seq          INTEGER,  -- movements.seq when `confirmed` was read from Wix, until an
                              -- orders pull after that read showed no online order slipped in
  synced_seq        INTEGER,  -- the SKU's last movement known to be reflected in Wix
  updated_at        TEXT NOT NULL
) WITHOUT ROWID;

-- Every pulled order line, applied or not, so seeing an order again (a re-pull, a status
-- change) is a no-op and a cancellation knows exactly what to reverse.
CREATE TABLE wix_order_lines (
  order_id   TEXT NOT NULL,
  line_id    TEXT NOT NULL,
  sku        TEXT,
  quantity   INTEGER NOT NULL,
  state      TEXT NOT NULL CHECK (state IN ('applied', 'skipped', 'reversed')),
  note       TEXT,  -- why a line was skipped
  seen_at    TEXT NOT NULL,
  PRIMARY KEY (order_id, line_id)
) WITHOUT ROWID;
)sql",
    // 3: the catalog pull's state (src/pull/README.md).
    R"sql(
-- The pull that last saw each Wix row (its start time in ms, unique per pull): a full pull
-- removes the rows it did not see (deleted in Wix). V3 learns quantity tracking from the
-- inventory item at the default location, a separate pass, so that pass has its own mark.
ALTER TABLE catalog_items ADD COLUMN pull_generation INTEGER;
ALTER TABLE catalog_items ADD COLUMN tracked_generation INTEGER;

-- Wix variants without a usable SKU. They are never put in the catalog (no code can name
-- them and nothing is guessed); they are kept so `catalog pull` and `status` can list them.
CREATE TABLE catalog_wix_unmapped (
  product_id      TEXT NOT NULL,
  variant_id      TEXT NOT NULL,
  name            TEXT NOT NULL,
  sku             TEXT NOT NULL,  -- as Wix has it: '' when there is none
  reason          TEXT NOT NULL,
  pull_generation INTEGER NOT NULL,
  PRIMARY KEY (product_id, variant_id)
) WITHOUT ROWID;
)sql",
    // 4: what Wix restocked on an order line the device never applied, so the sync engine
    // reads that SKU back once instead of trusting `confirmed` (src/sync/README.md).
    R"sql(
ALTER TABLE wix_order_lines ADD COLUMN restock_seen INTEGER NOT NULL DEFAULT 0;
)sql",
    // 5: undo without deleting. A 'void' movement carries the negated delta of the movement
    // it undoes (`voids`, unique: nothing is undone twice) and the clerk's reason (`note`).
    // SQLite cannot widen a CHECK in place, so the table is rebuilt; seq and id are kept, as
    // the sync engine's read_seq refers to seq.
    R"sql(
CREATE TABLE movements_v5 (
  seq          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  at           TEXT NOT NULL,
  code         TEXT NOT NULL,
  sku          TEXT NOT NULL,
  warehouse_id INTEGER NOT NULL REFERENCES warehouses (id),
  delta        INTEGER NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('receive', 'sell', 'count', 'move_out', 'move_in',
                                              'order', 'order_cancel', 'void')),
  source       TEXT NOT NULL,
  reference    TEXT,
  voids        TEXT,
  note         TEXT,
  CHECK ((kind = 'void') = (voids IS NOT NULL))
);
INSERT INTO movements_v5 (seq, id, at, code, sku, warehouse_id, delta, kind, source, reference)
  SELECT seq, id, at, code, sku, warehouse_id, delta, kind, source, reference FROM movements;
DROP TABLE movements;
ALTER TABLE movements_v5 RENAME TO movements;
CREATE UNIQUE INDEX movements_reference ON movements (reference) WHERE reference IS NOT NULL;
CREATE UNIQUE INDEX movements_voids ON movements (voids) WHERE voids IS NOT NULL;
)sql",
};

constexpr int kMigrationCount = static_cast<int>(sizeof kMigrations / sizeof kMigrations[0]);

}  // namespace

int latest_schema_version() {
  return kMigrationCount;
}

Result<int> schema_version(Database& db) {
  Result<Statement> s = db.prepare("PRAGMA user_version");
  if (!s.ok()) return s.status();
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  return static_cast<int>(s->int_at(0));
}

Status migrate(Database& db) {
  return migrate_to(db, kMigrationCount);
}

Status migrate_to(Database& db, int target) {
  Result<int> current = schema_version(db);
  if (!current.ok()) return current.status();
  if (target < 0 || target > kMigrationCount) {
    return internal_error("no schema " + std::to_string(target) + " to migrate to");
  }
  if (*current > kMigrationCount) {
    return config_error("the data dir was written by a newer shelfnode (schema " +
                        std::to_string(*current) + ", this build knows " +
                        std::to_string(kMigrationCount) + "); install that version or newer");
  }
  for (int v = *current; v < target; ++v) {
    auto tx = Transaction::begin(db);
    if (!tx.ok()) return tx.status();
    SHELFNODE_RETURN_IF_ERROR(db.exec(kMigrations[v]));
    const std::string bump = "PRAGMA user_version=" + std::to_string(v + 1);
    SHELFNODE_RETURN_IF_ERROR(db.exec(bump.c_str()));
    SHELFNODE_RETURN_IF_ERROR(
        (*tx)->commit().with_context("migrating to schema " + std::to_string(v + 1)));
  }
  return Status::Ok();
}

Status create_database(const std::string& path) {
  const std::string draft = path + ".new";
  remove_database_files(draft);  // a draft left by a crash is never used
  {
    Result<std::unique_ptr<Database>> db = Database::open(draft, OpenMode::kDraft);
    if (!db.ok()) return db.status();
    SHELFNODE_RETURN_IF_ERROR(migrate(**db));
  }  // closing the only connection checkpoints the WAL into the file and removes it
  SHELFNODE_RETURN_IF_ERROR(sync_file_and_dir(draft));
  return rename_durably(draft, path);
}

}  // namespace shelfnode::store
