#include "shelfnode/core/out_of_memory.h"

#include <unistd.h>

#include <new>

namespace shelfnode {
namespace {

[[noreturn]] void out_of_memory() {
  // No allocation, no stdio: only write(2) is sure to work now.
  static const char kLine[] =
      "shelfnode: out of memory: stopped before acknowledging anything more (every OK already "
      "given is on disk); free memory on the device or lower its load, then start again\n";
  (void)!write(STDERR_FILENO, kLine, sizeof kLine - 1);
  _exit(kOutOfMemoryExit);
}

}  // namespace

void install_out_of_memory_handler() {
  std::set_new_handler(out_of_memory);
}

}  // namespace shelfnode
