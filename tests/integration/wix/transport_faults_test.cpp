#include "emulator_fixture.h"
#include "shelfnode/core/json.h"
#include "shelfnode/wix/client.h"

namespace shelfnode::wix {
namespace {

using testing::EmulatorTest;

constexpr const char* kVersion = "/stores/v3/provision/version";

// Faults where the answer is lost or damaged after Wix may have acted: every one of them
// must come out uncertain, never as success and never as "safe to resend".
class WixTransportFaults : public EmulatorTest {
 protected:
  Outcome outcome_of_version_call(const CurlOptions& options) {
    CurlTransport t(options);
    Client c = Client::create({url_, kV1Site, kV1Key}, t).value();
    WixError err;
    auto r = c.call("GET", kVersion, nullptr, &err);
    EXPECT_FALSE(r.ok());
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), Code::kTemporary) << r.status().message();
    }
    return err.outcome;
  }
};

TEST_F(WixTransportFaults, ResetMidResponseIsUncertain) {
  inject(R"({"kind":"reset_mid_response","path":"/stores/v3/provision/version"})");
  EXPECT_EQ(outcome_of_version_call(trusted()), Outcome::kUncertain);
}

TEST_F(WixTransportFaults, TruncatedJsonOnSuccessIsUncertain) {
  inject(R"({"kind":"truncated_json","path":"/stores/v3/provision/version"})");
  EXPECT_EQ(outcome_of_version_call(trusted()), Outcome::kUncertain);
}

TEST_F(WixTransportFaults, DroppedConnectionIsUncertain) {
  // The emulator did not process it, but nothing on the wire can tell the client that.
  inject(R"({"kind":"drop","path":"/stores/v3/provision/version"})");
  EXPECT_EQ(outcome_of_version_call(trusted()), Outcome::kUncertain);
}

TEST_F(WixTransportFaults, AnswerAboveTheSizeCapIsRefusedAsUncertain) {
  CurlOptions small = trusted();
  small.max_body_bytes = 8;
  EXPECT_EQ(outcome_of_version_call(small), Outcome::kUncertain);
}

TEST_F(WixTransportFaults, ConnectionIsUsableAgainAfterAFault) {
  inject(R"({"kind":"drop","path":"/stores/v3/provision/version"})");
  CurlTransport t(trusted());
  Client c = Client::create({url_, kV1Site, kV1Key}, t).value();
  EXPECT_FALSE(c.call("GET", kVersion).ok());
  auto r = c.call("GET", kVersion);
  EXPECT_TRUE(r.ok()) << r.status().message();
}

}  // namespace
}  // namespace shelfnode::wix
