#include "partial_download.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "sha256.h"
#include "shelfnode/core/atomic_file.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/printable.h"
#include "small_file.h"

namespace shelfnode::ota {
namespace {

constexpr std::size_t kMaxStateBytes = 4096;

Status io_failure(const std::string& what, const std::string& path) {
  return io_error("cannot " + what + " " + printable(path) + ": " + std::strerror(errno));
}

std::string hash_of(const std::string& text) {
  Sha256Digest digest{};
  if (!sha256_of(text, digest).ok()) return "";
  return to_hex(digest);
}

// The state as written, or nothing when the file is missing or not ours in every field.
std::optional<PartialState> read_state(const std::string& path) {
  Result<SmallFile> file = read_small_file(path, kMaxStateBytes, Links::kRefuse);
  if (!file.ok() || file->kind != FileKind::kRegular) return std::nullopt;
  Result<JsonPtr> json = parse_json_text(file->bytes);
  if (!json.ok() || !cJSON_IsObject(json->get())) return std::nullopt;
  const cJSON* root = json->get();
  PartialState s;
  s.url_sha256 = text_at(root, "url_sha256");
  s.etag = text_at(root, "etag");
  s.last_modified = text_at(root, "last_modified");
  Result<std::optional<std::int64_t>> total = whole_number_at(root, "total", 0, kMaxExactJsonInt);
  Result<std::optional<std::int64_t>> length = whole_number_at(root, "length", 0, kMaxExactJsonInt);
  if (!total.ok() || !length.ok() || !length->has_value() || s.url_sha256.size() != 64) {
    return std::nullopt;
  }
  if (total->has_value()) s.total = static_cast<std::uint64_t>(**total);
  s.length = static_cast<std::uint64_t>(**length);
  if (s.total && s.length > *s.total) return std::nullopt;
  return s;
}

}  // namespace

Result<PartialDownload> PartialDownload::open(const std::string& dest_path,
                                              const std::string& url) {
  PartialDownload p;
  p.dest_ = dest_path;
  p.part_ = dest_path + ".part";
  p.state_path_ = dest_path + ".part.state";
  p.fd_.reset(::open(p.part_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0600));
  if (!p.fd_.valid()) return io_failure("open", p.part_);
  // Two downloads into one partial would interleave their bytes: the second is turned away.
  if (::flock(p.fd_.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      return conflict("another download into " + printable(dest_path) +
                      " is running: wait for it to finish");
    }
    return io_failure("lock", p.part_);
  }
  struct stat st {};
  if (::fstat(p.fd_.get(), &st) != 0) return io_failure("stat", p.part_);
  if (!S_ISREG(st.st_mode)) return io_error(printable(p.part_) + " is not a regular file");

  const std::string url_hash = hash_of(url);
  std::optional<PartialState> state = read_state(p.state_path_);
  const auto on_disk = static_cast<std::uint64_t>(st.st_size);
  if (!state || state->url_sha256 != url_hash || on_disk < state->length) {
    p.state_ = PartialState{};
    p.state_.url_sha256 = url_hash;
    SHELFNODE_RETURN_IF_ERROR(p.restart());
    return p;
  }
  p.state_ = std::move(*state);
  // Bytes past the recorded length were written after the last fsync: a power cut may have
  // left them as zeros, so they are not trusted.
  if (on_disk > p.state_.length &&
      ::ftruncate(p.fd_.get(), static_cast<off_t>(p.state_.length)) != 0) {
    return io_failure("truncate", p.part_);
  }
  p.length_ = p.synced_ = p.resumed_from_ = p.state_.length;
  return p;
}

Status PartialDownload::persist_state() {
  JsonPtr root(cJSON_CreateObject());
  if (!root) return io_error("out of memory writing " + printable(state_path_));
  cJSON_AddStringToObject(root.get(), "url_sha256", state_.url_sha256.c_str());
  cJSON_AddStringToObject(root.get(), "etag", state_.etag.c_str());
  cJSON_AddStringToObject(root.get(), "last_modified", state_.last_modified.c_str());
  if (state_.total) {
    cJSON_AddNumberToObject(root.get(), "total", static_cast<double>(*state_.total));
  }
  cJSON_AddNumberToObject(root.get(), "length", static_cast<double>(state_.length));
  const std::string text = to_json_text(root.get());
  if (text.empty()) return io_error("out of memory writing " + printable(state_path_));
  return write_file_atomically(state_path_, text + "\n", 0600);
}

Status PartialDownload::restart() {
  if (::ftruncate(fd_.get(), 0) != 0) return io_failure("truncate", part_);
  length_ = synced_ = 0;
  state_.etag.clear();
  state_.last_modified.clear();
  state_.total.reset();
  state_.length = 0;
  return persist_state();
}

Status PartialDownload::adopt(const std::string& etag, const std::string& last_modified,
                              std::optional<std::uint64_t> total) {
  if (etag == state_.etag && last_modified == state_.last_modified && total == state_.total) {
    return Status::Ok();
  }
  state_.etag = etag;
  state_.last_modified = last_modified;
  state_.total = total;
  state_.length = synced_;
  return persist_state();
}

Status PartialDownload::append(const unsigned char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t n = ::pwrite(fd_.get(), data, size, static_cast<off_t>(length_));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return io_failure("write", part_);
    data += n;
    size -= static_cast<std::size_t>(n);
    length_ += static_cast<std::uint64_t>(n);
  }
  return Status::Ok();
}

Status PartialDownload::sync() {
  if (synced_ == length_ && state_.length == length_) return Status::Ok();
  if (::fdatasync(fd_.get()) != 0) return io_failure("sync", part_);
  synced_ = length_;
  state_.length = length_;
  return persist_state();
}

Status PartialDownload::sync_if_due(std::uint64_t interval) {
  return length_ - synced_ >= interval ? sync() : Status::Ok();
}

Status PartialDownload::finish() {
  SHELFNODE_RETURN_IF_ERROR(sync());
  fd_.reset();
  SHELFNODE_RETURN_IF_ERROR(rename_durably(part_, dest_));
  (void)::unlink(state_path_.c_str());
  return Status::Ok();
}

void PartialDownload::discard() {
  fd_.reset();
  (void)::unlink(part_.c_str());
  (void)::unlink(state_path_.c_str());
}

}  // namespace shelfnode::ota
