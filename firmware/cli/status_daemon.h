#pragma once

#include <cJSON.h>

#include "shelfnode/store/data_dir.h"

namespace shelfnode::cli {

// The daemon part of `status`: whether one runs on this data dir and, from its control
// socket, its PID, uptime, scanners, last and next rounds. Read before the database is opened.
class DaemonFacts {
 public:
  static DaemonFacts read(const store::DataDirPaths& paths);
  ~DaemonFacts();
  DaemonFacts(DaemonFacts&& other) noexcept;
  DaemonFacts(const DaemonFacts&) = delete;
  DaemonFacts& operator=(const DaemonFacts&) = delete;
  DaemonFacts& operator=(DaemonFacts&&) = delete;

  void add_json(cJSON* root) const;  // "daemon": null or the daemon's object
  void print_text() const;           // "daemon:", "scanners:" and "rounds:" lines

 private:
  DaemonFacts() = default;
  int pid_ = 0;
  cJSON* answer_ = nullptr;  // the daemon's status object, owned
  std::string problem_;      // why the daemon did not answer
};

}  // namespace shelfnode::cli
