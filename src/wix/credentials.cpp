#include "shelfnode/wix/credentials.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>

#include "shelfnode/core/atomic_file.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/core/uuid.h"

namespace shelfnode::wix {
namespace {

constexpr std::string_view kDashboardPrefix = "https://manage.wix.com/dashboard/";
constexpr std::size_t kMaxKeyBytes = 4096;  // Wix keys are a few hundred characters

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

Status bad_site_id(std::string_view text) {
  // The text is echoed: a Site ID is not a secret.
  return config_error("'" + printable(utf8_head(text, 80)) +
                      "' is not a Wix Site ID: give the GUID (e.g. "
                      "3f2b8c1e-9a4d-4e6f-8b21-0c5d7e9fa123) or paste the site's dashboard URL "
                      "(https://manage.wix.com/dashboard/<site id>/home)");
}

Status io_failure(const std::string& what, const std::string& path) {
  return io_error("cannot " + what + " " + path + ": " + std::strerror(errno));
}

}  // namespace

Result<SiteId> parse_site_id(std::string_view text) {
  const std::string input = trim(text);
  if (is_uuid(input)) return SiteId{lower(input), false};
  if (lower(input).rfind(kDashboardPrefix, 0) == 0) {
    const std::string rest = input.substr(kDashboardPrefix.size());
    const std::string guid = rest.substr(0, 36);
    const bool ends_there =
        rest.size() == 36 || (rest.size() > 36 && (rest[36] == '/' || rest[36] == '?'));
    if (is_uuid(guid) && ends_there) return SiteId{lower(guid), true};
  }
  return bad_site_id(input);
}

Result<std::string> read_api_key_file(const std::string& path) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    return config_error("cannot read the API key file " + path + ": " + std::strerror(errno) +
                        "; save the key from the Wix API Keys Manager into that file");
  }
  struct stat st {};
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return config_error(path + " is not a regular file: save the API key into a plain file");
  }
  if ((st.st_mode & 077) != 0) {
    close(fd);
    return Status(Code::kPermission, "the API key file " + path +
                                         " can be read by other users: run `chmod 600 " + path +
                                         "` and try again");
  }
  std::string key(kMaxKeyBytes + 1, '\0');
  ssize_t n = read(fd, key.data(), key.size());
  close(fd);
  if (n < 0) return io_failure("read", path);
  key.resize(static_cast<std::size_t>(n));
  if (key.size() > kMaxKeyBytes) return config_error(path + " is too large to be an API key");
  key = trim(key);
  if (key.empty()) return config_error(path + " is empty: paste the API key into it");
  for (char c : key) {
    if (std::isspace(static_cast<unsigned char>(c)) ||
        std::iscntrl(static_cast<unsigned char>(c))) {
      return config_error(path + " holds more than one line or word: keep only the API key in it");
    }
  }
  return key;
}

Status store_api_key(const std::string& path, std::string_view key) {
  std::string text(key);
  text += '\n';
  return write_file_atomically(path, text, 0600);
}

}  // namespace shelfnode::wix
