#include "shelfnode/wix/curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>

#include "shelfnode/wix/tls_rules.h"
#include "shelfnode/wix/url_policy.h"
#include "wix/curl_failure.h"

namespace shelfnode::wix {
namespace {

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using EasyPtr = std::unique_ptr<CURL, EasyDeleter>;
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

// curl_global_init is not thread-safe; a function-local static runs it exactly once.
bool curl_ready() {
  static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  return ready;
}

struct Sink {
  CURL* handle = nullptr;
  std::string body;
  std::size_t limit = 0;
  bool overflow = false;
};

// The request body, handed out through a read callback instead of CURLOPT_POSTFIELDS so
// that libcurl cannot replay it: when a reused connection dies without an answer, libcurl
// silently resends the request on a new one, which for a stock delta that already landed
// would apply it twice (DESIGN §4.5). Refusing the rewind turns that into
// CURLE_SEND_FAIL_REWIND, an uncertain failure the sync engine settles by reading back.
struct Source {
  const std::string* body = nullptr;
  std::size_t offset = 0;
};

std::size_t read_body(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* source = static_cast<Source*>(user);
  const std::size_t n = std::min(size * count, source->body->size() - source->offset);
  source->body->copy(buffer, n, source->offset);
  source->offset += n;
  return n;
}

int refuse_rewind(void*, curl_off_t, int) {
  return CURL_SEEKFUNC_FAIL;
}

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  if (sink->body.size() + n > sink->limit) {
    sink->overflow = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  // A page of 0.7 MB grown by doubling would briefly hold 1.5 MiB (old and new buffer);
  // with the announced length it is one allocation of the right size.
  curl_off_t announced = -1;
  if (sink->body.empty() &&
      curl_easy_getinfo(sink->handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced) == CURLE_OK &&
      announced > 0 && static_cast<std::size_t>(announced) <= sink->limit) {
    sink->body.reserve(static_cast<std::size_t>(announced));
  }
  sink->body.append(data, n);
  return n;
}

Result<SlistPtr> build_headers(const HttpRequest& request) {
  SlistPtr list;
  auto append = [&list](const std::string& line) {
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (grown == nullptr) return false;
    (void)list.release();  // `grown` now owns the old nodes too
    list.reset(grown);
    return true;
  };
  for (const auto& [name, value] : request.headers) {
    if (!append(name + ": " + value)) return not_sent("out of memory building headers");
  }
  // No "Expect: 100-continue" round trip on bodies: Wix answers them directly.
  if (!append("Expect:")) return not_sent("out of memory building headers");
  return list;
}

}  // namespace

struct CurlTransport::Handle {
  EasyPtr easy;
  char error_buffer[CURL_ERROR_SIZE] = {};
};

std::string libcurl_version_text() {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  std::string text = std::string("libcurl ") + info->version;
  text += ", ";
  text += info->ssl_version != nullptr ? info->ssl_version : "no TLS";
  return text;
}

CurlTransport::CurlTransport(CurlOptions options)
    : options_(std::move(options)), handle_(std::make_unique<Handle>()) {
  if (curl_ready()) handle_->easy.reset(curl_easy_init());
}

CurlTransport::~CurlTransport() = default;

Result<HttpResponse> CurlTransport::send(const HttpRequest& request) {
  last_new_connections_ = 0;
  SHELFNODE_RETURN_IF_ERROR(check_url_allowed(request.url));
  CURL* c = handle_->easy.get();
  if (c == nullptr) return not_sent("libcurl could not be initialised");
  Result<SlistPtr> headers = build_headers(request);
  if (!headers.ok()) return headers.status();

  // Reset clears the previous call's options but keeps the connection cache (keep-alive).
  curl_easy_reset(c);
  Sink sink;
  sink.handle = c;
  sink.limit = options_.max_body_bytes;
  handle_->error_buffer[0] = '\0';
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, handle_->error_buffer);
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM (threads)
  apply_tls_rules(c, request.url, options_.ca_file);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  // An idle connection the server may already have closed is not reused: fewer replays
  // refused above, so fewer uncertain writes.
  curl_easy_setopt(c, CURLOPT_MAXAGE_CONN, options_.max_idle_reuse_seconds);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.value().get());
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  if (request.method == "GET") {
    curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  Source source{&request.body, 0};
  if (request.method != "GET") {
    // Even an empty body is sent as one (Content-Length: 0) so the server never waits.
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_body);
    curl_easy_setopt(c, CURLOPT_READDATA, &source);
    curl_easy_setopt(c, CURLOPT_SEEKFUNCTION, refuse_rewind);
    // With no body bytes there is nothing to refuse to rewind, so libcurl could still
    // replay it on a reused connection: such a request gets a connection of its own.
    if (request.body.empty()) curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 1L);
  }

  const CURLcode rc = curl_easy_perform(c);
  curl_easy_getinfo(c, CURLINFO_NUM_CONNECTS, &last_new_connections_);
  if (rc != CURLE_OK) {
    CurlFailureFacts facts;
    facts.code = rc;
    facts.detail =
        handle_->error_buffer[0] != '\0' ? handle_->error_buffer : curl_easy_strerror(rc);
    curl_easy_getinfo(c, CURLINFO_REQUEST_SIZE, &facts.request_bytes);
    facts.body_too_large = sink.overflow;
    facts.url = request.url;
    return curl_failure_status(facts);
  }

  HttpResponse response;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &response.status);
  const char* type = nullptr;
  if (curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type != nullptr) {
    response.content_type = type;
  }
  curl_header* retry_after = nullptr;
  if (curl_easy_header(c, "Retry-After", 0, CURLH_HEADER, -1, &retry_after) == CURLHE_OK) {
    response.retry_after_seconds = parse_retry_after(retry_after->value);
  }
  response.body = std::move(sink.body);
  return response;
}

}  // namespace shelfnode::wix
