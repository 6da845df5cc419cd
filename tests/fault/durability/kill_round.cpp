#include "fault/durability/kill_round.h"

#include <signal.h>
#include <sys/wait.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

#include "support/process.h"

namespace shelfnode::fault {
namespace {

using Clock = std::chrono::steady_clock;

bool wait_until(const std::function<bool()>& done, int timeout_ms) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  while (!done()) {
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return true;
}

// Whether `pid` has ended (without reaping it: WNOWAIT).
bool ended(pid_t pid) {
  siginfo_t info{};
  return waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
         info.si_pid == pid;
}

}  // namespace

RoundOutcome run_round(const std::string& data_dir, const RoundPlan& plan) {
  RoundOutcome out;
  testing::Child child(scan_argv(data_dir, plan.sell ? "sell" : "receive"));
  const pid_t pid = child.pid();
  std::atomic<bool> killed{false}, dead{false};
  std::atomic<std::size_t> reply_count{0};
  // The PID is only reaped after every thread that may signal it has been joined, so it can
  // not be reused by another process in between.
  auto kill_once = [&killed, pid] {
    if (!killed.exchange(true)) ::kill(pid, SIGKILL);
  };

  std::thread reader([&] {
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    std::string line;
    for (;;) {
      if (child.read_line(line, 20)) {
        out.replies.push_back(line);
        const std::size_t n = reply_count.fetch_add(1) + 1;
        if (plan.kill_at == KillAt::kAfterReplies && n == plan.after_replies) kill_once();
        continue;
      }
      if (dead.load()) {
        while (child.read_line(line, 500)) out.replies.push_back(line);
        return;
      }
      if (Clock::now() > deadline) return;
      std::this_thread::yield();
    }
  });
  std::thread killer;
  auto arm_killer = [&] {
    killer = std::thread([&kill_once, us = plan.delay_us] {
      std::this_thread::sleep_for(std::chrono::microseconds(us));
      kill_once();
    });
  };

  if (plan.kill_at == KillAt::kStartup || plan.kill_at == KillAt::kTimed) arm_killer();
  for (const Chunk& chunk : plan.chunks) {
    if (killed.load()) break;
    if (chunk.arm_killer && !killer.joinable()) arm_killer();
    std::string text;
    for (const ScanLine& l : chunk.lines) text += l.text + "\n";
    out.sent.insert(out.sent.end(), chunk.lines.begin(), chunk.lines.end());
    if (!child.write_stdin(text)) break;  // EPIPE: already dead
    if (chunk.pause == Pause::kSleep) {
      std::this_thread::sleep_for(std::chrono::microseconds(chunk.sleep_us));
    } else if (chunk.pause == Pause::kDrain) {
      const std::size_t want = out.sent.size();
      wait_until([&] { return killed.load() || reply_count.load() >= want || ended(pid); }, 10000);
    }
  }
  if (killer.joinable()) killer.join();
  if (!killed.load()) {
    // Script done before the planned moment: kill it once it has answered everything (idle).
    const std::size_t want = out.sent.size();
    // A process that ended on its own (a refusal, e.g. exit 75 when the data dir is locked)
    // will answer nothing more.
    wait_until([&] { return killed.load() || reply_count.load() >= want || ended(pid); }, 10000);
    kill_once();
  }
  // Wait for the death without reaping (WNOWAIT), then let the reader drain the pipe.
  wait_until([pid] { return ended(pid); }, 10000);
  dead.store(true);
  reader.join();
  out.exit_code = child.wait(5000);
  return out;
}

std::vector<std::string> check_replies(const RoundOutcome& r, bool sell, AckedMovements& acked) {
  std::vector<std::string> bad;
  if (r.exit_code != 128 + SIGKILL) {
    bad.push_back("scan process ended with " + std::to_string(r.exit_code) +
                  " instead of dying by SIGKILL (75 = data dir still locked by a dead writer)");
  }
  if (r.replies.size() > r.sent.size()) {
    bad.push_back(std::to_string(r.replies.size()) + " replies for " +
                  std::to_string(r.sent.size()) + " scans");
  }
  for (std::size_t i = 0; i < r.replies.size() && i < r.sent.size() && bad.size() < 10; ++i) {
    const std::string& reply = r.replies[i];
    const ScanLine& line = r.sent[i];
    Ack a;
    if (parse_ack(reply, a)) {
      if (!line.valid || a.sku != line.sku || a.qty != line.qty) {
        bad.push_back("scan '" + line.text + "' answered '" + reply + "'");
      } else if (!acked.emplace(a.uuid, ExpectedMovement{a.sku, sell ? -a.qty : a.qty}).second) {
        bad.push_back("UUID acknowledged twice: " + a.uuid);
      }
    } else if (reply.compare(0, 4, "ERR ") != 0 || line.valid) {
      bad.push_back("scan '" + line.text + "' answered '" + reply + "'");
    }
  }
  return bad;
}

}  // namespace shelfnode::fault
