#include "support/process.h"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace shelfnode::testing {
namespace {

std::vector<char*> to_cargv(const std::vector<std::string>& v) {
  std::vector<char*> out;
  for (const auto& s : v) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Everything exec_child needs, prepared before fork so that it makes only async-signal-safe calls.
struct Launch {
  Launch(const std::vector<std::string>& argv, const ChildSetup& s)
      : cargv(to_cargv(argv)), setup(s) {
    if (setup.max_file_size) fsize.rlim_cur = fsize.rlim_max = *setup.max_file_size;
    if (setup.max_memory) memory.rlim_cur = memory.rlim_max = *setup.max_memory;
  }
  std::vector<char*> cargv;
  const ChildSetup& setup;
  rlimit fsize{};
  rlimit memory{};
};

// In the child: `in_fd`/`out_fd` become stdin/stdout; stderr becomes the setup's file if it
// names one, else `err_path` if given, else `err_fd`. Then the limits and the user, then exec.
[[noreturn]] void exec_child(const Launch& l, int in_fd, int out_fd, const char* err_path,
                             int err_fd) {
  dup2(in_fd, 0);
  dup2(out_fd, 1);
  if (!l.setup.stderr_path.empty()) err_path = l.setup.stderr_path.c_str();
  if (err_path != nullptr) err_fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (err_fd >= 0) dup2(err_fd, 2);
  if (l.setup.max_file_size && setrlimit(RLIMIT_FSIZE, &l.fsize) != 0) _exit(126);
  if (l.setup.max_memory && setrlimit(RLIMIT_AS, &l.memory) != 0) _exit(126);
  if (l.setup.user) {
    if (setgroups(0, nullptr) != 0 || setgid(*l.setup.user) != 0 || setuid(*l.setup.user) != 0) {
      _exit(126);
    }
  }
  execvp(l.cargv[0], l.cargv.data());
  _exit(127);
}

}  // namespace

TempDir::TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base && *base ? base : "/tmp") + "/shelfnode-test-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = buf.data();
}

TempDir::~TempDir() {
  std::error_code ec;
  // Restore write permission first: read-only tests chmod directories.
  for (auto it = std::filesystem::recursive_directory_iterator(path_, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ec);
  }
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add, ec);
  std::filesystem::remove_all(path_, ec);
}

std::string shelfnode_bin() {
  const char* bin = std::getenv("SHELFNODE_BIN");
  return bin ? bin : "shelfnode";
}

std::string find_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    if (dir.empty()) continue;
    const std::string candidate = dir + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

RunResult run(const std::vector<std::string>& argv, const std::string& input,
              const std::map<std::string, std::string>& env, const ChildSetup& setup) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) || pipe2(out_pipe, O_CLOEXEC)) throw std::runtime_error("pipe");
  if (setup.stderr_terminal) {
    // Read from the master like a pipe: once the child's side closes, read() ends (EIO).
    if (openpty(&err_pipe[0], &err_pipe[1], nullptr, nullptr, nullptr) != 0 ||
        fcntl(err_pipe[0], F_SETFD, FD_CLOEXEC) != 0 ||
        fcntl(err_pipe[1], F_SETFD, FD_CLOEXEC) != 0) {
      throw std::runtime_error("openpty failed");
    }
  } else if (pipe2(err_pipe, O_CLOEXEC)) {
    throw std::runtime_error("pipe failed");
  }
  const Launch launch(argv, setup);
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    // With a stderr file the pipe's write end closes on exec: the parent reads EOF from it.
    exec_child(launch, in_pipe[0], out_pipe[1], nullptr, err_pipe[1]);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);
  RunResult r;
  std::size_t written = 0;
  int in_fd = in_pipe[1];
  if (input.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  signal(SIGPIPE, SIG_IGN);
  bool out_open = true, err_open = true;
  while (out_open || err_open) {
    pollfd fds[3] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}, {in_fd, POLLOUT, 0}};
    int n = poll(fds, in_fd >= 0 ? 3 : 2, -1);
    if (n < 0 && errno == EINTR) continue;
    char buf[65536];
    for (int i = 0; i < 2; ++i) {
      if (!(fds[i].revents & (POLLIN | POLLHUP))) continue;
      ssize_t got = read(fds[i].fd, buf, sizeof buf);
      if (got <= 0) {
        (i == 0 ? out_open : err_open) = false;
      } else {
        (i == 0 ? r.out : r.err).append(buf, static_cast<std::size_t>(got));
      }
    }
    if (in_fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t w = write(in_fd, input.data() + written, input.size() - written);
      if (w > 0) written += static_cast<std::size_t>(w);
      if (w < 0 || written == input.size()) {
        close(in_fd);
        in_fd = -1;
      }
    }
  }
  if (in_fd >= 0) close(in_fd);
  close(out_pipe[0]);
  close(err_pipe[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.exit_code = decode_status(status);
  if (!setup.stderr_path.empty()) r.err = read_file(setup.stderr_path);
  if (setup.stderr_terminal) r.err.erase(std::remove(r.err.begin(), r.err.end(), '\r'), r.err.end());
  return r;
}

RunResult shelfnode(const std::string& data_dir, const std::vector<std::string>& args,
                    const std::string& input) {
  std::vector<std::string> argv{shelfnode_bin(), "--data-dir", data_dir};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv, input);
}

Child::Child(const std::vector<std::string>& argv, const ChildSetup& setup) {
  int in_pipe[2], out_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) || pipe2(out_pipe, O_CLOEXEC)) throw std::runtime_error("pipe");
  signal(SIGPIPE, SIG_IGN);
  const Launch launch(argv, setup);
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork");
  if (pid_ == 0) exec_child(launch, in_pipe[0], out_pipe[1], "/dev/null", -1);
  close(in_pipe[0]);
  close(out_pipe[1]);
  in_fd_ = in_pipe[1];
  out_fd_ = out_pipe[0];
}

Child::~Child() {
  if (!reaped_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    wait(10000);
  }
  close_stdin();
  if (out_fd_ >= 0) close(out_fd_);
}

bool Child::write_stdin(const std::string& data) {
  std::size_t done = 0;
  while (done < data.size() && in_fd_ >= 0) {
    ssize_t w = write(in_fd_, data.data() + done, data.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(w);
  }
  return done == data.size();
}

void Child::close_stdin() {
  if (in_fd_ >= 0) close(in_fd_);
  in_fd_ = -1;
}

bool Child::read_line(std::string& line, int timeout_ms) {
  const std::int64_t deadline = now_ms() + timeout_ms;
  for (;;) {
    std::size_t nl = pending_.find('\n');
    if (nl != std::string::npos) {
      line = pending_.substr(0, nl);
      pending_.erase(0, nl + 1);
      return true;
    }
    const std::int64_t left = deadline - now_ms();
    if (left <= 0) return false;
    pollfd p{out_fd_, POLLIN, 0};
    int n = poll(&p, 1, static_cast<int>(left));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    char buf[4096];
    ssize_t got = read(out_fd_, buf, sizeof buf);
    if (got <= 0) return false;
    pending_.append(buf, static_cast<std::size_t>(got));
  }
}

std::string Child::read_rest(int timeout_ms) {
  const std::int64_t deadline = now_ms() + timeout_ms;
  std::string out;
  out.swap(pending_);
  for (;;) {
    const std::int64_t left = deadline - now_ms();
    if (left <= 0) return out;
    pollfd p{out_fd_, POLLIN, 0};
    int n = poll(&p, 1, static_cast<int>(left));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return out;
    char buf[4096];
    ssize_t got = read(out_fd_, buf, sizeof buf);
    if (got <= 0) return out;
    out.append(buf, static_cast<std::size_t>(got));
  }
}

void Child::kill_now(int sig) {
  if (!reaped_ && pid_ > 0) kill(pid_, sig);
}

int Child::wait(int timeout_ms) {
  if (reaped_) return decode_status(status_);
  const std::int64_t deadline = now_ms() + timeout_ms;
  for (;;) {
    pid_t r = waitpid(pid_, &status_, WNOHANG);
    if (r == pid_) {
      reaped_ = true;
      return decode_status(status_);
    }
    if (now_ms() >= deadline) return -1;
    usleep(2000);
  }
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string read_ready_line(Child& server, const std::string& who, std::string& url,
                            std::string& ca_file) {
  std::string line;
  if (!server.read_line(line, 60'000)) return who + " did not print READY in 60 s";
  std::istringstream words(line);
  std::string ready, ca;
  words >> ready >> url >> ca;
  if (ready != "READY" || ca.rfind("ca=", 0) != 0) return "unexpected first line: " + line;
  ca_file = ca.substr(3);
  return "";
}

}  // namespace shelfnode::testing
