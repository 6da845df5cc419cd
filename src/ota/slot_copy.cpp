#include "slot_copy.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "sha256.h"
#include "shelfnode/core/clock.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ota/refusal.h"
#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::ota {
namespace {

constexpr std::size_t kChunkBytes = 64 * 1024;

Status make_parents(FsOps& fs, const std::string& slot_dir, const std::string& path,
                    std::set<std::string>& made_dirs) {
  for (std::size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    const std::string dir = slot_dir + "/" + path.substr(0, slash);
    if (made_dirs.count(dir) != 0) continue;
    SHELFNODE_RETURN_IF_ERROR(fs.mkdir(dir, 0755));
    made_dirs.insert(dir);
  }
  return Status::Ok();
}

Status changed_since_check(const ManifestFile& file, const std::string& what) {
  return refuse(Refusal::kHashMismatch,
                printable(file.path) + " changed after it was checked (" + what +
                    "): the bundle's medium is unreliable or was written to; copy the bundle "
                    "again and install from the copy");
}

}  // namespace

mode_t installed_mode(const std::string& path) {
  return path.rfind("bin/", 0) == 0 ? 0755 : 0644;
}

Status copy_listed_file(FsOps& fs, const std::string& bundle_dir, const std::string& slot_dir,
                        const ManifestFile& file, std::set<std::string>& made_dirs) {
  SHELFNODE_RETURN_IF_ERROR(make_parents(fs, slot_dir, file.path, made_dirs));
  const std::string from = bundle_dir + "/" + file.path;
  const std::string to = slot_dir + "/" + file.path;
  platform::UniqueFd in(::open(from.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW));
  if (!in.valid()) {
    return refuse(Refusal::kBundleUnreadable,
                  "cannot read " + printable(from) + ": " + std::strerror(errno));
  }
  Result<platform::UniqueFd> out = fs.create(to, installed_mode(file.path));
  if (!out.ok()) return out.status();
  Sha256 hash;
  std::vector<unsigned char> chunk(kChunkBytes);
  std::uint64_t copied = 0;
  for (;;) {
    const ssize_t n = ::read(in.get(), chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      return refuse(Refusal::kBundleUnreadable,
                    "cannot read " + printable(from) + ": " + std::strerror(errno));
    }
    if (n == 0) break;
    copied += static_cast<std::uint64_t>(n);
    // Never more than declared: a file that grew is refused without writing the rest.
    if (copied > file.size) return changed_since_check(file, "it grew");
    SHELFNODE_RETURN_IF_ERROR(hash.update(chunk.data(), static_cast<std::size_t>(n)));
    SHELFNODE_RETURN_IF_ERROR(fs.write(out->get(), chunk.data(), static_cast<std::size_t>(n), to));
  }
  if (copied != file.size) return changed_since_check(file, "it shrank");
  Sha256Digest digest{};
  SHELFNODE_RETURN_IF_ERROR(hash.finish(digest));
  if (to_hex(digest) != file.sha256) return changed_since_check(file, "its SHA-256 differs");
  return fs.fsync(out->get(), to);
}

std::string slot_manifest_text(const Manifest& manifest) {
  JsonPtr j(cJSON_CreateObject());
  cJSON_AddItemToObject(j.get(), "format", cJSON_CreateNumber(kManifestFormat));
  cJSON_AddItemToObject(j.get(), "name", cJSON_CreateString(manifest.name.c_str()));
  cJSON_AddItemToObject(j.get(), "version",
                        cJSON_CreateString(manifest.version.to_string().c_str()));
  // The manifest's own form: whole seconds, 'Z' (format_utc_ms adds milliseconds).
  const std::string expires = format_utc_ms(manifest.expires_ms).substr(0, 19) + "Z";
  cJSON_AddItemToObject(j.get(), "expires", cJSON_CreateString(expires.c_str()));
  if (manifest.min_version) {
    cJSON_AddItemToObject(j.get(), "min_version",
                          cJSON_CreateString(manifest.min_version->to_string().c_str()));
  }
  cJSON* files = cJSON_AddArrayToObject(j.get(), "files");
  for (const ManifestFile& f : manifest.files) {
    cJSON* entry = cJSON_CreateObject();
    cJSON_AddItemToObject(entry, "path", cJSON_CreateString(f.path.c_str()));
    cJSON_AddItemToObject(entry, "size", cJSON_CreateNumber(static_cast<double>(f.size)));
    cJSON_AddItemToObject(entry, "sha256", cJSON_CreateString(f.sha256.c_str()));
    cJSON_AddItemToArray(files, entry);
  }
  return to_json_pretty(j.get()) + "\n";
}

}  // namespace shelfnode::ota
