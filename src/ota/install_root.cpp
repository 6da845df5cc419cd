#include "shelfnode/ota/install_root.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "shelfnode/core/printable.h"
#include "small_file.h"

namespace shelfnode::ota {
namespace {

constexpr std::size_t kMaxManifestBytes = 1024 * 1024;
constexpr std::size_t kMaxVersionBytes = 256;

std::string trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

void inspect_factory(const InstallRoot& root, SlotInfo& info) {
  const std::string dir = root.slot_dir(kFactorySlot);
  struct stat st {};
  if (::stat((dir + "/" + kSlotProgram).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    info.problem = dir + "/" + kSlotProgram + " is missing: reinstall the shelfnode package";
    return;
  }
  info.complete = true;
  Result<SmallFile> text =
      read_small_file(dir + "/" + kFactoryVersionFile, kMaxVersionBytes, Links::kRefuse);
  if (!text.ok() || text->kind != FileKind::kRegular) return;
  Result<Semver> v = parse_semver(trimmed(text->bytes));
  if (v.ok()) info.version = std::move(v).value();
}

void inspect_ota_slot(const InstallRoot& root, SlotInfo& info) {
  const std::string dir = root.slot_dir(info.name);
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
    info.problem = "empty (nothing installed in slot " + info.name + ")";
    return;
  }
  Result<SmallFile> text =
      read_small_file(dir + "/" + kSlotManifest, kMaxManifestBytes, Links::kRefuse);
  if (!text.ok() || text->kind != FileKind::kRegular) {
    info.problem = "slot " + info.name + " has no manifest (empty, or its install did not finish)";
    return;
  }
  Result<Manifest> m = parse_manifest(text->bytes);
  if (!m.ok()) {
    info.problem = "slot " + info.name + ": " + m.status().message();
    return;
  }
  for (const ManifestFile& f : m->files) {
    struct stat st {};
    const std::string path = dir + "/" + f.path;
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
        static_cast<std::uint64_t>(st.st_size) != f.size) {
      info.problem = "slot " + info.name + ": " + printable(f.path) +
                     " is missing or not the size its manifest says";
      return;
    }
  }
  bool has_program = false;
  for (const ManifestFile& f : m->files) has_program = has_program || f.path == kSlotProgram;
  if (!has_program) {
    info.problem = "slot " + info.name + " has no " + kSlotProgram + ": it cannot run";
    return;
  }
  info.version = m->version;
  info.manifest = std::move(m).value();
  info.complete = true;
}

}  // namespace

InstallRoot install_root_from(const std::string& option) {
  if (!option.empty()) return InstallRoot{option};
  if (const char* env = std::getenv("SHELFNODE_INSTALL_ROOT"); env != nullptr && *env != '\0') {
    return InstallRoot{env};
  }
  return InstallRoot{kDefaultInstallRoot};
}

bool is_slot_name(const std::string& name) {
  return name == kFactorySlot || name == "a" || name == "b";
}

SlotInfo inspect_slot(const InstallRoot& root, const std::string& slot) {
  SlotInfo info;
  info.name = slot;
  if (slot == kFactorySlot) {
    inspect_factory(root, info);
  } else {
    inspect_ota_slot(root, info);
  }
  return info;
}

Result<std::string> current_slot(const InstallRoot& root) {
  char target[64];
  const ssize_t n = ::readlink(root.current().c_str(), target, sizeof target - 1);
  if (n < 0) {
    return not_found(root.current() + " is not a symbolic link (" + std::strerror(errno) + ")");
  }
  const std::string name(target, static_cast<std::size_t>(n));
  if (!is_slot_name(name)) {
    return not_found(root.current() + " points at '" + printable(name) +
                     "', not at factory, a or b");
  }
  return name;
}

Status switch_current(FsOps& fs, const InstallRoot& root, const std::string& slot) {
  const std::string tmp = root.current() + ".tmp";
  SHELFNODE_RETURN_IF_ERROR(fs.unlink(tmp));  // left by an interrupted switch
  SHELFNODE_RETURN_IF_ERROR(fs.symlink(slot, tmp));
  SHELFNODE_RETURN_IF_ERROR(fs.rename(tmp, root.current()));
  return fs.fsync_dir(root.dir);
}

}  // namespace shelfnode::ota
