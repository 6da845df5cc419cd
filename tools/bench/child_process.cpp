#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

extern char** environ;

namespace shelfnode::bench {
namespace {

std::vector<char*> c_strings(std::vector<std::string>& v) {
  std::vector<char*> out;
  for (std::string& s : v) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

void close_fd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

std::int64_t steady_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

std::unique_ptr<ChildProcess> ChildProcess::start(const std::vector<std::string>& argv,
                                                  const std::string& stderr_path,
                                                  const std::vector<std::string>& env,
                                                  std::string& error) {
  int in_pipe[2], out_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0) {
    error = std::string("pipe: ") + std::strerror(errno);
    return nullptr;
  }
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    error = std::string("pipe: ") + std::strerror(errno);
    close(in_pipe[0]);
    close(in_pipe[1]);
    return nullptr;
  }
  std::vector<std::string> args = argv;
  std::vector<std::string> envs;
  for (char** e = environ; *e != nullptr; ++e) envs.emplace_back(*e);
  envs.insert(envs.end(), env.begin(), env.end());
  std::vector<char*> c_args = c_strings(args), c_env = c_strings(envs);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in_pipe[0], STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  std::unique_ptr<ChildProcess> child(new ChildProcess());
  const int rc =
      posix_spawn(&child->pid_, c_args[0], &actions, nullptr, c_args.data(), c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  close(in_pipe[0]);
  close(out_pipe[1]);
  child->in_fd_ = in_pipe[1];
  child->out_fd_ = out_pipe[0];
  if (rc != 0) {
    error = "cannot start " + argv[0] + ": " + std::strerror(rc);
    child->reaped_ = true;
    return nullptr;
  }
  return child;
}

ChildProcess::~ChildProcess() {
  close_fd(in_fd_);
  close_fd(out_fd_);
  if (pid_ > 0 && !reaped_) {
    kill(pid_, SIGKILL);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

bool ChildProcess::write_all(std::string_view data) {
  while (!data.empty()) {
    ssize_t n = write(in_fd_, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void ChildProcess::close_stdin() {
  close_fd(in_fd_);
}

bool ChildProcess::fill(int timeout_ms) {
  pollfd p{out_fd_, POLLIN, 0};
  int ready;
  do {
    ready = poll(&p, 1, timeout_ms);
  } while (ready < 0 && errno == EINTR);
  if (ready <= 0) return false;
  char chunk[65536];
  ssize_t n;
  do {
    n = read(out_fd_, chunk, sizeof chunk);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return false;
  if (consumed_ > 0 && consumed_ * 2 >= pending_.size()) {
    pending_.erase(0, consumed_);
    consumed_ = 0;
  }
  pending_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

bool ChildProcess::read_line(std::string& line, int timeout_ms) {
  const std::int64_t deadline = steady_ms() + timeout_ms;
  std::size_t searched = consumed_;
  for (;;) {
    const std::size_t nl = pending_.find('\n', searched);
    if (nl != std::string::npos) {
      line.assign(pending_, consumed_, nl - consumed_);
      consumed_ = nl + 1;
      return true;
    }
    searched = pending_.size();
    const std::int64_t left = deadline - steady_ms();
    const std::size_t before = consumed_;
    if (left <= 0 || !fill(static_cast<int>(left))) return false;
    searched -= before - consumed_;  // fill() may have compacted the buffer
  }
}

void ChildProcess::terminate() {
  if (pid_ > 0 && !reaped_) kill(pid_, SIGKILL);
}

int ChildProcess::wait(int timeout_ms) {
  const std::int64_t deadline = steady_ms() + timeout_ms;
  for (;;) {
    int status = 0;
    pid_t r = waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      reaped_ = true;
      return decode_status(status);
    }
    if (r < 0 && errno != EINTR) return -1;
    if (steady_ms() >= deadline) return -1;
    timespec pause{0, 2'000'000};
    nanosleep(&pause, nullptr);
  }
}

int run_to_end(const std::vector<std::string>& argv, const std::string& stderr_path, int timeout_ms,
               std::string& out) {
  std::string error;
  std::unique_ptr<ChildProcess> child = ChildProcess::start(argv, stderr_path, {}, error);
  if (!child) {
    out = error;
    return -1;
  }
  child->close_stdin();
  out.clear();
  std::string line;
  while (child->read_line(line, timeout_ms)) out += line + "\n";
  return child->wait(timeout_ms);  // on timeout the destructor kills and reaps it
}

void ignore_sigpipe() {
  signal(SIGPIPE, SIG_IGN);
}

}  // namespace shelfnode::bench
