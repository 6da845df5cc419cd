// peak_rss_check: proves that run_measured() reports the measured program's own peak RSS.
//
// The method. This process first makes itself big (kParentMiB touched), as a benchmark that
// has loaded a fixture is. It then runs itself as the measured program three times, touching
// 0, 1 and 8 MiB (--probe N), and also starts the 1 MiB probe directly with posix_spawn and
// reads wait4()'s ru_maxrss, the way the benchmarks used to. The probes' figures minus the
// 0 MiB one must be about 1 and 8 MiB, and the 1 MiB probe must not be reported anywhere
// near this process's size; the direct figure shows the error that is avoided (it is at
// least this process's size). Exit 0 when every check holds, 1 otherwise.
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "measured_run.h"
#include "proc_status.h"

extern char** environ;

namespace shelfnode::bench {
namespace {

constexpr long kParentMiB = 24;

// Touches `mib` MiB, page by page, so that it is resident, then exits.
int probe(long mib) {
  const std::size_t bytes = static_cast<std::size_t>(mib) << 20;
  std::vector<char> block(bytes);
  for (std::size_t i = 0; i < bytes; i += 4096) block[i] = static_cast<char>(i);
  volatile char sink = bytes == 0 ? 0 : block[bytes / 2];
  (void)sink;
  return 0;
}

long direct_ru_maxrss(const std::string& self, long mib) {
  std::string a0 = self, a1 = "--probe", a2 = std::to_string(mib);
  char* argv[] = {a0.data(), a1.data(), a2.data(), nullptr};
  pid_t pid = -1;
  if (posix_spawn(&pid, a0.c_str(), nullptr, nullptr, argv, environ) != 0) return -1;
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0) {
  }
  return usage.ru_maxrss;
}

double mib(long kib) {
  return static_cast<double>(kib) / 1024.0;
}

int check(const std::string& self) {
  std::vector<char> ballast(static_cast<std::size_t>(kParentMiB) << 20, 1);
  for (std::size_t i = 0; i < ballast.size(); i += 4096) ballast[i] = static_cast<char>(i);
  const long own = read_proc_status(getpid()).vm_hwm_kib;

  long peak[3] = {0, 0, 0};
  const long sizes[3] = {0, 1, 8};
  for (int i = 0; i < 3; ++i) {
    MeasuredRun run;
    std::string error;
    const std::string log = "/tmp/peak_rss_check." + std::to_string(getpid()) + ".err";
    const bool started =
        run_measured({self, "--probe", std::to_string(sizes[i])}, "/dev/null", log, 30, run, error);
    std::remove(log.c_str());
    if (!started) {
      std::fprintf(stderr, "peak_rss_check: %s\n", error.c_str());
      return 1;
    }
    if (run.exit_code != 0) {
      std::fprintf(stderr, "peak_rss_check: the %ld MiB probe exited %d\n", sizes[i],
                   run.exit_code);
      return 1;
    }
    peak[i] = run.max_rss_kib;
  }
  const long direct = direct_ru_maxrss(self, 1);
  const double one = mib(peak[1] - peak[0]), eight = mib(peak[2] - peak[0]);
  std::printf("this process: VmHWM %.1f MiB (%ld MiB touched)\n", mib(own), kParentMiB);
  std::printf("probe 0 MiB: %.1f MiB  (the program's base)\n", mib(peak[0]));
  std::printf("probe 1 MiB: %.1f MiB  (base + %.2f)\n", mib(peak[1]), one);
  std::printf("probe 8 MiB: %.1f MiB  (base + %.2f)\n", mib(peak[2]), eight);
  std::printf("probe 1 MiB, spawned directly, wait4 ru_maxrss: %.1f MiB  (the error avoided)\n",
              mib(direct));
  bool ok = true;
  auto expect = [&ok](bool holds, const char* what) {
    if (!holds) std::printf("FAILED: %s\n", what);
    ok = ok && holds;
  };
  expect(one > 0.75 && one < 1.75, "the 1 MiB probe is reported as base + about 1 MiB");
  expect(eight > 7.5 && eight < 9.0, "the 8 MiB probe is reported as base + about 8 MiB");
  expect(peak[1] < own / 2, "the 1 MiB probe is not reported at this process's size");
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace shelfnode::bench

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--probe") == 0) {
    return shelfnode::bench::probe(std::strtol(argv[2], nullptr, 10));
  }
  return shelfnode::bench::check(argv[0]);
}
