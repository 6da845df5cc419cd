#include "shelfnode/platform/source_reader.h"

#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace shelfnode::platform {
namespace {

// Milliseconds until `deadline`, rounded up so that poll never wakes just before it.
int ms_until(Instant deadline, Instant now) {
  if (deadline <= now) return 0;
  const auto wait = std::chrono::ceil<std::chrono::milliseconds>(deadline - now).count();
  return static_cast<int>(std::min<decltype(wait)>(wait, 60 * 60 * 1000));
}

constexpr int kMaxRounds = 1024;

}  // namespace

Result<bool> SourceReader::serve(int timeout_ms) {
  const std::vector<int> fds = source_.fds();
  const std::optional<Instant> deadline = source_.deadline();
  if (deadline) {
    const int until = ms_until(*deadline, std::chrono::steady_clock::now());
    timeout_ms = timeout_ms < 0 ? until : std::min(timeout_ms, until);
  }
  if (fds.empty() && timeout_ms < 0) {
    return internal_error("scan source has nothing to wait for and has not ended");
  }
  std::vector<pollfd> polled;
  for (int fd : fds) polled.push_back(pollfd{fd, POLLIN, 0});
  const int n = poll(polled.data(), polled.size(), timeout_ms);
  if (n < 0) {
    if (errno == EINTR) return false;
    return io_error(std::string("waiting for scans failed: ") + std::strerror(errno));
  }
  bool served = false;
  for (const pollfd& p : polled) {
    if (p.revents == 0) continue;
    SHELFNODE_RETURN_IF_ERROR(source_.on_readable(p.fd, fresh_));
    served = true;
  }
  const std::optional<Instant> due = source_.deadline();
  const Instant now = std::chrono::steady_clock::now();
  if (due && *due <= now) {
    SHELFNODE_RETURN_IF_ERROR(source_.on_deadline(now, fresh_));
    served = true;
  }
  for (Scan& s : fresh_) ready_.push_back(std::move(s));
  fresh_.clear();
  return served;
}

bool SourceReader::input_within(int timeout_ms) const {
  if (!ready_.empty() || source_.ended() || source_.deadline()) return true;
  std::vector<pollfd> polled;
  for (int fd : source_.fds()) polled.push_back(pollfd{fd, POLLIN, 0});
  return poll(polled.data(), polled.size(), timeout_ms) > 0;
}

Result<bool> SourceReader::next_batch(std::vector<Scan>& scans, std::size_t max_scans) {
  scans.clear();
  // Block until at least one scan (or the end of input) is here.
  while (!source_.ended() && ready_.empty()) {
    Result<bool> served = serve(-1);
    if (!served.ok()) return served.status();
  }
  // Then take whatever else is already waiting, without waiting for more (a bounded number of
  // rounds, so a device that never stops talking cannot hold the batch back for ever).
  for (int round = 0; round < kMaxRounds && !source_.ended() && ready_.size() < max_scans;
       ++round) {
    Result<bool> served = serve(0);
    if (!served.ok()) return served.status();
    if (!*served) break;
  }
  while (!ready_.empty() && scans.size() < max_scans) {
    scans.push_back(std::move(ready_.front()));
    ready_.pop_front();
  }
  return !scans.empty() || !ready_.empty() || !source_.ended();
}

}  // namespace shelfnode::platform
