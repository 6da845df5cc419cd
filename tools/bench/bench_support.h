#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace shelfnode::bench {

// Command-line flags of a benchmark: `--name value`, `--name=value`, or a bare `--name` for a
// switch. Anything else is a usage error the benchmark reports and exits 64 on.
class Flags {
 public:
  // `known` lists the accepted names; a name ending in '!' is a switch (takes no value).
  static bool parse(int argc, char** argv, const std::vector<std::string>& known, Flags& out,
                    std::string& error);

  bool has(const std::string& name) const { return values_.count(name) != 0; }
  std::string get(const std::string& name, const std::string& fallback = "") const;
  // A positive whole number, or `fallback` when absent; false when present but malformed.
  bool get_count(const std::string& name, std::size_t fallback, std::size_t& out) const;

 private:
  std::map<std::string, std::string> values_;
};

// The main() of every process benchmark: parses the `known` flags (a bad one, or --help,
// ends in `usage`), ignores SIGPIPE so that a child dying mid-reply is reported rather than
// ending the benchmark, then returns what `run` returns.
int run_benchmark(int argc, char** argv, const std::vector<std::string>& known,
                  int (*usage)(const std::string& why), int (*run)(const Flags& flags));

// A fresh directory (mkdtemp) under `base`, removed with everything in it when this goes
// away unless keep() was called. The benchmarks put the data dir and the raw-sync files here,
// so both measure the same file system.
class BenchDir {
 public:
  BenchDir() = default;
  ~BenchDir();
  BenchDir(const BenchDir&) = delete;
  BenchDir& operator=(const BenchDir&) = delete;

  bool create(const std::string& base, std::string& error);
  void keep() { keep_ = true; }
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
  bool keep_ = false;
};

// Where to put a BenchDir: the --dir flag, else $TMPDIR, else /tmp.
std::string choose_base_dir(const Flags& flags);

// "ext4 (statfs 0xef53), mount / from /dev/vda, rw,relatime" for the file system holding
// `path`: durability costs depend on it more than on anything in shelfnode.
std::string describe_filesystem(const std::string& path);

// Order statistics of a sample, in microseconds (nearest-rank percentiles).
struct Distribution {
  std::size_t count = 0;
  double p50 = 0, p90 = 0, p99 = 0, max = 0, mean = 0;
};
Distribution summarize(std::vector<double> micros);

// "  label  count  p50  p90  p99  max" with a header printed once by print_table_header().
void print_table_header();
void print_row(const std::string& label, const Distribution& d);

// KiB of storage writes caused by reaped child processes so far (getrusage ru_oublock). Linux
// charges a page to the task that dirtied it, so the delta across one child's life is what
// that child made the file system write.
double children_written_kib();

using SteadyTime = std::chrono::steady_clock::time_point;
inline SteadyTime now() {
  return std::chrono::steady_clock::now();
}
inline double micros_between(SteadyTime from, SteadyTime to) {
  return std::chrono::duration<double, std::micro>(to - from).count();
}

}  // namespace shelfnode::bench
