#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shelfnode/platform/framing.h"
#include "shelfnode/platform/line_framer.h"
#include "shelfnode/platform/scan_source.h"

namespace shelfnode::platform {

// Cuts the bytes of a serial scanner into scans: on the suffix (CR, LF or CRLF for Enter; HT
// for Tab) and on a gap between bytes. Pure logic: bytes and the times they were read in,
// scans and refusals out.
//
// A serial line gives no timestamps, only the time a read returned, which can be long after
// the bytes came (while a batch was being committed). So a gap counts only once it is proven:
// a read found the line empty at least `gap` after the last byte (quiet()). Bytes found
// waiting later may have come in time, so they continue the frame; cutting there could turn
// the tail of one scan into a scan of its own.
//
// A frame the framer itself knows is garbled is refused: a NUL byte (what a UART reads on a
// framing error: the wrong baud rate) or bytes that are not UTF-8. Control characters such as
// GS are the scan session's to judge, and pass.
class SerialFramer {
 public:
  SerialFramer(ScanFraming framing, int baud);

  void feed(std::string_view bytes, Instant at, std::vector<Scan>& out);
  // A read at `at` found nothing waiting.
  void quiet(Instant at);
  std::optional<Instant> deadline() const;
  // `now` has reached deadline(): ends the frame if the line was found quiet since.
  void expire(Instant now, std::vector<Scan>& out);
  // The line went away: a partial frame is refused.
  void unplugged(std::vector<Scan>& out);

 private:
  bool gap_proven() const;
  void end_on_gap(std::vector<Scan>& out);
  void deliver(std::vector<std::string>& frames, std::vector<Scan>& out);

  ScanFraming framing_;
  int baud_;
  LineFramer lines_;
  std::vector<std::string> frames_;
  Instant last_{};      // the read that brought the last byte
  Instant quiet_at_{};  // the last read that found the line empty, after last_
};

}  // namespace shelfnode::platform
