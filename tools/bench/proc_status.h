#pragma once

#include <sys/types.h>

#include <string>

namespace shelfnode::bench {

// What /proc/PID/status says about a live process, read from the outside (the process is
// not disturbed). Memory is the process's own mm: VmHWM is that mm's high-water mark, which
// execve() starts afresh, unlike wait4()'s ru_maxrss (see bench_daemon.cpp).
struct ProcStatus {
  bool ok = false;
  long vm_rss_kib = 0;
  long vm_hwm_kib = 0;
  long rss_anon_kib = 0;
  long rss_file_kib = 0;
  long rss_shmem_kib = 0;
  int threads = 0;
  // Summed over every thread (/proc/PID/task/*/status): each thread counts its own.
  long voluntary_switches = 0;
  long involuntary_switches = 0;
  long switches() const { return voluntary_switches + involuntary_switches; }
};

ProcStatus read_proc_status(pid_t pid);

// Resident KiB of the process's mappings of files whose path ends with `suffix`
// (/proc/PID/smaps): how much of RssFile is, say, the memory-mapped database.
long mapping_rss_kib(pid_t pid, const std::string& suffix);

// "4.1 MiB"
std::string mib_text(long kib);

}  // namespace shelfnode::bench
