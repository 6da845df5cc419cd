#pragma once

// What one SIGKILL round does, drawn from a seeded PRNG so a failing round can be replayed:
// the scans to stream (in chunks, with pauses) and the moment to kill the scan process.

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace shelfnode::fault {

// One scanned line and what the device must answer: OK <sku> <qty> if valid, else ERR.
struct ScanLine {
  std::string text;
  bool valid = true;
  std::string sku;
  std::int64_t qty = 1;
};

enum class KillAt {
  kStartup,       // within 3 ms of the start: opening the database, before or at the first scan
  kTimed,         // after a random delay while scans stream
  kAfterReplies,  // as soon as the K-th reply has been read
  kMidBurst,      // shortly after a burst of 50..500 lines was written (inside a group commit)
};
const char* kill_name(KillAt k);

enum class Pause { kNone, kSleep, kDrain };

struct Chunk {
  std::vector<ScanLine> lines;  // written with one write()
  Pause pause = Pause::kNone;   // after it: none, a short sleep, or until all are answered
  std::uint32_t sleep_us = 0;
  bool arm_killer = false;  // start the kill timer just before writing this chunk
};

struct RoundPlan {
  KillAt kill_at = KillAt::kTimed;
  bool sell = false;  // else receive
  std::uint32_t delay_us = 0;
  std::size_t after_replies = 0;
  std::vector<Chunk> chunks;

  std::string describe() const;
};

RoundPlan plan_round(std::mt19937_64& rng);

}  // namespace shelfnode::fault
