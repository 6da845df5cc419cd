#include "shelfnode/core/logger.h"
#include "shelfnode/store/meta.h"
#include "sync/round.h"
#include "sync/round_meta.h"

namespace shelfnode::sync {

Status finish_round(Round& r) {
  SHELFNODE_RETURN_IF_ERROR(r.refresh_targets());
  Result<OutboxRows> rows = r.outbox.load();
  if (!rows.ok()) return rows.status();
  Result<std::int64_t> last = r.outbox.last_seq();
  if (!last.ok()) return last.status();

  RoundReport& report = r.report;
  report.managed = static_cast<int>(r.targets.size());
  // The SKUs whose every movement Wix now reflects, from which `status` dates what is
  // pending. Collected as pointers first, so the changes are allocated once at their size.
  std::vector<const std::string*> now_synced;
  for (const auto& [sku, target] : r.targets) {
    auto it = rows->find(sku);
    const OutboxRow* row = it == rows->end() ? nullptr : &it->second;
    if (is_converged(row, target)) {
      ++report.converged_skus;
      if (r.drifted.count(sku) != 0) ++report.drift_repaired;
      if (row->synced_seq != *last) now_synced.push_back(&sku);
    } else if (row != nullptr && row->parked()) {
      report.parked.push_back({sku, row->parked_reason});
    } else {
      report.pending.push_back({sku, pending_reason(row, target)});
    }
  }
  report.converged = report.converged_skus == report.managed;
  rows->clear();  // the outbox as loaded is not needed past this point
  std::vector<OutboxChange> synced;
  synced.reserve(now_synced.size());
  for (const std::string* sku : now_synced) {
    synced.push_back(OutboxChange::of(OutboxChange::Kind::kSynced, *sku, *last));
  }
  SHELFNODE_RETURN_IF_ERROR(r.outbox.apply(synced));

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
