#pragma once

namespace shelfnode {

// The exit status of a process that ran out of memory: 70, as for any internal failure.
constexpr int kOutOfMemoryExit = 70;

// Makes a failed C++ allocation end the process with one clear line on stderr and
// kOutOfMemoryExit, instead of std::terminate's abort (exit 134, no reason given). Nothing is
// lost by stopping there: a scan is acknowledged only after its commit, so whatever was in
// flight was never acknowledged, and SQLite rolls the open transaction back on the next open.
void install_out_of_memory_handler();

}  // namespace shelfnode
