#include "cli/daemon_client.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "daemon/control_socket.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/store/data_dir_lock.h"

namespace shelfnode::cli {
namespace {

constexpr std::size_t kMaxAnswer = 64 * 1024;

// Reads one '\n'-terminated answer line, waiting at most `timeout_ms` (-1: as long as it
// takes, for a round that may run minutes). `buffered` keeps what came after it.
Result<std::string> read_line(int fd, std::string& buffered, int timeout_ms) {
  for (;;) {
    const std::size_t end = buffered.find('\n');
    if (end != std::string::npos) {
      std::string line = buffered.substr(0, end);
      buffered.erase(0, end + 1);
      return line;
    }
    if (buffered.size() > kMaxAnswer) return internal_error("the daemon's answer is too long");
    pollfd p{fd, POLLIN, 0};
    const int n = poll(&p, 1, timeout_ms);
    if (n < 0 && errno == EINTR) continue;
    if (n == 0) return Status(Code::kTemporary, "the daemon did not answer in time");
    char chunk[4096];
    const ssize_t got = read(fd, chunk, sizeof chunk);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      return Status(Code::kTemporary,
                    "the daemon closed the connection before its answer (it stopped or "
                    "restarted): run `shelfnode sync` again");
    }
    buffered.append(chunk, static_cast<std::size_t>(got));
  }
}

// "refused CODE WHY" (control_socket.h): WHY printed as an error of this command's, CODE its
// exit code.
int refused(const std::string& line) {
  const std::size_t space = line.find(' ', 8);
  const std::string code = line.substr(8, space == std::string::npos ? 0 : space - 8);
  const std::string why = space == std::string::npos ? line.substr(8) : line.substr(space + 1);
  std::fprintf(stderr, "shelfnode: %s\n", printable(why).c_str());
  const bool number = !code.empty() && code.size() <= 3 &&
                      code.find_first_not_of("0123456789") == std::string::npos;
  return number ? std::atoi(code.c_str()) : 75;
}

}  // namespace

int running_daemon(const store::DataDirPaths& paths) {
  const int pid = store::DataDirLock::holder(paths, store::DataDirLock::kDaemonByte);
  if (pid <= 0) return 0;
  const char* mine = std::getenv("SHELFNODE_DAEMON_PID");
  if (mine != nullptr && std::to_string(pid) == mine) return 0;
  return pid;
}

Result<int> sync_through_daemon(const store::DataDirPaths& paths,
                                const std::vector<std::string>& options) {
  Result<platform::UniqueFd> conn = daemon::connect_to_daemon(paths);
  if (!conn.ok()) return conn.status();
  std::string request = "sync";
  for (const std::string& o : options) request += " " + o;
  SHELFNODE_RETURN_IF_ERROR(
      daemon::send_request(conn->get(), request, {STDOUT_FILENO, STDERR_FILENO}));
  std::string buffered;
  for (;;) {
    Result<std::string> line = read_line(conn->get(), buffered, -1);
    if (!line.ok()) return line.status();
    if (line->rfind("refused ", 0) == 0) return refused(*line);
    if (line->rfind("exit ", 0) == 0) {
      const std::string code = line->substr(5);
      if (code.empty() || code.size() > 3 ||
          code.find_first_not_of("0123456789") != std::string::npos) {
        return internal_error("the daemon answered '" + printable(*line) + "'");
      }
      return std::atoi(code.c_str());
    }
    // "queued", "started PID": the round is on its way.
  }
}

Result<std::string> daemon_status(const store::DataDirPaths& paths) {
  Result<platform::UniqueFd> conn = daemon::connect_to_daemon(paths);
  if (!conn.ok()) return conn.status();
  SHELFNODE_RETURN_IF_ERROR(daemon::send_request(conn->get(), "status", {}));
  std::string buffered;
  Result<std::string> line = read_line(conn->get(), buffered, 2000);
  if (!line.ok()) return line.status();
  if (line->rfind("refused ", 0) == 0) {
    return Status(Code::kTemporary, "the daemon refused: " + printable(line->substr(8)));
  }
  return line;
}

}  // namespace shelfnode::cli
