#include "bundle_fixture.h"

#include <sys/stat.h>

#include <algorithm>

namespace shelfnode::ota::testing {
namespace {

using shelfnode::testing::read_file;
using shelfnode::testing::run;
using shelfnode::testing::RunResult;
using shelfnode::testing::write_file;

void run_ok(const std::vector<std::string>& argv) {
  const RunResult r = run(argv);
  ASSERT_EQ(r.exit_code, 0) << argv[0] << " " << (argv.size() > 1 ? argv[1] : "") << ": " << r.err;
}

// 2027-06-01T00:00:00Z
constexpr std::int64_t kPinnedNowMs = 1811808000000;

}  // namespace

BundleFixture::BundleFixture() : clock_(kPinnedNowMs) {
  ::mkdir(keys_dir().c_str(), 0755);
  ::mkdir(tree_dir().c_str(), 0755);
  ::mkdir((tree_dir() + "/bin").c_str(), 0755);
  ::mkdir((tree_dir() + "/share").c_str(), 0755);
  write_file(tree_dir() + "/bin/shelfnode", "#!/bin/sh\necho shelfnode 1.1.0\n");
  write_file(tree_dir() + "/share/config.example.json", "{}\n");
  // Larger than one 64 KiB hashing chunk, and not a multiple of it.
  std::string big(200 * 1024 + 17, '\0');
  for (std::size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 31 % 251);
  write_file(tree_dir() + "/share/catalog.bin", big);
}

std::string BundleFixture::make_key(const std::string& name) {
  const std::string priv = tmp_.file(name + ".key.pem");
  run_ok({"openssl", "ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", priv});
  run_ok({"openssl", "ec", "-in", priv, "-pubout", "-out", tmp_.file(name + ".pem")});
  return priv;
}

void BundleFixture::trust(const std::string& name) {
  write_file(keys_dir() + "/" + name + ".pem", read_file(tmp_.file(name + ".pem")));
}

void BundleFixture::distrust(const std::string& name) {
  ASSERT_EQ(::unlink((keys_dir() + "/" + name + ".pem").c_str()), 0);
}

RunResult BundleFixture::run_script(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {std::string(SHELFNODE_SOURCE_DIR) + "/tools/ota-bundle.sh"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run(argv);
}

std::string BundleFixture::build(const std::string& key_name, const std::string& version,
                                 const std::vector<std::string>& args) {
  const std::string out = tmp_.file("bundle-" + std::to_string(++bundles_));
  std::vector<std::string> all = {
      "--tree", tree_dir(), "--key",     tmp_.file(key_name + ".key.pem"),
      "--out",  out,        "--version", version};
  const bool has_expiry = std::find(args.begin(), args.end(), "--expires") != args.end();
  if (!has_expiry) all.insert(all.end(), {"--expires", "2030-01-01T00:00:00Z"});
  all.insert(all.end(), args.begin(), args.end());
  const RunResult r = run_script(all);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.exit_code == 0 ? out : "";
}

void BundleFixture::sign(const std::string& bundle, const std::string& key_name) {
  run_ok({"openssl", "dgst", "-sha256", "-sign", tmp_.file(key_name + ".key.pem"), "-out",
          bundle + "/manifest.json.sig", bundle + "/manifest.json"});
}

void BundleFixture::write_and_sign_manifest(const std::string& bundle, const std::string& text,
                                            const std::string& key_name) {
  write_file(bundle + "/manifest.json", text);
  sign(bundle, key_name);
}

void BundleFixture::edit_manifest(const std::string& bundle, const std::string& from,
                                  const std::string& to, const std::string& key_name) {
  std::string text = read_file(bundle + "/manifest.json");
  const std::size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << "manifest lacks '" << from << "':\n" << text;
  text.replace(at, from.size(), to);
  write_and_sign_manifest(bundle, text, key_name);
}

Result<VerifiedBundle> BundleFixture::verify(const std::string& bundle,
                                             const std::string& installed,
                                             const std::optional<std::string>& floor) {
  Result<TrustedKeys> keys = TrustedKeys::load(keys_dir());
  if (!keys.ok()) return keys.status();
  DeviceVersions device;
  device.installed = parse_semver(installed).value();
  if (floor) device.floor = parse_semver(*floor).value();
  return verify_bundle(bundle, *keys, device, clock_);
}

}  // namespace shelfnode::ota::testing
