#include "daemon/worker.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>

extern char** environ;

namespace shelfnode::daemon {
namespace {

constexpr int kWorkerNice = 10;

}  // namespace

std::string Worker::cli_path() {
  char self[PATH_MAX];
  const ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return "shelfnode";
  std::string path(self, static_cast<std::size_t>(n));
  return path.substr(0, path.rfind('/') + 1) + "shelfnode";
}

Result<Worker> Worker::spawn(const std::string& data_dir, const std::vector<std::string>& args,
                             int out_fd, int err_fd) {
  const std::string cli = cli_path();
  std::vector<std::string> words = {cli, "--data-dir", data_dir};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);

  // The worker knows it works for this daemon, so its `sync` runs the round itself instead
  // of asking the daemon for one.
  std::vector<std::string> env_text = {"SHELFNODE_DAEMON_PID=" + std::to_string(getpid())};
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::strncmp(*e, "SHELFNODE_DAEMON_PID=", 21) != 0 &&
        std::strncmp(*e, "NOTIFY_SOCKET=", 14) != 0 && std::strncmp(*e, "WATCHDOG_", 9) != 0) {
      env_text.emplace_back(*e);
    }
  }
  std::vector<char*> envp;
  for (std::string& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err_fd, STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // The daemon blocks the signals its signalfd reads; the worker must get them as usual.
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, cli.c_str(), &actions, &attr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    return internal_error("cannot start " + cli + " for the daemon's round: " + std::strerror(rc) +
                          " (it must be installed beside shelfnoded)");
  }
  // Below the daemon: on a board's one or two cores the worker parsing a 1,000-row page must
  // not take the CPU from the loop that answers a scan. Raising a child's nice value needs no
  // privilege; if it fails the round only runs at the daemon's priority.
  (void)setpriority(PRIO_PROCESS, static_cast<id_t>(pid), kWorkerNice);
  return Worker(pid);
}

}  // namespace shelfnode::daemon
