#pragma once

#include <cstddef>
#include <string>

namespace shelfnode::bench {

// The storage's floor for one durable write, measured in the same directory as the data dir:
// a file of the benchmark's own, written and synced. Either appended to (100 bytes, the
// cheapest durable write there is; the file grows as an unkept WAL would) or overwritten in
// place over blocks written and synced beforehand (what a commit does to shelfnode's kept
// WAL). The same method as bench_scan_ack's.
class RawSync {
 public:
  enum class Kind { kAppendFsync, kAppendFdatasync, kInPlaceFdatasync };
  RawSync(const std::string& path, Kind kind);
  ~RawSync();
  RawSync(const RawSync&) = delete;
  RawSync& operator=(const RawSync&) = delete;

  bool ok() const { return fd_ >= 0; }
  // Microseconds for one write + sync; negative on error.
  double timed_write();

 private:
  int fd_ = -1;
  Kind kind_;
  std::size_t offset_ = 0;
};

}  // namespace shelfnode::bench
