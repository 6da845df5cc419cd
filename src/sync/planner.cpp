#include "shelfnode/sync/planner.h"

#include <algorithm>
#include <iterator>
#include <set>

#include "shelfnode/sync/inventory_api.h"

namespace shelfnode::sync {

const char* const kNotInCatalog =
    "not in the Wix catalog (run `shelfnode catalog pull`, or add the SKU in Wix)";
const char* const kNotTracked =
    "Wix does not track quantity for this variant; turn on inventory tracking in Wix";
const char* const kNoInventoryItem =
    "no inventory item at the default location; create one in Wix (or run `shelfnode catalog "
    "pull` if the product was replaced)";

std::string on_many_variants(std::size_t count) {
  return "SKU is on " + std::to_string(count) +
         " Wix variants; give each variant its own SKU in Wix";
}

namespace {

// The catalog's reason to park, "" when the catalog names exactly one tracked variant.
std::string catalog_reason(const std::vector<CatalogVariant>* variants) {
  if (variants == nullptr || variants->empty()) return kNotInCatalog;
  if (variants->size() > 1) return on_many_variants(variants->size());
  const CatalogVariant& v = variants->front();
  if (v.tracked.has_value() && !*v.tracked) return kNotTracked;
  return "";
}

// A park Wix caused stays until something that could change Wix's answer changes: the
// target (another amount, perhaps within bounds), the catalog row (a `catalog pull` saw the
// product edited), or the owner asks for a retry.
bool may_lift_wix_park(const OutboxRow& row, std::int64_t target, const CatalogVariant& v,
                       bool retry) {
  if (retry) return true;
  if (!row.parked_target || *row.parked_target != target) return true;
  return !v.updated_at.empty() && v.updated_at > row.parked_at;
}

bool same_variant(const OutboxRow& row, const WixVariant& v) {
  return row.variant.product_id == v.product_id && row.variant.variant_id == v.variant_id;
}

// Why a row needs a read before anything is sent; "" when `confirmed` can be trusted.
std::string read_reason(const OutboxRow* row) {
  if (row == nullptr || (!row->doubtful() && !row->confirmed)) return "not read from Wix yet";
  if (row->uncertain) return "what Wix holds is in doubt";
  if (row->in_flight()) return "a write was cut off mid-call";
  return "";
}

}  // namespace

std::vector<Call> split_calls(std::vector<PlannedEntry> entries, std::size_t max_entries) {
  const std::size_t per_call = std::max<std::size_t>(1, max_entries);
  std::vector<Call> calls;
  calls.reserve((entries.size() + per_call - 1) / per_call);
  // Entries are moved, not copied: a round of 10,000 changes holds them once.
  for (std::size_t i = 0; i < entries.size(); i += per_call) {
    const std::size_t end = std::min(entries.size(), i + per_call);
    calls.emplace_back(std::make_move_iterator(entries.begin() + static_cast<std::ptrdiff_t>(i)),
                       std::make_move_iterator(entries.begin() + static_cast<std::ptrdiff_t>(end)));
  }
  return calls;
}

Plan plan_round(const PlanInput& in) {
  Plan plan;
  std::vector<PlannedEntry> inc, dec;
  std::set<std::string> managed;
  for (const ManagedSku& m : in.managed) {
    managed.insert(m.sku);
    auto row_it = in.rows.find(m.sku);
    std::optional<OutboxRow> row;
    if (row_it != in.rows.end()) row = row_it->second;
    auto cat_it = in.catalog.find(m.sku);
    const std::vector<CatalogVariant>* variants =
        cat_it == in.catalog.end() ? nullptr : &cat_it->second;

    const std::string catalog_park = catalog_reason(variants);
    if (!catalog_park.empty()) {
      const bool same = row && row->parked() && row->parked_by == ParkedBy::kCatalog &&
                        row->parked_reason == catalog_park;
      plan.parked.push_back({m.sku, catalog_park, ParkedBy::kCatalog, !same, m.target});
      continue;
    }
    const CatalogVariant& v = variants->front();
    if (row && row->parked()) {
      if (row->parked_by == ParkedBy::kWix &&
          !may_lift_wix_park(*row, m.target, v, in.retry_parked)) {
        plan.parked.push_back({m.sku, row->parked_reason, ParkedBy::kWix, false, m.target});
        continue;
      }
      plan.unpark.push_back(m.sku);
      row->parked_reason.clear();
    }
    if (row && !row->variant.product_id.empty() && !same_variant(*row, v.variant)) {
      plan.forget.push_back(m.sku);  // `confirmed` was about another variant
      plan.reads.push_back(
          {m.sku, v.variant, "the SKU now points to another Wix variant", false, m.target});
      continue;
    }
    const std::string why = read_reason(row ? &*row : nullptr);
    if (!why.empty()) {
      plan.reads.push_back({m.sku, v.variant, why, row && row->doubtful(), m.target});
      continue;
    }
    // A read not yet checked against orders (read_seq) is pushed on: if the check later
    // finds an online order the read may already include, the SKU is read back and fixed.
    const std::int64_t confirmed = *row->confirmed;
    if (confirmed == m.target) {
      plan.converged.push_back(m.sku);
      continue;
    }
    PlannedEntry e{
        m.sku,
        v.variant,
        row->inventory_item_id,
        row->revision,
        confirmed,
        m.target,
        std::min<std::int64_t>(kMaxWixQuantity,
                               m.target > confirmed ? m.target - confirmed : confirmed - m.target)};
    (m.target > confirmed ? inc : dec).push_back(std::move(e));
  }
  // Rows of SKUs no longer managed (a warehouse was unmapped): online sales of them are no
  // longer counted against `confirmed`, so what the row says of Wix would go stale.
  for (const auto& [sku, row] : in.rows) {
    if (managed.count(sku) != 0) continue;
    if (row.confirmed || row.doubtful() || row.parked() || row.read_seq) {
      plan.forget.push_back(sku);
    }
  }
  plan.increments = split_calls(std::move(inc), in.max_entries);
  plan.decrements = split_calls(std::move(dec), in.max_entries);
  return plan;
}

}  // namespace shelfnode::sync
