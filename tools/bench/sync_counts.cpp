#include "sync_counts.h"

#include <fstream>
#include <sstream>

namespace shelfnode::bench {
namespace {

// The number after `key=` in `field`; false if `field` is not of that form.
bool field_value(const std::string& field, const char* key, long& value) {
  const std::string prefix = std::string(key) + "=";
  if (field.rfind(prefix, 0) != 0) return false;
  value = std::stol(field.substr(prefix.size()));
  return true;
}

// Reads "name wal=N db=N other=N [batches=N]"; false if the line is not of that form.
bool parse_line(const std::string& line, std::string& name, long& wal, long& db, long& other,
                long& batches) {
  std::istringstream in(line);
  std::string w, d, o, b;
  if (!(in >> name >> w >> d >> o)) return false;
  if (!field_value(w, "wal", wal) || !field_value(d, "db", db) || !field_value(o, "other", other)) {
    return false;
  }
  batches = 0;
  return name != "acked" || ((in >> b) && field_value(b, "batches", batches));
}

std::string with_separators(long n) {
  std::string digits = std::to_string(n);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(at, ",");
  return digits;
}

}  // namespace

long SyncCounts::sorted_batches() const {
  long n = 0;
  for (const auto& entry : acked) n += entry.second;
  return n;
}

std::string SyncCounts::off_the_ack_path() const {
  long w = wal, d = db, o = other;
  for (const auto& [key, batches] : acked) {
    w -= std::get<0>(key) * batches;
    d -= std::get<1>(key) * batches;
    o -= std::get<2>(key) * batches;
  }
  return "wal=" + std::to_string(w) + " db=" + std::to_string(d) + " other=" + std::to_string(o);
}

std::string SyncCounts::describe_acks() const {
  std::string text;
  for (const auto& [key, batches] : acked) {
    const auto [w, d, o] = key;
    if (!text.empty()) text += "; ";
    text += with_separators(batches) + " after " + std::to_string(w) + " WAL";
    if (d > 0) text += " + " + std::to_string(d) + " database";
    if (o > 0) text += " + " + std::to_string(o) + " other";
  }
  return text.empty() ? "no acknowledged batch" : text;
}

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
  int totals = 0;
  while (std::getline(in, line)) {
    if (line.rfind("flushes ", 0) == 0) {
      c.flushes = std::stol(line.substr(8));
      continue;
    }
    long wal = 0, db = 0, other = 0, batches = 0;
    if (!parse_line(line, name, wal, db, other, batches)) return SyncCounts{};
    if (name == "acked") {
      c.acked[{static_cast<int>(wal), static_cast<int>(db), static_cast<int>(other)}] = batches;
      continue;
    }
    c.wal += wal;
    c.db += db;
    c.other += other;
    (name == "fsync" ? c.fsync_calls : c.fdatasync_calls) += wal + db + other;
    ++totals;
  }
  c.known = totals == 2;
  return c;
}

}  // namespace shelfnode::bench
