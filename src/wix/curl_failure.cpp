#include "wix/curl_failure.h"

#include "shelfnode/wix/transport.h"

namespace shelfnode::wix {

// The rule for "was anything sent": a failure before or during connect/TLS never sent a
// byte. For any later failure CURLINFO_REQUEST_SIZE decides: 0 means not one byte of the
// request left this device, so Wix cannot have acted; anything more and it might have
// (DESIGN §4.5: uncertain, read back, never resend a delta).
Status curl_failure_status(const CurlFailureFacts& f) {
  const std::string why =
      " (curl " + std::to_string(static_cast<int>(f.code)) + ": " + f.detail + ")";
  switch (f.code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      return not_sent("cannot resolve the host of " + f.url + ": check DNS and the base URL" + why);
    case CURLE_COULDNT_CONNECT:
      return not_sent("cannot connect to " + f.url + ": check the network and the base URL" + why);
    case CURLE_PEER_FAILED_VERIFICATION:
      return not_sent("the TLS certificate of " + f.url +
                      " is not trusted: pass --ca-file with the CA that signed it, or check "
                      "the device clock" +
                      why);
    case CURLE_SSL_CONNECT_ERROR:
      return not_sent("TLS handshake with " + f.url + " failed" + why);
    case CURLE_SSL_CACERT_BADFILE:
      return config_error(
          "cannot use the CA file: check the --ca-file path and that it is "
          "PEM" +
          why);
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return config_error("bad Wix URL " + f.url + why);
    case CURLE_SEND_FAIL_REWIND:
      // The connection died after the request went out and libcurl wanted to resend it.
      return uncertain("the connection to " + f.url +
                       " died after the request was sent; it "
                       "was not resent because it may have been applied" +
                       why);
    case CURLE_OUT_OF_MEMORY:
      return not_sent("out of memory before sending" + why);
    default:
      break;
  }
  if (f.body_too_large) {
    return uncertain("the answer from " + f.url +
                     " is larger than the limit; the request "
                     "may have been applied" +
                     why);
  }
  if (f.request_bytes == 0) {
    return not_sent("the request to " + f.url + " was not sent" + why);
  }
  // OPERATION_TIMEDOUT, RECV_ERROR, GOT_NOTHING, PARTIAL_FILE, SEND_ERROR, ... after sending.
  return uncertain("the request to " + f.url +
                   " was sent but no complete answer came back; it may have been applied" + why);
}

}  // namespace shelfnode::wix
