// The signature and the trust store: what is refused before a byte of the manifest is parsed.
#include "bundle_fixture.h"

namespace shelfnode::ota::testing {
namespace {

using shelfnode::testing::read_file;
using shelfnode::testing::write_file;

class SignatureTest : public BundleFixture {
 protected:
  void SetUp() override {
    make_key("release");
    trust("release");
  }
};

TEST_F(SignatureTest, ValidUpgradeIsAccepted) {
  const std::string bundle = build("release", "1.1.0");
  Result<VerifiedBundle> v = verify(bundle, "1.0.0");
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_EQ(v->key_file, "release.pem");
  EXPECT_EQ(v->manifest.name, "shelfnode");
  EXPECT_EQ(v->manifest.version.to_string(), "1.1.0");
  ASSERT_EQ(v->manifest.files.size(), 3u);
  EXPECT_EQ(v->manifest.files[0].path, "bin/shelfnode");
  EXPECT_EQ(v->manifest.files[1].path, "share/catalog.bin");  // in byte order of the path
  EXPECT_EQ(v->manifest.files[1].size, 200u * 1024 + 17);
}

TEST_F(SignatureTest, MissingSignatureIsRefused) {
  const std::string bundle = build("release", "1.1.0");
  ASSERT_EQ(::unlink((bundle + "/manifest.json.sig").c_str()), 0);
  EXPECT_REFUSED(verify(bundle), "signature_missing", "manifest.json.sig is missing");
}

TEST_F(SignatureTest, GarbageSignatureIsRefusedAsMalformed) {
  const std::string bundle = build("release", "1.1.0");
  write_file(bundle + "/manifest.json.sig", "this is not a DER signature at all");
  EXPECT_REFUSED(verify(bundle), "signature_malformed", "not a DER ECDSA signature");
}

TEST_F(SignatureTest, EmptySignatureIsRefusedAsMalformed) {
  const std::string bundle = build("release", "1.1.0");
  write_file(bundle + "/manifest.json.sig", "");
  EXPECT_REFUSED(verify(bundle), "signature_malformed", "has 0 bytes");
}

TEST_F(SignatureTest, ManifestChangedAfterSigningIsRefused) {
  const std::string bundle = build("release", "1.1.0");
  std::string text = read_file(bundle + "/manifest.json");
  text.replace(text.find("1.1.0"), 5, "9.9.9");  // not re-signed
  write_file(bundle + "/manifest.json", text);
  EXPECT_REFUSED(verify(bundle), "signature_not_trusted", "changed after signing");
}

TEST_F(SignatureTest, OneFlippedSignatureByteIsRefused) {
  const std::string bundle = build("release", "1.1.0");
  std::string sig = read_file(bundle + "/manifest.json.sig");
  sig[sig.size() - 1] = static_cast<char>(sig[sig.size() - 1] ^ 0x01);
  write_file(bundle + "/manifest.json.sig", sig);
  EXPECT_FALSE(verify(bundle).ok());
}

TEST_F(SignatureTest, BundleSignedByUnknownKeyIsRefused) {
  make_key("stranger");
  const std::string bundle = build("stranger", "1.1.0");
  EXPECT_REFUSED(verify(bundle), "signature_not_trusted", "none of the 1 trusted key(s)");
}

TEST_F(SignatureTest, KeyRotationOldKeyRemovedNewKeyAccepted) {
  make_key("release-2028");
  const std::string by_old = build("release", "1.1.0");
  const std::string by_new = build("release-2028", "1.1.0");
  // Step 2 of the rotation: both keys trusted, both bundles verify.
  trust("release-2028");
  EXPECT_TRUE(verify(by_old).ok());
  Result<VerifiedBundle> both = verify(by_new);
  ASSERT_TRUE(both.ok()) << both.status().message();
  EXPECT_EQ(both->key_file, "release-2028.pem");
  // Step 4: the old key removed; what it signed is refused from then on.
  distrust("release");
  Result<VerifiedBundle> after = verify(by_new);
  ASSERT_TRUE(after.ok()) << after.status().message();
  EXPECT_EQ(after->key_file, "release-2028.pem");
  EXPECT_REFUSED(verify(by_old), "signature_not_trusted", "none of the 1 trusted key(s)");
}

TEST_F(SignatureTest, EmptyTrustStoreIsRefusedNotIgnored) {
  const std::string bundle = build("release", "1.1.0");
  distrust("release");
  EXPECT_REFUSED(verify(bundle), "trust_store_unusable", "no *.pem public key");
  EXPECT_EQ(verify(bundle).status().code(), Code::kConfig);
}

TEST_F(SignatureTest, MissingTrustStoreIsRefused) {
  Result<TrustedKeys> keys = TrustedKeys::load(tmp_.file("no-such-dir"));
  EXPECT_REFUSED(keys, "trust_store_unusable", "not a readable directory");
}

TEST_F(SignatureTest, BrokenKeyFileFailsTheWholeTrustStore) {
  write_file(keys_dir() + "/broken.pem",
             "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
  EXPECT_REFUSED(TrustedKeys::load(keys_dir()), "trust_store_unusable", "broken.pem");
}

TEST_F(SignatureTest, NonP256KeyIsRefused) {
  const std::string priv = tmp_.file("p384.key.pem");
  ASSERT_EQ(shelfnode::testing::run(
                {"openssl", "ecparam", "-genkey", "-name", "secp384r1", "-noout", "-out", priv})
                .exit_code,
            0);
  ASSERT_EQ(shelfnode::testing::run(
                {"openssl", "ec", "-in", priv, "-pubout", "-out", keys_dir() + "/p384.pem"})
                .exit_code,
            0);
  EXPECT_REFUSED(TrustedKeys::load(keys_dir()), "trust_store_unusable", "not an ECDSA P-256");
}

TEST_F(SignatureTest, SignatureIsCheckedBeforeTheManifestIsParsed) {
  // Not JSON at all, and unsigned: the signature is what is reported, not the JSON.
  const std::string bundle = build("release", "1.1.0");
  write_file(bundle + "/manifest.json", "{not json");
  EXPECT_REFUSED(verify(bundle), "signature_not_trusted", "trusted key");
}

TEST_F(SignatureTest, SymlinkedManifestIsRefused) {
  const std::string bundle = build("release", "1.1.0");
  ASSERT_EQ(::rename((bundle + "/manifest.json").c_str(), tmp_.file("elsewhere.json").c_str()), 0);
  ASSERT_EQ(::symlink(tmp_.file("elsewhere.json").c_str(), (bundle + "/manifest.json").c_str()), 0);
  EXPECT_REFUSED(verify(bundle), "link_in_bundle", "manifest.json is a symbolic link");
}

}  // namespace
}  // namespace shelfnode::ota::testing
