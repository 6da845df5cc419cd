#include "shelfnode/sync/status.h"

#include <map>

#include "sync/planner_inputs.h"
#include "sync/round_meta.h"

namespace shelfnode::sync {
namespace {

// Per SKU, the first movement in a mapped warehouse after the last one Wix is known to
// reflect (one pass over the ledger).
Result<std::map<std::string, std::string>> first_unsynced(store::Database& db) {
  Result<store::Statement> s = db.prepare(
      "SELECT m.sku, min(m.at) FROM movements m"
      " JOIN warehouses w ON w.id = m.warehouse_id AND w.mapped = 1"
      " LEFT JOIN wix_outbox o ON o.sku = m.sku"
      " WHERE m.seq > COALESCE(o.synced_seq, 0) GROUP BY m.sku");
  if (!s.ok()) return s.status();
  std::map<std::string, std::string> out;
  for (;;) {
    Result<bool> row = s->step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.emplace(s->text_at(0), s->text_at(1));
  }
  return out;
}

Status read_meta(store::Database& db, SyncStatus& st) {
  struct {
    const char* key;
    std::string* into;
  } texts[] = {{kLastRoundAt, &st.last_round_at},
               {kLastSuccessAt, &st.last_success_at},
               {kLastCompleteAt, &st.last_complete_at},
               {kLastReconcileAt, &st.last_reconcile_at}};
  for (auto& t : texts) {
    Result<std::string> v = meta_text(db, t.key);
    if (!v.ok()) return v.status();
    *t.into = std::move(v).value();
  }
  Result<std::int64_t> found = meta_count(db, kDriftFound);
  if (!found.ok()) return found.status();
  Result<std::int64_t> repaired = meta_count(db, kDriftRepaired);
  if (!repaired.ok()) return repaired.status();
  st.drift_found = *found;
  st.drift_repaired = *repaired;
  return Status::Ok();
}

}  // namespace

const char* sync_state(bool managed, std::int64_t target, const OutboxRow* row) {
  if (!managed) return "unmanaged";
  if (row == nullptr) return "pending";
  if (row->parked()) return "parked";
  if (row->doubtful()) return "checking";
  if (is_converged(row, target)) return "in_sync";
  return "pending";
}

Result<SyncStatus> sync_status(store::Database& db) {
  Result<std::vector<ManagedSku>> managed = load_managed(db);
  if (!managed.ok()) return managed.status();
  Result<OutboxRows> rows = load_outbox(db);
  if (!rows.ok()) return rows.status();
  Result<std::map<std::string, std::string>> first = first_unsynced(db);
  if (!first.ok()) return first.status();

  SyncStatus st;
  st.managed = static_cast<int>(managed->size());
  for (const ManagedSku& m : *managed) {
    auto it = rows->find(m.sku);
    const OutboxRow* row = it == rows->end() ? nullptr : &it->second;
    if (row != nullptr && row->doubtful()) ++st.uncertain;
    if (is_converged(row, m.target)) continue;
    ++st.queue_depth;
    if (row != nullptr && row->parked()) {
      st.parked.push_back({m.sku, row->parked_reason});
    } else {
      st.pending.push_back({m.sku, pending_reason(row, m.target)});
    }
    // No movement since the last sync (a warehouse was mapped, Wix drifted): date it from
    // the row's last change.
    auto f = first->find(m.sku);
    std::string since = f != first->end() ? f->second : row != nullptr ? row->updated_at : "";
    if (!since.empty() && (st.oldest_pending_change.empty() || since < st.oldest_pending_change)) {
      st.oldest_pending_change = since;
    }
  }
  SHELFNODE_RETURN_IF_ERROR(read_meta(db, st));
  return st;
}

}  // namespace shelfnode::sync
