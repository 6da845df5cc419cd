#include "scanner_pty.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace shelfnode::bench {

ScannerPty::~ScannerPty() {
  if (master_ >= 0) close(master_);
}

bool ScannerPty::open(std::string& error) {
  master_ = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master_ < 0 || grantpt(master_) != 0 || unlockpt(master_) != 0) {
    error = std::string("pseudo-terminal: ") + std::strerror(errno);
    return false;
  }
  const char* name = ptsname(master_);
  if (name == nullptr) {
    error = std::string("ptsname: ") + std::strerror(errno);
    return false;
  }
  slave_ = name;
  return true;
}

bool ScannerPty::send_scan(std::string_view code) {
  std::string frame(code);
  frame += "\r\n";
  std::string_view rest = frame;
  while (!rest.empty()) {
    const ssize_t n = write(master_, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace shelfnode::bench
