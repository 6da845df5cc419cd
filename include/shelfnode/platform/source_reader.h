#pragma once

#include <cstddef>
#include <deque>
#include <vector>

#include "shelfnode/platform/scan_source.h"

namespace shelfnode::platform {

// A blocking driver over one ScanSource, for `shelfnode scan`: it waits (poll on the source's
// descriptors, until its deadline if it has one) for the first scan or refusal, then takes
// every further one that is already waiting, without waiting for more, up to `max_scans`.
// This is what lets a scan session commit a burst in one transaction while a single scan
// still goes out at once.
class SourceReader {
 public:
  explicit SourceReader(ScanSource& source) : source_(source) {}

  // Fills `scans`. False once the source has ended and everything was delivered.
  Result<bool> next_batch(std::vector<Scan>& scans, std::size_t max_scans);

  // True when next_batch() would not block for long: a scan is waiting, one is half read,
  // input (or its end) arrives within `timeout_ms`. False means the scanner was quiet that
  // long: idle time, where a scan session does the work it keeps off the acknowledgement path.
  bool input_within(int timeout_ms) const;

 private:
  // Waits at most `timeout_ms` (-1: for as long as it takes) for the source's descriptors or
  // its deadline and serves what came. True when anything was served.
  Result<bool> serve(int timeout_ms);

  ScanSource& source_;
  std::deque<Scan> ready_;  // delivered by the source, not yet handed out
  std::vector<Scan> fresh_;
};

}  // namespace shelfnode::platform
