// Scan input framing: bytes written to a socket in chunks (one read() returns one chunk, as
// from a serial line or a slow pipe), read back through platform::LineReader. The first byte
// sets max_lines (1..16) and the chunk size; the rest is the input. Invariants: the lines
// delivered, batch after batch, are exactly the input's non-blank lines in order (one '\r'
// before the '\n' dropped, a last line without '\n' delivered at the end); no batch exceeds
// max_lines; no line holds a '\n'; the reader ends, and after that keeps saying so.
// Run with -max_len=4096: the reader's buffer is not bounded yet (a known defect).

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "shelfnode/platform/line_reader.h"

namespace shelfnode::fuzz {
namespace {

// CR, LF and CRLF each end a scan (the LF of a CRLF makes a blank line, which is no scan).
std::vector<std::string> expected_lines(std::string_view input) {
  std::vector<std::string> out;
  while (!input.empty()) {
    const std::size_t end = input.find_first_of("\r\n");
    std::string line(input.substr(0, end));
    input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
    if (line.find_first_not_of(" \t") != std::string::npos) out.push_back(std::move(line));
  }
  return out;
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelfnode;
  using namespace shelfnode::fuzz;
  if (size < 1 || size > 4096) return 0;
  const std::size_t max_lines = 1 + (data[0] & 15);
  const std::string_view input = as_text(data + 1, size - 1);
  // At most 64 chunks, so the writes never fill the socket buffer before anything is read.
  const std::size_t chunk =
      std::max<std::size_t>({1, input.size() / 64, static_cast<std::size_t>(data[0] >> 4)});

  int fds[2];
  FUZZ_CHECK(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds) == 0);
  Fd reader_end{fds[0]};
  Fd writer_end{fds[1]};
  for (std::size_t pos = 0; pos < input.size(); pos += chunk) {
    const std::string_view part = input.substr(pos, chunk);
    FUZZ_CHECK(write(writer_end.fd, part.data(), part.size()) == static_cast<ssize_t>(part.size()));
  }
  FUZZ_CHECK(shutdown(writer_end.fd, SHUT_WR) == 0);

  platform::LineReader reader(reader_end.fd);
  std::vector<std::string> got;
  std::vector<std::string> batch;
  bool more = true;
  for (std::size_t round = 0; more; ++round) {
    FUZZ_CHECK(round <= input.size() + 2);  // every round makes progress
    Result<bool> r = reader.next_batch(batch, max_lines);
    FUZZ_CHECK(r.ok());
    more = *r;
    FUZZ_CHECK(batch.size() <= max_lines);
    if (!more) FUZZ_CHECK(batch.empty());
    for (std::string& line : batch) {
      FUZZ_CHECK(line.find('\n') == std::string::npos);
      got.push_back(std::move(line));
    }
  }
  FUZZ_CHECK(got == expected_lines(input));
  Result<bool> after = reader.next_batch(batch, max_lines);
  FUZZ_CHECK(after.ok() && !*after && batch.empty());
  return 0;
}
