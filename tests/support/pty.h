#pragma once

// A pseudo-terminal pair standing in for a serial scanner: the test writes the scanner's
// bytes into the master, shelfnode reads the slave with real termios. Closing the master is
// what an unplugged USB CDC-ACM scanner looks like to the reader (a hang-up).

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::testing {

class Pty {
 public:
  Pty() {
    master_.reset(posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC));
    EXPECT_TRUE(master_.valid());
    EXPECT_EQ(grantpt(master_.get()), 0);
    EXPECT_EQ(unlockpt(master_.get()), 0);
    slave_ = ptsname(master_.get());
  }
  const std::string& slave() const { return slave_; }
  void write_all(const std::string& s) {
    ASSERT_EQ(write(master_.get(), s.data(), s.size()), static_cast<ssize_t>(s.size()));
  }
  void close_master() { master_.reset(); }

 private:
  platform::UniqueFd master_;
  std::string slave_;
};

// Points the symlink `link` at `target` atomically (a new link renamed over the old one), as
// udev re-points /dev/serial/by-id on a replug.
inline void point_symlink(const std::string& link, const std::string& target) {
  const std::string tmp = link + ".new";
  ASSERT_EQ(symlink(target.c_str(), tmp.c_str()), 0);
  ASSERT_EQ(std::rename(tmp.c_str(), link.c_str()), 0);
}

}  // namespace shelfnode::testing
