#include "cli/ota_source.h"

#include <sys/stat.h>

#include "shelfnode/core/printable.h"

namespace shelfnode::cli {
namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

Result<std::string> bundle_folder_for(const std::string& source) {
  if (source.find("://") != std::string::npos) {
    return usage_error("ota install: " + printable(source) +
                       " is a URL; this build installs from a bundle folder only: download the "
                       "bundle and give its folder");
  }
  if (ends_with(source, ".tar") || ends_with(source, ".tar.gz") || ends_with(source, ".tgz")) {
    return usage_error("ota install: " + printable(source) +
                       " is an archive; this build installs from a bundle folder only: unpack "
                       "it and give the folder");
  }
  struct stat st {};
  if (::stat(source.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return usage_error("ota install: " + printable(source) +
                       " is not a folder: give the bundle folder (the one holding "
                       "manifest.json and manifest.json.sig)");
  }
  return source;
}

}  // namespace shelfnode::cli
