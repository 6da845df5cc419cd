// The `sync` command's contract (DESIGN §7, src/sync/README.md "One round"): 0 when every
// managed SKU matches Wix; 75 when Wix cannot be reached, with the changes kept and pushed by
// the next round; 77 for a key that may not write; SKUs it cannot push are parked and shown
// by `sync --json` and `status --json`, and never written; a round that leaves only parked
// SKUs exits 65 (the owner must act, a retry will not help), one that also could not reach
// Wix 75.
#include "integration/sync_cli/sync_cli_fixture.h"

namespace shelfnode::sync_cli_test {
namespace {

// The first object anywhere in `node` with "sku": `sku` (null when none).
const cJSON* find_sku(const cJSON* node, const std::string& sku) {
  if (node == nullptr) return nullptr;
  if (cJSON_IsObject(node) && text_of(node, "sku") == sku) return node;
  const cJSON* child = nullptr;
  cJSON_ArrayForEach(child, node) {
    if (cJSON_IsObject(child) || cJSON_IsArray(child)) {
      if (const cJSON* found = find_sku(child, sku)) return found;
    }
  }
  return nullptr;
}

// Whether any string member of `o` contains `needle`.
bool says(const cJSON* o, const std::string& needle) {
  const cJSON* m = nullptr;
  cJSON_ArrayForEach(m, o) {
    if (cJSON_IsString(m) && contains(m->valuestring, needle)) return true;
  }
  return false;
}

class SyncContractTest : public SyncCliTest {
 protected:
  std::int64_t wix_quantity(const std::string& site, const std::string& sku) {
    const std::map<std::string, WixRow> rows = wix_rows(site);
    auto it = rows.find(sku);
    return it == rows.end() ? -1 : it->second.quantity;
  }

  // Writes the device made to Wix (source "api" in the emulator's writes log).
  int device_writes(const std::string& site, const std::string& sku = "") {
    JsonPtr log = admin_json("GET", "/_emulator/writes?site=" + site);
    int n = 0;
    const cJSON* w = nullptr;
    cJSON_ArrayForEach(w, member(log.get(), "writes")) {
      if (text_of(w, "source") == "api" && (sku.empty() || text_of(w, "sku") == sku)) ++n;
    }
    return n;
  }

  const cJSON* stock_entry(const JsonPtr& stock, const std::string& sku) {
    const cJSON* e = find_sku(member(stock.get(), "skus"), sku);
    EXPECT_NE(e, nullptr) << sku << " missing from `stock --json`";
    return e;
  }

  // Both V1 and V3: the fixture's SKUs that can never be pushed are parked, with a reason
  // the owner can act on, in `sync --json`, `status --json` and `stock --json`.
  void expect_parked(const std::string& site, const std::string& pushed,
                     const std::vector<std::pair<std::string, std::string>>& parked) {
    ok({"receive", pushed, "4", "--warehouse", "shop"});
    for (const auto& [sku, reason] : parked) ok({"receive", sku, "2", "--warehouse", "shop"});
    const SyncRun run = sync();
    // Nothing can be done without the owner: 65, nothing pending, no problem.
    EXPECT_EQ(run.result.exit_code, 65) << describe(run.result);
    EXPECT_EQ(text_of(run.json.get(), "outcome"), "parked") << run.result.out;
    EXPECT_EQ(int_of(run.json.get(), "exit_code"), 65);
    EXPECT_FALSE(cJSON_IsTrue(member(run.json.get(), "converged")));
    EXPECT_EQ(cJSON_GetArraySize(member(run.json.get(), "pending")), 0) << run.result.out;
    EXPECT_TRUE(cJSON_IsNull(member(run.json.get(), "problem"))) << run.result.out;
    EXPECT_EQ(cJSON_GetArraySize(member(run.json.get(), "parked")), static_cast<int>(parked.size()))
        << run.result.out;
    EXPECT_EQ(wix_quantity(site, pushed), 4);

    const support::RunResult text = sn({"sync"});
    EXPECT_EQ(text.exit_code, 65) << describe(text);
    EXPECT_TRUE(contains(text.out, "sync: done, but " + std::to_string(parked.size()) +
                                       " parked SKUs need you (a retry will not help); Wix "
                                       "matches the other 1 managed SKU"))
        << text.out;

    const support::RunResult status = sn({"status", "--json"});
    ASSERT_EQ(status.exit_code, 0) << describe(status);
    JsonPtr status_json = parse_json(status.out);
    // In sync but for the parked SKUs: not "never".
    EXPECT_TRUE(cJSON_IsNull(member(member(status_json.get(), "sync"), "last_success_at")));
    EXPECT_TRUE(cJSON_IsString(member(member(status_json.get(), "sync"), "last_complete_at")))
        << status.out;
    const std::string status_text = sn({"status"}).out;
    EXPECT_TRUE(contains(status_text, ", all but " + std::to_string(parked.size()) +
                                          " parked SKUs, listed below;"))
        << status_text;
    EXPECT_FALSE(contains(status_text, "last in sync: never")) << status_text;
    const support::RunResult stock_run = sn({"stock", "--json"});
    JsonPtr stock = parse_json(stock_run.out);
    for (const auto& [sku, reason] : parked) {
      SCOPED_TRACE(sku);
      const cJSON* in_sync = find_sku(member(run.json.get(), "parked"), sku);
      ASSERT_NE(in_sync, nullptr) << run.result.out;
      EXPECT_TRUE(says(in_sync, reason)) << run.result.out;
      const cJSON* in_status = find_sku(member(member(status_json.get(), "sync"), "parked"), sku);
      EXPECT_NE(in_status, nullptr) << "`status --json` does not show the parked SKU:\n"
                                    << status.out;
      if (in_status != nullptr) {
        EXPECT_TRUE(says(in_status, reason)) << status.out;
      }
      const cJSON* entry = stock_entry(stock, sku);
      if (entry != nullptr) {
        EXPECT_EQ(text_of(entry, "sync"), "parked");
      }
      EXPECT_EQ(device_writes(site, sku), 0) << "a parked SKU was written";
    }
  }
};

TEST_F(SyncContractTest, OfflineExits75KeepsTheChangesAndTheNextRoundPushesThem) {
  using support::kV1Site;
  ASSERT_NO_FATAL_FAILURE(shelf_in_sync());
  ASSERT_EQ(wix_quantity(kV1Site, "OAK-SHELF-60"), 5);

  for (const char* outage : {"503", "drop"}) {
    SCOPED_TRACE(outage);
    ASSERT_NO_FATAL_FAILURE(wix_down(outage));
    ok({"receive", "OAK-SHELF-60", "3", "--warehouse", "backroom"});
    const int writes = device_writes(kV1Site);
    const SyncRun run = sync();
    EXPECT_EQ(run.result.exit_code, 75) << describe(run.result);
    EXPECT_FALSE(cJSON_IsTrue(member(run.json.get(), "converged")));
    EXPECT_TRUE(cJSON_IsString(member(run.json.get(), "problem"))) << run.result.out;
    EXPECT_NE(find_sku(member(run.json.get(), "pending"), "OAK-SHELF-60"), nullptr)
        << run.result.out;
    const support::RunResult text = sn({"sync"});
    EXPECT_EQ(text.exit_code, 75) << describe(text);
    EXPECT_TRUE(contains(text.out, "Nothing is lost")) << text.out;

    // Kept on the device, not in Wix.
    JsonPtr stock = parse_json(sn({"stock", "OAK-SHELF-60", "--json"}).out);
    const cJSON* entry = stock_entry(stock, "OAK-SHELF-60");
    ASSERT_NE(entry, nullptr);
    const std::int64_t target = int_of(entry, "target");
    // A 503 refuses before processing: the push waits. A dropped connection may have
    // delivered it: the next round reads Wix back first.
    EXPECT_EQ(text_of(entry, "sync"), std::string(outage) == "503" ? "pending" : "checking");
    EXPECT_EQ(device_writes(kV1Site), writes);
    EXPECT_EQ(wix_quantity(kV1Site, "OAK-SHELF-60"), target - 3);

    ASSERT_EQ(admin("DELETE", "/_emulator/faults").status, 200);
    const SyncRun next = sync();
    EXPECT_EQ(next.result.exit_code, 0) << describe(next.result);
    EXPECT_TRUE(cJSON_IsTrue(member(next.json.get(), "converged")));
    EXPECT_EQ(wix_quantity(kV1Site, "OAK-SHELF-60"), target);
  }
}

TEST_F(SyncContractTest, AKeyThatMayNotWriteExits77AndWritesNothing) {
  using support::kV1Site;
  ASSERT_NO_FATAL_FAILURE(shelf_in_sync());

  support::replace_api_key(dir(), support::kV1ReadOnlyKey);
  ok({"sell", "OAK-SHELF-60", "2", "--warehouse", "shop"});
  const int writes = device_writes(kV1Site);
  const SyncRun run = sync();
  EXPECT_EQ(run.result.exit_code, 77) << describe(run.result);
  EXPECT_FALSE(contains(run.result.out + run.result.err, support::kV1ReadOnlyKey))
      << "the API key was shown:\n"
      << describe(run.result);
  EXPECT_EQ(device_writes(kV1Site), writes);
  EXPECT_EQ(wix_quantity(kV1Site, "OAK-SHELF-60"), 5);
  JsonPtr stock = parse_json(sn({"stock", "OAK-SHELF-60", "--json"}).out);
  const cJSON* entry = stock_entry(stock, "OAK-SHELF-60");
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(int_of(entry, "target"), 3);
  EXPECT_EQ(int_of(entry, "confirmed"), 5);

  // With the key fixed, the kept change goes out.
  support::replace_api_key(dir(), support::kV1Key);
  EXPECT_EQ(sync().result.exit_code, 0);
  EXPECT_EQ(wix_quantity(kV1Site, "OAK-SHELF-60"), 3);
}

// Parked SKUs and Wix out of reach: a retry still helps the rest, so 75, not 65.
TEST_F(SyncContractTest, ParkedSkusAndAnOutageTogetherExit75) {
  ASSERT_NO_FATAL_FAILURE(connect_device(support::kV1Site, support::kV1Key));
  ok({"receive", "APRON-L", "4", "--warehouse", "shop"});
  ok({"receive", "MUG-HT", "2", "--warehouse", "shop"});
  ASSERT_EQ(sync().result.exit_code, 65);
  ok({"sell", "APRON-L", "1", "--warehouse", "shop"});
  ASSERT_NO_FATAL_FAILURE(wix_down());
  const SyncRun run = sync();
  EXPECT_EQ(run.result.exit_code, 75) << describe(run.result);
  EXPECT_EQ(text_of(run.json.get(), "outcome"), "pending");
  EXPECT_EQ(cJSON_GetArraySize(member(run.json.get(), "parked")), 1) << run.result.out;
  EXPECT_NE(find_sku(member(run.json.get(), "pending"), "APRON-L"), nullptr) << run.result.out;
  const support::RunResult text = sn({"sync"});
  EXPECT_EQ(text.exit_code, 75);
  EXPECT_TRUE(contains(text.out, "sync: pending: 2 of 2 managed SKUs still differ from Wix or "
                                 "wait; try again later"))
      << text.out;
}

// The owner deleted the key in Wix: `sync` and `catalog pull` exit 77 and give the exact
// `connect` command that takes a new one; the change waits and goes out once it is in.
TEST_F(SyncContractTest, ARevokedKeyExits77AndSaysToConnectAgain) {
  using support::kV1Site;
  ASSERT_NO_FATAL_FAILURE(shelf_in_sync());
  ASSERT_EQ(admin("POST", "/_emulator/keys/revoke",
                  std::string(R"({"key":")") + support::kV1Key + R"("})")
                .status,
            200);
  ok({"sell", "OAK-SHELF-60", "1", "--warehouse", "shop"});

  const std::string connect_again = "run `shelfnode --data-dir " + dir() +
                                    " connect --site-id " + kV1Site +
                                    " --api-key-file FILE --base-url " + emulator_->url() +
                                    " --ca-file " + emulator_->ca_file() + "` again";
  const support::RunResult text = sn({"sync"});
  EXPECT_EQ(text.exit_code, 77) << describe(text);
  EXPECT_TRUE(contains(text.out, "orders pull: searching Wix orders: the API key was refused "
                                 "(HTTP 401 UNAUTHENTICATED): it is wrong or was revoked"))
      << text.out;
  EXPECT_TRUE(contains(text.out, connect_again)) << text.out;
  EXPECT_TRUE(contains(text.out, "the changes wait until that is fixed")) << text.out;
  EXPECT_FALSE(contains(text.out + text.err, support::kV1Key)) << describe(text);

  const SyncRun run = sync();
  EXPECT_EQ(run.result.exit_code, 77);
  EXPECT_EQ(text_of(run.json.get(), "outcome"), "permission") << run.result.out;
  EXPECT_TRUE(contains(text_of(run.json.get(), "fix"), connect_again)) << run.result.out;

  const support::RunResult pull = sn({"catalog", "pull"});
  EXPECT_EQ(pull.exit_code, 77) << describe(pull);
  EXPECT_TRUE(contains(pull.err, "the API key was refused (HTTP 401)")) << pull.err;
  EXPECT_TRUE(contains(pull.err, connect_again)) << pull.err;

  // The owner makes a new key (the fixture's account-wide one) and connects: the sale goes
  // out.
  ASSERT_EQ(support::connect_device(dir(), *emulator_, kV1Site, "IST.account-wide-key-0c5e"), "");
  ASSERT_EQ(support::set_wix_config(dir(), 200, 20), "");
  EXPECT_EQ(sync().result.exit_code, 0);
  EXPECT_EQ(wix_quantity(kV1Site, "OAK-SHELF-60"), 4);
}

TEST_F(SyncContractTest, V1SkusThatCannotBePushedAreParkedAndShown) {
  ASSERT_NO_FATAL_FAILURE(connect_device(support::kV1Site, support::kV1Key));
  expect_parked(
      support::kV1Site, "APRON-L",
      {{"GLOVE-STD", "SKU is on 2 Wix variants"}, {"MUG-HT", "Wix does not track quantity"}});
}

TEST_F(SyncContractTest, V3SkusThatCannotBePushedAreParkedAndShown) {
  ASSERT_NO_FATAL_FAILURE(connect_device(support::kV3Site, support::kV3Key));
  expect_parked(support::kV3Site, "JACKET-S",
                {{"LANTERN", "SKU is on 2 Wix variants"},
                 {"STICKERS", "Wix does not track quantity"},
                 {"FLAGS-SET", "no inventory item at the default location"}});
}

// A round leaves a checked backup behind. Restoring it (here from an undamaged file) keeps
// the scans made since, and the next round reads Wix back before it trusts what the backup
// believed Wix holds: it converges without applying anything twice.
TEST_F(SyncContractTest, ARoundLeavesABackupAndTheRoundAfterARestoreReadsWixBack) {
  using support::kV1Site;
  ASSERT_NO_FATAL_FAILURE(shelf_in_sync());
  const std::string backup = dir() + "/shelfnode-backup.db";
  ASSERT_FALSE(support::read_file(backup).empty()) << "no backup after a round";

  ok({"receive", "OAK-SHELF-60", "3", "--warehouse", "shop"});
  ASSERT_EQ(sync().result.exit_code, 0);
  ASSERT_EQ(wix_quantity(kV1Site, "OAK-SHELF-60"), 8);

  const support::RunResult restored = sn({"restore"});
  ASSERT_EQ(restored.exit_code, 0) << describe(restored);
  EXPECT_TRUE(contains(restored.out, "kept 1 scan or command made after the backup"))
      << restored.out;
  const SyncRun next = sync();
  EXPECT_EQ(next.result.exit_code, 0) << describe(next.result);
  EXPECT_TRUE(cJSON_IsTrue(member(next.json.get(), "reconciled"))) << next.result.out;
  EXPECT_TRUE(cJSON_IsTrue(member(next.json.get(), "converged"))) << next.result.out;
  // The backup believed Wix held 5; pushing target - 5 would have made it 11.
  EXPECT_EQ(wix_quantity(kV1Site, "OAK-SHELF-60"), 8) << "a change went out twice";
  EXPECT_EQ(sync().result.exit_code, 0);
  EXPECT_EQ(wix_quantity(kV1Site, "OAK-SHELF-60"), 8);
}

}  // namespace
}  // namespace shelfnode::sync_cli_test
