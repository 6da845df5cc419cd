#pragma once

#include <atomic>
#include <map>
#include <string>
#include <thread>

namespace shelfnode::bench {

// Presses "sync now" over and over: `shelfnode --data-dir D sync` back to back on a thread of
// the benchmark. While the daemon runs, that command asks it for a round over its control
// socket and waits for the round's end, so the daemon always has a round running or asked
// for. Stops after the command under way when stop() is called (or this goes away).
class RoundAsker {
 public:
  RoundAsker(std::string binary, std::string data_dir);
  ~RoundAsker();
  RoundAsker(const RoundAsker&) = delete;
  RoundAsker& operator=(const RoundAsker&) = delete;

  void stop();
  // After stop(): how many `sync` commands ended with each exit code.
  const std::map<int, int>& exits() const { return exits_; }
  std::string describe_exits() const;

 private:
  void run();
  std::string binary_, data_dir_;
  std::atomic<bool> stop_{false};
  std::map<int, int> exits_;  // written by the thread, read after join
  std::thread thread_;
};

}  // namespace shelfnode::bench
