#include "http_get.h"

#include <curl/curl.h>

#include <memory>
#include <string>

#include "shelfnode/core/printable.h"
#include "shelfnode/wix/tls_rules.h"
#include "shelfnode/wix/url_policy.h"

namespace shelfnode::ota {
namespace {

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct CurlStringDeleter {
  void operator()(char* s) const { curl_free(s); }
};

// curl_global_init is not thread-safe; a function-local static runs it exactly once.
bool curl_ready() {
  static const bool ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  return ready;
}

struct Transfer {
  CURL* easy = nullptr;
  BodySink* sink = nullptr;
  bool head_sent = false;
  bool stopped = false;
};

std::string header_value(CURL* easy, const char* name) {
  curl_header* h = nullptr;
  if (curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK || h == nullptr) {
    return "";
  }
  return h->value;
}

bool send_head(Transfer& t) {
  t.head_sent = true;
  ResponseHead head;
  curl_easy_getinfo(t.easy, CURLINFO_RESPONSE_CODE, &head.status);
  curl_off_t length = -1;
  if (curl_easy_getinfo(t.easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK &&
      length >= 0) {
    head.content_length = static_cast<std::uint64_t>(length);
  }
  head.content_range = header_value(t.easy, "Content-Range");
  head.etag = header_value(t.easy, "ETag");
  head.last_modified = header_value(t.easy, "Last-Modified");
  return t.sink->on_head(head);
}

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t n = size * count;
  if (!t->head_sent && !send_head(*t)) {
    t->stopped = true;
    return 0;  // CURLE_WRITE_ERROR
  }
  if (!t->sink->on_body(reinterpret_cast<const unsigned char*>(data), n)) {
    t->stopped = true;
    return 0;
  }
  return n;
}

Result<std::unique_ptr<curl_slist, SlistDeleter>> build_headers(const GetRequest& request) {
  std::unique_ptr<curl_slist, SlistDeleter> list;
  for (const auto& [name, value] : request.headers) {
    const std::string line = name + ": " + value;
    curl_slist* grown = curl_slist_append(list.get(), line.c_str());
    if (grown == nullptr) return Status(Code::kTemporary, "out of memory building headers");
    (void)list.release();  // `grown` now owns the old nodes too
    list.reset(grown);
  }
  return list;
}

Status failure(CURLcode rc, const char* detail, const std::string& url) {
  const std::string why = " (curl " + std::to_string(static_cast<int>(rc)) + ": " + detail + ")";
  const std::string where = url_for_messages(url);
  switch (rc) {
    case CURLE_PEER_FAILED_VERIFICATION:
      return config_error("the TLS certificate of " + where +
                          " is not trusted: give the CA file that signed it, or check the "
                          "device clock" +
                          why);
    case CURLE_SSL_CACERT_BADFILE:
      return config_error("cannot use the CA file: check its path and that it is PEM" + why);
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_TOO_MANY_REDIRECTS:
      return config_error("cannot download " + where + ": check the URL" + why);
    default:
      return Status(Code::kTemporary, "download from " + where + " broke off" + why);
  }
}

}  // namespace

std::string url_for_messages(const std::string& url) {
  std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return "'" + printable(url.substr(0, url.find('?'))) + "'";
  }
  curl_url_set(parsed.get(), CURLUPART_USER, nullptr, 0);
  curl_url_set(parsed.get(), CURLUPART_PASSWORD, nullptr, 0);
  curl_url_set(parsed.get(), CURLUPART_QUERY, nullptr, 0);
  curl_url_set(parsed.get(), CURLUPART_FRAGMENT, nullptr, 0);
  char* raw = nullptr;
  if (curl_url_get(parsed.get(), CURLUPART_URL, &raw, 0) != CURLUE_OK) return "'?'";
  std::unique_ptr<char, CurlStringDeleter> text(raw);
  return printable(text.get());
}

Status http_get(const GetRequest& request, BodySink& sink) {
  SHELFNODE_RETURN_IF_ERROR(wix::check_url_allowed(request.url));
  if (!curl_ready()) return internal_error("libcurl could not be initialised");
  std::unique_ptr<CURL, EasyDeleter> easy(curl_easy_init());
  if (!easy) return Status(Code::kTemporary, "out of memory starting a download");
  Result<std::unique_ptr<curl_slist, SlistDeleter>> headers = build_headers(request);
  if (!headers.ok()) return headers.status();

  CURL* c = easy.get();
  char error_buffer[CURL_ERROR_SIZE] = {};
  Transfer transfer{c, &sink, false, false};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
  wix::apply_tls_rules(c, request.url, request.ca_file);  // the Wix client's TLS rules
  curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, request.connect_timeout_ms);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, request.stall_timeout_s);
  if (request.timeout_ms > 0) curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, request.timeout_ms);
  // No Accept-Encoding: a Range counts bytes of the file itself, never of a compressed form.
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.value().get());
  curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);

  const CURLcode rc = curl_easy_perform(c);
  if (transfer.stopped) {
    return Status(Code::kTemporary, "download from " + url_for_messages(request.url) + " stopped");
  }
  if (rc != CURLE_OK) {
    return failure(rc, error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(rc),
                   request.url);
  }
  if (!transfer.head_sent && !send_head(transfer)) {
    return Status(Code::kTemporary, "download from " + url_for_messages(request.url) + " stopped");
  }
  return Status::Ok();
}

}  // namespace shelfnode::ota
