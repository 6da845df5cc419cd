#include "bench_support.h"

#include <sys/resource.h>
#include <sys/statfs.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>

#include "child_process.h"

namespace shelfnode::bench {
namespace {

const char* fs_magic_name(unsigned long magic) {
  switch (magic) {
    case 0xEF53:
      return "ext2/3/4";
    case 0x01021994:
      return "tmpfs";
    case 0x58465342:
      return "xfs";
    case 0x9123683E:
      return "btrfs";
    case 0xF2F52010:
      return "f2fs";
    case 0x794C7630:
      return "overlayfs";
    case 0x6969:
      return "nfs";
    case 0x01021997:
      return "9p";
    case 0x65735546:
      return "fuse";
    case 0x4D44:
      return "vfat";
    case 0x2FC12FC1:
      return "zfs";
    default:
      return "unknown";
  }
}

// The /proc/self/mounts entry with the longest mount point that is a prefix of `path`.
std::string mount_of(const std::string& path) {
  std::ifstream mounts("/proc/self/mounts");
  std::string line, best, best_point;
  while (std::getline(mounts, line)) {
    std::istringstream fields(line);
    std::string device, point, type, options;
    if (!(fields >> device >> point >> type >> options)) continue;
    const bool under = path == point || point == "/" ||
                       (path.compare(0, point.size(), point) == 0 && path[point.size()] == '/');
    if (under && point.size() >= best_point.size()) {
      best_point = point;
      best = type + ", mount " + point + " from " + device + ", " + options;
    }
  }
  return best.empty() ? "mount unknown" : best;
}

double rank(const std::vector<double>& sorted, double fraction) {
  if (sorted.empty()) return 0;
  std::size_t i = static_cast<std::size_t>(fraction * static_cast<double>(sorted.size()));
  if (i > 0 && static_cast<double>(i) == fraction * static_cast<double>(sorted.size())) --i;
  return sorted[std::min(i, sorted.size() - 1)];
}

}  // namespace

bool Flags::parse(int argc, char** argv, const std::vector<std::string>& known, Flags& out,
                  std::string& error) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.compare(0, 2, "--") != 0) {
      error = "unexpected argument '" + arg + "'";
      return false;
    }
    std::string name = arg.substr(2), value;
    const std::size_t eq = name.find('=');
    if (eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    const bool is_switch = std::find(known.begin(), known.end(), name + "!") != known.end();
    if (!is_switch && std::find(known.begin(), known.end(), name) == known.end()) {
      error = "unknown flag --" + name;
      return false;
    }
    if (!is_switch && eq == std::string::npos) {
      if (i + 1 >= argc) {
        error = "--" + name + " needs a value";
        return false;
      }
      value = argv[++i];
    }
    out.values_[name] = value;
  }
  return true;
}

std::string Flags::get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second;
}

bool Flags::get_count(const std::string& name, std::size_t fallback, std::size_t& out) const {
  auto it = values_.find(name);
  if (it == values_.end()) {
    out = fallback;
    return true;
  }
  char* end = nullptr;
  errno = 0;
  const unsigned long long v = std::strtoull(it->second.c_str(), &end, 10);
  if (errno != 0 || end == it->second.c_str() || *end != '\0' || v == 0) return false;
  out = static_cast<std::size_t>(v);
  return true;
}

BenchDir::~BenchDir() {
  if (path_.empty()) return;
  if (keep_) {
    std::printf("kept %s\n", path_.c_str());
    return;
  }
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

bool BenchDir::create(const std::string& base, std::string& error) {
  std::string tmpl = base + "/shelfnode-bench-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) {
    error = "cannot create a directory under " + base + ": " + std::strerror(errno);
    return false;
  }
  std::error_code ec;
  std::filesystem::path real = std::filesystem::canonical(buf.data(), ec);
  path_ = ec ? std::string(buf.data()) : real.string();
  return true;
}

std::string choose_base_dir(const Flags& flags) {
  if (flags.has("dir")) return flags.get("dir");
  const char* tmp = std::getenv("TMPDIR");
  return tmp != nullptr && *tmp != '\0' ? tmp : "/tmp";
}

std::string describe_filesystem(const std::string& path) {
  struct statfs st {};
  if (statfs(path.c_str(), &st) != 0) return std::string("statfs failed: ") + std::strerror(errno);
  const unsigned long magic = static_cast<unsigned long>(st.f_type);
  char head[96];
  std::snprintf(head, sizeof head, "statfs %s (0x%lx), block %ld; ", fs_magic_name(magic), magic,
                static_cast<long>(st.f_bsize));
  return head + mount_of(path);
}

Distribution summarize(std::vector<double> micros) {
  Distribution d;
  if (micros.empty()) return d;
  std::sort(micros.begin(), micros.end());
  d.count = micros.size();
  d.p50 = rank(micros, 0.50);
  d.p90 = rank(micros, 0.90);
  d.p99 = rank(micros, 0.99);
  d.max = micros.back();
  d.mean = std::accumulate(micros.begin(), micros.end(), 0.0) / static_cast<double>(d.count);
  return d;
}

double children_written_kib() {
  rusage u{};
  getrusage(RUSAGE_CHILDREN, &u);
  return static_cast<double>(u.ru_oublock) / 2.0;  // 512-byte blocks
}

void print_table_header() {
  std::printf("  %-26s %8s %10s %10s %10s %10s %10s\n", "", "count", "mean us", "p50 us", "p90 us",
              "p99 us", "max us");
}

void print_row(const std::string& label, const Distribution& d) {
  std::printf("  %-26s %8zu %10.1f %10.1f %10.1f %10.1f %10.1f\n", label.c_str(), d.count, d.mean,
              d.p50, d.p90, d.p99, d.max);
}

int run_benchmark(int argc, char** argv, const std::vector<std::string>& known,
                  int (*usage)(const std::string& why), int (*run)(const Flags& flags)) {
  Flags flags;
  std::string error;
  if (!Flags::parse(argc, argv, known, flags, error)) return usage(error);
  if (flags.has("help")) return usage("");
  ignore_sigpipe();
  return run(flags);
}

}  // namespace shelfnode::bench
