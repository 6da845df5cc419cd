// One frame built as shelfnode's own code is (shelfnode_code_flags: no exceptions, and in the
// device profile no unwind tables), for terminate_test.cpp to throw through.
#include "through_own_code.h"

namespace {

volatile int calls_returned = 0;  // work after the call, so it is not a tail call (no frame)

}  // namespace

void call_through_own_code(void (*callback)()) {
  callback();
  calls_returned = calls_returned + 1;
}
