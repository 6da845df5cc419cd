#include "integration/package/dpkg_root.h"

#include <sys/stat.h>

#include <filesystem>
#include <sstream>

namespace shelfnode::testing::package {

namespace {

// The passwd or group line of `name`, split at ':'.
std::vector<std::string> entry_of(const std::string& file, const std::string& name) {
  std::istringstream in(read_file(file));
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::istringstream split(line);
    std::string field;
    while (std::getline(split, field, ':')) fields.push_back(field);
    if (!fields.empty() && fields[0] == name) return fields;
  }
  return {};
}

}  // namespace

DpkgRoot::DpkgRoot() {
  namespace fs = std::filesystem;
  for (const char* dir : {"/var/lib/dpkg/info", "/var/lib/dpkg/updates", "/var/lib/dpkg/triggers",
                          "/etc", "/run", "/tmp"}) {
    fs::create_directories(at(dir));
  }
  write_file(at("/var/lib/dpkg/status"), "");
  write_file(at("/var/lib/dpkg/available"), "");
  write_file(at("/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
  write_file(at("/etc/group"), "root:x:0:\n");
  // The service's user must reach its data dir inside this root (postinst runs
  // `shelfnode init` as that user); a TempDir is 0700.
  fs::permissions(path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
}

RunResult DpkgRoot::dpkg(const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {"dpkg", "--root=" + path(), "--force-script-chrootless",
                                   "--force-depends", "--log=" + at("/var/log-dpkg")};
  argv.insert(argv.end(), args.begin(), args.end());
  // dpkg looks for ldconfig and start-stop-daemon on PATH, which CTest may have trimmed.
  return run(argv, "",
             {{"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
              {"DEBIAN_FRONTEND", "noninteractive"}});
}

uid_t DpkgRoot::uid_of(const std::string& user) const {
  const std::vector<std::string> e = entry_of(at("/etc/passwd"), user);
  return e.size() > 2 ? static_cast<uid_t>(std::stoul(e[2])) : static_cast<uid_t>(-1);
}

gid_t DpkgRoot::gid_of(const std::string& user) const {
  const std::vector<std::string> e = entry_of(at("/etc/passwd"), user);
  return e.size() > 3 ? static_cast<gid_t>(std::stoul(e[3])) : static_cast<gid_t>(-1);
}

int mode_of(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) return -1;
  return static_cast<int>(st.st_mode & 07777);
}

uid_t owner_of(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) return static_cast<uid_t>(-1);
  return st.st_uid;
}

bool exists(const std::string& path) {
  struct stat st {};
  return lstat(path.c_str(), &st) == 0;
}

}  // namespace shelfnode::testing::package
