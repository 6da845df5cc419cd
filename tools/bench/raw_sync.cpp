#include "raw_sync.h"

#include <fcntl.h>
#include <unistd.h>

#include <string>

#include "bench_support.h"

namespace shelfnode::bench {
namespace {

constexpr std::size_t kAppendBytes = 100;
// About what a one-scan commit writes to the WAL: 4 frames of a 24-byte header and a 1 KiB
// page (bench_scan_ack.cpp says how that was counted).
constexpr std::size_t kFrameBytes = 4 * (24 + 1024);
// As large as the WAL shelfnode keeps (store::kWalReserveBytes).
constexpr std::size_t kInPlaceFileBytes = std::size_t{4} << 20;

}  // namespace

RawSync::RawSync(const std::string& path, Kind kind) : kind_(kind) {
  const bool in_place = kind == Kind::kInPlaceFdatasync;
  fd_ =
      open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC | (in_place ? 0 : O_APPEND), 0644);
  if (fd_ < 0 || !in_place) return;
  const std::string block(65536, 'w');
  bool written = true;
  for (std::size_t at = 0; written && at < kInPlaceFileBytes; at += block.size()) {
    written = write(fd_, block.data(), block.size()) == static_cast<ssize_t>(block.size());
  }
  if (!written || fdatasync(fd_) != 0) {
    close(fd_);
    fd_ = -1;
  }
}

RawSync::~RawSync() {
  if (fd_ >= 0) close(fd_);
}

double RawSync::timed_write() {
  const bool in_place = kind_ == Kind::kInPlaceFdatasync;
  const std::size_t bytes = in_place ? kFrameBytes : kAppendBytes;
  const std::string record(bytes, 'r');
  if (in_place && offset_ + bytes > kInPlaceFileBytes) offset_ = 0;
  const SteadyTime t0 = now();
  const ssize_t n = in_place ? pwrite(fd_, record.data(), bytes, static_cast<off_t>(offset_))
                             : write(fd_, record.data(), bytes);
  if (n != static_cast<ssize_t>(bytes)) return -1;
  if ((kind_ == Kind::kAppendFsync ? fsync(fd_) : fdatasync(fd_)) != 0) return -1;
  offset_ += bytes;
  return micros_between(t0, now());
}

}  // namespace shelfnode::bench
