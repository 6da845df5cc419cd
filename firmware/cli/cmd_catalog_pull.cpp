#include "cli/commands.h"

namespace shelfnode::cli {

int run_catalog_pull(App&, const Args&) {
  return fail(internal_error("this command is not available in this build yet"));
}

}  // namespace shelfnode::cli
