#pragma once

#include <string>

namespace shelfnode::bench {

// Counts what happens to the entries of one directory (inotify, the same events the daemon's
// device source watches for: created, removed, moved, attributes changed). The daemon watches
// its scanner's directory while the scanner is attached, so each such event wakes it; this
// says how many came from elsewhere during an idle window.
class DirectoryEvents {
 public:
  DirectoryEvents() = default;
  ~DirectoryEvents();
  DirectoryEvents(const DirectoryEvents&) = delete;
  DirectoryEvents& operator=(const DirectoryEvents&) = delete;

  bool watch(const std::string& dir);
  // Events since watch() or the last call; -1 when the watch could not be set.
  int take();

 private:
  int fd_ = -1;
};

}  // namespace shelfnode::bench
