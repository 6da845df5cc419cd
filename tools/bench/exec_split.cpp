#include "exec_split.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "proc_status.h"

extern char** environ;

namespace shelfnode::bench {
namespace {

constexpr int kReadyTimeoutMs = 10'000;
constexpr int kStopTimeoutMs = 10'000;

// A traced child: argv and environment (NOTIFY_SOCKET set) built before fork(), since the
// child may only make plain system calls between fork() and execve().
class TracedChild {
 public:
  TracedChild(const std::vector<std::string>& argv, const NotifyListener& notify) : args_(argv) {
    envs_.push_back("NOTIFY_SOCKET=" + notify.path());
    for (char** e = environ; *e != nullptr; ++e) {
      if (std::strncmp(*e, "NOTIFY_SOCKET=", 14) != 0 && std::strncmp(*e, "WATCHDOG_", 9) != 0)
        envs_.emplace_back(*e);
    }
    for (std::string& a : args_) c_args_.push_back(a.data());
    for (std::string& e : envs_) c_env_.push_back(e.data());
    c_args_.push_back(nullptr);
    c_env_.push_back(nullptr);
  }
  ~TracedChild() {
    if (pid_ <= 0 || reaped_) return;
    kill(pid_, SIGKILL);
    int status = 0;
    while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
  TracedChild(const TracedChild&) = delete;
  TracedChild& operator=(const TracedChild&) = delete;

  // Forks and execs; the child stops (SIGTRAP) once its first image is loaded.
  bool fork_exec(const std::string& stderr_path, std::string& error) {
    pid_ = fork();
    if (pid_ < 0) {
      error = std::string("fork: ") + std::strerror(errno);
      return false;
    }
    if (pid_ == 0) {
      ptrace(PTRACE_TRACEME, 0, nullptr, nullptr);
      const int in = open("/dev/null", O_RDONLY);
      const int out = open("/dev/null", O_WRONLY);
      const int err = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      if (in < 0 || out < 0 || err < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
        _exit(127);
      execve(c_args_[0], c_args_.data(), c_env_.data());
      _exit(127);
    }
    return true;
  }
  pid_t pid() const { return pid_; }

  // The next ptrace stop: its status, or false when the child ended instead.
  bool next_stop(int& status) {
    while (waitpid(pid_, &status, 0) < 0) {
      if (errno != EINTR) return false;
    }
    if (WIFSTOPPED(status)) return true;
    reaped_ = true;
    return false;
  }

  int stop_and_reap() {
    kill(pid_, SIGTERM);
    const SteadyTime end = now() + std::chrono::milliseconds(kStopTimeoutMs);
    int status = 0;
    for (;;) {
      const pid_t done = waitpid(pid_, &status, WNOHANG);
      if (done == pid_) break;
      if (done < 0 && errno != EINTR) return -1;
      if (now() > end) {
        kill(pid_, SIGKILL);
        (void)waitpid(pid_, &status, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    reaped_ = true;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  std::vector<std::string> args_, envs_;
  std::vector<char*> c_args_, c_env_;
  pid_t pid_ = -1;
  bool reaped_ = false;
};

bool is_exec_event(int status) {
  return WIFSTOPPED(status) && (status >> 8) == (SIGTRAP | (PTRACE_EVENT_EXEC << 8));
}

// Resumes after a stop that is not ours to swallow: a signal stop gets its signal back.
long resume(pid_t pid, int status, __ptrace_request how) {
  const int sig = WSTOPSIG(status);
  const bool deliver = sig != SIGTRAP && sig != (SIGTRAP | 0x80) && (status >> 16) == 0;
  return ptrace(how, pid, nullptr, reinterpret_cast<void*>(static_cast<long>(deliver ? sig : 0)));
}

}  // namespace

bool split_one_start(const std::vector<std::string>& argv, NotifyListener& notify,
                     const std::string& stderr_path, ExecSplit& out, std::string& error) {
  TracedChild child(argv, notify);
  notify.drain();
  const SteadyTime t0 = now();
  int status = 0;
  if (!child.fork_exec(stderr_path, error)) return false;
  // First stop: the SIGTRAP of its own execve(shelfnode).
  if (!child.next_stop(status)) {
    error = "the traced child ended before its exec";
    return false;
  }
  out.shelfnode_loaded_us = micros_between(t0, now());
  ptrace(PTRACE_SETOPTIONS, child.pid(), nullptr, reinterpret_cast<void*>(PTRACE_O_TRACEEXEC));
  resume(child.pid(), status, PTRACE_CONT);
  while (child.next_stop(status) && !is_exec_event(status))
    resume(child.pid(), status, PTRACE_CONT);
  if (!is_exec_event(status)) {
    error = "the traced child ended without exec'ing shelfnoded (see " + stderr_path + ")";
    return false;
  }
  out.shelfnoded_loaded_us = micros_between(t0, now());
  ptrace(PTRACE_DETACH, child.pid(), nullptr, nullptr);
  NotifyListener::Message ready;
  if (!notify.wait_for("READY=1", kReadyTimeoutMs, ready)) {
    error = "no READY=1 from the traced start (see " + stderr_path + ")";
    return false;
  }
  out.ready_us = micros_between(t0, ready.at);
  if (child.stop_and_reap() == 0) return true;
  error = "the traced daemon did not exit 0 after SIGTERM (see " + stderr_path + ")";
  return false;
}

bool memory_across_exec(const std::vector<std::string>& argv, NotifyListener& notify,
                        const std::string& stderr_path, ExecMemory& out, std::string& error) {
  TracedChild child(argv, notify);
  notify.drain();
  int status = 0;
  if (!child.fork_exec(stderr_path, error) || !child.next_stop(status)) {
    error = "the traced child did not start";
    return false;
  }
  ptrace(PTRACE_SETOPTIONS, child.pid(), nullptr,
         reinterpret_cast<void*>(PTRACE_O_TRACEEXEC | PTRACE_O_TRACESYSGOOD));
  resume(child.pid(), status, PTRACE_SYSCALL);
  // Syscall stops until the entry into execve; the mm there is still shelfnode's.
  bool at_exec = false;
  while (!at_exec && child.next_stop(status)) {
    if (WSTOPSIG(status) == (SIGTRAP | 0x80)) {
      __ptrace_syscall_info info{};
      ptrace(PTRACE_GET_SYSCALL_INFO, child.pid(), reinterpret_cast<void*>(sizeof info), &info);
      at_exec = info.op == PTRACE_SYSCALL_INFO_ENTRY && info.entry.nr == SYS_execve;
    }
    if (!at_exec) resume(child.pid(), status, PTRACE_SYSCALL);
  }
  if (!at_exec) {
    error = "the traced child ended before its execve(shelfnoded)";
    return false;
  }
  const ProcStatus before = read_proc_status(child.pid());
  out.before_exec_hwm_kib = before.vm_hwm_kib;
  out.before_exec_rss_kib = before.vm_rss_kib;
  ptrace(PTRACE_CONT, child.pid(), nullptr, nullptr);
  while (child.next_stop(status) && !is_exec_event(status))
    resume(child.pid(), status, PTRACE_CONT);
  if (!is_exec_event(status)) {
    error = "the traced child's execve(shelfnoded) failed (see " + stderr_path + ")";
    return false;
  }
  ptrace(PTRACE_DETACH, child.pid(), nullptr, nullptr);
  NotifyListener::Message ready;
  if (!notify.wait_for("READY=1", kReadyTimeoutMs, ready)) {
    error = "no READY=1 from the traced start (see " + stderr_path + ")";
    return false;
  }
  const ProcStatus after = read_proc_status(child.pid());
  out.after_ready_hwm_kib = after.vm_hwm_kib;
  out.after_ready_rss_kib = after.vm_rss_kib;
  if (child.stop_and_reap() == 0) return true;
  error = "the traced daemon did not exit 0 after SIGTERM (see " + stderr_path + ")";
  return false;
}

}  // namespace shelfnode::bench
