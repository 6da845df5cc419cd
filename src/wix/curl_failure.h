#pragma once

#include <curl/curl.h>

#include <string>

#include "shelfnode/core/status.h"

namespace shelfnode::wix {

// What the transfer left behind when curl failed, read from the handle right after it.
struct CurlFailureFacts {
  CURLcode code = CURLE_OK;
  std::string detail;           // CURLOPT_ERRORBUFFER, else curl_easy_strerror
  long request_bytes = 0;       // CURLINFO_REQUEST_SIZE: bytes of the request written out
  bool body_too_large = false;  // our write callback refused the answer
  std::string url;
};

// Maps a failed transfer to the Transport contract (not sent vs uncertain, see transport.h).
Status curl_failure_status(const CurlFailureFacts& facts);

}  // namespace shelfnode::wix
