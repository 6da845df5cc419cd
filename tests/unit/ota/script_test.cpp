// tools/ota-bundle.sh itself: what it makes verifies with openssl alone, and what it refuses.
#include "bundle_fixture.h"

namespace shelfnode::ota::testing {
namespace {

using shelfnode::testing::read_file;
using shelfnode::testing::run;
using shelfnode::testing::RunResult;

class ScriptTest : public BundleFixture {
 protected:
  void SetUp() override { make_key("release"); }
  std::vector<std::string> base(const std::string& out) {
    return {"--tree", tree_dir(), "--key",          tmp_.file("release.key.pem"),
            "--out",  out,        "--expires-days", "30"};
  }
};

TEST_F(ScriptTest, HelpDocumentsKeyGenerationRotationAndRevocation) {
  const RunResult r = run_script({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* topic : {"Key generation", "openssl ecparam -genkey -name prime256v1",
                            "openssl ec -in", "Key rotation", "Key revocation"}) {
    EXPECT_NE(r.out.find(topic), std::string::npos) << topic;
  }
}

TEST_F(ScriptTest, SignatureVerifiesWithPlainOpenssl) {
  const std::string bundle = build("release", "1.1.0");
  const RunResult r = run({"openssl", "dgst", "-sha256", "-verify", tmp_.file("release.pem"),
                           "-signature", bundle + "/manifest.json.sig", bundle + "/manifest.json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Verified OK"), std::string::npos);
}

TEST_F(ScriptTest, ExpiresDaysIsFromNowAndAccepted) {
  trust("release");
  std::vector<std::string> args = base(tmp_.file("b"));
  args.insert(args.end(), {"--version", "1.1.0"});
  ASSERT_EQ(run_script(args).exit_code, 0);
  SystemClock now;
  DeviceVersions device;
  Result<TrustedKeys> keys = TrustedKeys::load(keys_dir());
  ASSERT_TRUE(keys.ok());
  Result<VerifiedBundle> v = verify_bundle(tmp_.file("b"), *keys, device, now);
  ASSERT_TRUE(v.ok()) << v.status().message();
  EXPECT_GT(v->manifest.expires_ms, now.now_ms() + 29LL * 24 * 3600 * 1000);
}

TEST_F(ScriptTest, RefusesASymlinkInTheStagedTree) {
  ASSERT_EQ(::symlink("/etc/passwd", (tree_dir() + "/share/passwd").c_str()), 0);
  std::vector<std::string> args = base(tmp_.file("b"));
  args.insert(args.end(), {"--version", "1.1.0"});
  const RunResult r = run_script(args);
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_NE(r.err.find("share/passwd is a link or special file"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(tmp_.file("b") + "/manifest.json"), "");
}

TEST_F(ScriptTest, RefusesABadVersionAndAnExistingOutFolder) {
  std::vector<std::string> args = base(tmp_.file("b"));
  args.insert(args.end(), {"--version", "1.1"});
  RunResult r = run_script(args);
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_NE(r.err.find("not a semantic version"), std::string::npos) << r.err;
  args = base(tree_dir());
  args.insert(args.end(), {"--version", "1.1.0"});
  r = run_script(args);
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_NE(r.err.find("exists already"), std::string::npos) << r.err;
}

TEST_F(ScriptTest, RefusesAKeyThatIsNotP256) {
  const std::string priv = tmp_.file("p384.key.pem");
  ASSERT_EQ(run({"openssl", "ecparam", "-genkey", "-name", "secp384r1", "-noout", "-out", priv})
                .exit_code,
            0);
  const RunResult r = run_script({"--tree", tree_dir(), "--key", priv, "--out", tmp_.file("b"),
                                  "--version", "1.1.0", "--expires-days", "3"});
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_NE(r.err.find("not a P-256"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace shelfnode::ota::testing
