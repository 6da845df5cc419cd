#include "round_asker.h"

#include <vector>

#include "bench_support.h"
#include "child_process.h"

namespace shelfnode::bench {
namespace {

constexpr int kSyncTimeoutMs = 300'000;
// A `sync` back in less than this was refused rather than run: wait before asking again, so
// that a daemon that refuses is not asked in a tight loop.
constexpr double kRefusedUs = 100'000;
constexpr std::chrono::milliseconds kPause{200};

}  // namespace

RoundAsker::RoundAsker(std::string binary, std::string data_dir)
    : binary_(std::move(binary)), data_dir_(std::move(data_dir)), thread_([this] { run(); }) {}

RoundAsker::~RoundAsker() {
  stop();
}

void RoundAsker::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void RoundAsker::run() {
  const std::vector<std::string> sync{binary_, "--data-dir", data_dir_, "sync"};
  std::string out;
  while (!stop_) {
    const SteadyTime t0 = now();
    ++exits_[run_to_end(sync, data_dir_ + "/asker.stderr", kSyncTimeoutMs, out)];
    if (micros_between(t0, now()) < kRefusedUs) std::this_thread::sleep_for(kPause);
  }
}

std::string RoundAsker::describe_exits() const {
  std::string text;
  for (const auto& [code, count] : exits_) {
    text += (text.empty() ? "" : ", ") + std::to_string(count) + " x exit " + std::to_string(code);
  }
  return text.empty() ? "none" : text;
}

}  // namespace shelfnode::bench
