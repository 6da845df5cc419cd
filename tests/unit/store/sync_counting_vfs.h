#pragma once

// A test VFS in the manner of SQLite's own (src/test_vfs.c): every call goes to the default
// VFS, and each xSync is counted by the file it syncs, the main database or its WAL. The unix
// VFS also syncs the directory the first time it syncs a file it created (-wal included),
// inside that xSync and without another VFS call; it opens the directory through its
// "openDirectory" system call, which this VFS replaces with a counting one, so a directory
// sync is counted too. Registered as the default VFS, so store::Database uses it unchanged.

namespace shelfnode::testing {

struct SyncCounts {
  long wal = 0;
  long db = 0;
  long directory = 0;

  SyncCounts operator-(const SyncCounts& o) const {
    return {wal - o.wal, db - o.db, directory - o.directory};
  }
  long total() const { return wal + db + directory; }
};

// Installs the counting VFS as the process's default (once; later calls do nothing) and
// returns the counts so far, over every file any connection in this process synced.
void install_sync_counting_vfs();
SyncCounts sync_counts();

}  // namespace shelfnode::testing
