#include "shelfnode/ota/hawkbit/target_token.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::ota::hawkbit {
namespace {

constexpr std::size_t kMaxTokenBytes = 4096;

}  // namespace

Result<std::string> read_target_token(const std::string& path) {
  const std::string field = "ota.hawkbit.token_file " + path;
  platform::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) {
    return config_error("cannot read " + field + ": " + std::strerror(errno) +
                        ": save the target's security token (hawkBit shows it with the "
                        "target) into that file");
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
    return config_error(field + " is not a regular file");
  }
  if ((st.st_mode & 077) != 0) {
    return Status(Code::kPermission, field + " may be read by others: run `chmod 600 " + path +
                                         "` (it holds the target's security token)");
  }
  if (st.st_size > static_cast<off_t>(kMaxTokenBytes)) {
    return config_error(field + " is too large to be a target token");
  }
  std::string token(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t have = 0;
  while (have < token.size()) {
    const ssize_t n = ::read(fd.get(), token.data() + have, token.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return config_error("cannot read " + field + ": " + std::strerror(errno));
    have += static_cast<std::size_t>(n);
  }
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  if (token.empty()) return config_error(field + " is empty: put the target's security token in it");
  for (char c : token) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return config_error(field + " holds more than the token (a space, a second line or a "
                                  "control character): keep only the token in it");
    }
  }
  return token;
}

}  // namespace shelfnode::ota::hawkbit
