#include "bundle_tree.h"

#include <dirent.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "shelfnode/core/printable.h"
#include "shelfnode/ota/refusal.h"

namespace shelfnode::ota {
namespace {

// Bounds on what a walk will visit, so a hostile stick cannot make it run forever.
constexpr int kMaxDepth = 32;
constexpr std::size_t kMaxEntries = 100000;

struct DirClose {
  void operator()(DIR* d) const { ::closedir(d); }
};

Status unreadable(const std::string& path) {
  return refuse(Refusal::kBundleUnreadable,
                "cannot read " + printable(path) + ": " + std::strerror(errno));
}

Status walk(const std::string& root, const std::string& rel, int depth,
            std::set<std::string>& out) {
  if (depth > kMaxDepth) {
    return refuse(Refusal::kPathUnsafe, "folders nest deeper than 32 levels at " + printable(rel));
  }
  const std::string dir_path = rel.empty() ? root : root + "/" + rel;
  std::unique_ptr<DIR, DirClose> d(::opendir(dir_path.c_str()));
  if (!d) return unreadable(dir_path);
  errno = 0;
  while (const dirent* e = ::readdir(d.get())) {
    const std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    const std::string child = rel.empty() ? name : rel + "/" + name;
    struct stat st {};
    if (::lstat((root + "/" + child).c_str(), &st) != 0) return unreadable(root + "/" + child);
    if (S_ISDIR(st.st_mode)) {
      SHELFNODE_RETURN_IF_ERROR(walk(root, child, depth + 1, out));
    } else if (S_ISREG(st.st_mode)) {
      if (child != "manifest.json" && child != "manifest.json.sig") out.insert(child);
      if (out.size() > kMaxEntries) {
        return refuse(Refusal::kPathUnsafe, "the bundle holds more than 100000 files");
      }
    } else {
      const char* what = S_ISLNK(st.st_mode) ? "a symbolic link" : "not a regular file";
      return refuse(Refusal::kLinkInBundle,
                    printable(child) + " in the bundle is " + what +
                        ": a bundle holds only regular files and folders (the bundle script "
                        "refuses links; put the real file in the staged tree)");
    }
    errno = 0;
  }
  if (errno != 0) return unreadable(dir_path);
  return Status::Ok();
}

}  // namespace

Result<std::set<std::string>> list_bundle_files(const std::string& bundle_dir) {
  std::set<std::string> files;
  SHELFNODE_RETURN_IF_ERROR(walk(bundle_dir, "", 0, files));
  return files;
}

}  // namespace shelfnode::ota
