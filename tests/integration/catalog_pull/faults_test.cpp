// A pull cut short keeps its committed pages and the next pull finishes it; rate limiting
// is waited out.
#include <signal.h>

#include <chrono>
#include <thread>

#include "pull_fixture.h"

namespace shelfnode::pull_test {
namespace {

class PullFaultTest : public PullTest<GeneratedTag> {
 protected:
  std::int64_t wix_rows() const {
    return scalar("SELECT count(*) FROM catalog_items WHERE origin = 'wix'");
  }
};

TEST_F(PullFaultTest, ServerErrorOnTheSecondPageKeepsTheFirstAndTheNextPullResumes) {
  connect(kGenV1Site, kGenKey);
  inject(R"({"kind": "500", "path": "/stores-reader/v1/products/query", "skip": 1})");
  support::RunResult r = run({"catalog", "pull"});
  EXPECT_EQ(r.exit_code, 69) << describe(r);
  EXPECT_TRUE(contains(r.err, "Wix answered HTTP 500")) << r.err;
  EXPECT_TRUE(contains(r.err, "1 page(s) fetched before that are kept")) << r.err;
  EXPECT_EQ(wix_rows(), 100);
  const std::string status = ok({"status"});
  EXPECT_TRUE(contains(status,
                       "the last pull was cut short: run `shelfnode catalog pull` to "
                       "finish it"))
      << status;
  EXPECT_TRUE(column("SELECT value FROM meta WHERE key = 'catalog.pulled_at'").empty());

  clear_requests();
  JsonPtr root = pull_json();
  EXPECT_TRUE(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root.get(), "resumed")));
  EXPECT_EQ(text_of(root.get(), "mode"), "full");
  EXPECT_EQ(int_of(cJSON_GetObjectItemCaseSensitive(root.get(), "fetched"), "products"), 200);
  EXPECT_EQ(int_of(root.get(), "requests"), 2);
  std::vector<JsonPtr> calls = requests("/stores");
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(text_of(cJSON_GetObjectItemCaseSensitive(
                        cJSON_GetObjectItemCaseSensitive(calls[0].get(), "body"), "query"),
                    "filter"),
            "{\"numericId\":{\"$gt\":1748736000000990}}");
  EXPECT_EQ(wix_rows(), 300);
  EXPECT_EQ(column("SELECT value FROM meta WHERE key = 'catalog.pending'"), Rows{});
}

TEST_F(PullFaultTest, DroppedConnectionOnAV3PageThenTheNextPullCompletes) {
  connect(kGenV3Site, kGenKey);
  inject(R"({"kind": "drop", "path": "/stores/v3/products/query-variants", "skip": 1})");
  support::RunResult r = run({"catalog", "pull"});
  EXPECT_EQ(r.exit_code, 69) << describe(r);
  EXPECT_TRUE(contains(r.err, "while reading product variants")) << r.err;
  EXPECT_EQ(wix_rows(), 1000);
  JsonPtr root = pull_json();
  EXPECT_TRUE(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root.get(), "resumed")));
  EXPECT_EQ(wix_rows(), 2500);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE track_quantity = 1"), 2500);
}

TEST_F(PullFaultTest, FailureInTheItemsPassResumesWithTheItems) {
  connect(kGenV3Site, kGenKey);
  inject(R"({"kind": "500", "path": "/stores/v3/inventory-items/query", "skip": 1})");
  support::RunResult r = run({"catalog", "pull"});
  EXPECT_EQ(r.exit_code, 69) << describe(r);
  EXPECT_EQ(wix_rows(), 2500);
  clear_requests();
  JsonPtr root = pull_json();
  EXPECT_TRUE(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root.get(), "resumed")));
  // The variants were complete: only the inventory items are fetched again.
  EXPECT_TRUE(requests("/stores/v3/products").empty());
  EXPECT_EQ(requests("/stores/v3/inventory-items/query").size(), 3u);
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE track_quantity = 1"), 2500);
}

TEST_F(PullFaultTest, RateLimitWithRetryAfterIsWaitedOut) {
  connect(kGenV1Site, kGenKey);
  inject(
      R"({"kind": "429", "path": "/stores-reader/v1/products/query", "skip": 1, "retryAfter": 1})");
  JsonPtr root = pull_json();
  EXPECT_EQ(wix_rows(), 300);
  EXPECT_EQ(int_of(root.get(), "requests"), 5);  // version + 3 pages + the refused one
  std::vector<JsonPtr> calls = requests("/stores-reader/v1/products/query");
  ASSERT_EQ(calls.size(), 4u);
  EXPECT_EQ(int_of(calls[1].get(), "status"), 429);
  EXPECT_EQ(int_of(calls[2].get(), "status"), 200);
  EXPECT_EQ(text_of(cJSON_GetObjectItemCaseSensitive(
                        cJSON_GetObjectItemCaseSensitive(calls[2].get(), "body"), "query"),
                    "filter"),
            "{\"numericId\":{\"$gt\":1748736000000990}}");
}

TEST_F(PullFaultTest, KillNineMidPullKeepsCommittedPages) {
  connect(kGenV1Site, kGenKey);
  inject(
      R"({"kind": "latency", "path": "/stores-reader/v1/products/query", "skip": 2, "ms": 10000})");
  support::Child pull({support::shelfnode_bin(), "--data-dir", dir(), "catalog", "pull"});
  // Two pages committed: the child is now waiting for the delayed third one. (The
  // emulator logs a request only once it answered, so the database is what to watch.)
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(8);
  while (wix_rows() < 200 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_EQ(wix_rows(), 200);
  pull.kill_now(SIGKILL);
  EXPECT_EQ(pull.wait(5000), 128 + SIGKILL);
  EXPECT_EQ(wix_rows(), 200);
  EXPECT_EQ(column("SELECT count(*) FROM meta WHERE key = 'catalog.pending'"), Rows{"1"});
  JsonPtr root = pull_json();
  EXPECT_TRUE(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root.get(), "resumed")));
  EXPECT_EQ(int_of(cJSON_GetObjectItemCaseSensitive(root.get(), "fetched"), "products"), 100);
  EXPECT_EQ(wix_rows(), 300);
}

TEST_F(PullFaultTest, AnAnswerThatIsNotJsonFailsThePull) {
  connect(kGenV1Site, kGenKey);
  inject(R"({"kind": "truncated_json", "path": "/stores-reader/v1/products/query"})");
  support::RunResult r = run({"catalog", "pull"});
  EXPECT_EQ(r.exit_code, 69) << describe(r);
  EXPECT_TRUE(contains(r.err, "its answer was cut short or not JSON")) << r.err;
  EXPECT_EQ(wix_rows(), 0);
  ok({"catalog", "pull"});
  EXPECT_EQ(wix_rows(), 300);
}

TEST_F(PullFaultTest, WixUnreachableIsUnavailable) {
  connect(kGenV1Site, kGenKey);
  // Nothing listens on port 9 (discard) here: every connect is refused, certainly not sent,
  // so RetryingClient tries a few times with backoff before giving up.
  support::write_file(dir() + "/config.json",
                      "{\"wix\": {\"base_url\": \"https://127.0.0.1:9\", \"site_id\": \"" +
                          std::string(kGenV1Site) + "\", \"requests_per_minute\": 200}}\n");
  support::RunResult r = run({"catalog", "pull"});
  EXPECT_EQ(r.exit_code, 69) << describe(r);
  EXPECT_TRUE(contains(r.err, "Wix could not be read while reading the site's catalog version"))
      << r.err;
  EXPECT_EQ(wix_rows(), 0);
}

}  // namespace
}  // namespace shelfnode::pull_test
