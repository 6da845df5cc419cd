#include "daemon_child.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

extern char** environ;

namespace shelfnode::bench {
namespace {

bool ours_to_set(const char* entry) {
  return std::strncmp(entry, "NOTIFY_SOCKET=", 14) == 0 || std::strncmp(entry, "WATCHDOG_", 9) == 0;
}

int decode(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

bool poll_in(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  int ready;
  do {
    ready = poll(&p, 1, timeout_ms);
  } while (ready < 0 && errno == EINTR);
  return ready > 0;
}

}  // namespace

DaemonChild::~DaemonChild() {
  if (out_fd_ >= 0) close(out_fd_);
  if (pid_ > 0 && !reaped_) {
    kill(pid_, SIGKILL);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
}

bool DaemonChild::start(const std::vector<std::string>& argv, const std::vector<std::string>& env,
                        NotifyListener& notify, const std::string& stderr_path, int timeout_ms,
                        std::string& error) {
  std::vector<std::string> args = argv;
  std::vector<std::string> envs{"NOTIFY_SOCKET=" + notify.path()};
  for (char** e = environ; *e != nullptr; ++e) {
    if (!ours_to_set(*e)) envs.emplace_back(*e);
  }
  envs.insert(envs.end(), env.begin(), env.end());
  std::vector<char*> c_args, c_env;
  for (std::string& a : args) c_args.push_back(a.data());
  for (std::string& e : envs) c_env.push_back(e.data());
  c_args.push_back(nullptr);
  c_env.push_back(nullptr);

  int out_pipe[2];
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    error = std::string("pipe: ") + std::strerror(errno);
    return false;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  // A READY left by an earlier run must not count as this one's.
  notify.drain();
  const SteadyTime t0 = now();
  const int rc = posix_spawn(&pid_, c_args[0], &actions, nullptr, c_args.data(), c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  close(out_pipe[1]);
  out_fd_ = out_pipe[0];
  if (rc != 0) {
    pid_ = -1;
    error = "cannot start " + argv[0] + ": " + std::strerror(rc);
    return false;
  }
  NotifyListener::Message ready;
  if (!notify.wait_for("READY=1", timeout_ms, ready)) {
    error = "no READY=1 from " + argv[0] + " within " + std::to_string(timeout_ms) + " ms (see " +
            stderr_path + ")";
    return false;
  }
  ready_us_ = micros_between(t0, ready.at);
  ready_sender_ = ready.sender;
  return true;
}

bool DaemonChild::fill(int timeout_ms) {
  if (!poll_in(out_fd_, timeout_ms)) return false;
  char chunk[4096];
  ssize_t n;
  do {
    n = read(out_fd_, chunk, sizeof chunk);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return false;
  pending_.append(chunk, static_cast<std::size_t>(n));
  return true;
}

bool DaemonChild::read_line(std::string& line, int timeout_ms) {
  const SteadyTime end = now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    const std::size_t nl = pending_.find('\n');
    if (nl != std::string::npos) {
      line.assign(pending_, 0, nl);
      pending_.erase(0, nl + 1);
      return true;
    }
    const double left_ms = micros_between(now(), end) / 1000;
    if (left_ms <= 0 || !fill(static_cast<int>(left_ms) + 1)) return false;
  }
}

int DaemonChild::stop(int timeout_ms) {
  if (pid_ <= 0 || reaped_) return -1;
  kill(pid_, SIGTERM);
  const SteadyTime end = now() + std::chrono::milliseconds(timeout_ms);
  int status = 0;
  rusage usage{};
  for (;;) {
    const pid_t done = wait4(pid_, &status, WNOHANG, &usage);
    if (done == pid_) break;
    if (done < 0 && errno != EINTR) return -1;
    if (now() > end) {
      kill(pid_, SIGKILL);
      while (wait4(pid_, &status, 0, &usage) < 0 && errno == EINTR) {
      }
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  reaped_ = true;
  max_rss_kib_ = usage.ru_maxrss;
  return decode(status);
}

JsonPtr ask_daemon_status(const std::string& data_dir, int timeout_ms, std::string& error) {
  const std::string path = data_dir + "/shelfnode.sock";
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.size() >= sizeof addr.sun_path) {
    error = "control socket path too long: " + path;
    return nullptr;
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  std::string answer;
  bool ok = fd >= 0 && connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0 &&
            send(fd, "status\n", 7, MSG_NOSIGNAL) == 7;
  const SteadyTime end = now() + std::chrono::milliseconds(timeout_ms);
  while (ok && answer.find('\n') == std::string::npos) {
    const double left_ms = micros_between(now(), end) / 1000;
    char chunk[4096];
    ok = left_ms > 0 && poll_in(fd, static_cast<int>(left_ms) + 1);
    const ssize_t n = ok ? recv(fd, chunk, sizeof chunk, 0) : -1;
    ok = n > 0;
    if (ok) answer.append(chunk, static_cast<std::size_t>(n));
  }
  if (fd >= 0) close(fd);
  JsonPtr json = ok ? parse_json(answer) : nullptr;
  if (!json) error = "the daemon did not answer `status` on " + path + ": " + answer;
  return json;
}

namespace {

std::string text_at(const cJSON* o, const char* a, const char* b = nullptr) {
  const cJSON* v = cJSON_GetObjectItemCaseSensitive(o, a);
  if (b != nullptr) v = cJSON_GetObjectItemCaseSensitive(v, b);
  return cJSON_IsString(v) ? v->valuestring : "";
}

}  // namespace

bool round_running(const cJSON* status) {
  const cJSON* round = cJSON_GetObjectItemCaseSensitive(status, "round");
  return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(round, "running"));
}

std::string round_identity(const cJSON* status) {
  if (!round_running(status)) return "";
  const cJSON* round = cJSON_GetObjectItemCaseSensitive(status, "round");
  return text_at(round, "work") + " after " + text_at(round, "last_sync", "finished_at") + " / " +
         text_at(round, "last_catalog_pull", "finished_at");
}

}  // namespace shelfnode::bench
