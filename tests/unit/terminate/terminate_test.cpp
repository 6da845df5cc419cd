// The terminate handler the executables carry instead of libstdc++'s verbose one (which
// links the demangler): an escaped exception still ends the process with SIGABRT and one
// line naming what() on stderr. The stock handler would print "terminate called after
// throwing an instance of 'std::runtime_error'" and "what():" on two lines instead, so these
// fail if the runtime's handler is the one linked.
#include <gtest/gtest.h>

#include <csignal>
#include <stdexcept>
#include <string>

#include "unit/terminate/through_own_code.h"

namespace {

struct NotAnException {};

[[noreturn]] void escape_runtime_error() { throw std::runtime_error("the till's drawer"); }

void through_noexcept(void (*thrower)()) noexcept { thrower(); }

TEST(TerminateHandlerDeathTest, NamesWhatOfTheEscapedExceptionThenAborts) {
  EXPECT_EXIT(through_noexcept([] { escape_runtime_error(); }), ::testing::KilledBySignal(SIGABRT),
              "shelfnode: internal error: terminate called after an uncaught exception: "
              "the till's drawer\n");
}

TEST(TerminateHandlerDeathTest, SaysSoForATypeNotDerivedFromStdException) {
  EXPECT_EXIT(through_noexcept([] { throw NotAnException{}; }), ::testing::KilledBySignal(SIGABRT),
              "of a type not derived from std::exception");
}

#if SHELFNODE_CODE_UNWIND_TABLES
// Where the own code keeps unwind tables (the debian profile, but for 32-bit ARM, whose
// EHABI gives code built without exceptions none; CMakeLists.txt): an exception from the runtime
// crosses its frames (running no cleanups there, as they are built without exceptions) to
// whatever catches it; nothing in shelfnode does, so in the program it still ends in terminate.
TEST(TerminateHandlerTest, AnExceptionCrossesOwnCodeFramesToACatchAbove) {
  EXPECT_THROW(call_through_own_code([] { escape_runtime_error(); }), std::runtime_error);
}
#else
// The device profile (and 32-bit ARM) has no unwind tables for the own code: an exception cannot
// cross its frames, so even a catch above them (GoogleTest's, here) is never reached, and the
// process ends through this handler, what() and all, not silently. Built with exceptions,
// the frame lets GoogleTest catch it and this fails ("threw an exception").
TEST(TerminateHandlerDeathTest, AnExceptionMeetingAnOwnCodeFrameEndsInTheHandler) {
  EXPECT_EXIT(call_through_own_code([] { escape_runtime_error(); }),
              ::testing::KilledBySignal(SIGABRT),
              "shelfnode: internal error: terminate called after an uncaught exception: "
              "the till's drawer\n");
}
#endif

TEST(TerminateHandlerDeathTest, StdTerminateWithoutAnExceptionSaysOnlyThat) {
  EXPECT_EXIT(std::terminate(), ::testing::KilledBySignal(SIGABRT),
              "shelfnode: internal error: terminate called\n");
}

}  // namespace
