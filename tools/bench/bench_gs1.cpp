// bench_gs1: scan::interpret on long GS1 element strings, at the library level.
//
// The method. A fuzzing pass found GS1 strings whose cost grew with the square of their
// element count: the repeated-AI check compared every element with every later one. The
// worst case is a string that passes, so no early refusal cuts it short: one GTIN (01) and
// then the same batch/lot (10) over and over, which is allowed (an AI repeated with the same
// value is one element). Three inputs, raw after ]C1 with GS separators, as a scanner sends
// them: a shelf-sized code (GTIN, lot, expiry), 1,000 repeated AIs in about 4 KB, and 250 of
// them (to show how the cost grows: 4x the elements should cost about 4x, not 16x). Google
// Benchmark reports the mean per interpret(); the last lines print the figure the fuzzing
// pass gave (per scan, and for 1,000 such lines).
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "shelfnode/scan/scan_code.h"

namespace shelfnode::bench {
namespace {

constexpr char kGs = '\x1D';

// ]C1, (01)09506000134352, then `repeats` times (10)A ended by GS: 19 + 4 x repeats bytes.
std::string repeated_lot(int repeats) {
  std::string text =
      "]C1"
      "0109506000134352";
  for (int i = 0; i < repeats; ++i) text += std::string("10A") + kGs;
  return text;
}

const std::string kShelfCode = std::string(
                                   "]C1"
                                   "0109506000134352"
                                   "10ABC123") +
                               kGs + "17261231";

void check(const std::string& text) {
  Result<scan::ScanCode> code = scan::interpret(text);
  if (!code.ok() || code->kind != scan::ScanCode::Kind::kGs1) {
    std::fprintf(stderr, "bench_gs1: interpret refused its input: %s\n",
                 code.ok() ? "not GS1" : code.status().message().c_str());
    std::exit(70);
  }
}

void run(benchmark::State& state, const std::string& text) {
  check(text);
  for (auto _ : state) {
    Result<scan::ScanCode> code = scan::interpret(text);
    benchmark::DoNotOptimize(code);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(text.size()));
}

void BM_ShelfCode(benchmark::State& state) {
  run(state, kShelfCode);
}
void BM_RepeatedAis(benchmark::State& state) {
  run(state, repeated_lot(static_cast<int>(state.range(0))));
}
BENCHMARK(BM_ShelfCode)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RepeatedAis)->Arg(250)->Arg(1000)->Unit(benchmark::kMicrosecond);

// The fuzzing pass's figure: 1,000 lines of the 4 KB string, timed as one run.
void print_thousand_lines() {
  const std::string text = repeated_lot(1000);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 1000; ++i) {
    Result<scan::ScanCode> code = scan::interpret(text);
    benchmark::DoNotOptimize(code);
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::printf(
      "interpret, %zu-byte GS1 string of 1,000 repeated AIs: %.1f us per scan, "
      "%.3f s for 1,000 lines\n",
      text.size(), took.count() * 1e3, took.count());
}

}  // namespace
}  // namespace shelfnode::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 64;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  shelfnode::bench::print_thousand_lines();
  return 0;
}
