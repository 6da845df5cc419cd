// Beeper patterns against a fake line on a synthetic clock: every change of the line is
// recorded with its time, so each test states the exact on/off sequence a clerk would hear.
#include "shelfnode/platform/gpio_feedback.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "shelfnode/core/logger.h"

namespace shelfnode::platform {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

// Far from the clock's epoch, as a real CLOCK_MONOTONIC reading is.
const Instant kStart = Instant{} + std::chrono::hours(100);

struct Change {
  long long at_ms;  // since kStart
  bool on;
  bool operator==(const Change& o) const { return at_ms == o.at_ms && on == o.on; }
};

std::ostream& operator<<(std::ostream& os, const Change& c) {
  return os << (c.on ? "on@" : "off@") << c.at_ms;
}

class FakeLine final : public GpioLine {
 public:
  FakeLine(const Instant* now, std::vector<Change>* changes) : now_(now), changes_(changes) {}
  Status open() override { return open_result; }
  Status set(bool on) override {
    changes_->push_back(
        Change{std::chrono::duration_cast<milliseconds>(*now_ - kStart).count(), on});
    return failing ? io_error("cannot turn line 17 of GPIO chip /dev/gpiochip0 on: EIO")
                   : Status::Ok();
  }

  Status open_result;
  bool failing = false;

 private:
  const Instant* now_;
  std::vector<Change>* changes_;
};

class GpioFeedbackTest : public ::testing::Test {
 protected:
  GpioFeedbackTest() {
    auto line = std::make_unique<FakeLine>(&now_, &changes_);
    line_ = line.get();
    feedback_ = std::make_unique<GpioFeedback>(std::move(line), "gpio:/dev/gpiochip0,line=17");
  }

  // What an event loop does: wait for the deadline (never past `until`), then call.
  void run_until(milliseconds until) {
    while (std::optional<Instant> due = feedback_->deadline()) {
      if (*due > kStart + until) break;
      now_ = std::max(now_, *due);
      ASSERT_TRUE(feedback_->on_deadline(now_).ok());
    }
    now_ = std::max(now_, kStart + until);
  }
  // The loop wakes at `t`, whatever the deadline said.
  void wake_at(milliseconds t) {
    now_ = kStart + t;
    ASSERT_TRUE(feedback_->on_deadline(now_).ok());
  }
  void run_to_idle() {
    run_until(std::chrono::hours(1));
    EXPECT_FALSE(feedback_->deadline().has_value());
  }

  Instant now_ = kStart;
  std::vector<Change> changes_;
  FakeLine* line_ = nullptr;
  std::unique_ptr<GpioFeedback> feedback_;
};

const std::vector<Change> kOk = {{0, true}, {60, false}};
const std::vector<Change> kRefused = {{0, true},    {120, false}, {220, true},
                                      {340, false}, {440, true},  {560, false}};

// One pattern's changes moved to begin at `at`.
std::vector<Change> at(long long at_ms, const std::vector<Change>& pattern) {
  std::vector<Change> out;
  for (Change c : pattern) out.push_back(Change{c.at_ms + at_ms, c.on});
  return out;
}

std::vector<Change> join(std::vector<std::vector<Change>> parts) {
  std::vector<Change> out;
  for (auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// The patterns a run of changes sounds like: "o" a 60 ms pip, "R" three 120 ms beeps.
std::string heard(const std::vector<Change>& changes) {
  std::string out;
  int long_pulses = 0;
  for (std::size_t i = 0; i + 1 < changes.size(); i += 2) {
    const long long length = changes[i + 1].at_ms - changes[i].at_ms;
    if (length == 60) out += 'o';
    if (length == 120 && ++long_pulses % 3 == 0) out += 'R';
  }
  return out;
}

TEST_F(GpioFeedbackTest, IdleHasNoDeadline) {
  EXPECT_FALSE(feedback_->deadline().has_value());
  EXPECT_TRUE(feedback_->on_deadline(now_).ok());
  EXPECT_TRUE(changes_.empty());
}

TEST_F(GpioFeedbackTest, OkIsOneShortPulseThenARest) {
  feedback_->acknowledged("OK m-1 SKU-1 1");
  // Due at once: the pattern begins on the loop's next turn, not inside acknowledged().
  ASSERT_TRUE(feedback_->deadline().has_value());
  EXPECT_LE(*feedback_->deadline(), now_);
  EXPECT_TRUE(changes_.empty());
  wake_at(0ms);
  EXPECT_EQ(feedback_->deadline(), kStart + 60ms);
  wake_at(60ms);
  EXPECT_EQ(feedback_->deadline(), kStart + 260ms);  // the rest, line off
  wake_at(260ms);
  EXPECT_FALSE(feedback_->deadline().has_value());
  EXPECT_EQ(changes_, kOk);
}

TEST_F(GpioFeedbackTest, RefusedIsThreeLongPulsesWithGaps) {
  feedback_->refused("ERR check digit wrong");
  run_until(559ms);
  EXPECT_EQ(changes_.size(), 5u);
  EXPECT_EQ(feedback_->deadline(), kStart + 560ms);
  run_until(759ms);
  EXPECT_EQ(feedback_->deadline(), kStart + 760ms);
  run_to_idle();
  EXPECT_EQ(changes_, kRefused);
  EXPECT_EQ(heard(changes_), "R");
}

TEST_F(GpioFeedbackTest, RepliesInQuickSuccessionPlayInOrderEachWhole) {
  feedback_->acknowledged("OK a");
  feedback_->refused("ERR b");
  feedback_->acknowledged("OK c");
  run_to_idle();
  EXPECT_EQ(changes_, join({at(0, kOk), at(260, kRefused), at(1020, kOk)}));
  EXPECT_EQ(heard(changes_), "oRo");
}

TEST_F(GpioFeedbackTest, ARefusalDuringAnOkWaitsForItToEnd) {
  feedback_->acknowledged("OK a");
  ASSERT_TRUE(feedback_->on_deadline(now_).ok());
  now_ = kStart + 30ms;
  feedback_->refused("ERR b");
  // The pip is not cut short to begin the refusal early.
  EXPECT_EQ(feedback_->deadline(), kStart + 60ms);
  wake_at(30ms);  // an early call changes nothing
  EXPECT_EQ(changes_.size(), 1u);
  run_to_idle();
  EXPECT_EQ(changes_, join({at(0, kOk), at(260, kRefused)}));
}

TEST_F(GpioFeedbackTest, ALateLoopLengthensAStepAndNeverShortensTheNext) {
  feedback_->refused("ERR b");
  ASSERT_TRUE(feedback_->on_deadline(now_).ok());
  wake_at(170ms);                                    // 50 ms late: pulse 1 ends
  wake_at(270ms);                                    // the gap is a full 100 ms
  EXPECT_EQ(feedback_->deadline(), kStart + 390ms);  // and pulse 2 a full 120 ms
  run_to_idle();
  const std::vector<Change> expected = {{0, true},    {170, false}, {270, true},
                                        {390, false}, {490, true},  {610, false}};
  EXPECT_EQ(changes_, expected);
}

TEST_F(GpioFeedbackTest, AFullQueueDropsOksAndKeepsEveryRefusalItCan) {
  feedback_->acknowledged("OK playing");
  ASSERT_TRUE(feedback_->on_deadline(now_).ok());  // playing: not counted as waiting
  for (int i = 0; i < 8; ++i) feedback_->acknowledged("OK waiting");
  EXPECT_EQ(feedback_->patterns_dropped(), 0u);
  feedback_->acknowledged("OK ninth");  // full: an OK is dropped
  EXPECT_EQ(feedback_->patterns_dropped(), 1u);
  feedback_->refused("ERR first");  // takes the newest OK's place
  EXPECT_EQ(feedback_->patterns_dropped(), 2u);
  run_to_idle();
  // The one playing, the seven OKs left waiting, the refusal.
  EXPECT_EQ(heard(changes_), "ooooooooR");
}

TEST_F(GpioFeedbackTest, RefusalsPushOutOksNewestFirstAndKeepTheOrder) {
  feedback_->acknowledged("OK playing");
  ASSERT_TRUE(feedback_->on_deadline(now_).ok());
  feedback_->acknowledged("OK 1");
  feedback_->refused("ERR 2");
  for (int i = 0; i < 6; ++i) feedback_->acknowledged("OK");
  feedback_->refused("ERR 9");    // full: the last OK goes
  feedback_->refused("ERR 10");   // and the next newest
  feedback_->acknowledged("OK");  // an OK when full is dropped
  EXPECT_EQ(feedback_->patterns_dropped(), 3u);
  run_to_idle();
  // The one playing, then OK 1, ERR 2, the four OKs left of six, ERR 9, ERR 10.
  EXPECT_EQ(heard(changes_), "ooRooooRR");
}

TEST_F(GpioFeedbackTest, WithOnlyRefusalsWaitingOneMoreIsMerged) {
  feedback_->refused("ERR playing");
  ASSERT_TRUE(feedback_->on_deadline(now_).ok());
  for (int i = 0; i < 8; ++i) feedback_->refused("ERR");
  feedback_->refused("ERR one too many");
  feedback_->acknowledged("OK");
  EXPECT_EQ(feedback_->patterns_dropped(), 2u);
  run_to_idle();
  EXPECT_EQ(heard(changes_), "RRRRRRRRR");
}

TEST_F(GpioFeedbackTest, AFailingLineIsTimedAsUsualAndLoggedOnce) {
  std::FILE* log = std::tmpfile();
  ASSERT_NE(log, nullptr);
  logger().set_output(log);
  line_->failing = true;
  feedback_->acknowledged("OK a");
  feedback_->refused("ERR b");
  run_to_idle();
  logger().set_output(stderr);
  // No change was skipped and no step came early: a broken line never makes a busy loop.
  EXPECT_EQ(changes_, join({at(0, kOk), at(260, kRefused)}));
  EXPECT_EQ(feedback_->line_failures(), 8u);
  std::rewind(log);
  std::string text(4096, '\0');
  text.resize(std::fread(text.data(), 1, text.size(), log));
  std::fclose(log);
  EXPECT_NE(text.find("event=feedback.failed"), std::string::npos) << text;
  EXPECT_NE(text.find("gpio:/dev/gpiochip0,line=17"), std::string::npos) << text;
  EXPECT_EQ(text.find("event=feedback.failed"), text.rfind("event=feedback.failed")) << text;
}

TEST_F(GpioFeedbackTest, StartNamesTheFeedbackInAnOpenError) {
  line_->open_result = Status(Code::kConflict, "line 17 of GPIO chip /dev/gpiochip0 is in use");
  const Status s = feedback_->start();
  EXPECT_EQ(s.code(), Code::kConflict);
  EXPECT_EQ(s.message(),
            "feedback gpio:/dev/gpiochip0,line=17: line 17 of GPIO chip /dev/gpiochip0 is in use");
}

}  // namespace
}  // namespace shelfnode::platform
