#include "shelfnode/pull/progress.h"

#include <string>

namespace shelfnode::pull {
namespace {

constexpr int kBarWidth = 24;

std::string seconds(std::int64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms) / 1000.0);
  return buf;
}

class TerminalProgress final : public ProgressSink {
 public:
  explicit TerminalProgress(std::FILE* out) : out_(out) {}

  void page(const PullProgress& p) override {
    std::string line = "\r";
    if (p.total > 0) {
      const std::int64_t done = p.done < p.total ? p.done : p.total;
      const int filled = static_cast<int>(done * kBarWidth / p.total);
      line += "[" + std::string(static_cast<std::size_t>(filled), '#') +
              std::string(static_cast<std::size_t>(kBarWidth - filled), '.') + "] ";
      line += std::to_string(done * 100 / p.total) + "% " + std::to_string(p.done) + "/" +
              std::to_string(p.total) + " " + p.what;
    } else {
      line += std::string(p.what) + ": " + std::to_string(p.done);
    }
    line += ", " + std::to_string(p.requests) + " requests, " + seconds(p.elapsed_ms);
    // Pad over what a longer previous line left behind.
    const std::size_t shown = line.size();
    if (shown < width_) line += std::string(width_ - shown, ' ');
    width_ = shown;
    std::fputs(line.c_str(), out_);
    std::fflush(out_);
    drawn_ = true;
  }

  void finish() override {
    if (drawn_) std::fputc('\n', out_);
    std::fflush(out_);
    drawn_ = false;
  }

 private:
  std::FILE* out_;
  std::size_t width_ = 0;
  bool drawn_ = false;
};

class LineProgress final : public ProgressSink {
 public:
  explicit LineProgress(std::FILE* out) : out_(out) {}

  void page(const PullProgress& p) override {
    std::string line = "catalog pull: page " + std::to_string(p.pages) + ", " +
                       std::to_string(p.done) + " " + p.what;
    if (p.total >= 0) line += " of " + std::to_string(p.total);
    line += ", " + std::to_string(p.requests) + " requests, " + seconds(p.elapsed_ms) + "\n";
    std::fputs(line.c_str(), out_);
    std::fflush(out_);
  }

  void finish() override {}

 private:
  std::FILE* out_;
};

}  // namespace

std::unique_ptr<ProgressSink> make_progress(std::FILE* out, bool terminal) {
  if (terminal) return std::make_unique<TerminalProgress>(out);
  return std::make_unique<LineProgress>(out);
}

}  // namespace shelfnode::pull
