#include "unit/store/sync_counting_vfs.h"

#include <sqlite3.h>

#include <atomic>
#include <cstring>

namespace shelfnode::testing {
namespace {

enum class Kind { kOther, kDb, kWal };

std::atomic<long> g_wal{0}, g_db{0}, g_directory{0};
sqlite3_vfs* g_real = nullptr;
sqlite3_syscall_ptr g_real_open_directory = nullptr;

// Our file wraps the default VFS's: `real` points just behind this struct, in the same
// allocation SQLite made of szOsFile bytes.
struct CountingFile {
  sqlite3_file base;
  sqlite3_file* real;
  Kind kind;
};

sqlite3_file* real_of(sqlite3_file* f) {
  return reinterpret_cast<CountingFile*>(f)->real;
}

int file_close(sqlite3_file* f) {
  return real_of(f)->pMethods->xClose(real_of(f));
}
int file_read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
  return real_of(f)->pMethods->xRead(real_of(f), buf, n, off);
}
int file_write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
  return real_of(f)->pMethods->xWrite(real_of(f), buf, n, off);
}
int file_truncate(sqlite3_file* f, sqlite3_int64 size) {
  return real_of(f)->pMethods->xTruncate(real_of(f), size);
}
int file_sync(sqlite3_file* f, int flags) {
  const Kind kind = reinterpret_cast<CountingFile*>(f)->kind;
  if (kind == Kind::kWal) ++g_wal;
  if (kind == Kind::kDb) ++g_db;
  return real_of(f)->pMethods->xSync(real_of(f), flags);
}
int file_size(sqlite3_file* f, sqlite3_int64* size) {
  return real_of(f)->pMethods->xFileSize(real_of(f), size);
}
int file_lock(sqlite3_file* f, int level) {
  return real_of(f)->pMethods->xLock(real_of(f), level);
}
int file_unlock(sqlite3_file* f, int level) {
  return real_of(f)->pMethods->xUnlock(real_of(f), level);
}
int file_check_reserved(sqlite3_file* f, int* out) {
  return real_of(f)->pMethods->xCheckReservedLock(real_of(f), out);
}
int file_control(sqlite3_file* f, int op, void* arg) {
  return real_of(f)->pMethods->xFileControl(real_of(f), op, arg);
}
int file_sector_size(sqlite3_file* f) {
  return real_of(f)->pMethods->xSectorSize(real_of(f));
}
int file_device(sqlite3_file* f) {
  return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f));
}
int file_shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return real_of(f)->pMethods->xShmMap(real_of(f), page, size, extend, out);
}
int file_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return real_of(f)->pMethods->xShmLock(real_of(f), offset, n, flags);
}
void file_shm_barrier(sqlite3_file* f) {
  real_of(f)->pMethods->xShmBarrier(real_of(f));
}
int file_shm_unmap(sqlite3_file* f, int delete_flag) {
  return real_of(f)->pMethods->xShmUnmap(real_of(f), delete_flag);
}
int file_fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** out) {
  return real_of(f)->pMethods->xFetch(real_of(f), off, n, out);
}
int file_unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) {
  return real_of(f)->pMethods->xUnfetch(real_of(f), off, p);
}

const sqlite3_io_methods kMethods = {
    3,
    file_close,
    file_read,
    file_write,
    file_truncate,
    file_sync,
    file_size,
    file_lock,
    file_unlock,
    file_check_reserved,
    file_control,
    file_sector_size,
    file_device,
    file_shm_map,
    file_shm_lock,
    file_shm_barrier,
    file_shm_unmap,
    file_fetch,
    file_unfetch,
};

int vfs_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  CountingFile* file = reinterpret_cast<CountingFile*>(f);
  file->real = reinterpret_cast<sqlite3_file*>(file + 1);
  file->kind = (flags & SQLITE_OPEN_WAL) != 0       ? Kind::kWal
               : (flags & SQLITE_OPEN_MAIN_DB) != 0 ? Kind::kDb
                                                    : Kind::kOther;
  const int rc = g_real->xOpen(g_real, name, file->real, flags, out_flags);
  // SQLite closes a file only when xOpen left methods on it.
  file->base.pMethods = file->real->pMethods != nullptr ? &kMethods : nullptr;
  return rc;
}
int vfs_delete(sqlite3_vfs*, const char* name, int sync_dir) {
  return g_real->xDelete(g_real, name, sync_dir);
}
int vfs_access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return g_real->xAccess(g_real, name, flags, out);
}
int vfs_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return g_real->xFullPathname(g_real, name, n, out);
}
void* vfs_dl_open(sqlite3_vfs*, const char* name) {
  return g_real->xDlOpen(g_real, name);
}
void vfs_dl_error(sqlite3_vfs*, int n, char* out) {
  g_real->xDlError(g_real, n, out);
}
void (*vfs_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return g_real->xDlSym(g_real, handle, symbol);
}
void vfs_dl_close(sqlite3_vfs*, void* handle) {
  g_real->xDlClose(g_real, handle);
}
int vfs_randomness(sqlite3_vfs*, int n, char* out) {
  return g_real->xRandomness(g_real, n, out);
}
int vfs_sleep(sqlite3_vfs*, int micros) {
  return g_real->xSleep(g_real, micros);
}
int vfs_current_time(sqlite3_vfs*, double* out) {
  return g_real->xCurrentTime(g_real, out);
}
int vfs_last_error(sqlite3_vfs*, int n, char* out) {
  return g_real->xGetLastError(g_real, n, out);
}
int vfs_current_time_ms(sqlite3_vfs*, sqlite3_int64* out) {
  return g_real->xCurrentTimeInt64(g_real, out);
}

// The unix VFS opens a directory through this system call only to sync it.
int counting_open_directory(const char* path, int* fd) {
  ++g_directory;
  return reinterpret_cast<int (*)(const char*, int*)>(g_real_open_directory)(path, fd);
}

sqlite3_vfs g_vfs;

}  // namespace

void install_sync_counting_vfs() {
  if (g_real != nullptr) return;
  g_real = sqlite3_vfs_find(nullptr);
  g_real_open_directory = g_real->xGetSystemCall(g_real, "openDirectory");
  if (g_real_open_directory != nullptr) {
    g_real->xSetSystemCall(g_real, "openDirectory",
                           reinterpret_cast<sqlite3_syscall_ptr>(&counting_open_directory));
  }
  std::memset(&g_vfs, 0, sizeof g_vfs);
  g_vfs.iVersion = 2;
  g_vfs.szOsFile = static_cast<int>(sizeof(CountingFile)) + g_real->szOsFile;
  g_vfs.mxPathname = g_real->mxPathname;
  g_vfs.zName = "sync-counting";
  g_vfs.xOpen = vfs_open;
  g_vfs.xDelete = vfs_delete;
  g_vfs.xAccess = vfs_access;
  g_vfs.xFullPathname = vfs_full_pathname;
  g_vfs.xDlOpen = vfs_dl_open;
  g_vfs.xDlError = vfs_dl_error;
  g_vfs.xDlSym = vfs_dl_sym;
  g_vfs.xDlClose = vfs_dl_close;
  g_vfs.xRandomness = vfs_randomness;
  g_vfs.xSleep = vfs_sleep;
  g_vfs.xCurrentTime = vfs_current_time;
  g_vfs.xGetLastError = vfs_last_error;
  g_vfs.xCurrentTimeInt64 = vfs_current_time_ms;
  sqlite3_vfs_register(&g_vfs, 1);
}

SyncCounts sync_counts() {
  return {g_wal.load(), g_db.load(), g_directory.load()};
}

}  // namespace shelfnode::testing
