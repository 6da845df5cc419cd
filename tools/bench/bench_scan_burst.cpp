// bench_scan_burst: ingest rate of `shelfnode scan` when scans arrive faster than one sync
// per scan allows, i.e. how well group commit works.
//
// The method. The real binary runs as a child with pipes; a writer thread feeds it scan lines
// while the main thread reads the replies, checks every one ("OK <uuid> <sku> 1" for the SKU
// that line names), and stops the clock at the last reply. The feeds, in this order, into one
// data dir:
//   burst        every line in one write, as a scanner queue or a file replay would;
//   chunks       1..50 lines at a time with a gap (10 ms, then 1 ms): offered rates below and
//                above what one sync per batch allows, to show batches growing with the load;
//                the latency from writing a chunk to the reply of its last line is reported;
//   aged burst   the burst again after the ledger was aged (--aged N movements added through
//                the ledger library), because commit size grows with the ledger's indexes.
// The commit count comes from the sync counter preloaded into the child: WAL syncs minus
// the checkpoint syncs (see sync_counts.h). Goal: >= 5,000 scans/s.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <thread>

#include "bench_support.h"
#include "catalog_csv.h"
#include "child_process.h"
#include "device_setup.h"
#include "ledger_prefill.h"
#include "sync_counts.h"

namespace shelfnode::bench {
namespace {

constexpr std::size_t kDefaultScans = 50'000;
constexpr std::size_t kCatalogSize = 1000;
constexpr std::size_t kMaxChunk = 50;
constexpr std::size_t kDefaultAged = 200'000;
constexpr int kReplyTimeoutMs = 20'000;
constexpr double kGoalRate = 5000;

struct Feed {
  std::string text;                   // every line, '\n'-terminated
  std::vector<std::size_t> line_end;  // text offset just past line i
  std::vector<std::string> sku;       // what line i must resolve to
  std::size_t by_sku = 0, by_gtin13 = 0, by_gtin14 = 0;
};

// 70% SKU labels, 25% GTIN-13, 5% GTIN-14, spread over the whole catalog.
Feed make_feed(const std::vector<CatalogEntry>& catalog, std::size_t count) {
  Feed f;
  f.text.reserve(count * 16);
  for (std::size_t i = 0; i < count; ++i) {
    const CatalogEntry& e = catalog[(i * 7919) % catalog.size()];
    const std::size_t kind = i % 20;
    if (kind < 14) {
      f.text += e.sku;
      ++f.by_sku;
    } else if (kind < 19) {
      f.text += e.gtin13;
      ++f.by_gtin13;
    } else {
      f.text += e.gtin14();
      ++f.by_gtin14;
    }
    f.text += '\n';
    f.line_end.push_back(f.text.size());
    f.sku.push_back(e.sku);
  }
  return f;
}

// One way of feeding the scan session.
struct FeedSpec {
  const char* label;
  const char* tag;    // names its files in the data dir
  std::size_t lines;  // the first `lines` lines of the feed
  long gap_ns;        // 0: everything in one write; else 1..50-line chunks, this gap apart
  bool after_ageing;  // run once the ledger was aged
};

struct Outcome {
  std::size_t replies = 0, ok = 0;
  double seconds = 0;
  SyncCounts syncs;
  double written_kib = 0;        // storage writes the child caused (its dirtied pages)
  std::vector<double> chunk_us;  // chunked feeds only
  std::string first_bad;
};

// Chunk boundaries (index of the first line after each chunk), the same every run.
std::vector<std::size_t> chunk_ends(std::size_t lines) {
  std::mt19937 rng(20261124);
  std::uniform_int_distribution<std::size_t> size(1, kMaxChunk);
  std::vector<std::size_t> ends;
  for (std::size_t at = 0; at < lines;) {
    at = std::min(lines, at + size(rng));
    ends.push_back(at);
  }
  return ends;
}

bool run_feed(const std::string& binary, const BenchDir& dir, const Feed& feed,
              const FeedSpec& spec, Outcome& out) {
  std::string error;
  const std::string tag = spec.tag;
  const std::string sync_log = dir.file("syncs-" + tag + ".txt");
  std::unique_ptr<ChildProcess> child =
      ChildProcess::start(scan_command(binary, dir.path()), dir.file("scan-" + tag + ".stderr"),
                          sync_counter_env(sync_log), error);
  if (!child) {
    std::fprintf(stderr, "bench_scan_burst: %s\n", error.c_str());
    return false;
  }
  const std::size_t n = std::min(spec.lines, feed.sku.size());
  const bool chunked = spec.gap_ns > 0;
  const std::vector<std::size_t> ends = chunked ? chunk_ends(n) : std::vector<std::size_t>{n};
  std::vector<SteadyTime> sent(ends.size()), received(n);

  const double written_before = children_written_kib();
  const SteadyTime start = now();
  std::thread writer([&] {
    std::size_t from = 0;
    for (std::size_t c = 0; c < ends.size(); ++c) {
      const std::size_t to = feed.line_end[ends[c] - 1];
      if (!child->write_all(std::string_view(feed.text).substr(from, to - from))) break;
      sent[c] = now();
      from = to;
      if (chunked) {
        timespec gap{0, spec.gap_ns};
        nanosleep(&gap, nullptr);
      }
    }
    child->close_stdin();
  });
  std::string reply;
  while (out.replies < n && child->read_line(reply, kReplyTimeoutMs)) {
    received[out.replies] = now();
    if (reply_is_ok(reply, feed.sku[out.replies])) {
      ++out.ok;
    } else if (out.first_bad.empty()) {
      out.first_bad =
          std::string(spec.label) + ", line " + std::to_string(out.replies) + ": " + reply;
    }
    ++out.replies;
  }
  out.seconds = micros_between(start, out.replies > 0 ? received[out.replies - 1] : now()) / 1e6;
  if (out.replies < n) child->terminate();  // so a writer blocked on a full pipe returns
  writer.join();
  const int code = child->wait(kReplyTimeoutMs);
  out.syncs = read_sync_counts(sync_log);
  out.written_kib = children_written_kib() - written_before;
  if (chunked && out.replies == n) {
    for (std::size_t c = 0; c < ends.size(); ++c) {
      out.chunk_us.push_back(micros_between(sent[c], received[ends[c] - 1]));
    }
  }
  if (out.replies < n && out.first_bad.empty()) {
    out.first_bad = std::string(spec.label) + ": only " + std::to_string(out.replies) + " of " +
                    std::to_string(n) + " replies";
  }
  if (code != 0 && out.first_bad.empty()) {
    out.first_bad = std::string(spec.label) + ": exit code " + std::to_string(code);
  }
  return true;
}

void print_outcome(const FeedSpec& spec, const Outcome& o) {
  const double rate = o.seconds > 0 ? static_cast<double>(o.ok) / o.seconds : 0;
  const long commits = o.syncs.known ? o.syncs.commits() : -1;
  std::printf("  %-30s %7zu %7zu %7.2f %8.0f %7ld %7.1f %7.1f", spec.label, o.replies, o.ok,
              o.seconds, rate, commits,
              commits > 0 ? static_cast<double>(o.ok) / static_cast<double>(commits) : 0.0,
              o.ok > 0 ? o.written_kib / static_cast<double>(o.ok) : 0.0);
  if (spec.gap_ns == 0)
    std::printf("   goal >= %.0f/s: %s", kGoalRate, rate >= kGoalRate ? "MET" : "NOT MET");
  std::printf("\n");
}

int usage(const std::string& why) {
  if (!why.empty()) std::fprintf(stderr, "bench_scan_burst: %s\n", why.c_str());
  std::fprintf(stderr,
               "usage: bench_scan_burst [--shelfnode PATH] [--dir BASE] [--scans N] [--aged N]"
               " [--keep]\n"
               "  --scans N  lines per burst (default %zu; chunked feeds use N/10)\n"
               "  --aged N   movements added to the ledger before the last burst (default %zu,"
               " 0 skips it)\n",
               kDefaultScans, kDefaultAged);
  return 64;
}

int run(const Flags& flags) {
  std::size_t scans = 0, aged = 0;
  if (!flags.get_count("scans", kDefaultScans, scans)) return usage("--scans needs a number > 0");
  if (flags.get("aged") == "0") {
    aged = 0;
  } else if (!flags.get_count("aged", kDefaultAged, aged)) {
    return usage("--aged needs a number");
  }
  DeviceBench bench;
  if (!start_device_bench(flags, "bench_scan_burst", "group-commit ingest through `shelfnode scan`",
                          kCatalogSize, bench)) {
    return 1;
  }
  const BenchDir& dir = bench.dir;
  const std::string& binary = bench.binary;
  const std::vector<CatalogEntry>& catalog = bench.catalog;
  std::string error;
  const Feed feed = make_feed(catalog, scans);
  std::printf("  lines   %zu over %zu SKUs: %zu SKU labels, %zu GTIN-13, %zu GTIN-14\n", scans,
              kCatalogSize, feed.by_sku, feed.by_gtin13, feed.by_gtin14);

  const std::string aged_label = "burst, ledger +" + std::to_string(aged) + " aged";
  const std::vector<FeedSpec> specs = {
      {"burst, fresh ledger", "burst", scans, 0, false},
      {"chunks 1..50 every 10 ms", "chunks10ms", scans / 10, 10'000'000, false},
      {"chunks 1..50 every 1 ms", "chunks1ms", scans / 10, 1'000'000, false},
      {aged_label.c_str(), "aged", scans, 0, true},
  };
  std::vector<Outcome> outcomes(specs.size());
  std::size_t ledger_rows = 0;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].lines == 0 || (specs[i].after_ageing && aged == 0)) continue;
    if (specs[i].after_ageing) {
      const SteadyTime t0 = now();
      if (!prefill_ledger(dir.path(), catalog, aged, error)) {
        std::fprintf(stderr, "bench_scan_burst: %s\n", error.c_str());
        return 1;
      }
      ledger_rows += aged;
      std::printf("  aged    +%zu movements in %.1f s; the ledger now holds %zu\n", aged,
                  micros_between(t0, now()) / 1e6, ledger_rows);
    }
    if (!run_feed(binary, dir, feed, specs[i], outcomes[i])) return 1;
    ledger_rows += outcomes[i].ok;
  }

  std::printf("  %-30s %7s %7s %7s %8s %7s %7s %7s\n", "feed", "replies", "OK", "wall s", "scans/s",
              "commits", "scans/c", "KiB/scan");
  bool all_ok = true;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (outcomes[i].replies == 0 && outcomes[i].first_bad.empty()) continue;
    print_outcome(specs[i], outcomes[i]);
    if (!outcomes[i].first_bad.empty()) all_ok = false;
  }
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (outcomes[i].syncs.known) {
      std::printf("  %-30s %s\n", specs[i].label, outcomes[i].syncs.describe().c_str());
    }
  }
  std::printf("  chunk written -> reply to its last line:\n");
  print_table_header();
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (!outcomes[i].chunk_us.empty()) print_row(specs[i].label, summarize(outcomes[i].chunk_us));
  }
  for (const Outcome& o : outcomes) {
    if (!o.first_bad.empty()) std::printf("  FAILED: %s\n", o.first_bad.c_str());
  }
  return all_ok ? 0 : 1;
}

}  // namespace
}  // namespace shelfnode::bench

int main(int argc, char** argv) {
  using namespace shelfnode::bench;
  return run_benchmark(argc, argv, {"shelfnode", "dir", "scans", "aged", "keep!", "help!"}, usage,
                       run);
}
