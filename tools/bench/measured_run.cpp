#include "measured_run.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

extern char** environ;

namespace shelfnode::bench {
namespace {

constexpr int kPollMs = 5;

int decode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// peak_rss's report: "name value" lines.
bool read_report(const std::string& path, MeasuredRun& out) {
  std::FILE* f = std::fopen(path.c_str(), "r");
  if (f == nullptr) return false;
  char name[64];
  long value = 0;
  int fields = 0;
  while (std::fscanf(f, "%63s %ld", name, &value) == 2) {
    const std::string n = name;
    long* field = n == "max_rss_kib"        ? &out.max_rss_kib
                  : n == "sampled_anon_kib" ? &out.sampled_anon_kib
                  : n == "sampled_file_kib" ? &out.sampled_file_kib
                                            : nullptr;
    if (field == nullptr) continue;
    *field = value;
    ++fields;
  }
  std::fclose(f);
  std::remove(path.c_str());
  return fields == 3;
}

}  // namespace

bool run_measured(const std::vector<std::string>& argv, const std::string& stdout_path,
                  const std::string& stderr_path, int timeout_seconds, MeasuredRun& out,
                  std::string& error) {
  // Through the wrapper: its child starts from the wrapper's tiny high-water mark, not this
  // benchmark's (peak_rss.c says why ru_maxrss of a direct child is wrong).
  const std::string report = stderr_path + ".peak";
  std::vector<std::string> args = {SHELFNODE_PEAK_RSS, report};
  args.insert(args.end(), argv.begin(), argv.end());
  std::vector<char*> c_args;
  for (std::string& a : args) c_args.push_back(a.data());
  c_args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, stdout_path.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  pid_t pid = -1;
  const auto t0 = std::chrono::steady_clock::now();
  const int rc = posix_spawn(&pid, c_args[0], &actions, nullptr, c_args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    error = "cannot start " + argv[0] + ": " + std::strerror(rc);
    return false;
  }
  out = MeasuredRun{};
  const auto deadline = t0 + std::chrono::seconds(timeout_seconds);
  int status = 0;
  bool killed = false;
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      error = std::string("waitpid: ") + std::strerror(errno);
      return false;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);  // the wrapper's child dies with it (PR_SET_PDEATHSIG)
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      killed = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(kPollMs));
  }
  out.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  out.exit_code = decode(status);
  if (!read_report(report, out) && !killed) {
    error = "no peak RSS report from " + std::string(SHELFNODE_PEAK_RSS) + " for " + argv[0];
    return false;
  }
  return true;
}

}  // namespace shelfnode::bench
