// `daemon`: becomes shelfnoded (exec, same PID), the long-running process that reads the
// scanners and schedules the Wix rounds without ever mapping libcurl (firmware/daemon/).
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "shelfnode/core/logger.h"

namespace shelfnode::cli {

int run_daemon(App& app, const Args& args) {
  char self[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0)
    return fail(internal_error(std::string("cannot find this binary: ") + std::strerror(errno)));
  std::string path(self, static_cast<std::size_t>(n));
  path = path.substr(0, path.rfind('/') + 1) + "shelfnoded";
  std::vector<std::string> words = {"shelfnoded", "--data-dir", app.paths().dir};
  if (args.verbose() || app.verbose()) words.push_back("--verbose");
  words.push_back("daemon");
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  execv(path.c_str(), argv.data());
  return fail(internal_error("cannot start " + path + ": " + std::strerror(errno) +
                             " (shelfnoded is installed beside shelfnode; reinstall the package)"));
}

}  // namespace shelfnode::cli
