#include "offline_week.h"

#include <algorithm>
#include <cstdio>
#include <random>

namespace shelfnode::bench {
namespace {

constexpr unsigned kSeed = 20261124;
constexpr std::size_t kMoveEvery = 100;      // one SKU in a hundred is also moved
constexpr std::size_t kPastZeroEvery = 500;  // one in five hundred is sold past zero
const char* const kWarehouses[] = {kShop, kBackroom, kDepot};

struct Scan {
  int warehouse = 0;  // index into kWarehouses
  bool sell = false;
  long qty = 1;
};

bool mapped(int warehouse) {
  return warehouse != 2;
}

long effect(const Scan& s) {
  return mapped(s.warehouse) ? (s.sell ? -s.qty : s.qty) : 0;
}

class Planner {
 public:
  explicit Planner(OfflineWeek& week) : week_(week), rng_(kSeed) {
    for (int w = 0; w < 3; ++w) {
      for (const char* mode : {"sell", "receive"}) {
        week_.sessions.push_back({kWarehouses[w], mode, {}, {}});
      }
    }
  }

  void plan_sku(std::size_t i, std::size_t rows) {
    const std::string sku = week_.skus[i];
    const long counted = 30 + pick(40);
    const bool past_zero = i % kPastZeroEvery == kPastZeroEvery - 1;
    const bool want_up = !past_zero && pick(2) == 0;
    long delta = 0;
    if (i % kMoveEvery == kMoveEvery / 2 && rows >= 3) {
      delta += plan_move(sku);
      rows -= 2;
    }
    std::vector<Scan> scans(rows);
    for (Scan& s : scans) {
      const long w = pick(100);
      s.warehouse = w < 45 ? 0 : (w < 80 ? 1 : 2);
      s.sell = pick(2) == 0;
      s.qty = 1 + pick(5);
      delta += effect(s);
    }
    // The last scan makes the direction come true: a receive or a sale in a mapped
    // warehouse, big enough to carry the mapped sum across the opening count (or below 0).
    Scan& last = scans.back();
    const long rest = delta - effect(last);
    if (past_zero) {
      last = {0, true, std::max(1L, counted + rest + 1 + pick(3))};
    } else if (want_up && delta <= 0) {
      last = {static_cast<int>(pick(2)), false, std::max(1L, 1 - rest + pick(3))};
    } else if (!want_up && delta >= 0) {
      last = {static_cast<int>(pick(2)), true, std::max(1L, rest + 1 + pick(3))};
    }
    delta = rest + effect(last);
    for (const Scan& s : scans) add_scan(sku, s);
    week_.counted.push_back(counted);
    week_.mapped_after.push_back(counted + delta);
    if (counted + delta < 0) ++week_.past_zero;
    const long after = week_.target_after(i);
    if (after > counted) ++week_.rose;
    if (after < counted) ++week_.fell;
  }

 private:
  long pick(long n) { return static_cast<long>(rng_() % static_cast<unsigned long>(n)); }

  long plan_move(const std::string& sku) {
    const int from = static_cast<int>(pick(3));
    const int to = (from + 1 + static_cast<int>(pick(2))) % 3;
    const long qty = 1 + pick(5);
    week_.moves.push_back({sku, static_cast<int>(qty), kWarehouses[from], kWarehouses[to]});
    week_.movements += 2;
    return (mapped(to) ? qty : 0) - (mapped(from) ? qty : 0);
  }

  void add_scan(const std::string& sku, const Scan& s) {
    ScanSession& session = week_.sessions[static_cast<std::size_t>(s.warehouse * 2 + !s.sell)];
    session.input += sku;
    if (s.qty != 1) session.input += "*" + std::to_string(s.qty);
    session.input += '\n';
    session.expected.push_back(sku + " " + std::to_string(s.qty));
    ++week_.movements;
  }

  OfflineWeek& week_;
  std::mt19937 rng_;
};

}  // namespace

OfflineWeek plan_offline_week(std::size_t skus, std::size_t movements) {
  OfflineWeek week;
  char name[32];
  for (std::size_t i = 0; i < skus; ++i) {
    std::snprintf(name, sizeof name, "GEN1-%06zu", i);
    week.skus.push_back(name);
  }
  Planner planner(week);
  for (std::size_t i = 0; i < skus; ++i) {
    planner.plan_sku(i, movements / skus + (i < movements % skus ? 1 : 0));
  }
  return week;
}

ScanSession opening_count(const OfflineWeek& week) {
  ScanSession count{kShop, "count", {}, {}};
  for (std::size_t i = 0; i < week.skus.size(); ++i) {
    const std::string qty = std::to_string(week.counted[i]);
    count.input += week.skus[i] + "*" + qty + "\n";
    count.expected.push_back(week.skus[i] + " " + qty);
  }
  return count;
}

}  // namespace shelfnode::bench
