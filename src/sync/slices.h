#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "shelfnode/core/result.h"
#include "shelfnode/store/database.h"
#include "shelfnode/sync/outbox.h"
#include "shelfnode/sync/planner.h"

namespace shelfnode::sync {

// A few hundred SKUs of the round, in key order, with all a plan needs to know about them.
struct Slice {
  SkuRange range;
  std::vector<ManagedSku> managed;  // by SKU
  CatalogMap catalog;               // the managed SKUs' origin-'wix' rows only
  OutboxRows rows;                  // every outbox row in `range`, managed or not

  // The managed SKU `sku` of this slice, nullptr when it is not one.
  const ManagedSku* find(const std::string& sku) const;
};

// Walks the stocked SKUs in key order, `size` at a time, so that a round holds one slice
// and never every managed SKU at once (src/sync/README.md, "Slices"). The ranges are
// contiguous and cover every key (the last runs to the end), so an outbox row of a SKU that
// is no longer managed is still seen, in exactly one slice. Each next() runs its own
// queries: the caller may write between slices.
class SliceReader {
 public:
  SliceReader(store::Database& db, std::size_t size) : db_(db), size_(size == 0 ? 1 : size) {}

  // Fills `out` with the next slice; false when every slice has been read.
  Result<bool> next(Slice& out);

 private:
  Status read_catalog(Slice& out);

  store::Database& db_;
  std::size_t size_;
  SkuRange range_;  // the next slice starts after range_.after (from the start at first)
  bool done_ = false;
};

}  // namespace shelfnode::sync
