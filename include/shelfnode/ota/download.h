#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::ota {

struct DownloadOptions {
  std::string ca_file;  // PEM bundle the server's certificate must chain to; "" = system store
  // Extra request headers, e.g. hawkBit's {"Authorization", "TargetToken …"}. Sent on every
  // request of this download (libcurl drops them on a redirect to another host), and never
  // written to a message, a log or the state file.
  std::vector<std::pair<std::string, std::string>> headers;
  std::optional<std::uint64_t> expected_size;  // when known (a manifest says it)
  std::string expected_sha256;                 // 64 lower-case hex digits, "" when unknown
  // No more than this many bytes are ever written for the file, whatever a server announces
  // or sends (a hostile server cannot fill the disk). With an expected size, that size is
  // the cap.
  std::uint64_t max_bytes = 1ull << 30;
  long connect_timeout_ms = 10'000;
  long stall_timeout_s = 30;  // no byte for this long: the request is given up and retried
  // The whole call, 0 = no limit: a server trickling a few bytes a second never stalls, so a
  // caller with a schedule (a maintenance window) bounds the call here; what came is kept.
  long time_limit_s = 0;
  // Retries within one call: a request that brought new bytes is followed at once; after
  // one that did not, the wait doubles from retry_delay_ms (at most 30 s), and after
  // max_attempts_without_progress of those in a row the call gives up (the partial file
  // stays for the next call). max_requests bounds the whole call.
  int max_attempts_without_progress = 5;
  long retry_delay_ms = 1000;
  int max_requests = 200;
  // The partial file is fsynced (and its length recorded) every this many bytes, and at
  // every stop: a power cut loses at most this much.
  std::uint64_t sync_interval_bytes = 4u << 20;
  // Called after each chunk written: bytes of the file on disk, and its size when known.
  std::function<void(std::uint64_t have, std::optional<std::uint64_t> total)> progress;
};

struct DownloadStats {
  std::uint64_t size = 0;            // of the finished file
  std::string sha256;                // of the finished file, lower-case hex
  std::uint64_t resumed_from = 0;    // bytes already in DEST.part when the call began
  std::uint64_t bytes_received = 0;  // body bytes written by this call (restarts included)
  int requests = 0;                  // GETs this call sent
  int restarts = 0;                  // times bytes on disk were dropped to start over
};

// Downloads `url` to `dest_path`, resuming what an earlier call (in this process or one
// before a reboot) left in DEST.part (state in DEST.part.state: the URL's hash, the
// server's ETag/Last-Modified, the size, the fsynced length). Each request carries at most
// one `Range: bytes=N-` (with `If-Range` when a validator is known). Only a 206 whose
// Content-Range starts at N and whose total matches the known size is appended; any other
// 206 (or one whose validator changed) drops the partial and starts over, never splicing;
// a 200 starts over with its whole body; a 416 starts over. The body streams to disk (memory
// stays one libcurl chunk). The finished file's size and SHA-256 are checked before it is
// renamed to `dest_path` (durably). Errors:
//   kTemporary   offline, refused, reset, stalled, 5xx/429: run again to resume (kept);
//   kConfig      a bad URL, CA file or untrusted certificate (kept);
//   kPermission  401/403; kNotFound 404/410; kUnavailable any other status (kept);
//   kBadData     refusals (refusal.h): size_mismatch, hash_mismatch, too_large,
//                when the bytes themselves are wrong (the partial is deleted);
//   kConflict    another download into the same DEST is running (DEST.part is locked);
//   kIo          the local disk.
Result<DownloadStats> download_resumable(const std::string& url, const std::string& dest_path,
                                         const DownloadOptions& options);

}  // namespace shelfnode::ota
