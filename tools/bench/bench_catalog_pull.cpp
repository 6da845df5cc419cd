// bench_catalog_pull: `shelfnode catalog pull` of a large Wix catalog from the emulator.
//
// The method. The emulator starts with a generated V1 store and a generated V3 store of N
// SKUs each and no server-side rate limit. For each store a fresh data dir is connected (as
// `connect` leaves it) and the real binary runs `catalog pull --json` as a child. Measured
// from the outside: the child's own peak resident set (ru_maxrss as peak_rss, the tiny
// wrapper it runs under, sees it: a direct child would report at least this benchmark's
// size, see peak_rss.c), its private and
// file-backed resident memory sampled from /proc while it runs, its wall time, and the
// requests the emulator logged, compared with what the design says a pull costs:
//   V1: 1 catalog-version call + ceil(N / 100) product pages
//   V3: 1 catalog-version call + ceil(N / 1000) variant pages + 1 default-location call
//       + ceil(N / 1000) inventory-item pages (one item per variant here)
// The same is done for a store a tenth the size, so a memory that grows with the catalog
// would show. As a floor for memory, the same binary makes one authenticated call
// (`wix call GET /stores/v3/provision/version`): libraries, TLS and SQLite, no catalog.
//
// Wall time is dominated by the client's own rate limit (config wix.requests_per_minute,
// at most 200, the figure Wix documents [R45]); the benchmark prints the floor that limit
// alone imposes and the time the emulator spent answering, and bypasses nothing.
#include <sys/stat.h>

#include <cmath>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bench_support.h"
#include "child_process.h"
#include "device_setup.h"
#include "emulator_child.h"
#include "measured_run.h"
#include "shelfnode/core/json.h"

namespace shelfnode::bench {
namespace {

constexpr std::size_t kDefaultSkus = 100000;
constexpr std::size_t kDefaultRpm = 200;
constexpr double kGoalMiB = 16;
constexpr const char* kGenV1Site = "6f1c7b52-9d3e-4a0b-8c21-0e5d2b9a1001";
constexpr const char* kGenV3Site = "6f1c7b52-9d3e-4a0b-8c21-0e5d2b9a3003";
constexpr const char* kGenKey = "IST.emulator-generated-catalog-key";

int usage(const std::string& why) {
  if (!why.empty()) std::fprintf(stderr, "bench_catalog_pull: %s\n", why.c_str());
  std::fprintf(stderr,
               "usage: bench_catalog_pull [--shelfnode PATH] [--dir BASE] [--skus N] [--rpm N]\n"
               "                          [--one-size] [--keep]\n"
               "  --skus N    SKUs in each generated store (default 100000)\n"
               "  --rpm N     the client's wix.requests_per_minute, 1-200 (default 200)\n"
               "  --one-size  skip the run at a tenth of the size\n");
  return 64;
}

double mib(long kib) {
  return static_cast<double>(kib) / 1024.0;
}

struct PullFigures {
  std::string label;  // "V1" / "V3"
  std::size_t skus = 0;
  long requests_logged = 0;
  long requests_expected = 0;
  long requests_reported = 0;
  long pages = 0;
  long catalog_skus = 0;
  double server_seconds = 0;
  double limiter_floor_seconds = 0;
  MeasuredRun run;
  MeasuredRun baseline;
  MeasuredRun libcurl_floor;
};

long pages_of(std::size_t n, std::size_t page) {
  return static_cast<long>((n + page - 1) / page);
}

bool write_connection(const std::string& data_dir, const EmulatorChild& emu, const char* site,
                      std::size_t rpm, std::string& error) {
  std::FILE* config = std::fopen((data_dir + "/config.json").c_str(), "w");
  std::FILE* key = std::fopen((data_dir + "/wix-api-key").c_str(), "w");
  if (config == nullptr || key == nullptr) {
    error = "cannot write the connection files in " + data_dir;
    if (config != nullptr) std::fclose(config);
    if (key != nullptr) std::fclose(key);
    return false;
  }
  std::fprintf(config,
               "{\"wix\": {\"base_url\": \"%s\", \"site_id\": \"%s\", \"ca_file\": \"%s\","
               " \"requests_per_minute\": %zu}}\n",
               emu.url().c_str(), site, emu.ca_file().c_str(), rpm);
  std::fprintf(key, "%s\n", kGenKey);
  std::fclose(config);
  std::fclose(key);
  chmod((data_dir + "/wix-api-key").c_str(), 0600);
  return true;
}

// The floor the client's token bucket alone puts under R requests: a burst of rpm/6 at
// once, then one every 60/rpm s (src/wix/rate_limiter.h).
double limiter_floor(long requests, std::size_t rpm) {
  const long burst = std::max<long>(1, static_cast<long>(rpm) / 6);
  return requests <= burst ? 0 : static_cast<double>(requests - burst) * 60.0 / rpm;
}

bool pull_one(const std::string& binary, const std::string& base, const EmulatorChild& emu,
              const char* label, const char* site, std::size_t skus, std::size_t rpm,
              PullFigures& f, std::string& error) {
  f.label = label;
  f.skus = skus;
  const std::string data_dir = base + "/" + label + "-" + std::to_string(skus);
  const std::string log = data_dir + ".log";
  std::string out;
  if (run_to_end({binary, "--data-dir", data_dir, "init"}, log, 60'000, out) != 0) {
    error = "init failed (see " + log + ")";
    return false;
  }
  if (!write_connection(data_dir, emu, site, rpm, error)) return false;
  if (!run_measured(
          {binary, "--data-dir", data_dir, "wix", "call", "GET", "/stores/v3/provision/version"},
          data_dir + ".baseline.out", log, 120, f.baseline, error)) {
    return false;
  }
  if (!run_measured({SHELFNODE_LIBCURL_FLOOR, emu.url() + "/stores/v3/provision/version",
                     emu.ca_file(), site, data_dir + "/wix-api-key"},
                    data_dir + ".floor.out", log, 120, f.libcurl_floor, error)) {
    return false;
  }
  if (f.libcurl_floor.exit_code != 0) {
    error =
        "libcurl_floor exited " + std::to_string(f.libcurl_floor.exit_code) + " (see " + log + ")";
    return false;
  }
  if (!emu.admin("POST", "/_emulator/requests/clear", "{}", error)) return false;
  const std::string json_path = data_dir + ".pull.json";
  if (!run_measured({binary, "--data-dir", data_dir, "catalog", "pull", "--json"}, json_path, log,
                    3600, f.run, error)) {
    return false;
  }
  if (f.run.exit_code != 0) {
    error = std::string(label) + " pull exited " + std::to_string(f.run.exit_code) + " (see " +
            log + ")";
    return false;
  }
  std::FILE* in = std::fopen(json_path.c_str(), "r");
  std::string text;
  if (in != nullptr) {
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, in)) > 0) text.append(buf, n);
    std::fclose(in);
  }
  JsonPtr summary = parse_json(text);
  auto number = [&](const char* name) {
    const cJSON* v = cJSON_GetObjectItemCaseSensitive(summary.get(), name);
    return cJSON_IsNumber(v) ? static_cast<long>(v->valuedouble) : -1L;
  };
  f.requests_reported = number("requests");
  f.pages = number("pages");
  f.catalog_skus = number("catalog_skus");
  JsonPtr logged = emu.admin("GET", "/_emulator/requests?path=/stores", "", error);
  if (!logged) return false;
  const cJSON* r = nullptr;
  cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(logged.get(), "requests")) {
    ++f.requests_logged;
    const cJSON* ms = cJSON_GetObjectItemCaseSensitive(r, "durationMs");
    if (cJSON_IsNumber(ms)) f.server_seconds += ms->valuedouble / 1000.0;
  }
  f.requests_expected = std::string(label) == "V1"
                            ? 1 + pages_of(skus, 100)
                            : 1 + pages_of(skus, 1000) + 1 + pages_of(skus, 1000);
  f.limiter_floor_seconds = limiter_floor(f.requests_logged, rpm);
  return true;
}

void print_figures(const std::vector<PullFigures>& all, std::size_t rpm) {
  std::printf("\n  %-4s %8s  %-17s %6s %9s %9s %8s  %-9s %-16s %-9s %-9s\n", "", "SKUs",
              "requests (design)", "pages", "wall", "limiter", "server", "peak RSS",
              "anon/file sampled", "1 call", "libcurl");
  for (const PullFigures& f : all) {
    char requests[32];
    std::snprintf(requests, sizeof requests, "%ld (%ld) %s", f.requests_logged, f.requests_expected,
                  f.requests_logged == f.requests_expected ? "ok" : "DIFF");
    std::printf(
        "  %-4s %8zu  %-17s %6ld %7.1f s %7.1f s %6.1f s  %5.1f MiB %5.1f / %4.1f MiB  %5.1f MiB"
        " %5.1f MiB\n",
        f.label.c_str(), f.skus, requests, f.pages, f.run.wall_seconds, f.limiter_floor_seconds,
        f.server_seconds, mib(f.run.max_rss_kib), mib(f.run.sampled_anon_kib),
        mib(f.run.sampled_file_kib), mib(f.baseline.max_rss_kib), mib(f.libcurl_floor.max_rss_kib));
    if (f.requests_reported != f.requests_logged) {
      std::printf("       (the pull reported %ld requests, the emulator logged %ld)\n",
                  f.requests_reported, f.requests_logged);
    }
  }
  std::printf(
      "\n  limiter: what wix.requests_per_minute = %zu alone costs (burst %zu, then one per "
      "%.2f s)\n  server: the emulator's time answering; 1 call: peak RSS of `wix call GET "
      "/stores/v3/provision/version`\n  libcurl: peak RSS of the same call from a C program that "
      "links libcurl alone (libcurl_floor)\n",
      rpm, std::max<std::size_t>(1, rpm / 6), 60.0 / static_cast<double>(rpm));
  for (const PullFigures& f : all) {
    if (f.skus != all.back().skus) continue;
    const double peak = mib(f.run.max_rss_kib);
    std::printf(
        "  goal %s %zu SKUs: peak RSS <= %.0f MiB: %s (%.1f MiB; one call alone %.1f MiB,"
        " the pull adds %.1f MiB; libcurl alone %.1f MiB); requests = design: %s\n",
        f.label.c_str(), f.skus, kGoalMiB, peak <= kGoalMiB ? "met" : "not met", peak,
        mib(f.baseline.max_rss_kib), peak - mib(f.baseline.max_rss_kib),
        mib(f.libcurl_floor.max_rss_kib),
        f.requests_logged == f.requests_expected ? "met" : "not met");
  }
}

int run(const Flags& flags) {
  std::size_t skus = 0, rpm = 0;
  if (!flags.get_count("skus", kDefaultSkus, skus)) return usage("--skus needs a number > 0");
  if (!flags.get_count("rpm", kDefaultRpm, rpm) || rpm > 200) {
    return usage("--rpm needs a number from 1 to 200 (config.json refuses more)");
  }
  BenchDir dir;
  std::string error;
  if (!dir.create(choose_base_dir(flags), error)) {
    std::fprintf(stderr, "bench_catalog_pull: %s\n", error.c_str());
    return 1;
  }
  if (flags.has("keep")) dir.keep();
  const std::string binary = shelfnode_binary(flags);
  std::printf("bench_catalog_pull: catalog pull of generated V1 and V3 stores from the emulator\n");
  std::printf("  binary  %s\n  dir     %s\n  fs      %s\n  client  %zu requests/min\n",
              binary.c_str(), dir.path().c_str(), describe_filesystem(dir.path()).c_str(), rpm);
  std::vector<std::size_t> sizes;
  if (!flags.has("one-size") && skus >= 10) sizes.push_back(skus / 10);
  sizes.push_back(skus);
  std::vector<PullFigures> all;
  for (std::size_t n : sizes) {
    const std::string base = dir.file("n" + std::to_string(n));
    mkdir(base.c_str(), 0700);
    EmulatorChild emu;
    std::printf("  starting the emulator with 2 x %zu SKUs ...\n", n);
    std::fflush(stdout);
    const std::string count = std::to_string(n);
    if (!emu.start(SHELFNODE_SOURCE_DIR, base,
                   {"--generate-v1", count, "--generate-v3", count, "--rate-limit", "0"}, error)) {
      std::fprintf(stderr, "bench_catalog_pull: %s\n", error.c_str());
      return 1;
    }
    for (auto [label, site] : {std::pair{"V1", kGenV1Site}, std::pair{"V3", kGenV3Site}}) {
      PullFigures f;
      std::printf("  pulling %s, %zu SKUs ...\n", label, n);
      std::fflush(stdout);
      if (!pull_one(binary, base, emu, label, site, n, rpm, f, error)) {
        std::fprintf(stderr, "bench_catalog_pull: %s\n", error.c_str());
        return 1;
      }
      if (f.catalog_skus != static_cast<long>(n)) {
        std::fprintf(stderr, "bench_catalog_pull: %s cached %ld SKUs, expected %zu\n", label,
                     f.catalog_skus, n);
        return 1;
      }
      all.push_back(f);
    }
  }
  print_figures(all, rpm);
  return 0;
}

}  // namespace
}  // namespace shelfnode::bench

int main(int argc, char** argv) {
  using namespace shelfnode::bench;
  return run_benchmark(
      argc, argv, {"shelfnode", "dir", "skus", "rpm", "one-size!", "keep!", "help!"}, usage, run);
}
