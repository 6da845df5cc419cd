#include "fault/durability/fault_process.h"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace shelfnode::fault {
namespace {

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace

LimitedChild::LimitedChild(const std::vector<std::string>& argv, const Limits& limits) {
  int in_pipe[2], out_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) || pipe2(out_pipe, O_CLOEXEC)) throw std::runtime_error("pipe");
  signal(SIGPIPE, SIG_IGN);
  // Everything the child needs is prepared before fork: after it only async-signal-safe calls.
  std::vector<char*> cargv;
  for (const auto& s : argv) cargv.push_back(const_cast<char*>(s.c_str()));
  cargv.push_back(nullptr);
  const char* err_path = limits.stderr_path.empty() ? "/dev/null" : limits.stderr_path.c_str();
  rlimit fsize{};
  if (limits.max_file_size) fsize.rlim_cur = fsize.rlim_max = *limits.max_file_size;
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork");
  if (pid_ == 0) {
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    int err_fd = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (err_fd >= 0) dup2(err_fd, 2);
    if (limits.max_file_size && setrlimit(RLIMIT_FSIZE, &fsize) != 0) _exit(126);
    if (limits.user) {
      if (setgroups(0, nullptr) != 0 || setgid(*limits.user) != 0 || setuid(*limits.user) != 0) {
        _exit(126);
      }
    }
    execv(cargv[0], cargv.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  in_fd_ = in_pipe[1];
  out_fd_ = out_pipe[0];
}

LimitedChild::~LimitedChild() {
  if (!reaped_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    wait(10000);
  }
  close_stdin();
  if (out_fd_ >= 0) close(out_fd_);
}

bool LimitedChild::write_stdin(const std::string& data) {
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

void LimitedChild::close_stdin() {
  if (in_fd_ >= 0) close(in_fd_);
  in_fd_ = -1;
}

bool LimitedChild::read_line(std::string& line, int timeout_ms) {
  const std::int64_t deadline = now_ms() + timeout_ms;
  for (;;) {
    const std::size_t nl = pending_.find('\n');
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

std::string LimitedChild::read_rest(int timeout_ms) {
  std::string out, line;
  while (read_line(line, timeout_ms)) out += line + "\n";
  out += pending_;
  pending_.clear();
  return out;
}

int LimitedChild::wait(int timeout_ms) {
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

testing::RunResult run_limited(const std::vector<std::string>& argv, const std::string& input,
                               Limits limits, const std::string& scratch_dir) {
  if (input.size() >= 32 * 1024) throw std::invalid_argument("run_limited: input too large");
  limits.stderr_path = scratch_dir + "/stderr.txt";
  testing::RunResult r;
  {
    LimitedChild child(argv, limits);
    child.write_stdin(input);  // may fail with EPIPE when the child refuses to start
    child.close_stdin();
    r.out = child.read_rest(30000);
    r.exit_code = child.wait(30000);
  }
  r.err = testing::read_file(limits.stderr_path);
  unlink(limits.stderr_path.c_str());
  return r;
}

bool enter_private_mount_namespace() {
  if (unshare(CLONE_NEWNS) != 0) return false;
  return mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
}

std::unique_ptr<Mount> Mount::tmpfs(const std::string& dir, std::size_t bytes, std::string& why) {
  const std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
  if (mount("tmpfs", dir.c_str(), "tmpfs", 0, options.c_str()) != 0) {
    why = std::string("mount -t tmpfs: ") + std::strerror(errno);
    return nullptr;
  }
  return std::unique_ptr<Mount>(new Mount(dir));
}

std::unique_ptr<Mount> Mount::read_only_bind(const std::string& source, const std::string& dir,
                                             std::string& why) {
  if (mount(source.c_str(), dir.c_str(), nullptr, MS_BIND, nullptr) != 0) {
    why = std::string("mount --bind: ") + std::strerror(errno);
    return nullptr;
  }
  std::unique_ptr<Mount> bound(new Mount(dir));
  // A bind mount takes MS_RDONLY only through a remount of the bind itself.
  if (mount(nullptr, dir.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0) {
    why = std::string("mount -o remount,ro,bind: ") + std::strerror(errno);
    return nullptr;  // `bound` unmounts on the way out
  }
  return bound;
}

Mount::~Mount() {
  if (dir_.empty()) return;
  if (umount2(dir_.c_str(), 0) != 0) umount2(dir_.c_str(), MNT_DETACH);
}

}  // namespace shelfnode::fault
