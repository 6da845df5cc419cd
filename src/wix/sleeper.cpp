#include "shelfnode/wix/sleeper.h"

#include <chrono>
#include <thread>

namespace shelfnode::wix {

void SystemSleeper::sleep_ms(std::int64_t ms) {
  if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

}  // namespace shelfnode::wix
