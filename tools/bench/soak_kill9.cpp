// soak_kill9: thousands of SIGKILLs against scan sessions and sync rounds, then convergence.
//
// Method. One device (the durability tests' shop: a mapped warehouse `shop`, SKU-01..SKU-50)
// is connected to the Wix emulator, whose Catalog V1 store holds the same SKUs, and lives
// through every kill point. Each point is one of:
//   - a scan round (tests/fault/durability/kill_round.h): `shelfnode scan` fed single lines,
//     groups and bursts, killed at start-up, after a delay, after the K-th reply or inside a
//     group commit. Sessions sell while the acknowledged sum is above zero, else receive,
//     so quantities stay within what Wix holds (99,999);
//   - a sync round: `shelfnode sync` killed 5-84 ms after its start, most times with a
//     latency fault on the orders search, the pushes or the settling calls, so the kill
//     lands inside the round; the emulator's logs say which call was in flight or answered;
//   - both at once, which the single-writer lock turns into a refusal (exit 75) of one.
// Every reply is checked as it comes (OK only for a valid line, each UUID once); every
// `--check-every` points the ledger must keep every acknowledged scan, pass integrity_check
// and have stock equal to the sum of its movements (fault_env.h); and the emulator's request
// log must show no delta sent again after a write whose outcome the device could not know
// (sync_property/resend_check.h). At the end every fault is cleared and `sync` runs until it
// exits 0; then Wix must show max(0, Σ mapped) for every managed SKU and 0 for the rest.
// The seed is printed; `--seed N` replays the same plans (where a kill lands still depends on
// the scheduler). The first broken invariant stops the soak with exit status 1.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <thread>

#include "bench_support.h"
#include "device_setup.h"
#include "fault/durability/fault_env.h"
#include "fault/durability/kill_plan.h"
#include "fault/durability/kill_round.h"
#include "soak_wix.h"

namespace shelfnode::bench {
namespace {

constexpr std::size_t kDefaultPoints = 10'000;
constexpr std::size_t kDefaultCheckEvery = 500;
constexpr std::size_t kResendCheckEvery = 250;
constexpr std::size_t kProgressEvery = 1'000;
constexpr int kFinalRounds = 6;

int usage(const std::string& why) {
  if (!why.empty()) std::fprintf(stderr, "soak_kill9: %s\n", why.c_str());
  std::fprintf(stderr,
               "usage: soak_kill9 [--points N] [--seed S] [--check-every N] [--shelfnode PATH]"
               " [--dir BASE] [--keep]\n");
  return 64;
}

struct Tally {
  std::map<std::string, long> kinds;
  long sync_in_flight = 0;
  long scans_acked = 0;
  long lost = 0;               // acknowledged scans missing from the ledger (or stored otherwise)
  long ledger_violations = 0;  // the lost scans included
  long reply_violations = 0;   // a wrong reply, a UUID twice, a scan not dead by our SIGKILL
  long sync_failures = 0;      // a `sync` exit other than 0, 65 or 75
  long violations() const { return ledger_violations + reply_violations + sync_failures; }
  std::int64_t net = 0;
};

class Soak {
 public:
  Soak(std::string data, SoakWix& wix, std::uint64_t seed, std::size_t points)
      : data_(std::move(data)), wix_(wix), rng_(seed), seed_(seed), points_(points) {}

  // One kill point; false when an invariant broke (already printed).
  bool point(std::size_t index);
  bool check_ledger(std::size_t index);
  bool check_resends(std::size_t index);
  bool fail(std::size_t index, const std::string& what, const std::vector<std::string>& why);
  const Tally& tally() const { return tally_; }
  const fault::AckedMovements& acked() const { return acked_; }

 private:
  fault::RoundPlan scan_plan() {
    fault::RoundPlan plan = fault::plan_round(rng_);
    plan.sell = tally_.net > 0;
    return plan;
  }
  bool scanned(std::size_t index, const fault::RoundPlan& plan, const fault::RoundOutcome& r);

  std::string data_;
  SoakWix& wix_;
  std::mt19937_64 rng_;
  std::uint64_t seed_;
  std::size_t points_;
  fault::AckedMovements acked_;
  Tally tally_;
};

bool Soak::fail(std::size_t index, const std::string& what, const std::vector<std::string>& why) {
  std::printf("FAILED at point %zu: %s\n", index, what.c_str());
  for (std::size_t i = 0; i < why.size() && i < 20; ++i) std::printf("  %s\n", why[i].c_str());
  std::printf("replay: tools/soak.sh %zu %llu\n", points_, static_cast<unsigned long long>(seed_));
  return false;
}

bool Soak::scanned(std::size_t index, const fault::RoundPlan& plan, const fault::RoundOutcome& r) {
  const std::vector<std::string> bad = fault::check_replies(r, plan.sell, acked_);
  for (const std::string& reply : r.replies) {
    fault::Ack a;
    if (fault::parse_ack(reply, a)) tally_.net += plan.sell ? -a.qty : a.qty;
  }
  tally_.scans_acked = static_cast<long>(acked_.size());
  if (!bad.empty()) {
    tally_.reply_violations += static_cast<long>(bad.size());
    return fail(index, "scan round [" + plan.describe() + "]", bad);
  }
  return true;
}

bool Soak::point(std::size_t index) {
  const int pick = static_cast<int>(rng_() % 100);
  if (pick < 50) {
    const fault::RoundPlan plan = scan_plan();
    const fault::RoundOutcome r = fault::run_round(data_, plan);
    ++tally_.kinds[std::string("scan: ") + fault::kill_name(plan.kill_at)];
    return scanned(index, plan, r);
  }
  const SyncPlan sync = plan_sync(rng_);
  if (pick < 85) {
    const SyncPoint p = wix_.killed_sync(data_, sync);
    ++tally_.kinds["sync: " + p.landed];
    tally_.sync_in_flight += p.in_flight ? 1 : 0;
    if (p.problem.empty()) return true;
    ++tally_.sync_failures;
    return fail(index, "sync round [" + sync.describe() + "]", {p.problem});
  }
  // Both at once: whichever process takes the data dir's lock first runs; the other is
  // refused with 75 (one writer per data dir).
  const fault::RoundPlan plan = scan_plan();
  SyncPoint p;
  std::thread sync_thread([&] { p = wix_.killed_sync(data_, sync); });
  const fault::RoundOutcome r = fault::run_round(data_, plan);
  sync_thread.join();
  ++tally_.kinds["both: sync " + p.landed];
  if (!p.problem.empty()) {
    ++tally_.sync_failures;
    return fail(index, "sync beside a scan [" + sync.describe() + "]", {p.problem});
  }
  if (r.exit_code == 75 && r.replies.empty()) {
    ++tally_.kinds["both: scan refused: data dir locked (75)"];
    return true;
  }
  ++tally_.kinds[std::string("both: scan ") + fault::kill_name(plan.kill_at)];
  return scanned(index, plan, r);
}

bool Soak::check_ledger(std::size_t index) {
  const std::vector<std::string> bad = fault::ledger_violations(data_, acked_);
  if (bad.empty()) return true;
  for (const std::string& b : bad) {
    const bool lost = b.rfind("acknowledged scan", 0) == 0;
    tally_.lost += lost ? 1 : 0;
  }
  tally_.ledger_violations += static_cast<long>(bad.size());
  return fail(index, "the ledger after the kills up to here", bad);
}

bool Soak::check_resends(std::size_t index) {
  const std::vector<std::string> bad = wix_.check_resends();
  if (bad.empty()) return true;
  return fail(index, "a change applied twice (the emulator's request log)", bad);
}

double seconds_since(SteadyTime start) {
  return micros_between(start, now()) / 1e6;
}

void print_report(const Soak& soak, const SoakWix& wix, std::size_t done, double seconds) {
  const Tally& t = soak.tally();
  std::printf("kill points done: %zu\n", done);
  for (const auto& [kind, n] : t.kinds) std::printf("  %-58s %ld\n", kind.c_str(), n);
  std::printf("  (sync kills with a call in flight: %ld)\n", t.sync_in_flight);
  std::printf("scans acknowledged: %ld\n", t.scans_acked);
  std::printf("acknowledged scans lost: %ld\n", t.lost);
  std::printf("ledger invariant violations: %ld\n", t.ledger_violations);
  std::printf("reply violations: %ld, sync runs that failed: %ld\n", t.reply_violations,
              t.sync_failures);
  std::printf(
      "changes applied twice: %d (writes with an outcome the device could not know: %d,"
      " %d of them cut off by a kill)\n",
      wix.resend_errors(), wix.uncertain_writes(), wix.writes_cut_by_kill());
  std::printf("wall time: %.1f s\n", seconds);
}

int run(const Flags& flags) {
  std::size_t points = 0, check_every = 0;
  if (!flags.get_count("points", kDefaultPoints, points) ||
      !flags.get_count("check-every", kDefaultCheckEvery, check_every)) {
    return usage("--points and --check-every take a positive whole number");
  }
  const std::string seed_text = flags.get("seed");
  std::random_device entropy;
  const std::uint64_t seed = seed_text.empty() ? (std::uint64_t{entropy()} << 32) | entropy()
                                               : std::strtoull(seed_text.c_str(), nullptr, 10);
  const SteadyTime started = now();
  BenchDir dir;
  std::string error;
  if (!dir.create(choose_base_dir(flags), error)) {
    std::fprintf(stderr, "soak_kill9: %s\n", error.c_str());
    return 1;
  }
  if (flags.has("keep")) dir.keep();
  const std::string binary = shelfnode_binary(flags);
  setenv("SHELFNODE_BIN", binary.c_str(), 1);  // what tests/support and fault_env start
  std::printf("soak_kill9: seed=%llu points=%zu (replay: tools/soak.sh %zu %llu)\n",
              static_cast<unsigned long long>(seed), points, points,
              static_cast<unsigned long long>(seed));
  std::printf("  binary  %s\n  dir     %s\n  fs      %s\n", binary.c_str(), dir.path().c_str(),
              describe_filesystem(dir.path()).c_str());
  std::fflush(stdout);

  const std::string data = dir.file("data");
  SoakWix wix;
  error = fault::make_shop(data, dir.path());
  if (error.empty()) error = wix.start(dir.path());
  if (error.empty()) error = wix.connect(data);
  if (!error.empty()) {
    std::fprintf(stderr, "soak_kill9: setup failed: %s\n", error.c_str());
    return 1;
  }
  Soak soak(data, wix, seed, points);
  std::size_t done = 0;
  bool ok = true;
  for (std::size_t i = 1; ok && i <= points; ++i) {
    ok = soak.point(i);
    done = i;
    if (ok && (i % check_every == 0 || i == points)) ok = soak.check_ledger(i);
    if (ok && (i % kResendCheckEvery == 0 || i == points)) ok = soak.check_resends(i);
    if (i % kProgressEvery == 0) {
      std::printf("[%zu/%zu] %.1f s: scans acknowledged %ld, violations %ld\n", i, points,
                  seconds_since(started), soak.tally().scans_acked,
                  soak.tally().violations() + wix.resend_errors());
      std::fflush(stdout);
    }
  }
  std::string summary = "not run (the soak stopped early)";
  std::vector<std::string> wrong;
  if (ok) wrong = wix.converge(data, kFinalRounds, summary);
  print_report(soak, wix, done, seconds_since(started));
  std::printf("wix converged: %s (%s)\n", ok && wrong.empty() ? "yes" : "NO", summary.c_str());
  for (std::size_t i = 0; i < wrong.size() && i < 20; ++i) {
    std::printf("  %s\n", wrong[i].c_str());
  }
  if (ok && wrong.empty()) return 0;
  std::printf("FAILED: seed=%llu (replay: tools/soak.sh %zu %llu)\n",
              static_cast<unsigned long long>(seed), points, static_cast<unsigned long long>(seed));
  return 1;
}

}  // namespace
}  // namespace shelfnode::bench

int main(int argc, char** argv) {
  return shelfnode::bench::run_benchmark(
      argc, argv, {"points", "seed", "check-every", "shelfnode", "dir", "keep!"},
      shelfnode::bench::usage, shelfnode::bench::run);
}
