// Replaces libstdc++'s verbose terminate handler, for the executables that link the C++
// runtime statically (firmware/CMakeLists.txt). The stock handler prints the escaped
// exception's demangled type, and so links the whole C++ demangler (cp-demangle): 57 KB of
// the stripped device binary, for a path nothing in shelfnode means to take (errors are
// Status values; an escaped exception is a bug). This one says the same minus the type
// name. It must be an object of the executable itself: the linker takes the first definition
// it meets, and the runtime's own is in libstdc++.a, searched after every object.
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <exception>

namespace {

void say(const char* text) { (void)!write(STDERR_FILENO, text, std::strlen(text)); }

}  // namespace

namespace __gnu_cxx {

void __verbose_terminate_handler() {  // declared by <exception>, not [[noreturn]] there
  static bool again = false;  // a throw from what() below must not loop back here
  if (!again) {
    again = true;
    say("shelfnode: internal error: terminate called");
    if (std::exception_ptr escaped = std::current_exception()) {
      try {
        std::rethrow_exception(escaped);
      } catch (const std::exception& e) {
        say(" after an uncaught exception: ");
        say(e.what());
      } catch (...) {
        say(" after an uncaught exception of a type not derived from std::exception");
      }
    }
    say("\n");
  }
  std::abort();
}

}  // namespace __gnu_cxx
