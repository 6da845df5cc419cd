#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "shelfnode/core/result.h"
#include "shelfnode/platform/unique_fd.h"

namespace shelfnode::ota {

// What is known about the bytes in DEST.part, kept beside it in DEST.part.state so a later
// process (after a reboot) resumes only what it can prove is the same file.
struct PartialState {
  std::string url_sha256;     // which URL the bytes came from (a hash: a URL may hold a token)
  std::string etag;           // the server's validator for them, "" when it sent none
  std::string last_modified;  // likewise
  std::optional<std::uint64_t> total;  // the whole file's size, once an answer said it
  std::uint64_t length = 0;            // bytes of DEST.part known to be on disk (fsynced)
};

// DEST.part and its state file. Every change of what the bytes are (a new validator, a
// restart) is persisted before a byte of the new answer is written; the length is persisted
// after each fsync. A crash can therefore leave at most unsynced bytes past the recorded
// length, which open() cuts off, never bytes of one file spliced onto another.
class PartialDownload {
 public:
  // Opens (creating) DEST.part and reads its state. A state for another URL, one that does
  // not parse, or a .part shorter than the recorded length starts over from empty.
  static Result<PartialDownload> open(const std::string& dest_path, const std::string& url);

  std::uint64_t length() const { return length_; }
  const PartialState& state() const { return state_; }
  std::uint64_t resumed_from() const { return resumed_from_; }

  // Empties the file and forgets the validator and size: the next request is a whole GET.
  Status restart();
  // The validator and size of the answer whose bytes come next (persisted at once).
  Status adopt(const std::string& etag, const std::string& last_modified,
               std::optional<std::uint64_t> total);
  Status append(const unsigned char* data, std::size_t size);
  // fdatasync, then the length into the state file; sync_if_due only every `interval` bytes.
  Status sync();
  Status sync_if_due(std::uint64_t interval);
  int fd() const { return fd_.get(); }

  // Synced and renamed to DEST (durably); the state file goes.
  Status finish();
  // DEST.part and its state go (their bytes are known to be bad).
  void discard();

 private:
  PartialDownload() = default;
  Status persist_state();

  std::string dest_;
  std::string part_;
  std::string state_path_;
  platform::UniqueFd fd_;
  PartialState state_;
  std::uint64_t length_ = 0;
  std::uint64_t synced_ = 0;
  std::uint64_t resumed_from_ = 0;
};

}  // namespace shelfnode::ota
