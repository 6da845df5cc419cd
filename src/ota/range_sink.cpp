#include "range_sink.h"

#include <string>
#include <utility>

#include "content_range.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ota/refusal.h"

namespace shelfnode::ota {
namespace {

// A validator that both sides have and that differs: the server's file is another one.
bool changed(const std::string& kept, const std::string& now) {
  return !kept.empty() && !now.empty() && kept != now;
}

}  // namespace

std::uint64_t byte_cap(const DownloadOptions& options) {
  return options.expected_size ? std::min(*options.expected_size, options.max_bytes)
                               : options.max_bytes;
}

bool RangeSink::mismatch(std::string why) {
  answer_ = Answer::kMismatch;
  why_ = std::move(why);
  return false;
}

bool RangeSink::stop(Status fatal) {
  fatal_ = std::move(fatal);
  return false;
}

bool RangeSink::on_head(const ResponseHead& head) {
  status_ = head.status;
  const PartialState& kept = part_.state();
  const std::uint64_t cap = byte_cap(options_);
  if (head.status == 206) {
    if (requested_from_ == 0) return mismatch("a 206 answer to a request without Range");
    const std::optional<ContentRange> range = parse_content_range(head.content_range);
    if (!range) {
      return mismatch("206 with Content-Range '" + printable(head.content_range) +
                      "', not 'bytes FIRST-LAST/TOTAL'");
    }
    if (range->first != requested_from_) {
      return mismatch("206 from byte " + std::to_string(range->first) + ", asked from " +
                      std::to_string(requested_from_));
    }
    if (kept.total && range->total != *kept.total) {
      return mismatch("206 for a file of " + std::to_string(range->total) + " bytes, was " +
                      std::to_string(*kept.total));
    }
    if (options_.expected_size && range->total != *options_.expected_size) {
      return mismatch("206 for a file of " + std::to_string(range->total) + " bytes, expected " +
                      std::to_string(*options_.expected_size));
    }
    if (changed(kept.etag, head.etag) || changed(kept.last_modified, head.last_modified)) {
      return mismatch("the file changed on the server (ETag or Last-Modified differs)");
    }
    if (head.content_length && *head.content_length != range->last - range->first + 1) {
      return mismatch("206 whose Content-Length does not match its Content-Range");
    }
    if (range->total > cap) {
      return stop(refuse(Refusal::kTooLarge, "the server offers " + std::to_string(range->total) +
                                                 " bytes, more than the cap of " +
                                                 std::to_string(cap)));
    }
    const Status adopted = part_.adopt(
        head.etag.empty() ? kept.etag : head.etag,
        head.last_modified.empty() ? kept.last_modified : head.last_modified, range->total);
    if (!adopted.ok()) return stop(adopted);
    answer_ = Answer::kAppend;
    return true;
  }
  if (head.status == 200) {
    if (head.content_length && options_.expected_size &&
        *head.content_length != *options_.expected_size) {
      return stop(refuse(Refusal::kSizeMismatch,
                         "the server has " + std::to_string(*head.content_length) +
                             " bytes, expected " + std::to_string(*options_.expected_size) +
                             ": the server holds another file than the one signed for"));
    }
    if (head.content_length && *head.content_length > cap) {
      return stop(
          refuse(Refusal::kTooLarge, "the server offers " + std::to_string(*head.content_length) +
                                         " bytes, more than the cap of " + std::to_string(cap)));
    }
    if (part_.length() > 0) {
      const Status emptied = part_.restart();
      if (!emptied.ok()) return stop(emptied);
      emptied_ = true;
    }
    const Status adopted = part_.adopt(head.etag, head.last_modified, head.content_length);
    if (!adopted.ok()) return stop(adopted);
    answer_ = Answer::kWhole;
    return true;
  }
  answer_ = Answer::kStatus;
  return false;  // its body (an error page) is of no use
}

bool RangeSink::on_body(const unsigned char* data, std::size_t size) {
  if (answer_ != Answer::kAppend && answer_ != Answer::kWhole) return false;
  const std::uint64_t cap = byte_cap(options_);
  if (part_.length() + size > cap) {
    if (options_.expected_size && cap == *options_.expected_size) {
      return stop(refuse(Refusal::kSizeMismatch,
                         "the server sent more than the expected " + std::to_string(cap) +
                             " bytes: the server holds another file than the one signed for"));
    }
    return stop(refuse(Refusal::kTooLarge,
                       "the server sent more than the cap of " + std::to_string(cap) + " bytes"));
  }
  Status s = part_.append(data, size);
  if (s.ok()) s = part_.sync_if_due(options_.sync_interval_bytes);
  if (!s.ok()) return stop(s);
  received_ += size;
  if (options_.progress) options_.progress(part_.length(), part_.state().total);
  return true;
}

}  // namespace shelfnode::ota
