#include <algorithm>

#include "sync/round.h"

namespace shelfnode::sync {
namespace {

// The SKUs of `slice` whose `confirmed` must be read back: managed, not parked, in doubt,
// and on one Wix variant (the planner parks the others).
template <typename Visit>
Status each_doubt(const Slice& slice, Visit visit) {
  for (const auto& [sku, row] : slice.rows) {
    const ManagedSku* m = slice.find(sku);
    if (m == nullptr || row.parked() || !row.doubtful()) continue;
    auto cat = slice.catalog.find(sku);
    if (cat == slice.catalog.end() || cat->second.size() != 1) continue;
    SHELFNODE_RETURN_IF_ERROR(
        visit(ReadNeed{sku, cat->second.front().variant, "in doubt", true, m->target}));
  }
  return Status::Ok();
}

struct Doubts {
  int reads = 0;           // SKUs to read back
  bool unchecked = false;  // some read is not yet checked against an orders pull
};

Result<Doubts> count_doubts(Round& r) {
  Doubts d;
  Status walked = for_each_slice(r, false, [&d](Slice& slice) -> Status {
    for (const auto& entry : slice.rows) {
      if (entry.second.read_seq) d.unchecked = true;
    }
    return each_doubt(slice, [&d](ReadNeed&&) {
      ++d.reads;
      return Status::Ok();
    });
  });
  if (!walked.ok()) return walked;
  return d;
}

Status read_doubts(Round& r) {
  ReadBatch reads(r);
  SHELFNODE_RETURN_IF_ERROR(for_each_slice(r, true, [&reads](Slice& slice) -> Status {
    return each_doubt(slice, [&reads](ReadNeed&& n) { return reads.add(std::move(n)); });
  }));
  return reads.flush();
}

}  // namespace

// Each pass: pull orders (so the ledger holds every sale Wix may already reflect, and the
// reads of the previous pass are checked), read back what is in doubt, fix it. A round
// never ends on a read that no later orders pull has checked, unless Wix went away.
Status settle(Round& r) {
  const int passes = std::max(1, r.options.max_settle_passes);
  for (int pass = 0; pass <= passes + 1 && !r.stopped; ++pass) {
    Result<Doubts> d = count_doubts(r);
    if (!d.ok()) return d.status();
    if (d->reads == 0 && !d->unchecked) {
      Result<int> sent = fix(r);  // e.g. a target that moved with an order pulled meanwhile
      if (!sent.ok()) return sent.status();
      if (*sent == 0) break;
      continue;
    }
    if (!r.orders_fresh) {
      SHELFNODE_RETURN_IF_ERROR(r.pull());
      if (r.stopped) break;
    }
    if (pass < passes) SHELFNODE_RETURN_IF_ERROR(read_doubts(r));
    Result<int> sent = fix(r);
    if (!sent.ok()) return sent.status();
  }
  return Status::Ok();
}

}  // namespace shelfnode::sync
