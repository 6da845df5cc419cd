#include "fault/durability/kill_plan.h"

#include "fault/durability/fault_env.h"

namespace shelfnode::fault {
namespace {

ScanLine random_line(std::mt19937_64& rng) {
  ScanLine l;
  const int pick = static_cast<int>(rng() % 100);
  l.sku = sku_name(1 + static_cast<int>(rng() % kSkuCount));
  if (pick < 6) {
    l.text = "NOPE-" + std::to_string(rng() % 1000);  // not in the catalog
    l.valid = false;
  } else if (pick < 8) {
    l.text = l.sku + "*0";  // quantity out of range
    l.valid = false;
  } else if (pick < 30) {
    l.qty = 1 + static_cast<std::int64_t>(rng() % 99);
    l.text = l.sku + "*" + std::to_string(l.qty);
  } else {
    l.text = l.sku;
  }
  return l;
}

Chunk random_chunk(std::mt19937_64& rng, std::size_t size) {
  Chunk c;
  for (std::size_t i = 0; i < size; ++i) c.lines.push_back(random_line(rng));
  const int pause = static_cast<int>(rng() % 100);
  c.pause = pause < 40 ? Pause::kNone : pause < 70 ? Pause::kSleep : Pause::kDrain;
  c.sleep_us = static_cast<std::uint32_t>(rng() % 2000);
  return c;
}

std::size_t random_chunk_size(std::mt19937_64& rng) {
  const int pick = static_cast<int>(rng() % 100);
  if (pick < 55) return 1;
  if (pick < 85) return 2 + rng() % 19;
  return 21 + rng() % 280;  // a burst: one group commit (up to 512 per commit)
}

}  // namespace

const char* kill_name(KillAt k) {
  switch (k) {
    case KillAt::kStartup:
      return "startup";
    case KillAt::kTimed:
      return "timed";
    case KillAt::kAfterReplies:
      return "after-replies";
    case KillAt::kMidBurst:
      return "mid-burst";
  }
  return "?";
}

std::string RoundPlan::describe() const {
  std::size_t lines = 0;
  for (const auto& c : chunks) lines += c.lines.size();
  return std::string("kill=") + kill_name(kill_at) + " delay_us=" + std::to_string(delay_us) +
         " after_replies=" + std::to_string(after_replies) +
         " mode=" + (sell ? "sell" : "receive") + " chunks=" + std::to_string(chunks.size()) +
         " lines=" + std::to_string(lines);
}

RoundPlan plan_round(std::mt19937_64& rng) {
  RoundPlan p;
  const int pick = static_cast<int>(rng() % 100);
  p.kill_at = pick < 12   ? KillAt::kStartup
              : pick < 45 ? KillAt::kTimed
              : pick < 80 ? KillAt::kAfterReplies
                          : KillAt::kMidBurst;
  p.sell = rng() % 4 == 0;
  switch (p.kill_at) {
    case KillAt::kStartup:
      p.delay_us = static_cast<std::uint32_t>(rng() % 3000);
      break;
    case KillAt::kTimed:
      p.delay_us = static_cast<std::uint32_t>(rng() % 2 ? rng() % 5000 : rng() % 80000);
      break;
    case KillAt::kAfterReplies:
      p.after_replies = 1 + rng() % 120;
      break;
    case KillAt::kMidBurst:
      p.delay_us = static_cast<std::uint32_t>(rng() % 4000);
      break;
  }
  if (p.kill_at == KillAt::kMidBurst) {
    for (std::size_t i = rng() % 6; i > 0; --i) {
      p.chunks.push_back(random_chunk(rng, 1));
      p.chunks.back().pause = Pause::kDrain;
    }
    p.chunks.push_back(random_chunk(rng, 50 + rng() % 451));
    p.chunks.back().arm_killer = true;
    p.chunks.back().pause = Pause::kNone;
  }
  const std::size_t target = 1 + rng() % 400;
  for (std::size_t lines = 0; lines < target;) {
    p.chunks.push_back(random_chunk(rng, random_chunk_size(rng)));
    lines += p.chunks.back().lines.size();
  }
  return p;
}
}  // namespace shelfnode::fault
