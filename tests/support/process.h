#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shelfnode::testing {

// A fresh directory under $TMPDIR, removed (recursively) when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct RunResult {
  int exit_code = -1;  // 128 + signal when killed by a signal
  std::string out;
  std::string err;
};

// What to apply in a child between fork and exec. A failed setrlimit/setuid exits with 126.
struct ChildSetup {
  std::optional<rlim_t> max_file_size;  // RLIMIT_FSIZE (shelfnode ignores SIGXFSZ: EFBIG)
  std::optional<rlim_t> max_memory;     // RLIMIT_AS: allocations past it fail
  std::optional<uid_t> user;            // setgid/setuid to this id, no supplementary groups
  std::string stderr_path;              // stderr to this file (created, truncated); "" = default
  // run() only: stderr is a new pseudo-terminal (isatty(2) holds in the child), as for a
  // person at a terminal; what it wrote comes back in `err` with the terminal's CR dropped.
  bool stderr_terminal = false;
};

// The program's full path on $PATH, or "" when it is not there.
std::string find_program(const std::string& name);

// Runs a program to completion with `input` on stdin; captures stdout and stderr (through a
// pipe, or from `setup.stderr_path` after exit when that is set).
// `env` entries are added to (or override) the inherited environment.
RunResult run(const std::vector<std::string>& argv, const std::string& input = "",
              const std::map<std::string, std::string>& env = {}, const ChildSetup& setup = {});

// The shelfnode binary under test ($SHELFNODE_BIN, set by CTest).
std::string shelfnode_bin();

// Runs `shelfnode --data-dir DIR args...`.
RunResult shelfnode(const std::string& data_dir, const std::vector<std::string>& args,
                    const std::string& input = "");

// A child process with pipes to its stdin and stdout, for streaming tests, started under
// `setup` (stderr defaults to /dev/null). The destructor kills (SIGKILL) and reaps the child by
// PID if it is still running.
class Child {
 public:
  explicit Child(const std::vector<std::string>& argv, const ChildSetup& setup = {});
  ~Child();
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  pid_t pid() const { return pid_; }
  bool write_stdin(const std::string& data);
  void close_stdin();
  // Reads one line from stdout (without '\n'); false on EOF or after `timeout_ms`.
  bool read_line(std::string& line, int timeout_ms);
  // Reads whatever stdout holds until EOF (or timeout); returns it.
  std::string read_rest(int timeout_ms);
  void kill_now(int sig);
  // Waits for exit; returns exit code (128 + signal if signalled), -1 on timeout.
  int wait(int timeout_ms);

 private:
  pid_t pid_ = -1;
  int in_fd_ = -1;
  int out_fd_ = -1;
  std::string pending_;
  bool reaped_ = false;
  int status_ = 0;
};

// Returns the whole content of a file ("" if missing).
std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& content);

// Reads the first line of a loopback test server (the Wix emulator, the DDI test server):
// "READY URL ca=CA_FILE", within 60 s. Returns "" with `url` and `ca_file` set, else why not
// (`who` names the server in that message).
std::string read_ready_line(Child& server, const std::string& who, std::string& url,
                            std::string& ca_file);

}  // namespace shelfnode::testing
