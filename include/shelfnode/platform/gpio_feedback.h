#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "shelfnode/platform/feedback.h"
#include "shelfnode/platform/gpio_line.h"

namespace shelfnode::platform {

// Beeper or LED patterns on one GPIO line.
//
// A clerk must tell the two outcomes apart by ear or from the corner of an eye, without
// looking at a screen, so they differ in both length and count: OK is one short pip, a
// refusal three long beeps. Neither can be heard as part of the other.
//
// Patterns play whole, in the order of the replies, each followed by a rest. When replies come
// faster than patterns play, at most kMaxWaiting wait behind the one playing. The rule when one
// more comes: an OK is dropped (the clerk already has patterns to hear, and the terminal line
// still says every reply); a refusal takes the place of the newest waiting OK, which is
// dropped; with only refusals waiting it is dropped, for the last one waiting sounds the same.
// So a refusal is never lost for the sake of an OK, and the queue stays bounded.
//
// Each step lasts at least its length, counted from the on_deadline() that began it: a loop
// that wakes late lengthens a pulse or a gap but never shortens one.
class GpioFeedback final : public Feedback {
 public:
  // Short enough to stay out of the way at scanning speed, long enough to hear in a shop.
  static constexpr std::chrono::milliseconds kOkPulse{60};
  // Twice an OK pip and three of them: "no" is longer and repeated, not a louder "yes".
  static constexpr std::chrono::milliseconds kRefusedPulse{120};
  static constexpr std::chrono::milliseconds kRefusedGap{100};
  static constexpr int kRefusedPulses = 3;
  // Off after every pattern, twice the gap inside a refusal, so the ear groups the pulses of
  // one pattern and two OKs in a row stay two pips.
  static constexpr std::chrono::milliseconds kRest{200};
  static constexpr std::size_t kMaxWaiting = 8;

  // `name` says which line in log lines ("gpio:/dev/gpiochip0,line=17").
  GpioFeedback(std::unique_ptr<GpioLine> line, std::string name);

  Status start() override;
  void acknowledged(std::string_view reply) override;
  void refused(std::string_view reply) override;
  std::optional<Instant> deadline() const override;
  Status on_deadline(Instant now) override;

  // Patterns not played because the queue was full.
  std::uint64_t patterns_dropped() const { return dropped_; }
  // Changes of the line that failed (logged the first time only).
  std::uint64_t line_failures() const { return failures_; }

 private:
  enum class Pattern { kOk, kRefused };
  void enqueue(Pattern pattern);
  void drive(bool on);

  std::unique_ptr<GpioLine> line_;
  std::string name_;
  std::deque<Pattern> waiting_;  // at most kMaxWaiting
  std::optional<Pattern> playing_;
  std::size_t step_ = 0;
  Instant step_end_{};
  std::uint64_t dropped_ = 0;
  std::uint64_t failures_ = 0;
};

}  // namespace shelfnode::platform
