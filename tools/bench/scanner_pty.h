#pragma once

#include <string>
#include <string_view>

namespace shelfnode::bench {

// A serial barcode scanner played by the benchmark: the master side of a pseudo-terminal.
// The daemon opens the slave as `serial:/dev/pts/N` from config.json and reads it with real
// termios (raw, as a USB CDC-ACM scanner); what is written here arrives there as the
// scanner's bytes. The master stays open across daemon restarts, so the device is always
// "plugged in".
class ScannerPty {
 public:
  ScannerPty() = default;
  ~ScannerPty();
  ScannerPty(const ScannerPty&) = delete;
  ScannerPty& operator=(const ScannerPty&) = delete;

  bool open(std::string& error);
  const std::string& slave() const { return slave_; }
  // One scan as the scanner sends it (CR LF after the code); false if the write failed.
  bool send_scan(std::string_view code);

 private:
  int master_ = -1;
  std::string slave_;
};

}  // namespace shelfnode::bench
