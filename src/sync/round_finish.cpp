#include "shelfnode/core/logger.h"
#include "shelfnode/store/meta.h"
#include "sync/round.h"
#include "sync/round_meta.h"

namespace shelfnode::sync {

Status finish_round(Round& r) {
  Result<std::int64_t> last = r.outbox.last_seq();
  if (!last.ok()) return last.status();

  RoundReport& report = r.report;
  SHELFNODE_RETURN_IF_ERROR(for_each_slice(r, false, [&](Slice& slice) -> Status {
    report.managed += static_cast<int>(slice.managed.size());
    // The SKUs whose every movement Wix now reflects, from which `status` dates what is
    // pending.
    std::vector<OutboxChange> synced;
    for (const ManagedSku& m : slice.managed) {
      auto it = slice.rows.find(m.sku);
      const OutboxRow* row = it == slice.rows.end() ? nullptr : &it->second;
      if (is_converged(row, m.target)) {
        ++report.converged_skus;
        if (r.drifted.count(m.sku) != 0) ++report.drift_repaired;
        if (row->synced_seq != *last) {
          synced.push_back(OutboxChange::of(OutboxChange::Kind::kSynced, m.sku, *last));
        }
      } else if (row != nullptr && row->parked()) {
        report.parked.push_back({m.sku, row->parked_reason});
      } else {
        report.pending.push_back({m.sku, pending_reason(row, m.target)});
      }
    }
    return r.outbox.apply(synced);
  }));
  report.converged = report.converged_skus == report.managed;

  auto tx = store::Transaction::begin(r.db);
  if (!tx.ok()) return tx.status();
  const std::string now = format_utc_ms(r.clock.now_ms());
  SHELFNODE_RETURN_IF_ERROR(store::set_meta(r.db, kLastRoundAt, now));
  if (report.converged) SHELFNODE_RETURN_IF_ERROR(store::set_meta(r.db, kLastSuccessAt, now));
  // Nothing left that another round could do: only the owner can move the parked SKUs.
  const bool complete =
      report.pending.empty() && report.problems.empty() && r.options.orders_pulled;
  if (complete) SHELFNODE_RETURN_IF_ERROR(store::set_meta(r.db, kLastCompleteAt, now));
  SHELFNODE_RETURN_IF_ERROR(add_to_meta(r.db, kDriftFound, report.drift_found));
  SHELFNODE_RETURN_IF_ERROR(add_to_meta(r.db, kDriftRepaired, report.drift_repaired));
  SHELFNODE_RETURN_IF_ERROR((*tx)->commit());

  log_info("sync.round", {{"managed", std::to_string(report.managed)},
                          {"converged", std::to_string(report.converged_skus)},
                          {"parked", std::to_string(report.parked.size())},
                          {"pending", std::to_string(report.pending.size())},
                          {"pushed", std::to_string(report.push.landed)},
                          {"writes", std::to_string(report.calls.writes())},
                          {"drift_found", std::to_string(report.drift_found)}});
  return Status::Ok();
}

}  // namespace shelfnode::sync
