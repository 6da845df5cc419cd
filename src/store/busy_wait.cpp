#include <time.h>

#include "shelfnode/store/database.h"

namespace shelfnode::store {
namespace {

constexpr int kFineSteps = 20;        // 20 × 100 µs: the first 2 ms
constexpr long kFineStepNs = 100000;  // 100 µs
constexpr long kSteadyStepNs = 1000000;

}  // namespace

// `count` is how many times this lock was waited for already. The sleeps add up to at least
// kBusyTimeoutMs before the statement is given SQLITE_BUSY, as with sqlite3_busy_timeout.
int Database::fine_busy_wait(void* self, int count) {
  const long long waited_ns = count < kFineSteps
                                  ? static_cast<long long>(count) * kFineStepNs
                                  : kFineSteps * kFineStepNs +
                                        static_cast<long long>(count - kFineSteps) * kSteadyStepNs;
  if (waited_ns >= static_cast<long long>(kBusyTimeoutMs) * 1000000) return 0;
  const timespec step{0, count < kFineSteps ? kFineStepNs : kSteadyStepNs};
  nanosleep(&step, nullptr);
  ++static_cast<Database*>(self)->busy_waits_;
  return 1;
}

void Database::wait_finely_when_busy() {
  fine_busy_wait_ = true;
  restore_busy_wait();
}

void Database::restore_busy_wait() {
  if (fine_busy_wait_) {
    sqlite3_busy_handler(db_, &Database::fine_busy_wait, this);
  } else {
    sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  }
}

}  // namespace shelfnode::store
