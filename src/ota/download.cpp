#include "shelfnode/ota/download.h"

#include <strings.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

#include "http_get.h"
#include "partial_download.h"
#include "range_sink.h"
#include "sha256.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ota/refusal.h"

namespace shelfnode::ota {
namespace {

constexpr std::size_t kHashChunkBytes = 64 * 1024;
constexpr long kMaxRetryDelayMs = 30'000;

Result<std::string> hash_part(int fd, const std::string& path) {
  Sha256 hash;
  std::vector<unsigned char> chunk(kHashChunkBytes);
  off_t at = 0;
  for (;;) {
    const ssize_t n = ::pread(fd, chunk.data(), chunk.size(), at);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error("cannot read " + printable(path) + ": " + std::strerror(errno));
    if (n == 0) break;
    SHELFNODE_RETURN_IF_ERROR(hash.update(chunk.data(), static_cast<std::size_t>(n)));
    at += n;
  }
  Sha256Digest digest{};
  SHELFNODE_RETURN_IF_ERROR(hash.finish(digest));
  return to_hex(digest);
}

// The headers of one request: the caller's, then at most one Range and its If-Range.
std::vector<std::pair<std::string, std::string>> request_headers(const DownloadOptions& options,
                                                                 const PartialDownload& part) {
  std::vector<std::pair<std::string, std::string>> headers = options.headers;
  if (part.length() == 0) return headers;
  headers.emplace_back("Range", "bytes=" + std::to_string(part.length()) + "-");
  // A weak ETag may not be used in If-Range (RFC 9110 §13.1.5); Last-Modified then.
  const PartialState& s = part.state();
  if (!s.etag.empty() && s.etag.rfind("W/", 0) != 0) {
    headers.emplace_back("If-Range", s.etag);
  } else if (!s.last_modified.empty()) {
    headers.emplace_back("If-Range", s.last_modified);
  }
  return headers;
}

// What a status other than 200/206/416 means for this call: retry, or stop with it.
std::optional<Status> final_status_for(long status, const std::string& where) {
  const std::string http = "HTTP " + std::to_string(status) + " from " + where;
  if (status == 408 || status == 429 || status >= 500) return std::nullopt;  // retry
  if (status == 401 || status == 403) {
    return Status(Code::kPermission, http +
                                         ": the server refuses this device; check its "
                                         "credentials");
  }
  if (status == 404 || status == 410) {
    return not_found(http + ": no file at that URL; check the URL");
  }
  return Status(Code::kUnavailable, http + ": not a file download");
}

Status check_options(const DownloadOptions& options) {
  if (options.max_bytes == 0) return config_error("the download's byte cap is 0");
  if (options.expected_size && *options.expected_size > options.max_bytes) {
    return refuse(Refusal::kTooLarge, "the file is " + std::to_string(*options.expected_size) +
                                          " bytes, more than the cap of " +
                                          std::to_string(options.max_bytes));
  }
  if (!options.expected_sha256.empty() && options.expected_sha256.size() != 64) {
    return config_error("an expected sha256 is 64 hex digits");
  }
  for (const auto& [name, value] : options.headers) {
    // The range headers are this function's alone: one of the caller's beside them would
    // make two Ranges in one request.
    if (::strcasecmp(name.c_str(), "Range") == 0 || ::strcasecmp(name.c_str(), "If-Range") == 0) {
      return config_error("a download sets Range and If-Range itself; drop the " + name +
                          " header");
    }
    const auto breaks = [](const std::string& t) {
      return t.find_first_of("\r\n") != std::string::npos || t.find('\0') != std::string::npos;
    };
    // The value is not shown: it may be a token.
    if (name.empty() || breaks(name) || name.find(':') != std::string::npos || breaks(value)) {
      return config_error("a download header holds a line break or a bad name ('" +
                          printable(name) + "')");
    }
  }
  if (options.max_requests < 1 || options.max_attempts_without_progress < 1) {
    return config_error("a download needs at least one request");
  }
  return Status::Ok();
}

// Size and hash of the whole file, then the rename into place.
Result<DownloadStats> finish(PartialDownload& part, const DownloadOptions& options,
                             DownloadStats stats, const std::string& dest) {
  if (options.expected_size && part.length() != *options.expected_size) {
    part.discard();
    return refuse(Refusal::kSizeMismatch, printable(dest) + ": the server sent " +
                                              std::to_string(part.length()) + " bytes, expected " +
                                              std::to_string(*options.expected_size));
  }
  SHELFNODE_RETURN_IF_ERROR(part.sync());
  Result<std::string> hash = hash_part(part.fd(), dest + ".part");
  if (!hash.ok()) return hash.status();
  if (!options.expected_sha256.empty() && *hash != options.expected_sha256) {
    part.discard();
    return refuse(Refusal::kHashMismatch, printable(dest) + " downloaded with sha256 " + *hash +
                                              ", expected " + options.expected_sha256 +
                                              ": the server holds another file than the one "
                                              "signed for; the download was deleted");
  }
  stats.size = part.length();
  stats.sha256 = std::move(hash).value();
  SHELFNODE_RETURN_IF_ERROR(part.finish());
  return stats;
}

}  // namespace

Result<DownloadStats> download_resumable(const std::string& url, const std::string& dest_path,
                                         const DownloadOptions& options) {
  SHELFNODE_RETURN_IF_ERROR(check_options(options));
  const std::string where = url_for_messages(url);
  Result<PartialDownload> opened = PartialDownload::open(dest_path, url);
  if (!opened.ok()) return opened.status();
  PartialDownload& part = *opened;
  DownloadStats stats;
  stats.resumed_from = part.length();

  GetRequest request;
  request.url = url;
  request.ca_file = options.ca_file;
  request.connect_timeout_ms = options.connect_timeout_ms;
  request.stall_timeout_s = options.stall_timeout_s;

  using Clock = std::chrono::steady_clock;
  const Clock::time_point started = Clock::now();
  int without_progress = 0;
  std::string last_problem;
  while (!(part.state().total && part.length() == *part.state().total)) {
    if (options.time_limit_s > 0) {
      const long left_ms = options.time_limit_s * 1000 -
                           static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                 Clock::now() - started)
                                                 .count());
      if (left_ms <= 0) {
        return Status(Code::kTemporary, "downloading " + where + ": the time limit of " +
                                            std::to_string(options.time_limit_s) + " s ran out; " +
                                            std::to_string(part.length()) + " bytes are kept in " +
                                            printable(dest_path) + ".part: run again to resume");
      }
      request.timeout_ms = left_ms;
    }
    if (stats.requests >= options.max_requests ||
        without_progress >= options.max_attempts_without_progress) {
      return Status(Code::kTemporary,
                    "downloading " + where + ": stopped after " + std::to_string(stats.requests) +
                        " requests (" +
                        (last_problem.empty() ? "the request limit" : last_problem) + "); " +
                        std::to_string(part.length()) + " bytes are kept in " +
                        printable(dest_path) + ".part: run again to resume");
    }
    const std::uint64_t before = part.length();
    request.headers = request_headers(options, part);
    RangeSink sink(part, options, before);
    const Status sent = http_get(request, sink);
    ++stats.requests;
    stats.bytes_received += sink.received();
    if (sink.emptied()) ++stats.restarts;
    if (!sink.fatal().ok()) {
      if (sink.fatal().code() == Code::kBadData) part.discard();
      return sink.fatal();
    }
    // Whatever came is on disk and recorded before the next request (or the next process).
    SHELFNODE_RETURN_IF_ERROR(part.sync());

    bool complete = false;
    switch (sink.answer()) {
      case Answer::kAppend:
      case Answer::kWhole:
        complete = sent.ok();
        if (!sent.ok()) last_problem = sent.message();
        break;
      case Answer::kMismatch:
      case Answer::kStatus:
        if (sink.answer() == Answer::kMismatch || sink.status() == 416) {
          // Never splice: what the server has now is not what DEST.part continues.
          last_problem = sink.answer() == Answer::kMismatch
                             ? sink.why()
                             : "HTTP 416: the server's file is no longer than DEST.part";
          SHELFNODE_RETURN_IF_ERROR(part.restart());
          ++stats.restarts;
          break;
        }
        if (std::optional<Status> stop = final_status_for(sink.status(), where)) return *stop;
        last_problem = "HTTP " + std::to_string(sink.status());
        break;
      case Answer::kNone:
        if (sent.code() != Code::kTemporary) return sent;
        last_problem = sent.message();
        break;
    }
    if (complete && !part.state().total) {
      // A 200 without Content-Length ends when the connection does: that is the size.
      SHELFNODE_RETURN_IF_ERROR(
          part.adopt(part.state().etag, part.state().last_modified, part.length()));
      SHELFNODE_RETURN_IF_ERROR(part.sync());
    }
    if (part.length() > before && sink.answer() != Answer::kMismatch) {
      without_progress = 0;
      continue;
    }
    ++without_progress;
    const long delay =
        std::min(kMaxRetryDelayMs, options.retry_delay_ms << std::min(without_progress - 1, 15));
    if (delay > 0 && without_progress < options.max_attempts_without_progress) {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    }
  }
  return finish(part, options, std::move(stats), dest_path);
}

}  // namespace shelfnode::ota
