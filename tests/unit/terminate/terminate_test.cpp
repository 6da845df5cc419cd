// The terminate handler the executables carry instead of libstdc++'s verbose one (which
// links the demangler): an escaped exception still ends the process with SIGABRT and one
// line naming what() on stderr. The stock handler would print "terminate called after
// throwing an instance of 'std::runtime_error'" and "what():" on two lines instead, so these
// fail if the runtime's handler is the one linked.
#include <gtest/gtest.h>

#include <csignal>
#include <stdexcept>
#include <string>

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

TEST(TerminateHandlerDeathTest, StdTerminateWithoutAnExceptionSaysOnlyThat) {
  EXPECT_EXIT(std::terminate(), ::testing::KilledBySignal(SIGABRT),
              "shelfnode: internal error: terminate called\n");
}

}  // namespace
