#pragma once

#include <string>
#include <string_view>

#include "shelfnode/core/json.h"
#include "shelfnode/core/result.h"
#include "shelfnode/wix/errors.h"
#include "shelfnode/wix/transport.h"

namespace shelfnode::wix {

struct ClientOptions {
  std::string base_url = "https://www.wixapis.com";
  std::string site_id;
  std::string api_key;
};

struct JsonResponse {
  long status = 0;
  JsonPtr body;      // null when the answer had no body, or when it was asked for as text
  std::string text;  // the body as sent, when asked for as text (BodyForm::kText)
};

// How a successful answer's body is handed back. kText is for large pages that the caller
// reads element by element (core/json_stream.h) rather than as one tree; a body that turns
// out not to be JSON is then the caller's to report.
enum class BodyForm { kTree, kText };

// One authenticated JSON call at a time to the Wix REST API, over any Transport.
class Client {
 public:
  // Checks the options (URL policy, non-empty site id and key, no line breaks in headers)
  // and registers the key with the logger so no log line or error can ever show it [§4.8].
  static Result<Client> create(ClientOptions options, Transport& transport);

  // Success is a 2xx answer with a JSON (or empty) body. Any other answer or a transport
  // failure is a failed Result whose code the CLI can exit with; `error`, when given,
  // receives the classified details (outcome, Wix code, Retry-After) for retry decisions.
  Result<JsonResponse> call(std::string_view method, std::string_view path,
                            const cJSON* body = nullptr, WixError* error = nullptr,
                            BodyForm form = BodyForm::kTree);

  // The request call() would send; exposed so the headers can be checked without a network.
  HttpRequest build_request(std::string_view method, std::string_view path,
                            const cJSON* body) const;

  const std::string& site_id() const { return options_.site_id; }

 private:
  Client(ClientOptions options, Transport& transport);
  ClientOptions options_;
  Transport* transport_;
};

}  // namespace shelfnode::wix
