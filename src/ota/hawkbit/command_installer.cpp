// Interim installers: the signature check in front of a command, until the A/B installer
// (DESIGN §6 slots) is wired in.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "shelfnode/core/printable.h"
#include "shelfnode/ota/hawkbit/command_installer.h"
#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::ota::hawkbit {
namespace {

constexpr std::size_t kMaxStderr = 4096;

// The last non-empty lines of what the command wrote, within the bound.
std::string tail(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  if (text.size() > 400) text = text.substr(text.size() - 400);
  return printable(text);
}

}  // namespace

Status CommandInstaller::install(const std::string& bundle_dir) {
  if (argv_.empty()) return config_error("no install command given");
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return io_error(std::string("pipe: ") + std::strerror(errno));
  platform::UniqueFd read_end(fds[0]);
  platform::UniqueFd write_end(fds[1]);
  std::vector<std::string> args = argv_;
  args.push_back(bundle_dir);
  std::vector<char*> c_args;
  for (std::string& a : args) c_args.push_back(a.data());
  c_args.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return io_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    // The poll loop blocks SIGTERM to take it between polls; the installer must get it.
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    // Its stdout joins our log (stderr); its stderr is the refusal text.
    ::dup2(STDERR_FILENO, STDOUT_FILENO);
    ::dup2(write_end.get(), STDERR_FILENO);
    ::execvp(c_args[0], c_args.data());
    ::_exit(127);
  }
  write_end.reset();
  std::string err;
  char buffer[1024];
  ssize_t n = 0;
  while ((n = ::read(read_end.get(), buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR)) {
    if (n > 0 && err.size() < kMaxStderr) err.append(buffer, static_cast<std::size_t>(n));
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Status::Ok();
  const std::string how = WIFEXITED(status) ? "exited with " + std::to_string(WEXITSTATUS(status))
                                            : "was killed by signal " + std::to_string(WTERMSIG(status));
  return bad_data("install command " + printable(argv_[0]) + " " + how +
                  (err.empty() ? "" : ": " + tail(err)));
}

Status VerifyingInstaller::install(const std::string& bundle_dir) {
  Result<TrustedKeys> keys = TrustedKeys::load(keys_dir_);
  if (!keys.ok()) return keys.status();
  Result<VerifiedBundle> verified = verify_bundle(bundle_dir, *keys, device_, clock_);
  if (!verified.ok()) return verified.status();
  if (next_ == nullptr) {
    return config_error("bundle " + verified->manifest.version.to_string() +
                        " verified, but this build has no installer wired: pass "
                        "--install-command");
  }
  return next_->install(bundle_dir);
}

}  // namespace shelfnode::ota::hawkbit
