#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "shelfnode/platform/line_framer.h"
#include "shelfnode/platform/scan_source.h"

namespace shelfnode::platform {

// Scans typed or piped in on a descriptor (stdin, a pipe, a socket), one per line: CR, LF or
// CRLF ends a scan, and a last line without a terminator is a scan at end of input. The
// descriptor is not made non-blocking (stdin is shared with the shell that started us): it
// is read once per readiness, which does not block.
class StdinSource final : public ScanSource {
 public:
  explicit StdinSource(int fd, std::size_t max_line) : fd_(fd), framer_(max_line) {}

  Status start() override { return Status::Ok(); }
  std::vector<int> fds() const override;
  std::optional<Instant> deadline() const override { return std::nullopt; }
  Status on_readable(int fd, std::vector<Scan>& out) override;
  Status on_deadline(Instant, std::vector<Scan>&) override { return Status::Ok(); }
  bool ended() const override { return ended_; }

 private:
  void deliver(std::vector<Scan>& out);

  int fd_;
  LineFramer framer_;
  std::vector<std::string> lines_;  // framed by the last read, not yet handed out
  bool ended_ = false;
};

}  // namespace shelfnode::platform
