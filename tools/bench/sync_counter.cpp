// A preload library (LD_PRELOAD) that counts fsync() and fdatasync() calls by the file they
// hit: the SQLite WAL, the database file, or anything else (a directory, a lock file). When
// the process exits normally it writes the counts to $SHELFNODE_BENCH_SYNC_LOG as
//   fsync wal=N db=N other=N
//   fdatasync wal=N db=N other=N
// The benchmarks use it to say how many syncs a commit really costs, and how many commits a
// burst of scans took, without touching the product. Each counted call also costs one
// readlink() (microseconds), small next to the sync itself.
#include <dlfcn.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

enum Target { kWal, kDb, kOther, kTargets };

std::atomic<long> g_fsync[kTargets];
std::atomic<long> g_fdatasync[kTargets];

bool ends_with(const char* text, const char* suffix) {
  const std::size_t n = std::strlen(text), m = std::strlen(suffix);
  return n >= m && std::strcmp(text + n - m, suffix) == 0;
}

Target target_of(int fd) {
  char link[64];
  char path[4096];
  std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  const ssize_t n = readlink(link, path, sizeof path - 1);
  if (n <= 0) return kOther;
  path[n] = '\0';
  if (ends_with(path, ".db-wal")) return kWal;
  if (ends_with(path, ".db")) return kDb;
  return kOther;
}

using SyncFn = int (*)(int);

SyncFn next_symbol(const char* name) {
  return reinterpret_cast<SyncFn>(dlsym(RTLD_NEXT, name));
}

struct Report {
  ~Report() {
    const char* path = std::getenv("SHELFNODE_BENCH_SYNC_LOG");
    if (path == nullptr) return;
    std::FILE* f = std::fopen(path, "w");
    if (f == nullptr) return;
    std::fprintf(f, "fsync wal=%ld db=%ld other=%ld\n", g_fsync[kWal].load(), g_fsync[kDb].load(),
                 g_fsync[kOther].load());
    std::fprintf(f, "fdatasync wal=%ld db=%ld other=%ld\n", g_fdatasync[kWal].load(),
                 g_fdatasync[kDb].load(), g_fdatasync[kOther].load());
    std::fclose(f);
  }
} g_report;

}  // namespace

extern "C" int fsync(int fd) {
  static const SyncFn real = next_symbol("fsync");
  g_fsync[target_of(fd)] += 1;
  return real(fd);
}

extern "C" int fdatasync(int fd) {
  static const SyncFn real = next_symbol("fdatasync");
  g_fdatasync[target_of(fd)] += 1;
  return real(fd);
}
