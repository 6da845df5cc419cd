#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "shelfnode/platform/feedback.h"
#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::platform {

// The reply line itself ("OK ..." or "ERR ..."), '\n'-terminated, on a terminal: a serial
// scanner's tty, or the daemon's stdout (a person's terminal, or the journal).
//
// Written without ever waiting. A line the terminal cannot take at once is dropped and
// counted: a terminal that is stuck (flow control held off, a reader that stopped reading)
// must never hold up scanning, and the ledger, not this line, is the record of the scan.
class TerminalFeedback final : public Feedback {
 public:
  // Writes to its own copy of `fd` (see set_terminal()).
  explicit TerminalFeedback(int fd);

  Status start() override { return Status::Ok(); }
  void acknowledged(std::string_view reply) override { say(reply); }
  void refused(std::string_view reply) override { say(reply); }
  std::optional<Instant> deadline() const override { return std::nullopt; }
  Status on_deadline(Instant) override { return Status::Ok(); }
  void set_terminal(int fd) override;

  // Lines not written at all because the terminal would have blocked or failed.
  std::uint64_t lines_dropped() const { return dropped_; }

 private:
  void say(std::string_view reply);
  // Bytes written, or -1 with errno; never blocks, never raises SIGPIPE.
  ssize_t write_some(const char* data, std::size_t size) const;
  void drop(int err);

  UniqueFd out_;
  bool socket_ = false;  // send() with MSG_DONTWAIT instead of write()
  // The end of a line the terminal took only in part: finished before any later line, so two
  // replies never run into one.
  std::string rest_;
  std::uint64_t dropped_ = 0;
  bool said_dropping_ = false;
};

}  // namespace shelfnode::platform
