#include "sync_counts.h"

#include <fstream>
#include <sstream>

namespace shelfnode::bench {
namespace {

// Reads "name wal=N db=N other=N"; false if the line is not of that form.
bool parse_line(const std::string& line, std::string& name, long& wal, long& db, long& other) {
  std::istringstream in(line);
  std::string w, d, o;
  if (!(in >> name >> w >> d >> o)) return false;
  if (w.rfind("wal=", 0) != 0 || d.rfind("db=", 0) != 0 || o.rfind("other=", 0) != 0) {
    return false;
  }
  wal = std::stol(w.substr(4));
  db = std::stol(d.substr(3));
  other = std::stol(o.substr(6));
  return true;
}

}  // namespace

std::string SyncCounts::describe() const {
  if (!known) return "sync calls: not observed (counter library not loaded)";
  return "sync calls: wal=" + std::to_string(wal) + " db=" + std::to_string(db) +
         " other=" + std::to_string(other) + " (fsync " + std::to_string(fsync_calls) +
         ", fdatasync " + std::to_string(fdatasync_calls) + ")";
}

std::vector<std::string> sync_counter_env(const std::string& report_path) {
#ifdef SHELFNODE_BENCH_SYNC_COUNTER
  return {std::string("LD_PRELOAD=") + SHELFNODE_BENCH_SYNC_COUNTER,
          "SHELFNODE_BENCH_SYNC_LOG=" + report_path};
#else
  (void)report_path;
  return {};
#endif
}

SyncCounts read_sync_counts(const std::string& report_path) {
  SyncCounts c;
  std::ifstream in(report_path);
  std::string line, name;
  int lines = 0;
  while (std::getline(in, line)) {
    long wal = 0, db = 0, other = 0;
    if (!parse_line(line, name, wal, db, other)) return SyncCounts{};
    c.wal += wal;
    c.db += db;
    c.other += other;
    (name == "fsync" ? c.fsync_calls : c.fdatasync_calls) += wal + db + other;
    ++lines;
  }
  c.known = lines == 2;
  return c;
}

}  // namespace shelfnode::bench
