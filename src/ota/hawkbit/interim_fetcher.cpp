// The interim artifact fetcher: one plain GET through the project's HTTP layer. The
// resumable downloader (DESIGN §6) replaces it; the client's size and hash checks stay.
#include <cstdint>

#include "shelfnode/core/atomic_file.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ota/hawkbit/interim.h"

namespace shelfnode::ota::hawkbit {

namespace {

// The whole artifact is held in memory before it is written: bounded well below a small
// board's RAM.
constexpr std::uint64_t kMaxInMemoryBytes = 256u << 20;

}  // namespace

Status InterimGetFetcher::fetch(const ArtifactRequest& request) {
  if (request.size > kMaxInMemoryBytes) {
    return Status(Code::kUnavailable,
                  "artifact of " + std::to_string(request.size) +
                      " bytes: this build's interim downloader holds at most 256 MiB in "
                      "memory; split the bundle's files or use a build with the resumable "
                      "downloader");
  }
  wix::CurlOptions options = options_;
  // One byte more than announced is enough to tell "too long" from "exact".
  options.max_body_bytes = static_cast<std::size_t>(request.size) + 1;
  options.timeout_ms = 30 * 60 * 1000;  // a big bundle on a slow shop line
  wix::CurlTransport transport(options);
  Result<wix::HttpResponse> got = transport.send({"GET", request.url, request.headers, ""});
  if (!got.ok()) return got.status();
  if (got->status != 200) {
    return Status(Code::kUnavailable, "GET " + printable(utf8_head(request.url, 120)) +
                                          ": HTTP " + std::to_string(got->status));
  }
  return write_file_atomically(request.dest, got->body, 0600);
}

}  // namespace shelfnode::ota::hawkbit
