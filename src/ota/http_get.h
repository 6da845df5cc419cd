#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "shelfnode/core/result.h"

namespace shelfnode::ota {

// What the answer said about itself, read before its first body byte.
struct ResponseHead {
  long status = 0;
  std::optional<std::uint64_t> content_length;
  std::string content_range;  // raw value, "" when absent
  std::string etag;
  std::string last_modified;
};

// Where the body of one GET goes, chunk by chunk as libcurl hands it over, so memory stays
// one chunk whatever the size. Returning false from either call stops the transfer; the sink
// remembers why.
class BodySink {
 public:
  virtual ~BodySink() = default;
  // Once per request, before the first body byte (for an empty body: after the transfer).
  virtual bool on_head(const ResponseHead& head) = 0;
  virtual bool on_body(const unsigned char* data, std::size_t size) = 0;
};

struct GetRequest {
  std::string url;
  // Sent as given and never put in a message: they may carry a token.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string ca_file;  // PEM bundle; empty = the system trust store
  long connect_timeout_ms = 10'000;
  // A transfer slower than one byte per second for this long is given up (a stalled link),
  // rather than a limit on the whole transfer, which a large file on a slow link would hit.
  long stall_timeout_s = 30;
  long timeout_ms = 0;  // the whole request, 0 = none
};

// One GET with the TLS rules of the Wix layer (src/wix, DESIGN §4.8): https only (plain http
// to this machine), peer and host verification always on, the CA file when given, bounded
// connect and stall times, redirects only to https. OK when an HTTP answer came back whole
// (any status: the sink got its head); otherwise kConfig for what a retry cannot fix (a bad
// CA file, a certificate that is not trusted, a bad URL) and kTemporary for the rest
// (offline, refused, reset, stalled, cut short), or kTemporary when the sink stopped it.
Status http_get(const GetRequest& request, BodySink& sink);

// `url` as it may appear in a message or a log: without user, password and query, which can
// carry credentials (a signed CDN URL).
std::string url_for_messages(const std::string& url);

}  // namespace shelfnode::ota
