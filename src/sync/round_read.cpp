#include <map>
#include <utility>

#include "sync/round.h"

namespace shelfnode::sync {
namespace {

using VariantKey = std::pair<std::string, std::string>;

VariantKey key_of(const WixVariant& v) {
  return {v.product_id, v.variant_id};
}

}  // namespace

Status read_skus(Round& r, const std::vector<ReadNeed>& needs) {
  if (needs.empty() || r.stopped) return Status::Ok();
  // Movements up to here are in the ledger before Wix is read; an online order pulled
  // later may or may not be in the quantity read (Outbox::check_reads sorts that out).
  Result<std::int64_t> mark = r.outbox.last_seq();
  if (!mark.ok()) return mark.status();
  std::vector<WixVariant> variants;
  variants.reserve(needs.size());
  for (const ReadNeed& n : needs) variants.push_back(n.variant);
  const int before = r.api.calls();
  Result<std::vector<WixStock>> got = r.api.read(variants);
  r.report.calls.read += r.api.calls() - before;
  r.orders_fresh = false;
  if (!got.ok()) {
    r.read_failed(kStepRead, got.status());
    return Status::Ok();
  }
  std::map<VariantKey, const WixStock*> by_variant;
  for (const WixStock& s : *got) by_variant.emplace(key_of(s.variant), &s);

  std::vector<OutboxChange> changes;
  changes.reserve(got->size());  // at most one per variant read, sized once
  for (const ReadNeed& n : needs) {
    auto it = by_variant.find(key_of(n.variant));
    if (it == by_variant.end()) continue;  // not answered: stays pending, read next time
    const WixStock& s = *it->second;
    const std::int64_t target = n.target;
    if (!s.found || !s.tracked) {
      changes.push_back(OutboxChange::park(n.sku, target, s.found ? kNotTracked : kNoInventoryItem,
                                           ParkedBy::kWix));
      continue;
    }
    WixStock stock = s;
    stock.variant = n.variant;
    changes.push_back(OutboxChange::read(n.sku, std::move(stock), *mark));
    ++r.report.skus_read;
    if (n.in_doubt) {
      ++r.report.settled;
      r.by_set.insert(n.sku);
    }
  }
  return r.outbox.apply(changes);
}

Status ReadBatch::add(ReadNeed need) {
  needs_.push_back(std::move(need));
  r_.held(needs_.size());
  return needs_.size() >= kReadBatch ? flush() : Status::Ok();
}

Status ReadBatch::flush() {
  std::vector<ReadNeed> needs;
  needs.swap(needs_);
  return read_skus(r_, needs);
}

}  // namespace shelfnode::sync
