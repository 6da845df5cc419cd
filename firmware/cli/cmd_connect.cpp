#include "cli/commands.h"

namespace shelfnode::cli {

int run_connect(App&, const Args&) {
  return fail(internal_error("this command is not available in this build yet"));
}

}  // namespace shelfnode::cli
