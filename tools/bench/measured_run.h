#pragma once

#include <string>
#include <vector>

namespace shelfnode::bench {

// One child process run to completion, measured from the outside.
struct MeasuredRun {
  int exit_code = -1;  // 128 + signal when killed
  double wall_seconds = 0;
  // The program's own peak resident set: ru_maxrss as peak_rss (the wrapper it runs under)
  // sees it, not as this process would (peak_rss.c says why that would be wrong).
  long max_rss_kib = 0;
  // Peaks of /proc/PID/status while it ran, sampled every few ms (a short spike between
  // samples can be missed; ru_maxrss cannot miss it): private heap vs mapped files (shared
  // libraries, mostly shared with every other process that maps them).
  long sampled_anon_kib = 0;
  long sampled_file_kib = 0;
};

// Runs `argv` (argv[0] is a path) under peak_rss with stdin from /dev/null and stdout/stderr
// appended to the given files. A child still running after `timeout_seconds` is killed and reaped
// by PID. False with `error` when it could not be started.
bool run_measured(const std::vector<std::string>& argv, const std::string& stdout_path,
                  const std::string& stderr_path, int timeout_seconds, MeasuredRun& out,
                  std::string& error);

}  // namespace shelfnode::bench
