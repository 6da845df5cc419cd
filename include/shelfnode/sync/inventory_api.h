#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "shelfnode/core/result.h"
#include "shelfnode/wix/errors.h"
#include "shelfnode/wix/retrying_client.h"

namespace shelfnode::sync {

// Where one SKU lives in Wix, as the catalog cache knows it.
struct WixVariant {
  std::string sku;
  std::string product_id;
  std::string variant_id;
};

// What Wix holds for one variant. V3 reports the item at the default location, the one
// online orders deduct from [R37].
struct WixStock {
  WixVariant variant;
  bool found = false;    // Wix has an inventory record for the variant
  bool tracked = false;  // quantity-tracked; untracked stock cannot be pushed
  std::int64_t quantity = 0;
  std::string inventory_item_id;  // V3 only
  std::string revision;           // V3 only: guards an absolute set
};

// One entry of an increment/decrement call; `amount` is positive.
struct DeltaEntry {
  WixVariant variant;
  std::string inventory_item_id;  // V3 only
  std::int64_t amount = 0;
};

// One entry of an absolute set. V3 refuses it when `revision` is stale.
struct SetEntry {
  WixVariant variant;
  std::string inventory_item_id;  // V3 only
  std::string revision;           // V3 only
  std::int64_t quantity = 0;
};

// What became of one entry of a write. A whole-call failure gives every entry of that call
// the same outcome; V3 bulk answers can fail single entries inside an HTTP 200.
struct EntryOutcome {
  wix::Outcome outcome = wix::Outcome::kUncertain;
  // Filled unless kSuccess. For a per-item failure inside an HTTP 200, error.code is the
  // item's code and error.http_status is 200; a whole-call failure carries the call's error.
  wix::WixError error;
};

// The inventory calls of one catalog version (DESIGN §5: V1 and V3 need different code
// paths). Every write sends at most the documented maximum of entries per call and makes
// as few calls as that allows; writes are never retried here unless certainly not sent.
class InventoryApi {
 public:
  virtual ~InventoryApi() = default;

  virtual const char* catalog_version() const = 0;    // "V1_CATALOG" / "V3_CATALOG"
  virtual std::size_t max_delta_entries() const = 0;  // 300 for V1 and V3

  // Current stock of the given variants, in as few paged reads as the API allows. A variant
  // Wix does not know comes back with found=false. Any failure fails the whole read (reads
  // are idempotent: the caller just tries again later).
  virtual Result<std::vector<WixStock>> read(const std::vector<WixVariant>& variants) = 0;

  // Every quantity record of the site, page by page (reconciliation).
  virtual Status read_all(const std::function<Status(const std::vector<WixStock>&)>& page) = 0;

  // Outcomes come back aligned with `entries`.
  virtual std::vector<EntryOutcome> increment(const std::vector<DeltaEntry>& entries) = 0;
  // Refuses (per entry) to take Wix below zero: that means an online sale got there first.
  virtual std::vector<EntryOutcome> decrement(const std::vector<DeltaEntry>& entries) = 0;
  // Idempotent absolute set: V1 PATCH per product (after one read of the products' tracking,
  // which every PATCH must carry), V3 revision-guarded bulk update.
  virtual std::vector<EntryOutcome> set(const std::vector<SetEntry>& entries) = 0;

  // Calls made so far (for the request-count checks and the sync summary).
  virtual int calls() const = 0;
};

// Wix's bound on one increment/decrement amount and on a set quantity [R35][R15]. An entry
// outside 1..kMaxWixQuantity (deltas) or 0..kMaxWixQuantity (sets), or without the IDs its
// call needs, is never sent: it comes back kRejected with http_status 0 and one of these
// local codes, while the other entries go out as usual.
inline constexpr std::int64_t kMaxWixQuantity = 99'999;
inline constexpr const char* kAmountOutOfRange = "SHELFNODE_AMOUNT_OUT_OF_RANGE";
inline constexpr const char* kQuantityOutOfRange = "SHELFNODE_QUANTITY_OUT_OF_RANGE";
inline constexpr const char* kMissingWixId = "SHELFNODE_MISSING_WIX_ID";
// A V1 absolute set for a product Wix does not quantity-track: never sent, since a V1 PATCH
// carries the product's tracking and the device does not change it [SDK:inv1].
inline constexpr const char* kQuantityNotTracked = "SHELFNODE_QUANTITY_NOT_TRACKED";

std::unique_ptr<InventoryApi> make_v1_inventory(wix::RetryingClient& client);
// `default_location_id` is the meta key `wix.default_location_id` that `connect` stores;
// empty = ask Wix (Query Stores Locations on `defaultLocation`) once, before the first read.
std::unique_ptr<InventoryApi> make_v3_inventory(wix::RetryingClient& client,
                                                std::string default_location_id = {});

}  // namespace shelfnode::sync
