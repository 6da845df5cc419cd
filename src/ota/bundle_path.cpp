#include "shelfnode/core/printable.h"
#include "shelfnode/ota/manifest.h"
#include "shelfnode/ota/refusal.h"

namespace shelfnode::ota {
namespace {

// Long enough for any install tree, short enough that PATH_MAX is never in question.
constexpr std::size_t kMaxPathBytes = 1024;
constexpr std::size_t kMaxComponentBytes = 255;

Status unsafe(std::string_view path, const std::string& why) {
  return refuse(Refusal::kPathUnsafe,
                "listed path '" + printable(path) + "' " + why +
                    ": list files by plain paths relative to the bundle folder, e.g. "
                    "bin/shelfnode");
}

}  // namespace

Status check_bundle_path(std::string_view path) {
  if (path.empty()) return unsafe(path, "is empty");
  if (path.size() > kMaxPathBytes) return unsafe(path, "is longer than 1024 bytes");
  if (path.front() == '/') return unsafe(path, "is absolute");
  for (char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) return unsafe(path, "has a control character");
    if (c == '\\') return unsafe(path, "has a backslash");
  }
  if (path == "manifest.json" || path == "manifest.json.sig") {
    return unsafe(path, "is one of the bundle's own files");
  }
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = path.find('/', start);
    const std::string_view part =
        path.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (part.empty()) return unsafe(path, "has an empty component ('//' or a trailing '/')");
    if (part == "..") return unsafe(path, "has a '..' component (it would leave the bundle)");
    if (part == ".") return unsafe(path, "has a '.' component");
    if (part.size() > kMaxComponentBytes) return unsafe(path, "has a component over 255 bytes");
    if (slash == std::string_view::npos) return Status::Ok();
    start = slash + 1;
  }
}

}  // namespace shelfnode::ota
