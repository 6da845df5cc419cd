#include "shelfnode/pull/catalog_pull.h"

#include <string>

#include "pull/pull_run.h"
#include "shelfnode/catalog/catalog.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/store/bounded_memory.h"

namespace shelfnode::pull {
namespace {

// How far the device clock may run ahead of Wix's before an edit made during a pull could
// be missed by the next incremental one (see next_since).
constexpr std::int64_t kClockMarginMs = 10 * 60 * 1000;

bool is_v3(const std::string& version) {
  return version == "V3_CATALOG";
}

Result<std::string> meta_or_empty(store::Database& db, const char* key) {
  Result<std::optional<std::string>> v = store::get_meta(db, key);
  if (!v.ok()) return v.status();
  return v->value_or("");
}

// Resumes a pull cut short, or starts one: full when asked, on the first pull, or when the
// marks an incremental pull needs are missing.
Result<PendingPull> plan(PullRun& run, const std::string& version, bool want_full, bool& resumed) {
  Result<std::optional<PendingPull>> pending = load_pending(run.db);
  if (!pending.ok()) return pending.status();
  // A cut-short full pull is finished rather than restarted; a cut-short incremental one
  // gives way to a full pull when one is asked for.
  if (pending->has_value() && (!want_full || (*pending)->full)) {
    resumed = true;
    return **pending;
  }
  PendingPull p;
  p.generation = run.clock.now_ms();
  if (pending->has_value() && (*pending)->generation >= p.generation) {
    p.generation = (*pending)->generation + 1;  // never reuse a generation
  }
  Result<std::string> pulled_at = meta_or_empty(run.db, kPulledAtKey);
  if (!pulled_at.ok()) return pulled_at.status();
  Result<std::string> since = meta_or_empty(run.db, is_v3(version) ? kV3SinceKey : kV1SinceKey);
  if (!since.ok()) return since.status();
  Result<std::string> items_since = meta_or_empty(run.db, kV3ItemsSinceKey);
  if (!items_since.ok()) return items_since.status();
  p.full =
      want_full || pulled_at->empty() || since->empty() || (is_v3(version) && items_since->empty());
  if (!p.full) {
    p.since = *since;
    if (is_v3(version)) p.items_since = *items_since;
  }
  return p;
}

// One transaction: what the pull did not see goes, the marks move, the pull is complete.
Status finish(PullRun& run, const std::string& version, std::string& pulled_at) {
  auto tx = store::Transaction::begin(run.db);
  if (!tx.ok()) return tx.status();
  const PendingPull& p = run.pending;
  if (p.full) {
    SHELFNODE_RETURN_IF_ERROR(run.writer.sweep_unseen(is_v3(version)));
  } else {
    SHELFNODE_RETURN_IF_ERROR(run.writer.sweep_seen_products());
  }
  const char* since_key = is_v3(version) ? kV3SinceKey : kV1SinceKey;
  Result<std::string> since = meta_or_empty(run.db, since_key);
  if (!since.ok()) return since.status();
  SHELFNODE_RETURN_IF_ERROR(store::set_meta(
      run.db, since_key, next_since(*since, p.max_updated, p.generation, kClockMarginMs)));
  if (is_v3(version)) {
    Result<std::string> items_since = meta_or_empty(run.db, kV3ItemsSinceKey);
    if (!items_since.ok()) return items_since.status();
    SHELFNODE_RETURN_IF_ERROR(store::set_meta(
        run.db, kV3ItemsSinceKey,
        next_since(*items_since, p.items_max_updated, p.generation, kClockMarginMs)));
  }
  pulled_at = format_utc_ms(run.clock.now_ms());
  SHELFNODE_RETURN_IF_ERROR(store::set_meta(run.db, kPulledAtKey, pulled_at));
  SHELFNODE_RETURN_IF_ERROR(store::set_meta(run.db, kLastModeKey, p.full ? "full" : "incremental"));
  if (p.full) SHELFNODE_RETURN_IF_ERROR(store::set_meta(run.db, kFullPulledAtKey, pulled_at));
  SHELFNODE_RETURN_IF_ERROR(store::delete_meta(run.db, kPendingKey));
  return (*tx)->commit();
}

Status run_pull(PullRun& run, const PullOptions& options, PullSummary& out) {
  Result<std::string> version = catalog_version(run);
  if (!version.ok()) return version.status();
  out.catalog_version = *version;
  Result<PendingPull> p = plan(run, *version, options.full, out.resumed);
  if (!p.ok()) return p.status();
  run.pending = std::move(p).value();
  run.writer.begin(run.pending.generation);
  out.full = run.pending.full;
  {
    auto tx = store::Transaction::begin(run.db);
    if (!tx.ok()) return tx.status();
    SHELFNODE_RETURN_IF_ERROR(save_pending(run.db, run.pending));
    SHELFNODE_RETURN_IF_ERROR((*tx)->commit());
  }
  if (is_v3(*version)) {
    if (!run.pending.v3_items_phase) SHELFNODE_RETURN_IF_ERROR(crawl_v3_variants(run));
    Result<std::string> location = default_location(run);
    if (!location.ok()) return location.status();
    SHELFNODE_RETURN_IF_ERROR(crawl_v3_items(run, *location));
  } else {
    SHELFNODE_RETURN_IF_ERROR(crawl_v1(run));
  }
  return finish(run, *version, out.pulled_at);
}

}  // namespace

Result<PullSummary> pull_catalog(store::Database& db, wix::RetryingClient& api, const Clock& clock,
                                 const PullOptions& options) {
  store::BoundedMemory bounded(db);
  PullRun run(db, api, clock, options.progress, format_utc_ms(clock.now_ms()));
  PullSummary out;
  Status s = run_pull(run, options, out);
  if (options.progress != nullptr) options.progress->finish();
  out.pages = run.pages;
  out.requests = run.requests;
  out.records = run.records;
  out.items = run.items;
  out.wall_ms = run.elapsed_ms();
  const WriteCounts& c = run.writer.counts();
  out.added = c.added;
  out.updated = c.updated;
  out.unchanged = c.unchanged;
  out.removed = c.removed;
  out.unmapped = c.unmapped;
  if (s.ok()) {
    // Counted here, while reads are still bounded (a count touches the whole SKU index).
    Result<std::int64_t> skus = catalog::catalog_size(db);
    if (skus.ok()) out.catalog_skus = *skus;
  }
  log_info("catalog.pull", {{"version", out.catalog_version},
                            {"mode", run.pending.generation == 0 ? "-"
                                     : out.full                  ? "full"
                                                                 : "incremental"},
                            {"resumed", out.resumed ? "yes" : "no"},
                            {"pages", std::to_string(out.pages)},
                            {"requests", std::to_string(out.requests)},
                            {"added", std::to_string(out.added)},
                            {"updated", std::to_string(out.updated)},
                            {"removed", std::to_string(out.removed)},
                            {"ms", std::to_string(out.wall_ms)},
                            {"result", s.ok() ? "ok" : code_name(s.code())}});
  if (s.ok()) return out;
  if (run.pages == 0) return s;
  return Status(s.code(), s.message() + " (" + std::to_string(run.pages) +
                              " page(s) fetched before that are kept: the next `shelfnode "
                              "catalog pull` continues from there)");
}

}  // namespace shelfnode::pull
