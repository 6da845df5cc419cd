#include "shelfnode/store/bounded_memory.h"

namespace shelfnode::store {
namespace {

// "PRAGMA name=value;" that restores the current setting ("" when it cannot be read).
std::string current(Database& db, const char* name) {
  Result<Statement> s = db.prepare(std::string("PRAGMA ") + name);
  if (!s.ok()) return "";
  Result<bool> row = s->step();
  if (!row.ok() || !*row) return "";
  return std::string("PRAGMA ") + name + "=" + std::to_string(s->int_at(0)) + ";";
}

}  // namespace

BoundedMemory::BoundedMemory(Database& db, int cache_kib) : db_(db) {
  const std::string mmap = current(db_, "mmap_size");
  const std::string cache = current(db_, "cache_size");
  if (mmap.empty() || cache.empty()) return;
  const std::string bounded =
      "PRAGMA mmap_size=0; PRAGMA cache_size=-" + std::to_string(cache_kib) + ";";
  // Best effort: if the settings cannot change, reads are as fast, only not bounded.
  if (db_.exec(bounded.c_str()).ok()) restore_ = mmap + " " + cache;
}

BoundedMemory::~BoundedMemory() {
  if (!restore_.empty()) (void)db_.exec(restore_.c_str());
}

}  // namespace shelfnode::store
