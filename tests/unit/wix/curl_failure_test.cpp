#include "wix/curl_failure.h"

#include <gtest/gtest.h>

#include "shelfnode/wix/transport.h"

namespace shelfnode::wix {
namespace {

CurlFailureFacts facts(CURLcode code, long request_bytes) {
  CurlFailureFacts f;
  f.code = code;
  f.detail = "detail";
  f.request_bytes = request_bytes;
  f.url = "https://wix.test/x";
  return f;
}

TEST(CurlFailure, ConnectPhaseFailuresAreNotSentEvenIfCountersMoved) {
  for (CURLcode c : {CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_SSL_CONNECT_ERROR,
                     CURLE_PEER_FAILED_VERIFICATION}) {
    Status s = curl_failure_status(facts(c, 0));
    EXPECT_EQ(failure_of(s), TransportFailure::kNotSent) << c;
    EXPECT_EQ(s.code(), Code::kUnavailable) << c;
  }
}

TEST(CurlFailure, UntrustedCertificateNamesTheFix) {
  Status s = curl_failure_status(facts(CURLE_PEER_FAILED_VERIFICATION, 0));
  EXPECT_NE(s.message().find("--ca-file"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("clock"), std::string::npos) << s.message();
}

TEST(CurlFailure, AfterSendingFailuresAreUncertain) {
  for (CURLcode c : {CURLE_OPERATION_TIMEDOUT, CURLE_RECV_ERROR, CURLE_GOT_NOTHING,
                     CURLE_PARTIAL_FILE, CURLE_SEND_ERROR}) {
    Status s = curl_failure_status(facts(c, 312));
    EXPECT_EQ(failure_of(s), TransportFailure::kUncertain) << c;
    EXPECT_EQ(s.code(), Code::kTemporary) << c;
  }
}

TEST(CurlFailure, NothingWrittenMeansNotSent) {
  for (CURLcode c : {CURLE_OPERATION_TIMEDOUT, CURLE_SEND_ERROR, CURLE_RECV_ERROR}) {
    EXPECT_EQ(failure_of(curl_failure_status(facts(c, 0))), TransportFailure::kNotSent) << c;
  }
}

TEST(CurlFailure, RefusedReplayIsUncertain) {
  // libcurl asks to rewind the body to resend it on a new connection; we refuse (see
  // curl_transport.cpp), and the first attempt may have landed.
  Status s = curl_failure_status(facts(CURLE_SEND_FAIL_REWIND, 0));
  EXPECT_EQ(failure_of(s), TransportFailure::kUncertain);
  EXPECT_NE(s.message().find("not resent"), std::string::npos) << s.message();
}

TEST(CurlFailure, OversizedAnswerIsUncertainAndBadCaFileIsConfig) {
  CurlFailureFacts big = facts(CURLE_WRITE_ERROR, 100);
  big.body_too_large = true;
  EXPECT_EQ(failure_of(curl_failure_status(big)), TransportFailure::kUncertain);
  EXPECT_EQ(curl_failure_status(facts(CURLE_SSL_CACERT_BADFILE, 0)).code(), Code::kConfig);
}

}  // namespace
}  // namespace shelfnode::wix
