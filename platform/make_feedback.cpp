#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "shelfnode/platform/feedback_spec.h"
#include "shelfnode/platform/gpio_feedback.h"
#include "shelfnode/platform/gpio_line.h"
#include "shelfnode/platform/terminal_feedback.h"

namespace shelfnode::platform {
namespace {

// feedback=none: the clerk watches the till's own screen, or nothing at all is wanted.
class NoFeedback final : public Feedback {
 public:
  Status start() override { return Status::Ok(); }
  void acknowledged(std::string_view) override {}
  void refused(std::string_view) override {}
  std::optional<Instant> deadline() const override { return std::nullopt; }
  Status on_deadline(Instant) override { return Status::Ok(); }
};

// The reply line and a pattern for each reply: the line first, as it costs no time.
class LineAndPattern final : public Feedback {
 public:
  LineAndPattern(std::unique_ptr<Feedback> line, std::unique_ptr<Feedback> pattern)
      : line_(std::move(line)), pattern_(std::move(pattern)) {}

  Status start() override {
    SHELFNODE_RETURN_IF_ERROR(line_->start());
    return pattern_->start();
  }
  void acknowledged(std::string_view reply) override {
    line_->acknowledged(reply);
    pattern_->acknowledged(reply);
  }
  void refused(std::string_view reply) override {
    line_->refused(reply);
    pattern_->refused(reply);
  }
  std::optional<Instant> deadline() const override {
    const std::optional<Instant> a = line_->deadline();
    const std::optional<Instant> b = pattern_->deadline();
    if (a && b) return std::min(*a, *b);
    return a ? a : b;
  }
  Status on_deadline(Instant now) override {
    for (Feedback* part : {line_.get(), pattern_.get()}) {
      const std::optional<Instant> due = part->deadline();
      if (due && *due <= now) SHELFNODE_RETURN_IF_ERROR(part->on_deadline(now));
    }
    return Status::Ok();
  }
  void set_terminal(int fd) override {
    line_->set_terminal(fd);
    pattern_->set_terminal(fd);
  }

 private:
  std::unique_ptr<Feedback> line_;
  std::unique_ptr<Feedback> pattern_;
};

}  // namespace

std::unique_ptr<Feedback> make_feedback(const FeedbackSpec& spec, int terminal_fd) {
  switch (spec.kind) {
    case FeedbackKind::kNone:
      return std::make_unique<NoFeedback>();
    case FeedbackKind::kGpio: {
      std::string name = "gpio:" + spec.chip + ",line=" + std::to_string(spec.line);
      if (spec.active_low) name += ",active_low=1";
      auto line = std::make_unique<ChardevGpioLine>(spec.chip, spec.line, spec.active_low);
      return std::make_unique<LineAndPattern>(
          std::make_unique<TerminalFeedback>(terminal_fd),
          std::make_unique<GpioFeedback>(std::move(line), std::move(name)));
    }
    case FeedbackKind::kTerminal:
      break;
  }
  return std::make_unique<TerminalFeedback>(terminal_fd);
}

}  // namespace shelfnode::platform
