#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "http_get.h"
#include "partial_download.h"
#include "shelfnode/core/status.h"
#include "shelfnode/ota/download.h"

namespace shelfnode::ota {

// What one answer turned out to be, decided from its head before any body byte is stored.
enum class Answer {
  kNone,      // no head came (the request failed before an answer)
  kAppend,    // a 206 that continues exactly where DEST.part ends
  kWhole,     // a 200: the whole file, DEST.part emptied first
  kMismatch,  // a 206 that does not fit (another start, size or validator): start over
  kStatus,    // another status (416, 404, 503, ...): nothing stored
};

// Judges one answer against DEST.part and streams an accepted body into it.
class RangeSink final : public BodySink {
 public:
  RangeSink(PartialDownload& part, const DownloadOptions& options, std::uint64_t requested_from)
      : part_(part), options_(options), requested_from_(requested_from) {}

  bool on_head(const ResponseHead& head) override;
  bool on_body(const unsigned char* data, std::size_t size) override;

  Answer answer() const { return answer_; }
  long status() const { return status_; }
  const std::string& why() const { return why_; }  // for kMismatch
  // Set when the bytes (or the local disk) are wrong: the call ends with it.
  const Status& fatal() const { return fatal_; }
  std::uint64_t received() const { return received_; }
  bool emptied() const { return emptied_; }  // a 200 dropped bytes on disk

 private:
  bool mismatch(std::string why);
  bool stop(Status fatal);

  PartialDownload& part_;
  const DownloadOptions& options_;
  std::uint64_t requested_from_;
  Answer answer_ = Answer::kNone;
  long status_ = 0;
  std::string why_;
  Status fatal_;
  std::uint64_t received_ = 0;
  bool emptied_ = false;
};

// The cap for a download: the expected size when known, else options.max_bytes.
std::uint64_t byte_cap(const DownloadOptions& options);

}  // namespace shelfnode::ota
