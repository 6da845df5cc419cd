// When the daemon runs its Wix work (daemon/round_schedule.h), with made-up instants.
#include "daemon/round_schedule.h"

#include <gtest/gtest.h>

namespace shelfnode::daemon {
namespace {

using std::chrono::seconds;

const Instant t0 = Instant() + std::chrono::hours(1000);

RoundSchedule::Settings settings() {
  RoundSchedule::Settings s;
  s.interval = seconds(60);
  s.settle = seconds(3);
  s.catalog_interval = seconds(3600);
  s.backoff_base = seconds(5);
  return s;
}

// The start's own round and pull, done and successful.
RoundSchedule started() {
  RoundSchedule r(settings(), t0, 42);
  EXPECT_EQ(r.due(t0), RoundSchedule::Work::kSync);
  r.sync_started(t0);
  r.sync_finished(t0 + seconds(1), 0);
  EXPECT_EQ(r.due(t0 + seconds(1)), RoundSchedule::Work::kCatalogPull);
  r.catalog_finished(t0 + seconds(2), 0);
  return r;
}

TEST(RoundSchedule, AtStartASyncThenACatalogPullThenTheInterval) {
  RoundSchedule r = started();
  EXPECT_EQ(r.due(t0 + seconds(2)), RoundSchedule::Work::kNone);
  EXPECT_EQ(r.next_sync(), t0 + seconds(61));
  EXPECT_EQ(*r.next_catalog(), t0 + seconds(3602));
  EXPECT_EQ(r.due(t0 + seconds(61)), RoundSchedule::Work::kSync);
}

TEST(RoundSchedule, ARoundFollowsABurstOfScansOnceItSettles) {
  RoundSchedule r = started();
  r.scanned(t0 + seconds(10));
  r.scanned(t0 + seconds(11));
  r.scanned(t0 + seconds(12));
  EXPECT_EQ(r.next_sync(), t0 + seconds(15));
  EXPECT_EQ(r.due(t0 + seconds(14)), RoundSchedule::Work::kNone);
  EXPECT_EQ(r.due(t0 + seconds(15)), RoundSchedule::Work::kSync);
  r.sync_started(t0 + seconds(15));
  r.sync_finished(t0 + seconds(16), 0);
  EXPECT_EQ(r.next_sync(), t0 + seconds(76)) << "the burst went out: back to the interval";
}

TEST(RoundSchedule, ATillThatNeverPausesStillSyncsEveryInterval) {
  RoundSchedule r = started();
  for (int s = 10; s < 200; s += 2) {
    r.scanned(t0 + seconds(s));
    if (r.due(t0 + seconds(s)) == RoundSchedule::Work::kSync) {
      EXPECT_LE(s, 70) << "the first scan waited more than the interval";
      return;
    }
  }
  FAIL() << "no round while scanning every 2 s";
}

TEST(RoundSchedule, AScanDuringARoundGetsTheNextRound) {
  RoundSchedule r = started();
  r.scanned(t0 + seconds(10));
  r.sync_started(t0 + seconds(13));
  r.scanned(t0 + seconds(14));
  r.sync_finished(t0 + seconds(20), 0);
  EXPECT_EQ(r.due(t0 + seconds(20)), RoundSchedule::Work::kSync)
      << "it settled during the round: the next one at once";
}

TEST(RoundSchedule, OfflineRoundsBackOffWithJitterUpToTheInterval) {
  RoundSchedule r = started();
  Instant now = t0 + seconds(61);
  std::vector<double> waits;
  for (int i = 0; i < 8; ++i) {
    ASSERT_EQ(r.due(now), RoundSchedule::Work::kSync);
    r.sync_started(now);
    r.sync_finished(now, i % 2 == 0 ? 75 : 69);
    const double wait = std::chrono::duration<double>(r.next_sync() - now).count();
    waits.push_back(wait);
    const double ceiling = std::min(60.0, 5.0 * (1 << i));
    EXPECT_GE(wait, ceiling / 2) << "failure " << i + 1;
    EXPECT_LE(wait, ceiling) << "failure " << i + 1;
    // Scans do not bring an offline round forward.
    r.scanned(now + seconds(1));
    EXPECT_EQ(r.due(now + seconds(4)), RoundSchedule::Work::kNone);
    now = r.next_sync();
  }
  EXPECT_EQ(r.failures(), 8);
  r.sync_started(now);
  r.sync_finished(now, 0);
  EXPECT_EQ(r.failures(), 0);
}

TEST(RoundSchedule, TwoDevicesBackOffDifferently) {
  RoundSchedule a(settings(), t0, 1), b(settings(), t0, 2);
  int differ = 0;
  for (int i = 0; i < 5; ++i) {
    for (RoundSchedule* r : {&a, &b}) {
      r->sync_started(t0);
      r->sync_finished(t0, 75);
    }
    differ += a.next_sync() != b.next_sync() ? 1 : 0;
  }
  EXPECT_GE(differ, 4);
}

TEST(RoundSchedule, AskingStartsARoundAtOnceEvenWhileBackingOff) {
  RoundSchedule r = started();
  r.sync_started(t0 + seconds(61));
  r.sync_finished(t0 + seconds(62), 75);
  EXPECT_GT(r.next_sync(), t0 + seconds(62));
  r.asked();
  EXPECT_EQ(r.due(t0 + seconds(63)), RoundSchedule::Work::kSync);
}

TEST(RoundSchedule, ParkedOnlyOrRefusedRoundsDoNotRetrySoon) {
  for (int code : {65, 77, 78, 70}) {
    RoundSchedule r = started();
    r.sync_started(t0 + seconds(61));
    r.sync_finished(t0 + seconds(62), code);
    EXPECT_EQ(r.next_sync(), t0 + seconds(122)) << code;
    EXPECT_EQ(r.failures(), 0) << code;
  }
}

TEST(RoundSchedule, AnOfflineCatalogPullIsRetriedWithinTheSyncInterval) {
  RoundSchedule r = started();
  r.catalog_finished(t0 + seconds(100), 69);
  EXPECT_EQ(*r.next_catalog(), t0 + seconds(160));
  RoundSchedule::Settings never = settings();
  never.catalog_interval = seconds(0);
  RoundSchedule n(never, t0, 1);
  EXPECT_FALSE(n.next_catalog().has_value());
}

}  // namespace
}  // namespace shelfnode::daemon
