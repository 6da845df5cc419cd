// bench_lookup: catalog::find on a device-sized catalog, at the library level.
//
// The method. A file-backed database (WAL, synchronous=FULL, as on the device) in a fresh
// temporary directory gets 100,000 SKUs through catalog::import_csv, each with a valid
// GTIN-13, plus 1,000 aliases. Then each kind of code a clerk scans is looked up: the SKU
// label, the GTIN-13, its GTIN-14 form, an alias, and a valid GTIN nobody knows (the path that
// tries every table). Codes are visited in a shuffled order so the SQLite page cache sees the
// spread a real shift gives. Google Benchmark reports the mean; then every kind is timed call
// by call (steady_clock) to give p50/p99, because a clerk notices the slow scan, not the mean.
// Goal: p99 <= 20 us per lookup.
//
// Own flags (the rest go to Google Benchmark): --dir BASE, --lookups N (per kind, call-by-call
// pass), --keep, and for diagnosis --pragma='SQL' run on the connection before timing (e.g.
// 'PRAGMA cache_size=-65536' or 'BEGIN' to see what a larger cache or one read transaction
// would change; the product's own settings are what is measured without it).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include "bench_support.h"
#include "catalog_csv.h"
#include "shelfnode/catalog/catalog.h"
#include "shelfnode/store/database.h"
#include "shelfnode/store/schema.h"

namespace shelfnode::bench {
namespace {

constexpr std::size_t kCatalogSize = 100'000;
constexpr std::size_t kAliases = 1'000;
constexpr std::size_t kDefaultLookups = 200'000;
constexpr double kBudgetSeconds = 4;  // per kind, for the call-by-call pass
constexpr double kGoalP99Us = 20;
constexpr std::size_t kScanBatch = 512;  // as firmware/cli/cmd_scan.cpp kMaxBatch

struct CodeKind {
  const char* name;
  std::vector<std::string> codes;
  const char* expect;  // "sku", "gtin", "alias" or "" for not found
};

struct Catalog {
  BenchDir dir;
  std::unique_ptr<store::Database> db;
  std::vector<CodeKind> kinds;
};

Catalog* g_catalog = nullptr;

bool build(Catalog& c, const std::string& base, std::string& error) {
  if (!c.dir.create(base, error)) return false;
  auto db = store::Database::open(c.dir.file("shelfnode.db"), store::OpenMode::kReadWrite);
  Status s = db.ok() ? store::migrate(**db) : db.status();
  if (!s.ok()) {
    error = s.message();
    return false;
  }
  c.db = std::move(db).value();
  const std::vector<CatalogEntry> rows = make_catalog(kCatalogSize);
  const std::string csv = to_csv(rows);
  SystemClock clock;
  Result<catalog::ImportReport> imported = catalog::import_csv(*c.db, csv, clock);
  if (!imported.ok()) {
    error = imported.status().message();
    return false;
  }
  CodeKind sku{"sku", {}, "sku"}, g13{"gtin-13", {}, "gtin"}, g14{"gtin-14", {}, "gtin"},
      alias{"alias", {}, "alias"}, unknown{"unknown gtin-13", {}, ""};
  std::vector<std::size_t> order(rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), std::mt19937(20261124));
  for (std::size_t i : order) {
    sku.codes.push_back(rows[i].sku);
    g13.codes.push_back(rows[i].gtin13);
    g14.codes.push_back(rows[i].gtin14());
  }
  for (std::size_t i = 0; i < kAliases; ++i) {
    const std::string code = "SHELF-" + std::to_string(100000 + i);
    s = catalog::add_alias(*c.db, code, rows[order[i]].sku, clock);  // one commit each
    if (!s.ok()) break;
    alias.codes.push_back(code);
  }
  if (!s.ok()) {
    error = s.message();
    return false;
  }
  // Same in-store prefix, numbers the catalog never used (its rows step by 7919).
  for (std::size_t i = 0; i < 10'000; ++i) {
    char body[16];
    std::snprintf(body, sizeof body, "29%010zu", i * 7919 + 1);
    unknown.codes.push_back(std::string(body) + static_cast<char>('0' + gs1_check_digit(body)));
  }
  c.kinds = {sku, g13, g14, alias, unknown};
  return true;
}

// True when the lookup gave what this kind of code must give.
bool as_expected(const Result<catalog::Match>& m, const CodeKind& kind) {
  if (*kind.expect == '\0') return !m.ok() && m.status().code() == Code::kNotFound;
  return m.ok() && m->matched_by == kind.expect;
}

void bm_find(benchmark::State& state, std::size_t kind_index) {
  const CodeKind& kind = g_catalog->kinds[kind_index];
  std::size_t i = 0;
  for (auto _ : state) {
    Result<catalog::Match> m = catalog::find(*g_catalog->db, kind.codes[i]);
    if (!as_expected(m, kind)) {
      state.SkipWithError("lookup did not give the expected match");
      break;
    }
    benchmark::DoNotOptimize(m);
    i = i + 1 == kind.codes.size() ? 0 : i + 1;
  }
}

// Times `lookups` calls one by one; false if any gave the wrong answer. With `batch` > 0 the
// calls run inside a transaction renewed every `batch` lookups, as `shelfnode scan` runs them
// (a batch of scans shares one transaction); the BEGIN/COMMIT cost is outside the timings.
bool time_calls(const CodeKind& kind, std::size_t lookups, std::size_t batch,
                std::vector<double>& us) {
  us.reserve(lookups);
  const SteadyTime start = now();
  std::unique_ptr<store::Transaction> tx;
  for (std::size_t i = 0; i < lookups; ++i) {
    if (batch > 0 && i % batch == 0) {
      if (tx && !tx->commit().ok()) return false;
      auto begun = store::Transaction::begin(*g_catalog->db);
      if (!begun.ok()) return false;
      tx = std::move(begun).value();
    }
    if ((i & 1023) == 0 && micros_between(start, now()) > kBudgetSeconds * 1e6) break;
    const std::string& code = kind.codes[i % kind.codes.size()];
    const SteadyTime t0 = now();
    Result<catalog::Match> m = catalog::find(*g_catalog->db, code);
    const SteadyTime t1 = now();
    if (!as_expected(m, kind)) {
      std::fprintf(stderr, "bench_lookup: %s %s: unexpected result\n", kind.name, code.c_str());
      return false;
    }
    us.push_back(micros_between(t0, t1));
  }
  return true;
}

// Takes our own flags out of argv (Google Benchmark refuses flags it does not know).
void take_own_flags(int& argc, char** argv, std::string& dir, std::size_t& lookups, bool& keep,
                    std::string& pragma) {
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--dir=", 0) == 0) {
      dir = arg.substr(6);
    } else if (arg == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else if (arg.rfind("--lookups=", 0) == 0) {
      lookups = std::max<std::size_t>(1, std::strtoull(arg.c_str() + 10, nullptr, 10));
    } else if (arg.rfind("--pragma=", 0) == 0) {
      pragma = arg.substr(9);
    } else if (arg == "--keep") {
      keep = true;
    } else {
      argv[out++] = argv[i];
    }
  }
  argc = out;
}

}  // namespace
}  // namespace shelfnode::bench

int main(int argc, char** argv) {
  using namespace shelfnode::bench;
  std::string base;
  std::size_t lookups = kDefaultLookups;
  bool keep = false;
  std::string pragma;  // diagnosis only: e.g. --pragma='PRAGMA cache_size=-32768'
  take_own_flags(argc, argv, base, lookups, keep, pragma);
  if (base.empty()) base = choose_base_dir(Flags());
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 64;

  Catalog catalog;
  std::string error;
  const SteadyTime t0 = now();
  if (!build(catalog, base, error)) {
    std::fprintf(stderr, "bench_lookup: building the catalog failed: %s\n", error.c_str());
    return 1;
  }
  if (keep) catalog.dir.keep();
  if (!pragma.empty()) {
    shelfnode::Status s = catalog.db->exec(pragma.c_str());
    std::printf("  extra   %s: %s\n", pragma.c_str(), s.ok() ? "applied" : s.message().c_str());
  }
  g_catalog = &catalog;
  std::printf("bench_lookup: catalog::find over %zu SKUs (+%zu aliases), built in %.1f s\n",
              kCatalogSize, kAliases, micros_between(t0, now()) / 1e6);
  std::printf("  dir     %s\n  fs      %s\n", catalog.dir.path().c_str(),
              describe_filesystem(catalog.dir.path()).c_str());
  std::fflush(stdout);

  for (std::size_t k = 0; k < catalog.kinds.size(); ++k) {
    benchmark::RegisterBenchmark((std::string("find/") + catalog.kinds[k].name).c_str(), bm_find, k)
        ->Unit(benchmark::kMicrosecond);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();

  std::printf("\nbench_lookup: call by call, %zu lookups per kind (budget %.0f s each)\n", lookups,
              kBudgetSeconds);
  print_table_header();
  bool all_ok = true;
  std::vector<std::pair<std::string, double>> p99s;
  for (std::size_t batch : {std::size_t{0}, kScanBatch}) {
    for (const CodeKind& kind : catalog.kinds) {
      std::vector<double> us;
      if (!time_calls(kind, lookups, batch, us)) all_ok = false;
      const Distribution d = summarize(us);
      const std::string label = std::string(batch ? "in scan batch " : "alone ") + kind.name;
      print_row("find " + label, d);
      p99s.emplace_back(label, d.p99);
    }
  }
  for (const auto& [name, p99] : p99s) {
    std::printf("  p99 %-28s %7.1f us   goal <= %.0f us: %s\n", name.c_str(), p99, kGoalP99Us,
                p99 <= kGoalP99Us ? "MET" : "NOT MET");
  }
  return all_ok ? 0 : 1;
}
