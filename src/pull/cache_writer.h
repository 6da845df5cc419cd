#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "shelfnode/core/status.h"
#include "shelfnode/pull/catalog_page.h"
#include "shelfnode/store/database.h"

namespace shelfnode::pull {

// What one run changed in the cache.
struct WriteCounts {
  std::int64_t added = 0;
  std::int64_t updated = 0;  // SKU, name, barcode or tracking changed
  std::int64_t unchanged = 0;
  std::int64_t removed = 0;   // gone from Wix, or lost its SKU
  std::int64_t unmapped = 0;  // variants without a usable SKU seen by this run
};

// Writes pulled variants into catalog_items (origin 'wix') inside the caller's transaction.
// Every row a pull sees is marked with the pull's generation (its start in ms), so the end
// of a complete pull can tell what it did not see. A row is rewritten only when something
// in it changed, and only then does its updated_at move: the sync engine reads that as "the
// catalog changed this variant" (src/sync/README.md).
class CacheWriter {
 public:
  CacheWriter(store::Database& db, std::string now) : db_(db), now_(std::move(now)) {}

  // The pull whose rows are being written (its generation); set before any write.
  void begin(std::int64_t generation) { generation_ = generation; }

  Status write_variants(const std::vector<VariantRow>& rows) {
    return write_variants(rows.data(), rows.size());
  }
  Status write_variants(const VariantRow* rows, std::size_t count);
  // V3: quantity tracking from the inventory items at the default location.
  Status write_tracking(const std::vector<ItemTracking>& items) {
    return write_tracking(items.data(), items.size());
  }
  Status write_tracking(const ItemTracking* items, std::size_t count);

  // After a complete full pull: removes Wix rows and unmapped variants this pull did not
  // see; for V3 also forgets tracking no item confirmed (the item is gone).
  Status sweep_unseen(bool v3_tracking);
  // After a complete incremental pull: removes variants that disappeared from products the
  // pull saw (Wix sends a changed product with all its variants).
  Status sweep_seen_products();

  const WriteCounts& counts() const { return counts_; }

 private:
  Status write_item(const VariantRow& row);
  Status write_unmapped(const VariantRow& row);

  store::Database& db_;
  std::int64_t generation_ = 0;
  std::string now_;
  WriteCounts counts_;
};

}  // namespace shelfnode::pull
