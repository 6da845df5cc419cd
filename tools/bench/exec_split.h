#pragma once

#include <string>
#include <vector>

#include "notify_listener.h"

namespace shelfnode::bench {

// Where a start of `shelfnode daemon` spends its time, and what the shelfnode half holds in
// memory, seen through ptrace(2). The child is forked with PTRACE_TRACEME, so the kernel
// stops it at each execve: once as shelfnode, once as shelfnoded (PTRACE_O_TRACEEXEC), and
// the stops are timestamped. A stop costs two context switches (tens of µs); nothing else is
// traced, so the start runs at its own speed between them.
struct ExecSplit {
  double shelfnode_loaded_us = 0;   // fork + execve(shelfnode): its image is in, ld.so not run
  double shelfnoded_loaded_us = 0;  // shelfnode ran (ld.so mapping libcurl & co, main, execv)
  double ready_us = 0;              // READY=1 arrived
};

// One timed start; the daemon is stopped with SIGTERM and reaped before this returns. False
// with `error`.
bool split_one_start(const std::vector<std::string>& argv, NotifyListener& notify,
                     const std::string& stderr_path, ExecSplit& out, std::string& error);

// One untimed start that stops shelfnode on its way into execve(shelfnoded) (syscall stops)
// and reads /proc/PID/status there: the memory of the shelfnode half at its end, which a
// VmHWM read after the exec would include if exec did not start a new mm. Then it goes on to
// READY and reads the same fields again. Both in KiB; the daemon is stopped and reaped.
struct ExecMemory {
  long before_exec_hwm_kib = 0, before_exec_rss_kib = 0;
  long after_ready_hwm_kib = 0, after_ready_rss_kib = 0;
};
bool memory_across_exec(const std::vector<std::string>& argv, NotifyListener& notify,
                        const std::string& stderr_path, ExecMemory& out, std::string& error);

}  // namespace shelfnode::bench
