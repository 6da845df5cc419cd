#include <sqlite3.h>

#include <string>
#include <vector>

#include "../wix/fake_transport.h"
#include "pull/pull_run.h"
#include "pull_db_fixture.h"
#include "shelfnode/wix/retrying_client.h"

namespace shelfnode::pull {
namespace {

using wix::testing::FakeSleeper;
using wix::testing::FakeTransport;

// commit_page() writes nothing through Wix; the client is there because PullRun holds one.
class CommitPageTest : public PullDbTest {
 protected:
  CommitPageTest()
      : sleeper_(clock_),
        limiter_(6000, clock_, sleeper_),
        backoff_(11),
        client_(wix::Client::create({"https://wix.test", "site-1", "IST.page-key"}, transport_)
                    .value()),
        api_(client_, limiter_, backoff_, sleeper_, wix::RetryPolicy{1, 1000}) {}

  void SetUp() override {
    PullDbTest::SetUp();
    run_ = std::make_unique<PullRun>(*db_, api_, clock_, nullptr, "2026-12-07T00:00:00Z");
    run_->pending.full = true;
    run_->pending.generation = 7;
    run_->pending.v1_after = "page-3";
    run_->writer.begin(7);
    sqlite3_commit_hook(db_->handle(), &CommitPageTest::count_commit, this);
  }
  void TearDown() override { sqlite3_commit_hook(db_->handle(), nullptr, nullptr); }

  static int count_commit(void* self) {
    ++static_cast<CommitPageTest*>(self)->commits_;
    return 0;
  }

  static std::vector<VariantRow> page(int rows) {
    std::vector<VariantRow> out;
    for (int i = 0; i < rows; ++i) {
      const std::string n = std::to_string(i);
      out.push_back(row("p" + n, "v" + n, "SKU-" + n, "Item " + n));
    }
    return out;
  }

  std::string saved_position() {
    Result<std::optional<PendingPull>> p = load_pending(*db_);
    EXPECT_TRUE(p.ok());
    return p.ok() && p->has_value() ? (*p)->v1_after : "<none>";
  }

  FakeTransport transport_;
  FakeClock clock_{1764000000000};
  FakeSleeper sleeper_;
  wix::RateLimiter limiter_;
  wix::Backoff backoff_;
  wix::Client client_;
  wix::RetryingClient api_;
  std::unique_ptr<PullRun> run_;
  int commits_ = 0;
};

TEST_F(CommitPageTest, APageIsWrittenAHundredRowsToATransactionWithThePositionInTheLast) {
  const std::vector<VariantRow> rows = page(250);
  const std::vector<VariantRow> none;
  ASSERT_TRUE(commit_page(*run_, &rows, nullptr).ok());
  EXPECT_EQ(commits_, 3) << "250 rows, at most kRowsPerTransaction in each";
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE origin = 'wix'"), 250);
  EXPECT_EQ(saved_position(), "page-3");
  EXPECT_EQ(run_->pages, 1);

  commits_ = 0;
  const std::vector<ItemTracking> items(150, ItemTracking{"p1", "v1", false});
  ASSERT_TRUE(commit_page(*run_, nullptr, &items).ok());
  EXPECT_EQ(commits_, 2);
  EXPECT_EQ(scalar("SELECT track_quantity FROM catalog_items WHERE sku = 'SKU-1'"), 0);

  commits_ = 0;
  ASSERT_TRUE(commit_page(*run_, &none, nullptr).ok()) << "an empty page still saves its position";
  EXPECT_EQ(commits_, 1);
}

// Cut between two of a page's transactions (here a row the database refuses; a kill -9 is the
// same for what is on disk): the rows before it stay, the position does not move, and writing
// the page again completes it without a duplicate.
TEST_F(CommitPageTest, APageCutBetweenItsTransactionsIsWrittenAgainWithoutDuplicates) {
  exec(
      "CREATE TEMP TRIGGER refuse_p150 BEFORE INSERT ON catalog_items WHEN NEW.product_id = "
      "'p150' BEGIN SELECT RAISE(ABORT, 'refused for the test'); END");
  const std::vector<VariantRow> rows = page(250);
  EXPECT_FALSE(commit_page(*run_, &rows, nullptr).ok());
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE origin = 'wix'"), 100);
  EXPECT_EQ(saved_position(), "<none>") << "the position moved before the page was written";
  EXPECT_EQ(run_->pages, 0);

  exec("DROP TRIGGER refuse_p150");
  ASSERT_TRUE(commit_page(*run_, &rows, nullptr).ok());
  EXPECT_EQ(scalar("SELECT count(*) FROM catalog_items WHERE origin = 'wix'"), 250);
  EXPECT_EQ(scalar("SELECT count(DISTINCT product_id) FROM catalog_items WHERE origin = 'wix'"),
            250);
  EXPECT_EQ(saved_position(), "page-3");
}

}  // namespace
}  // namespace shelfnode::pull
