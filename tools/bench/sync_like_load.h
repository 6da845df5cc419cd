#pragma once

#include <atomic>
#include <string>
#include <thread>

namespace shelfnode::bench {

// What a sync round does to a data dir that can run beside a scan session today, on a thread
// of the benchmark until it is destroyed: `shelfnode stock --json` (every SKU read in one
// statement, so a reader holds a snapshot as the round's planner does, which keeps a
// checkpoint from starting the WAL over), then a copy of the database file written and
// synced (the backup that ends a round), then a 20 ms pause, round after round. What it
// cannot do is write the ledger: the data dir's single-writer lock refuses a second writer
// (DESIGN invariant 7), so a sync round's own commits are not part of it.
class SyncLikeLoad {
 public:
  SyncLikeLoad(std::string binary, std::string data_dir);
  ~SyncLikeLoad();
  SyncLikeLoad(const SyncLikeLoad&) = delete;
  SyncLikeLoad& operator=(const SyncLikeLoad&) = delete;

  // Ends the load (after the round under way); the destructor does too.
  void stop();
  // After stop(): rounds done, and "" when every round worked, else what failed first.
  long rounds() const { return rounds_; }
  const std::string& problem() const { return problem_; }

 private:
  void run();
  bool copy_database();

  std::string binary_;
  std::string data_dir_;
  std::atomic<bool> stop_{false};
  std::atomic<long> rounds_{0};
  std::string problem_;  // written by the thread, read after join
  std::thread thread_;
};

}  // namespace shelfnode::bench
