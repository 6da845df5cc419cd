// `sync`: one round (DESIGN §7): online orders into the ledger, then the engine pushes,
// settles and reconciles (src/sync/README.md).
#include <cstdio>
#include <memory>

#include "cli/commands.h"
#include "cli/daemon_client.h"
#include "cli/sync_summary.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/store/health.h"
#include "shelfnode/store/meta.h"
#include "shelfnode/sync/engine.h"
#include "shelfnode/sync/orders_pull.h"
#include "shelfnode/wix/connection.h"

namespace shelfnode::cli {
namespace {

// The catalog version `connect` stored; asked from Wix (and stored) only when missing.
Result<std::string> catalog_version(App& app, wix::Connection& wix) {
  Result<std::optional<std::string>> stored = store::get_meta(app.db(), "wix.catalog_version");
  if (!stored.ok()) return stored.status();
  if (*stored && !(*stored)->empty()) return **stored;
  Result<wix::JsonResponse> r = wix.api().call("GET", "/stores/v3/provision/version");
  if (!r.ok()) return r.status().with_context("asking Wix for the catalog version");
  const cJSON* v = cJSON_GetObjectItemCaseSensitive(r->body.get(), "catalogVersion");
  if (!cJSON_IsString(v))
    return Status(Code::kUnavailable,
                  "Wix answered the catalog version call without a catalogVersion");
  const std::string version = v->valuestring;
  SHELFNODE_RETURN_IF_ERROR(store::set_meta(app.db(), "wix.catalog_version", version));
  return version;
}

Result<std::unique_ptr<sync::InventoryApi>> inventory_for(App& app, wix::Connection& wix) {
  Result<std::string> version = catalog_version(app, wix);
  if (!version.ok()) return version.status();
  if (*version == "V1_CATALOG") return sync::make_v1_inventory(wix.api());
  if (*version == "V3_CATALOG") {
    Result<std::optional<std::string>> location =
        store::get_meta(app.db(), "wix.default_location_id");
    if (!location.ok()) return location.status();
    return sync::make_v3_inventory(wix.api(), location->value_or(""));
  }
  return config_error("the Wix site has no store (catalog version " + *version +
                      "): add Wix Stores to the site, then run `shelfnode connect` again");
}

constexpr std::int64_t kStorageCheckIntervalMs = 3600 * 1000;
constexpr std::int64_t kBackupIntervalS = 3600;

}  // namespace

int run_sync(App& app, const Args& args) {
  // The daemon owns the schedule: "sync now" is a round it runs (and no second round beside
  // it), shown here as if this command had run it.
  if (running_daemon(app.paths()) != 0) {
    std::vector<std::string> options;
    for (const char* o : {"json", "reconcile", "retry-parked"}) {
      if (args.has(o)) options.push_back(std::string("--") + o);
    }
    Result<int> code = sync_through_daemon(app.paths(), options);
    if (!code.ok()) return fail(code.status());
    return *code;
  }
  Status s = app.open_for_write("sync");
  if (s.ok()) s = app.begin_round();
  // What a damaged ledger says must not reach the web shop. A cron job runs this every
  // minute, so the whole-file check runs at most hourly (2 s at 1M movements).
  if (s.ok()) s = app.check_storage_every(kStorageCheckIntervalMs);
  if (!s.ok()) return fail(s);
  Result<wix::Connection*> wix = app.wix();
  if (!wix.ok()) return fail(wix.status());
  Result<std::unique_ptr<sync::InventoryApi>> api = inventory_for(app, **wix);
  if (!api.ok()) return fail(app.with_key_remedy(api.status()));

  SyncSummary summary;
  auto pull = [&]() -> Status {
    Result<sync::OrdersPullReport> r =
        sync::pull_orders(app.db(), app.ledger(), (*wix)->api(), app.config().sync, app.clock());
    if (!r.ok()) return r.status();
    summary.orders.add(*r);
    return Status::Ok();
  };
  // Orders first: a sale Wix already applied must be in the ledger (and in `confirmed`)
  // before anything is pushed, or the push would undo it.
  summary.orders_status = pull();
  if (summary.orders_status.code() == Code::kConfig) return fail(summary.orders_status);

  sync::RoundOptions options;
  options.reconcile = args.has("reconcile");
  options.retry_parked = args.has("retry-parked");
  options.orders_pulled = summary.orders_status.ok();
  sync::Engine engine(app.db(), **api, app.clock(), pull);
  Result<sync::RoundReport> round = engine.run(options);
  if (!round.ok()) return fail(round.status());
  summary.round = std::move(round).value();
  summary.key_remedy = app.key_remedy();
  summary.catalog_version = (*api)->catalog_version();

  if (args.json()) {
    print_sync_json(summary);
  } else {
    print_sync_text(summary);
  }
  // After the round, so a slow card never delays what Wix shows. A failed backup is logged
  // and does not change the round's exit code, except that damage found on the way is.
  Status backup = back_up_if_due(app, kBackupIntervalS);
  if (!backup.ok()) {
    log_error("backup.failed", {{"why", backup.message()}});
    if (!store::damage_recorded(app.paths()).ok()) return backup.exit_code();
  }
  return sync_outcome(summary).exit_code;
}

}  // namespace shelfnode::cli
