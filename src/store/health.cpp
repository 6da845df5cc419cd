#include "shelfnode/store/health.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "shelfnode/core/atomic_file.h"
#include "shelfnode/core/clock.h"
#include "shelfnode/store/backup.h"
#include "shelfnode/store/bounded_memory.h"

namespace shelfnode::store {
namespace {

constexpr char kMagic[] = "SQLite format 3";  // with its NUL: 16 bytes

}  // namespace

Status check_file_header(const std::string& db_path) {
  const int fd = open(db_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return errno == ENOENT ? not_found(db_path + " does not exist")
                           : io_error("cannot open " + db_path + ": " + std::strerror(errno));
  }
  struct stat st {};
  unsigned char header[100] = {};
  const bool stated = fstat(fd, &st) == 0;
  const ssize_t n = stated && st.st_size > 0 ? pread(fd, header, sizeof header, 0) : 0;
  const int err = errno;
  close(fd);
  if (!stated || n < 0) return io_error("cannot read " + db_path + ": " + std::strerror(err));
  if (st.st_size == 0) return io_error(db_path + " is empty (0 bytes): it was cut short");
  if (n < static_cast<ssize_t>(sizeof header) || std::memcmp(header, kMagic, 16) != 0) {
    return io_error(db_path + " is not a database file (its header is wrong)");
  }
  // Page size: big-endian at offset 16; 1 means 65536.
  const unsigned raw = (static_cast<unsigned>(header[16]) << 8) | header[17];
  const unsigned page = raw == 1 ? 65536u : raw;
  if (page < 512 || (page & (page - 1)) != 0) {
    return io_error(db_path + " has a damaged header (page size " + std::to_string(page) + ")");
  }
  if (st.st_size % page != 0) {
    return io_error(db_path + " is " + std::to_string(st.st_size) +
                    " bytes, not a whole number of pages: it was cut short");
  }
  return Status::Ok();
}

Result<std::string> quick_check(Database& db) {
  // The check reads every page: through mmap each would stay resident, and the process would
  // take as much memory as the database is large (a 10,000-SKU sync peaked at 27 MiB).
  BoundedMemory bounded(db);
  Result<Statement> s = db.prepare("PRAGMA quick_check(1)");
  if (!s.ok()) return s.status();
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  std::string verdict = *row ? s->text_at(0) : "no answer";
  if (verdict == "ok") return std::string();
  for (char& c : verdict) {
    if (c == '\n' || c == '\r') c = ' ';  // one line: it becomes part of a message
  }
  return "SQLite's check found: " + verdict;
}

Status damaged_database(const DataDirPaths& paths, const std::string& why) {
  const std::optional<std::int64_t> backup_ms = backup_written_ms(paths.default_backup());
  const std::string fix =
      !backup_ms
          ? "there is no backup yet: keep a copy of " + paths.dir +
                " for support, then `shelfnode restore --from FILE` with a backup you have, or "
                "move shelfnode.db aside and run `shelfnode init` to start an empty ledger "
                "(then count the stock again)"
          : "run `shelfnode --data-dir " + paths.dir +
                " restore` to go back to the backup of " + format_utc_ms(*backup_ms) +
                " (it keeps every scan it can still read from the damaged file)";
  return io_error("the database is damaged (" + why + "), so shelfnode will not use it: " + fix);
}

Status damage_recorded(const DataDirPaths& paths) {
  const int fd = open(paths.damaged().c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::Ok();
  char text[512];
  const ssize_t n = read(fd, text, sizeof text - 1);
  close(fd);
  std::string why = n > 0 ? std::string(text, static_cast<std::size_t>(n)) : "";
  while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
  if (why.empty()) why = "recorded in " + paths.damaged();
  return damaged_database(paths, why);
}

Status record_damage(const DataDirPaths& paths, const std::string& reason) {
  // Best effort: on a read-only or full disk the record cannot be written, and the damage
  // will simply be found again by the next command.
  (void)write_file_atomically(paths.damaged(), reason + "\n", 0600);
  return damaged_database(paths, reason);
}

Status clear_damage(const DataDirPaths& paths) {
  if (unlink(paths.damaged().c_str()) != 0 && errno != ENOENT) {
    return io_error("cannot remove " + paths.damaged() + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace shelfnode::store
