// Freshness and rollback: expiry, version against the installed one and the floor, and
// min_version. Each bundle here is correctly signed; only its claims are wrong for the device.
#include "bundle_fixture.h"

namespace shelfnode::ota::testing {
namespace {

class FreshnessTest : public BundleFixture {
 protected:
  void SetUp() override {
    make_key("release");
    trust("release");
  }
};

TEST_F(FreshnessTest, SameVersionAsInstalledIsRefused) {
  const std::string bundle = build("release", "1.0.0");
  EXPECT_REFUSED(verify(bundle, "1.0.0"), "version_not_newer",
                 "version 1.0.0 is not newer than the installed 1.0.0");
}

TEST_F(FreshnessTest, OlderVersionIsRefused) {
  const std::string bundle = build("release", "0.9.7");
  EXPECT_REFUSED(verify(bundle, "1.0.0"), "version_not_newer", "0.9.7 is not newer");
}

TEST_F(FreshnessTest, PreReleaseOfTheInstalledVersionIsOlder) {
  const std::string bundle = build("release", "1.0.0-rc.9");
  EXPECT_REFUSED(verify(bundle, "1.0.0"), "version_not_newer", "1.0.0-rc.9");
}

TEST_F(FreshnessTest, OnlyBuildMetadataDifferentIsNotNewer) {
  const std::string bundle = build("release", "1.0.0+build.7");
  EXPECT_REFUSED(verify(bundle, "1.0.0+build.6"), "version_not_newer", "not newer");
}

TEST_F(FreshnessTest, ReleaseAfterItsPreReleaseIsAnUpgrade) {
  const std::string bundle = build("release", "1.1.0");
  Result<VerifiedBundle> v = verify(bundle, "1.1.0-rc.2");
  EXPECT_TRUE(v.ok()) << v.status().message();
}

TEST_F(FreshnessTest, BelowTheStoredFloorIsRefusedEvenWhenNewerThanInstalled) {
  // Rolled back to 1.0.0 after 1.3.0 was marked good: 1.2.0 is newer than what runs, but
  // below the floor.
  const std::string bundle = build("release", "1.2.0");
  EXPECT_REFUSED(verify(bundle, "1.0.0", "1.3.0"), "version_below_floor",
                 "below the version floor 1.3.0");
}

TEST_F(FreshnessTest, AtTheFloorIsAccepted) {
  const std::string bundle = build("release", "1.3.0");
  Result<VerifiedBundle> v = verify(bundle, "1.0.0", "1.3.0");
  EXPECT_TRUE(v.ok()) << v.status().message();
}

TEST_F(FreshnessTest, ExpiredManifestIsRefused) {
  const std::string bundle = build("release", "1.1.0", {"--expires", "2027-05-31T23:59:59Z"});
  EXPECT_REFUSED(verify(bundle), "manifest_expired", "expired at 2027-05-31T23:59:59");
}

TEST_F(FreshnessTest, ManifestExpiresAtTheExactMomentOfItsExpiry) {
  const std::string bundle = build("release", "1.1.0", {"--expires", "2027-06-01T00:00:01Z"});
  EXPECT_TRUE(verify(bundle).ok());
  clock_.advance_ms(1000);
  EXPECT_REFUSED(verify(bundle), "manifest_expired", "check the device's clock");
}

TEST_F(FreshnessTest, MinVersionAboveInstalledIsRefused) {
  const std::string bundle = build("release", "2.0.0", {"--min-version", "1.5.0"});
  EXPECT_REFUSED(verify(bundle, "1.4.2"), "min_version_not_met",
                 "needs 1.5.0 or later installed first; this device runs 1.4.2");
}

TEST_F(FreshnessTest, MinVersionMetIsAccepted) {
  const std::string bundle = build("release", "2.0.0", {"--min-version", "1.5.0"});
  Result<VerifiedBundle> v = verify(bundle, "1.5.0");
  ASSERT_TRUE(v.ok()) << v.status().message();
  ASSERT_TRUE(v->manifest.min_version.has_value());
  EXPECT_EQ(v->manifest.min_version->to_string(), "1.5.0");
}

TEST_F(FreshnessTest, AnotherProductIsRefused) {
  const std::string bundle = build("release", "1.1.0", {"--name", "till-app"});
  EXPECT_REFUSED(verify(bundle), "wrong_product", "the bundle is for 'till-app'");
}

}  // namespace
}  // namespace shelfnode::ota::testing
