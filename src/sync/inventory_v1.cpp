#include "sync/inventory_v1.h"

#include <map>
#include <utility>

namespace shelfnode::sync {
namespace {

constexpr std::size_t kV1MaxDeltaEntries = 300;  // 1–300 per call [R17][R24][SDK:inv1]

// Catalog V1 (API.md §4). Every write call is all or nothing as far as anyone can tell: Wix
// documents no per-entry result for V1 [R24][R25], so a refused call refuses all its entries.
class V1Inventory final : public InventoryApi {
 public:
  explicit V1Inventory(wix::RetryingClient& client) : wix_(client) {}

  const char* catalog_version() const override { return "V1_CATALOG"; }
  std::size_t max_delta_entries() const override { return kV1MaxDeltaEntries; }

  Result<std::vector<WixStock>> read(const std::vector<WixVariant>& variants) override {
    return v1_read(wix_, variants);
  }
  Status read_all(const std::function<Status(const std::vector<WixStock>&)>& page) override {
    return v1_read_all(wix_, page);
  }
  std::vector<EntryOutcome> increment(const std::vector<DeltaEntry>& entries) override {
    return adjust(entries, false);
  }
  // Below zero is refused unless it is a preorder [R25]; what Wix answers then is
  // UNDOCUMENTED. The emulator refuses the whole call with 428 INSUFFICIENT_INVENTORY (a
  // GUESS), and every entry of the call comes back kRejected with that code.
  std::vector<EntryOutcome> decrement(const std::vector<DeltaEntry>& entries) override {
    return adjust(entries, true);
  }
  std::vector<EntryOutcome> set(const std::vector<SetEntry>& entries) override;
  int calls() const override { return wix_.count(); }

 private:
  std::vector<EntryOutcome> adjust(const std::vector<DeltaEntry>& entries, bool down);
  WixCalls wix_;
};

// Refuses what Wix would refuse for certain, so one bad entry cannot sink its whole call.
bool refuse_ids(const WixVariant& v, EntryOutcome& out) {
  if (is_path_safe(v.product_id) && !v.variant_id.empty()) return false;
  out = refused_locally(kMissingWixId, "no usable Wix product and variant ID for SKU '" + v.sku +
                                           "'; run `shelfnode catalog pull`");
  return true;
}

// POST increment|decrement with productId + variantId entries, ≤ 300 per call [R24][R25].
std::vector<EntryOutcome> V1Inventory::adjust(const std::vector<DeltaEntry>& entries, bool down) {
  std::vector<EntryOutcome> out(entries.size());
  std::vector<std::size_t> valid;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const DeltaEntry& e = entries[i];
    if (refuse_ids(e.variant, out[i])) continue;
    if (e.amount < 1 || e.amount > kMaxWixQuantity) {
      out[i] = refused_locally(kAmountOutOfRange, "a change of " + std::to_string(e.amount) +
                                                      " for SKU '" + e.variant.sku +
                                                      "' is outside Wix's 1..99999");
      continue;
    }
    valid.push_back(i);
  }
  const char* path =
      down ? "/stores/v2/inventoryItems/decrement" : "/stores/v2/inventoryItems/increment";
  const char* list = down ? "decrementData" : "incrementData";
  const char* amount = down ? "decrementBy" : "incrementBy";
  std::vector<WriteCall> calls;
  for (std::vector<std::size_t>& run : in_runs(valid, kV1MaxDeltaEntries)) {
    WriteCall c{std::move(run), "POST", path, JsonPtr(cJSON_CreateObject())};
    cJSON* data = cJSON_AddArrayToObject(c.body.get(), list);
    for (std::size_t i : c.entries) {
      const DeltaEntry& e = entries[i];
      cJSON* entry = cJSON_CreateObject();
      cJSON_AddStringToObject(entry, "productId", e.variant.product_id.c_str());
      cJSON_AddStringToObject(entry, "variantId", e.variant.variant_id.c_str());
      cJSON_AddNumberToObject(entry, amount, static_cast<double>(e.amount));
      // A preorder decrement may go below zero [R25]; the device never asks for that.
      if (down) cJSON_AddFalseToObject(entry, "preorderRequest");
      cJSON_AddItemToArray(data, entry);
    }
    calls.push_back(std::move(c));
  }
  wix_.send(calls, all_succeeded, out);
  return out;
}

// What Wix holds for the entries' variants (aligned with `valid`), from one read: V1 keeps
// `trackQuantity` per product, so each found variant carries its product's tracking.
Result<std::vector<WixStock>> stock_of(WixCalls& wix, const std::vector<SetEntry>& entries,
                                       const std::vector<std::size_t>& valid) {
  std::vector<WixVariant> variants;
  for (std::size_t i : valid) variants.push_back(entries[i].variant);
  return v1_read(wix, variants);
}

// One PATCH per product with every variant of it to set [R18]: PATCH semantics, only the
// listed variants change. But `trackQuantity` is not PATCH-like: left out, Wix takes it as
// false and untracks every variant of the product [SDK:inv1] (PITFALLS, "SDK packages").
// Whether Wix counts stock is the owner's choice, so the product's tracking is read first
// and sent back as it is; a set is only ever sent for a tracked product (an untracked one
// has no quantity to set). The owner switching tracking between that read and the PATCH
// would be undone: the window is one round trip, and the push never sends V1 sets (a V1
// fix is a delta, sync/README.md "Settle"), so only a caller of this API takes that risk.
std::vector<EntryOutcome> V1Inventory::set(const std::vector<SetEntry>& entries) {
  std::vector<EntryOutcome> out(entries.size());
  std::vector<std::size_t> valid;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const SetEntry& e = entries[i];
    if (refuse_ids(e.variant, out[i])) continue;
    if (e.quantity < 0 || e.quantity > kMaxWixQuantity) {
      out[i] = refused_locally(kQuantityOutOfRange, "a quantity of " + std::to_string(e.quantity) +
                                                        " for SKU '" + e.variant.sku +
                                                        "' is outside Wix's 0..99999");
      continue;
    }
    valid.push_back(i);
  }
  if (valid.empty()) return out;
  Result<std::vector<WixStock>> stock = stock_of(wix_, entries, valid);
  if (!stock.ok() || stock->size() != valid.size()) {
    // Nothing was written: the read came first.
    EntryOutcome not_sent;
    not_sent.outcome = not_sent.error.outcome = wix::Outcome::kNotSent;
    not_sent.error.description =
        stock.ok() ? "the stock read did not match the request" : stock.status().message();
    for (std::size_t i : valid) out[i] = not_sent;
    return out;
  }
  std::vector<std::string> order;
  std::map<std::string, std::vector<std::size_t>> by_product;
  for (std::size_t k = 0; k < valid.size(); ++k) {
    const std::size_t i = valid[k];
    const SetEntry& e = entries[i];
    const WixStock& held = (*stock)[k];
    if (!held.found) {
      // Wix would refuse the whole product's PATCH for it (VARIANT_NOT_FOUND).
      out[i] = refused_locally(kMissingWixId, "Wix has no inventory for SKU '" + e.variant.sku +
                                                  "'; run `shelfnode catalog pull`");
      continue;
    }
    if (!held.tracked) {
      out[i] = refused_locally(kQuantityNotTracked, "Wix does not track quantity for SKU '" +
                                                        e.variant.sku +
                                                        "'; the device never turns tracking on");
      continue;
    }
    auto& group = by_product[e.variant.product_id];
    if (group.empty()) order.push_back(e.variant.product_id);
    group.push_back(i);
  }
  std::vector<WriteCall> calls;
  for (const std::string& product : order) {
    WriteCall c{std::move(by_product[product]), "PATCH",
                "/stores/v2/inventoryItems/product/" + product, JsonPtr(cJSON_CreateObject())};
    cJSON* item = cJSON_AddObjectToObject(c.body.get(), "inventoryItem");
    cJSON_AddTrueToObject(item, "trackQuantity");  // as read: only tracked products get here
    cJSON* variants = cJSON_AddArrayToObject(item, "variants");
    for (std::size_t i : c.entries) {
      cJSON* v = cJSON_CreateObject();
      cJSON_AddStringToObject(v, "variantId", entries[i].variant.variant_id.c_str());
      cJSON_AddNumberToObject(v, "quantity", static_cast<double>(entries[i].quantity));
      cJSON_AddItemToArray(variants, v);
    }
    calls.push_back(std::move(c));
  }
  wix_.send(calls, all_succeeded, out);
  return out;
}

}  // namespace

std::unique_ptr<InventoryApi> make_v1_inventory(wix::RetryingClient& client) {
  return std::make_unique<V1Inventory>(client);
}

}  // namespace shelfnode::sync
