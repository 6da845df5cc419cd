#include <map>
#include <set>
#include <utility>

#include "shelfnode/core/logger.h"
#include "shelfnode/store/meta.h"
#include "sync/round.h"
#include "sync/round_meta.h"

namespace shelfnode::sync {
namespace {

using VariantKey = std::pair<std::string, std::string>;

// SKUs that an online order (or its cancellation) moved after `seq`.
Result<std::set<std::string>> ordered_since(store::Database& db, std::int64_t seq) {
  Result<store::Statement> s = db.prepare(
      "SELECT DISTINCT sku FROM movements WHERE seq > ?1 AND kind IN ('order', 'order_cancel')");
  if (!s.ok()) return s.status();
  s->bind(1, seq);
  std::set<std::string> skus;
  for (;;) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    skus.insert(s->text_at(0));
  }
  return skus;
}

// What Wix holds, by variant and by V3 inventory item (read_all may list an item per
// location; the row's item is the default location's).
struct WixSide {
  std::map<VariantKey, WixStock> by_variant;
  std::map<std::string, WixStock> by_item;

  const WixStock* find(const OutboxRow& row) const {
    if (!row.inventory_item_id.empty()) {
      auto it = by_item.find(row.inventory_item_id);
      if (it != by_item.end()) return &it->second;
    }
    auto it = by_variant.find({row.variant.product_id, row.variant.variant_id});
    return it == by_variant.end() ? nullptr : &it->second;
  }
};

}  // namespace

bool reconcile_due(Round& r) {
  if (r.options.reconcile) return true;
  Result<std::string> last = meta_text(r.db, kLastReconcileAt);
  if (!last.ok() || last->empty()) return true;
  // Both are format_utc_ms strings, so text order is time order.
  return format_utc_ms(r.clock.now_ms() - r.options.reconcile_interval_ms) >= *last;
}

Status reconcile(Round& r) {
  Result<std::int64_t> mark = r.outbox.last_seq();
  if (!mark.ok()) return mark.status();
  WixSide wix;
  const int before = r.api.calls();
  Status read = r.api.read_all([&wix](const std::vector<WixStock>& page) {
    for (const WixStock& s : page) {
      wix.by_variant.emplace(VariantKey{s.variant.product_id, s.variant.variant_id}, s);
      if (!s.inventory_item_id.empty()) wix.by_item.emplace(s.inventory_item_id, s);
    }
    return Status::Ok();
  });
  r.report.calls.read_all += r.api.calls() - before;
  r.orders_fresh = false;
  if (!read.ok()) {
    r.read_failed(kStepReconcile, read);
    return Status::Ok();
  }
  // Orders pulled from here on may or may not be in what was just read.
  SHELFNODE_RETURN_IF_ERROR(r.pull());
  if (r.stopped) return Status::Ok();
  Result<std::set<std::string>> moved = ordered_since(r.db, *mark);
  if (!moved.ok()) return moved.status();

  using K = OutboxChange::Kind;
  SHELFNODE_RETURN_IF_ERROR(for_each_slice(r, false, [&](Slice& slice) -> Status {
    std::vector<OutboxChange> changes;
    for (const ManagedSku& m : slice.managed) {
      auto it = slice.rows.find(m.sku);
      if (it == slice.rows.end()) continue;
      const OutboxRow& row = it->second;
      if (row.parked() || row.doubtful() || !row.confirmed || row.variant.product_id.empty()) {
        continue;
      }
      const WixStock* s = wix.find(row);
      if (s == nullptr || !s->found || !s->tracked || moved->count(m.sku) != 0) {
        // Gone from Wix, untracked, or sold online while we read (the sale may or may not be
        // in the quantity read): a read-back decides.
        changes.push_back(OutboxChange::of(K::kDoubt, m.sku));
        continue;
      }
      if (s->quantity == *row.confirmed) continue;
      ++r.report.drift_found;
      r.drifted.insert(m.sku);
      r.by_set.insert(m.sku);
      log_warn("sync.drift", {{"sku", m.sku},
                              {"confirmed", std::to_string(*row.confirmed)},
                              {"wix", std::to_string(s->quantity)}});
      // Checked already: the pull after the read brought no order for this SKU.
      WixStock stock = *s;
      stock.variant = row.variant;
      changes.push_back(OutboxChange::read(m.sku, std::move(stock), -1));
    }
    return r.outbox.apply(changes);
  }));
  r.report.reconciled = true;
  return store::set_meta(r.db, kLastReconcileAt, format_utc_ms(r.clock.now_ms()));
}

}  // namespace shelfnode::sync
