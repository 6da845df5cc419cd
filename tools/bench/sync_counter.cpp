// A preload library (LD_PRELOAD) that counts fsync() and fdatasync() calls by the file they
// hit: the SQLite WAL, the database file, or anything else (a directory, a lock file). It also
// sorts them by where they fall in a scan session: a batch starts when read() on stdin returns
// scans, and is acknowledged when stdout is flushed (`shelfnode scan` writes a batch's replies,
// then flushes, only after its commit returned). The syncs in between are the ones a clerk
// waits for; the rest (a checkpoint after the replies, the session's start and close) are not.
// A batch served from scans read earlier (a burst larger than one batch) makes no read(): it
// is counted among the flushes but not sorted. When the process exits normally it writes to
// $SHELFNODE_BENCH_SYNC_LOG:
//   fsync wal=N db=N other=N
//   fdatasync wal=N db=N other=N
//   flushes N                             (stdout flushed: one per batch, one commit each)
//   acked wal=W db=D other=O batches=N    (one line per combination seen)
// The benchmarks use it to say how many syncs a commit really costs, and how many commits a
// burst of scans took, without touching the product. Each counted sync also costs one
// readlink() (microseconds), small next to the sync itself.
#include <dlfcn.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

enum Target { kWal, kDb, kOther, kTargets };

// Batches by the syncs before their acknowledgement; a count past the last bucket lands in it.
constexpr int kMaxCounted = 4;

std::atomic<long> g_fsync[kTargets];
std::atomic<long> g_fdatasync[kTargets];
std::atomic<long> g_acked[kMaxCounted][kMaxCounted][kMaxCounted];
std::atomic<long> g_flushes{0};
std::atomic<bool> g_in_batch{false};
std::atomic<int> g_batch_syncs[kTargets];

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

void count_sync(int fd, std::atomic<long>* by_target) {
  const Target t = target_of(fd);
  by_target[t] += 1;
  if (g_in_batch) g_batch_syncs[t] += 1;
}

int bucket(int n) {
  return n < kMaxCounted ? n : kMaxCounted - 1;
}

template <typename Fn>
Fn next_symbol(const char* name) {
  return reinterpret_cast<Fn>(dlsym(RTLD_NEXT, name));
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
    std::fprintf(f, "flushes %ld\n", g_flushes.load());
    for (int w = 0; w < kMaxCounted; ++w) {
      for (int d = 0; d < kMaxCounted; ++d) {
        for (int o = 0; o < kMaxCounted; ++o) {
          const long n = g_acked[w][d][o].load();
          if (n > 0) std::fprintf(f, "acked wal=%d db=%d other=%d batches=%ld\n", w, d, o, n);
        }
      }
    }
    std::fclose(f);
  }
} g_report;

}  // namespace

extern "C" int fsync(int fd) {
  static const auto real = next_symbol<int (*)(int)>("fsync");
  count_sync(fd, g_fsync);
  return real(fd);
}

extern "C" int fdatasync(int fd) {
  static const auto real = next_symbol<int (*)(int)>("fdatasync");
  count_sync(fd, g_fdatasync);
  return real(fd);
}

// Scans arriving: the batch they belong to starts (if one is not under way already).
extern "C" ssize_t read(int fd, void* buf, size_t count) {
  static const auto real = next_symbol<ssize_t (*)(int, void*, size_t)>("read");
  const ssize_t got = real(fd, buf, count);
  if (fd == STDIN_FILENO && got > 0 && !g_in_batch.exchange(true)) {
    for (auto& n : g_batch_syncs) n = 0;
  }
  return got;
}

// The replies leaving: the batch is acknowledged.
extern "C" int fflush(std::FILE* stream) {
  static const auto real = next_symbol<int (*)(std::FILE*)>("fflush");
  const int rc = real(stream);
  if (stream == stdout) g_flushes += 1;
  if (stream == stdout && g_in_batch.exchange(false)) {
    g_acked[bucket(g_batch_syncs[kWal])][bucket(g_batch_syncs[kDb])]
           [bucket(g_batch_syncs[kOther])] += 1;
  }
  return rc;
}
