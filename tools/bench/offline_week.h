#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace shelfnode::bench {

// The device's warehouses in bench_week_offline: two count for Wix, the depot does not.
constexpr const char* kShop = "shop";
constexpr const char* kBackroom = "backroom";
constexpr const char* kDepot = "depot";

// One `scan` process of the week: every line in `input`, and per line the reply's tail
// ("<sku> <qty>", after "OK <uuid> ") it must get.
struct ScanSession {
  std::string warehouse;
  std::string mode;  // "sell" or "receive"
  std::string input;
  std::vector<std::string> expected;
};

struct PlannedMove {
  std::string sku;
  int qty = 0;
  std::string from, to;
};

// A week at the shop while Wix is out of reach, made up the same way every run (fixed seed).
// Every SKU is moved at least three times, by sells and receives in all three warehouses
// and, for one SKU in a hundred, a move between two of them. Its mapped sum ends up above
// or below the opening count (about half each way), so every target changes. For one SKU
// in five hundred the last sale drives the mapped sum below zero, where Wix must show 0.
struct OfflineWeek {
  std::vector<std::string> skus;   // GEN1-000000 ..., the emulator's generated V1 store
  std::vector<long> counted;       // opening stocktake in the shop: the mapped sum before
  std::vector<long> mapped_after;  // the mapped sum after the week
  std::vector<ScanSession> sessions;
  std::vector<PlannedMove> moves;
  std::size_t movements = 0;  // ledger rows the week adds (a move makes two)
  std::size_t past_zero = 0;  // SKUs whose mapped sum ends below zero
  std::size_t rose = 0;       // SKUs whose target max(0, Σ mapped) rises
  std::size_t fell = 0;       // ... falls

  long target_before(std::size_t i) const { return counted[i]; }
  long target_after(std::size_t i) const { return mapped_after[i] < 0 ? 0 : mapped_after[i]; }
};

// `movements` ledger rows spread evenly over `skus` SKUs; needs movements >= 3 * skus.
OfflineWeek plan_offline_week(std::size_t skus, std::size_t movements);

// The opening stocktake as `scan --mode count` input ("SKU*N" per line), and the reply
// tails it must get.
ScanSession opening_count(const OfflineWeek& week);

}  // namespace shelfnode::bench
