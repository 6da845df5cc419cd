#include "cli/commands.h"

namespace shelfnode::cli {

int run_sync(App&, const Args&) {
  return fail(internal_error("this command is not available in this build yet"));
}

}  // namespace shelfnode::cli
