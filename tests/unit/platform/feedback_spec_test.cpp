#include "shelfnode/platform/feedback_spec.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::platform {
namespace {

std::string error_of(std::string_view text) {
  Result<FeedbackSpec> spec = parse_feedback_spec(text);
  EXPECT_FALSE(spec.ok()) << text;
  if (spec.ok()) return "";
  EXPECT_EQ(spec.status().code(), Code::kConfig) << text;
  return spec.status().message();
}

TEST(FeedbackSpec, TerminalIsTheDefault) {
  EXPECT_EQ(FeedbackSpec().kind, FeedbackKind::kTerminal);
  Result<FeedbackSpec> spec = parse_feedback_spec("terminal");
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->kind, FeedbackKind::kTerminal);
  spec = parse_feedback_spec("none");
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec->kind, FeedbackKind::kNone);
}

TEST(FeedbackSpec, GpioTakesAChipALineAndActiveLow) {
  Result<FeedbackSpec> spec = parse_feedback_spec("gpio:/dev/gpiochip0,line=17");
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->kind, FeedbackKind::kGpio);
  EXPECT_EQ(spec->chip, "/dev/gpiochip0");
  EXPECT_EQ(spec->line, 17u);
  EXPECT_FALSE(spec->active_low);

  spec = parse_feedback_spec("gpio:/dev/gpiochip2,active_low=1,line=0");
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->line, 0u);
  EXPECT_TRUE(spec->active_low);

  spec = parse_feedback_spec("gpio:/dev/beeper-chip,line=65535,active_low=0");
  ASSERT_TRUE(spec.ok()) << spec.status().message();
  EXPECT_EQ(spec->chip, "/dev/beeper-chip");
  EXPECT_EQ(spec->line, 65535u);
  EXPECT_FALSE(spec->active_low);
}

TEST(FeedbackSpec, UnknownFormsNameTheOnesThereAre) {
  for (const char* text : {"", "Terminal", "beeper", "gpio", "gpiochip0", "led:/dev/x"}) {
    const std::string e = error_of(text);
    EXPECT_NE(e.find("use terminal, none or gpio:/dev/gpiochipN,line=N"), std::string::npos) << e;
  }
  EXPECT_EQ(error_of("terminal,line=1"), "feedback 'terminal,line=1' takes no options");
  EXPECT_EQ(error_of("none,"), "feedback 'none,' takes no options");
}

TEST(FeedbackSpec, GpioErrorsSayWhatIsWrong) {
  EXPECT_NE(error_of("gpio:").find("the chip's path must be absolute"), std::string::npos);
  EXPECT_NE(error_of("gpio:gpiochip0,line=1").find("must be absolute"), std::string::npos);
  EXPECT_NE(error_of("gpio:,line=1").find("must be absolute"), std::string::npos);
  EXPECT_EQ(error_of("gpio:/dev/gpiochip0"),
            "feedback 'gpio:/dev/gpiochip0': say which line drives the beeper or LED, line=N "
            "(its offset on the chip; `gpioinfo /dev/gpiochip0` lists them)");
  EXPECT_NE(error_of("gpio:/dev/gpiochip0,active_low=1").find("line=N"), std::string::npos);
  for (const char* bad : {"abc", "-1", "65536", "1x", "", "999999", "+3"}) {
    const std::string e = error_of(std::string("gpio:/dev/gpiochip0,line=") + bad);
    EXPECT_NE(e.find("line '" + std::string(bad) +
                     "' must be the line's offset on the chip, 0 "
                     "to 65535"),
              std::string::npos)
        << e;
  }
  for (const char* bad : {"yes", "2", "true", ""}) {
    const std::string e = error_of(std::string("gpio:/dev/gpiochip0,line=1,active_low=") + bad);
    EXPECT_NE(e.find("active_low '" + std::string(bad) + "' must be 1"), std::string::npos) << e;
  }
  EXPECT_EQ(error_of("gpio:/dev/gpiochip0,line=1,colour=red"),
            "feedback 'gpio:/dev/gpiochip0,line=1,colour=red': unknown option 'colour': use "
            "line or active_low");
  EXPECT_NE(error_of("gpio:/dev/gpiochip0,line=1,line=2").find("option 'line' given twice"),
            std::string::npos);
  EXPECT_NE(error_of("gpio:/dev/gpiochip0,line").find("option 'line' is not key=value"),
            std::string::npos);
  EXPECT_NE(error_of("gpio:/dev/gpiochip0,,line=1").find("option '' is not key=value"),
            std::string::npos);
  EXPECT_NE(error_of("gpio:/dev/gpiochip0,line=1,").find("option '' is not key=value"),
            std::string::npos);
  // What cannot be shown is escaped, never put on the terminal as it came.
  EXPECT_NE(error_of("gpio:/dev/x,line=\x1b[2J").find("line '\\x1B[2J'"), std::string::npos);
}

struct Pipe {
  Pipe() {
    int fds[2];
    EXPECT_EQ(pipe2(fds, O_CLOEXEC | O_NONBLOCK), 0);
    read_end.reset(fds[0]);
    write_end.reset(fds[1]);
  }
  std::string drain() {
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = read(read_end.get(), buf, sizeof buf)) > 0) out.append(buf, n);
    return out;
  }
  UniqueFd read_end;
  UniqueFd write_end;
};

TEST(MakeFeedback, TerminalWritesTheLineAndNeedsNoTimer) {
  Pipe pipe;
  std::unique_ptr<Feedback> feedback = make_feedback(FeedbackSpec(), pipe.write_end.get());
  ASSERT_TRUE(feedback->start().ok());
  feedback->acknowledged("OK m-1 SKU-1 1");
  EXPECT_FALSE(feedback->deadline().has_value());
  EXPECT_EQ(pipe.drain(), "OK m-1 SKU-1 1\n");
}

TEST(MakeFeedback, NoneSaysNothing) {
  Pipe pipe;
  FeedbackSpec spec;
  spec.kind = FeedbackKind::kNone;
  std::unique_ptr<Feedback> feedback = make_feedback(spec, pipe.write_end.get());
  ASSERT_TRUE(feedback->start().ok());
  feedback->refused("ERR bad");
  EXPECT_FALSE(feedback->deadline().has_value());
  EXPECT_EQ(pipe.drain(), "");
}

TEST(MakeFeedback, GpioWritesTheLineTooAndQueuesAPattern) {
  Pipe pipe;
  Result<FeedbackSpec> spec = parse_feedback_spec("gpio:/nonexistent/gpiochip0,line=17");
  ASSERT_TRUE(spec.ok());
  std::unique_ptr<Feedback> feedback = make_feedback(*spec, pipe.write_end.get());
  const Status s = feedback->start();
  EXPECT_EQ(s.code(), Code::kConfig);
  EXPECT_EQ(s.message().rfind("feedback gpio:/nonexistent/gpiochip0,line=17: GPIO chip "
                              "/nonexistent/gpiochip0 does not exist",
                              0),
            0u)
      << s.message();
  feedback->refused("ERR check digit wrong");
  EXPECT_EQ(pipe.drain(), "ERR check digit wrong\n");
  ASSERT_TRUE(feedback->deadline().has_value());  // the pattern waits to begin
}

}  // namespace
}  // namespace shelfnode::platform
