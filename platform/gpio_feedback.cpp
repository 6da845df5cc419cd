#include "shelfnode/platform/gpio_feedback.h"

#include <iterator>
#include <utility>

#include "shelfnode/core/logger.h"

namespace shelfnode::platform {
namespace {

using std::chrono::milliseconds;

struct Step {
  bool on;
  milliseconds length;
};

using F = GpioFeedback;
constexpr Step kOkSteps[] = {{true, F::kOkPulse}, {false, F::kRest}};
constexpr Step kRefusedSteps[] = {{true, F::kRefusedPulse}, {false, F::kRefusedGap},
                                  {true, F::kRefusedPulse}, {false, F::kRefusedGap},
                                  {true, F::kRefusedPulse}, {false, F::kRest}};

struct Steps {
  const Step* first;
  std::size_t count;
};

template <std::size_t N>
constexpr Steps steps_of(const Step (&steps)[N]) {
  return Steps{steps, N};
}

// On first, then every step changes the line and the last leaves it off: so one call of
// on_deadline() is one change, and an idle line is always off.
constexpr bool alternates_from_on_to_off(Steps steps) {
  for (std::size_t i = 0; i < steps.count; ++i) {
    if (steps.first[i].on != (i % 2 == 0) || steps.first[i].length <= milliseconds(0)) return false;
  }
  return steps.count % 2 == 0;
}

static_assert(alternates_from_on_to_off(steps_of(kOkSteps)), "OK: on, then off");
static_assert(alternates_from_on_to_off(steps_of(kRefusedSteps)), "refused: on, off, ...");
static_assert(F::kRefusedPulses * 2 == std::size(kRefusedSteps), "one on and one off a pulse");
static_assert(F::kRest > F::kRefusedGap, "patterns stay apart from the pulses inside one");

}  // namespace

GpioFeedback::GpioFeedback(std::unique_ptr<GpioLine> line, std::string name)
    : line_(std::move(line)), name_(std::move(name)) {}

Status GpioFeedback::start() {
  return line_->open().with_context("feedback " + name_);
}

void GpioFeedback::acknowledged(std::string_view) {
  enqueue(Pattern::kOk);
}

void GpioFeedback::refused(std::string_view) {
  enqueue(Pattern::kRefused);
}

void GpioFeedback::enqueue(Pattern pattern) {
  if (waiting_.size() < kMaxWaiting) {
    waiting_.push_back(pattern);
    return;
  }
  ++dropped_;
  if (pattern == Pattern::kOk) return;
  for (auto it = waiting_.rbegin(); it != waiting_.rend(); ++it) {
    if (*it == Pattern::kOk) {
      waiting_.erase(std::next(it).base());
      waiting_.push_back(pattern);
      return;
    }
  }
}

std::optional<Instant> GpioFeedback::deadline() const {
  if (playing_) return step_end_;
  // A pattern waits to begin: due at once. The clock's epoch is before any `now`.
  if (!waiting_.empty()) return Instant{};
  return std::nullopt;
}

Status GpioFeedback::on_deadline(Instant now) {
  if (playing_) {
    if (now < step_end_) return Status::Ok();  // early: the step is not over
    const Steps steps = *playing_ == Pattern::kOk ? steps_of(kOkSteps) : steps_of(kRefusedSteps);
    if (++step_ == steps.count) playing_.reset();
  }
  if (!playing_) {
    if (waiting_.empty()) return Status::Ok();
    playing_ = waiting_.front();
    waiting_.pop_front();
    step_ = 0;
  }
  const Steps steps = *playing_ == Pattern::kOk ? steps_of(kOkSteps) : steps_of(kRefusedSteps);
  const Step& step = steps.first[step_];
  drive(step.on);
  // From `now`, not from the end that was due: a late step is longer, never a shorter one.
  step_end_ = now + step.length;
  return Status::Ok();
}

// The pattern is timed on whether the line followed or not, so a broken line never turns
// into a loop that is always due.
void GpioFeedback::drive(bool on) {
  const Status s = line_->set(on);
  if (s.ok()) return;
  if (failures_++ == 0) {
    log_warn("feedback.failed", {{"feedback", name_},
                                 {"reason", s.message()},
                                 {"effect", "no beeps or blinks until fixed; scanning goes on"}});
  }
}

}  // namespace shelfnode::platform
