#include <algorithm>

#include "sync/round.h"

namespace shelfnode::sync {
namespace {

struct Doubts {
  std::vector<ReadNeed> reads;  // managed, not parked, in doubt
  bool unchecked = false;       // some read is not yet checked against an orders pull
};

Result<Doubts> doubts(Round& r) {
  Result<OutboxRows> rows = r.outbox.load();
  if (!rows.ok()) return rows.status();
  Doubts d;
  for (const auto& [sku, row] : *rows) {
    if (row.read_seq) d.unchecked = true;
    if (r.targets.count(sku) == 0 || row.parked() || !row.doubtful()) continue;
    auto cat = r.catalog.find(sku);
    if (cat == r.catalog.end() || cat->second.size() != 1) continue;  // the planner parks it
    d.reads.push_back({sku, cat->second.front().variant, "in doubt", true});
  }
  return d;
}

}  // namespace

// Each pass: pull orders (so the ledger holds every sale Wix may already reflect, and the
// reads of the previous pass are checked), read back what is in doubt, fix it. A round
// never ends on a read that no later orders pull has checked, unless Wix went away.
Status settle(Round& r) {
  const int passes = std::max(1, r.options.max_settle_passes);
  for (int pass = 0; pass <= passes + 1 && !r.stopped; ++pass) {
    Result<Doubts> d = doubts(r);
    if (!d.ok()) return d.status();
    if (d->reads.empty() && !d->unchecked) {
      Result<int> sent = fix(r);  // e.g. a target that moved with an order pulled meanwhile
      if (!sent.ok()) return sent.status();
      if (*sent == 0) break;
      continue;
    }
    if (!r.orders_fresh) {
      SHELFNODE_RETURN_IF_ERROR(r.pull());
      if (r.stopped) break;
      d = doubts(r);
      if (!d.ok()) return d.status();
    }
    if (pass < passes) SHELFNODE_RETURN_IF_ERROR(read_skus(r, d->reads));
    Result<int> sent = fix(r);
    if (!sent.ok()) return sent.status();
  }
  return Status::Ok();
}

}  // namespace shelfnode::sync
