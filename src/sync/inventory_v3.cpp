#include "sync/inventory_v3.h"

#include <utility>

#include "sync/inventory_json.h"

namespace shelfnode::sync {
namespace {

constexpr std::size_t kV3MaxDeltaEntries = 300;  // bulk increment/decrement: 1–300 [R35]
constexpr std::size_t kV3MaxSetEntries = 1000;   // bulk update: 1–1000 [R33]

// Bulk answers are HTTP 200 even when items failed: each result names its entry by
// `originalIndex` and says `success` or why not [R33][GH:148]. An entry without a result
// (Wix counts failures beyond its detail threshold only in `undetailedFailures`) may or may
// not have been applied.
void read_bulk_results(const cJSON* answer, const WriteCall& call,
                       std::vector<EntryOutcome>& outcomes) {
  std::vector<bool> answered(call.entries.size(), false);
  const cJSON* results = cJSON_GetObjectItemCaseSensitive(answer, "results");
  const cJSON* result = nullptr;
  std::size_t position = 0;
  cJSON_ArrayForEach(result, results) {
    const cJSON* meta = cJSON_GetObjectItemCaseSensitive(result, "itemMetadata");
    // An index out of range names no entry of ours: that result is left out (the entry stays
    // unanswered), never applied to whatever entry a cast would land on.
    const Result<std::optional<std::int64_t>> index =
        int_at(meta, "originalIndex", 0, static_cast<std::int64_t>(call.entries.size()) - 1);
    const std::size_t at = !index.ok()          ? call.entries.size()
                           : index->has_value() ? static_cast<std::size_t>(**index)
                                                : position;
    ++position;
    if (at >= call.entries.size() || answered[at]) continue;
    answered[at] = true;
    EntryOutcome& o = outcomes[call.entries[at]];
    o = EntryOutcome{};
    o.error.http_status = 200;
    if (bool_at(meta, "success").value_or(false)) {
      o.outcome = o.error.outcome = wix::Outcome::kSuccess;
      continue;
    }
    const cJSON* error = cJSON_GetObjectItemCaseSensitive(meta, "error");
    o.outcome = o.error.outcome = wix::Outcome::kRejected;
    o.error.code = text_at(error, "code");
    o.error.description = text_at(error, "description");
  }
  for (std::size_t at = 0; at < answered.size(); ++at) {
    if (answered[at]) continue;
    EntryOutcome& o = outcomes[call.entries[at]];
    o = EntryOutcome{};
    o.error.http_status = 200;
    o.error.description = "Wix's bulk answer has no result for this entry";
  }
}

// Catalog V3 (API.md §5.2–5.4): the item at the default location of each variant.
class V3Inventory final : public InventoryApi {
 public:
  V3Inventory(wix::RetryingClient& client, std::string location)
      : wix_(client), location_(std::move(location)) {}

  const char* catalog_version() const override { return "V3_CATALOG"; }
  std::size_t max_delta_entries() const override { return kV3MaxDeltaEntries; }

  Result<std::vector<WixStock>> read(const std::vector<WixVariant>& variants) override {
    SHELFNODE_RETURN_IF_ERROR(know_location());
    return v3_read(wix_, location_, variants);
  }
  Status read_all(const std::function<Status(const std::vector<WixStock>&)>& page) override {
    SHELFNODE_RETURN_IF_ERROR(know_location());
    return v3_read_all(wix_, location_, page);
  }
  std::vector<EntryOutcome> increment(const std::vector<DeltaEntry>& entries) override {
    return adjust(entries, false);
  }
  std::vector<EntryOutcome> decrement(const std::vector<DeltaEntry>& entries) override {
    return adjust(entries, true);
  }
  std::vector<EntryOutcome> set(const std::vector<SetEntry>& entries) override;
  int calls() const override { return wix_.count(); }

 private:
  // Writes name items by ID, so only reads need the location; it is asked for once.
  Status know_location() {
    if (!location_.empty()) return Status::Ok();
    Result<std::string> id = v3_default_location(wix_);
    if (!id.ok()) return id.status();
    location_ = std::move(id).value();
    return Status::Ok();
  }
  std::vector<EntryOutcome> adjust(const std::vector<DeltaEntry>& entries, bool down);

  WixCalls wix_;
  std::string location_;
};

bool refuse_item(const std::string& item_id, const std::string& sku, EntryOutcome& out) {
  if (!item_id.empty()) return false;
  out = refused_locally(kMissingWixId,
                        "no Wix inventory item ID for SKU '" + sku + "'; read it from Wix first");
  return true;
}

// No entities back (only the per-item results are needed); the reason is MANUAL: the
// change comes from the shop floor, not from an order [R33][R35].
void add_bulk_options(cJSON* body) {
  cJSON_AddFalseToObject(body, "returnEntity");
  cJSON_AddStringToObject(body, "reason", "MANUAL");
}

// POST bulk increment|decrement with inventoryItemId entries, ≤ 300 per call [R35].
std::vector<EntryOutcome> V3Inventory::adjust(const std::vector<DeltaEntry>& entries, bool down) {
  std::vector<EntryOutcome> out(entries.size());
  std::vector<std::size_t> valid;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const DeltaEntry& e = entries[i];
    if (refuse_item(e.inventory_item_id, e.variant.sku, out[i])) continue;
    if (e.amount < 1 || e.amount > kMaxWixQuantity) {
      out[i] = refused_locally(kAmountOutOfRange, "a change of " + std::to_string(e.amount) +
                                                      " for SKU '" + e.variant.sku +
                                                      "' is outside Wix's 1..99999");
      continue;
    }
    valid.push_back(i);
  }
  std::vector<WriteCall> calls;
  for (std::vector<std::size_t>& run : in_runs(valid, kV3MaxDeltaEntries)) {
    WriteCall c{std::move(run), "POST",
                down ? "/stores/v3/bulk/inventory-items/decrement"
                     : "/stores/v3/bulk/inventory-items/increment",
                JsonPtr(cJSON_CreateObject())};
    cJSON* data = cJSON_AddArrayToObject(c.body.get(), down ? "decrementData" : "incrementData");
    for (std::size_t i : c.entries) {
      cJSON* entry = cJSON_CreateObject();
      cJSON_AddStringToObject(entry, "inventoryItemId", entries[i].inventory_item_id.c_str());
      cJSON_AddNumberToObject(entry, down ? "decrementBy" : "incrementBy",
                              static_cast<double>(entries[i].amount));
      if (down) cJSON_AddFalseToObject(entry, "preorderRequest");
      cJSON_AddItemToArray(data, entry);
    }
    // The default of restrictInventory is a CONFLICT between Wix pages [SDK:inv3], so it is
    // always sent: a sale that got there first is refused (INSUFFICIENT_INVENTORY) instead
    // of driving Wix negative.
    if (down) cJSON_AddTrueToObject(c.body.get(), "restrictInventory");
    add_bulk_options(c.body.get());
    calls.push_back(std::move(c));
  }
  wix_.send(calls, read_bulk_results, out);
  return out;
}

// POST bulk update with wrapped entries {"inventoryItem":{id, revision, quantity}}, ≤ 1000
// per call [R33][GH:skills-inv3]. A stale revision fails that entry alone, inside HTTP 200.
std::vector<EntryOutcome> V3Inventory::set(const std::vector<SetEntry>& entries) {
  std::vector<EntryOutcome> out(entries.size());
  std::vector<std::size_t> valid;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const SetEntry& e = entries[i];
    if (refuse_item(e.inventory_item_id, e.variant.sku, out[i])) continue;
    if (e.revision.empty()) {
      out[i] = refused_locally(kMissingWixId, "no revision of the Wix inventory item for SKU '" +
                                                  e.variant.sku + "'; read it from Wix first");
      continue;
    }
    if (e.quantity < 0 || e.quantity > kMaxWixQuantity) {
      out[i] = refused_locally(kQuantityOutOfRange, "a quantity of " + std::to_string(e.quantity) +
                                                        " for SKU '" + e.variant.sku +
                                                        "' is outside Wix's 0..99999");
      continue;
    }
    valid.push_back(i);
  }
  std::vector<WriteCall> calls;
  for (std::vector<std::size_t>& run : in_runs(valid, kV3MaxSetEntries)) {
    WriteCall c{std::move(run), "POST", "/stores/v3/bulk/inventory-items/update",
                JsonPtr(cJSON_CreateObject())};
    cJSON* items = cJSON_AddArrayToObject(c.body.get(), "inventoryItems");
    for (std::size_t i : c.entries) {
      cJSON* wrapped = cJSON_CreateObject();
      cJSON* item = cJSON_AddObjectToObject(wrapped, "inventoryItem");
      cJSON_AddStringToObject(item, "id", entries[i].inventory_item_id.c_str());
      cJSON_AddStringToObject(item, "revision", entries[i].revision.c_str());
      cJSON_AddNumberToObject(item, "quantity", static_cast<double>(entries[i].quantity));
      cJSON_AddItemToArray(items, wrapped);
    }
    add_bulk_options(c.body.get());
    calls.push_back(std::move(c));
  }
  wix_.send(calls, read_bulk_results, out);
  return out;
}

}  // namespace

std::unique_ptr<InventoryApi> make_v3_inventory(wix::RetryingClient& client,
                                                std::string default_location_id) {
  return std::make_unique<V3Inventory>(client, std::move(default_location_id));
}

}  // namespace shelfnode::sync
