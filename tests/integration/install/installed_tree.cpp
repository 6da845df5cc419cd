#include "integration/install/installed_tree.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace shelfnode::testing::install {

namespace {

void run_install(Installed& installed) {
  installed.result =
      run({SHELFNODE_CMAKE, "--install", SHELFNODE_BUILD_DIR, "--prefix", installed.prefix}, "",
          {{"DESTDIR", installed.destdir.path()}});
}

}  // namespace

std::unique_ptr<Installed> install_into_destdir(const std::string& prefix) {
  auto installed = std::make_unique<Installed>();
  installed->prefix = prefix;
  run_install(*installed);
  return installed;
}

void install_again(Installed& installed) {
  run_install(installed);
}

bool build_has_daemon() {
  return SHELFNODE_HAS_DAEMON != 0;
}

int mode_of(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) != 0) return -1;
  return static_cast<int>(st.st_mode & 07777);
}

std::set<std::string> tree_of(const std::string& dir) {
  namespace fs = std::filesystem;
  std::set<std::string> paths;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
    std::string relative = fs::relative(entry.path(), dir).string();
    if (entry.is_directory() && !entry.is_symlink()) relative += "/";
    paths.insert(relative);
  }
  return paths;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::vector<std::string> unit_settings(const std::string& unit_text) {
  std::vector<std::string> settings;
  for (const std::string& line : lines_of(unit_text)) {
    if (line.empty() || line[0] == '#' || line[0] == ';' || line[0] == '[') continue;
    settings.push_back(line);
  }
  return settings;
}

}  // namespace shelfnode::testing::install
