// fetch_bundle from nginx on loopback: a bundle folder (manifest and signature first, and no
// payload requested when they fail), a single .tar, a payload changed after signing, a
// staging folder resumed after an interrupted fetch.
#include "shelfnode/ota/fetch_bundle.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <memory>

#include "bundle_fixture.h"
#include "cutting_proxy.h"
#include "nginx_server.h"
#include "support/process.h"

namespace shelfnode::ota::testing {
namespace {

using shelfnode::testing::read_file;
using shelfnode::testing::run;
using shelfnode::testing::write_file;

class FetchBundleTest : public BundleFixture {
 protected:
  void SetUp() override {
    nginx_ = std::make_unique<NginxServer>(tmp_.file("nginx"));
    ASSERT_TRUE(nginx_->running()) << nginx_->error_log();
    make_key("release");
    trust("release");
  }
  // A bundle of version `version` published on nginx as www/<name> (a folder, or name.tar).
  void publish(const std::string& version, const std::string& name, bool tar = false) {
    const std::string bundle = build(
        "release", version, tar ? std::vector<std::string>{"--tar"} : std::vector<std::string>{});
    ASSERT_FALSE(bundle.empty());
    const std::string from = tar ? bundle + ".tar" : bundle;
    ASSERT_EQ(run({"cp", "-R", from, nginx_->www() + "/" + name}).exit_code, 0);
  }
  Result<FetchedBundle> fetch(const std::string& url, const std::string& installed = "1.0.0",
                              FetchOptions o = {}) {
    Result<TrustedKeys> keys = TrustedKeys::load(keys_dir());
    if (!keys.ok()) return keys.status();
    DeviceVersions device;
    device.installed = parse_semver(installed).value();
    o.download.ca_file = nginx_->ca_file();
    o.download.retry_delay_ms = 0;
    o.download.max_attempts_without_progress = 2;
    return fetch_bundle(url, staging(), *keys, device, clock_, o);
  }
  std::string staging() const { return tmp_.file("staging"); }
  // URIs nginx was asked for, in order.
  std::vector<std::string> asked() const {
    std::vector<std::string> uris;
    for (const AccessLine& a : nginx_->access_log()) uris.push_back(a.uri);
    return uris;
  }

  std::unique_ptr<NginxServer> nginx_;
};

TEST_F(FetchBundleTest, FolderUrlFetchesManifestFirstThenEachListedFile) {
  publish("1.1.0", "rel-1.1.0");
  Result<FetchedBundle> f = fetch(nginx_->url("rel-1.1.0/"));
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->verified.manifest.version.to_string(), "1.1.0");
  EXPECT_EQ(f->verified.key_file, "release.pem");
  EXPECT_EQ(f->bundle_dir, staging() + "/bundle");
  EXPECT_EQ(read_file(f->bundle_dir + "/share/catalog.bin"),
            read_file(tree_dir() + "/share/catalog.bin"));
  EXPECT_TRUE(verify(f->bundle_dir).ok());
  const std::vector<std::string> uris = asked();
  ASSERT_EQ(uris.size(), 5u);
  EXPECT_EQ(uris[0], "/rel-1.1.0/manifest.json.sig");
  EXPECT_EQ(uris[1], "/rel-1.1.0/manifest.json");
  EXPECT_EQ(f->totals.requests, 5);
}

TEST_F(FetchBundleTest, UntrustedOrStaleManifestRequestsNoPayload) {
  publish("1.1.0", "rel");
  distrust("release");
  make_key("other");
  trust("other");
  Result<FetchedBundle> f = fetch(nginx_->url("rel"));
  EXPECT_REFUSED(f, "signature_not_trusted", "");
  EXPECT_EQ(asked().size(), 2u);  // manifest.json.sig and manifest.json only
  trust("release");
  f = fetch(nginx_->url("rel"), "1.1.0");
  EXPECT_REFUSED(f, "version_not_newer", "not newer than the installed 1.1.0");
  EXPECT_EQ(asked().size(), 4u);
}

TEST_F(FetchBundleTest, PayloadChangedAfterSigningIsRefused) {
  publish("1.1.0", "rel");
  std::string changed = read_file(nginx_->www() + "/rel/share/catalog.bin");
  changed[1000] ^= 1;
  write_file(nginx_->www() + "/rel/share/catalog.bin", changed);
  Result<FetchedBundle> f = fetch(nginx_->url("rel/"));
  EXPECT_REFUSED(f, "hash_mismatch", "share/catalog.bin");
  struct stat st {};
  EXPECT_NE(::lstat((staging() + "/bundle/share/catalog.bin").c_str(), &st), 0);
  EXPECT_NE(::lstat((staging() + "/bundle/share/catalog.bin.part").c_str(), &st), 0);
}

TEST_F(FetchBundleTest, AStrayFileInTheStagingFolderFailsOnceThenStartsClean) {
  publish("1.1.0", "rel");
  ASSERT_TRUE(fetch(nginx_->url("rel/")).ok());
  // As a crash between the rename of a finished file and the removal of its state leaves it.
  write_file(staging() + "/bundle/bin/shelfnode.part.state", "{}");
  Result<FetchedBundle> f = fetch(nginx_->url("rel/"));
  EXPECT_REFUSED(f, "file_unlisted", "bin/shelfnode.part.state");
  Result<FetchedBundle> again = fetch(nginx_->url("rel/"));
  ASSERT_TRUE(again.ok()) << again.status().message();
}

TEST_F(FetchBundleTest, TarUrlIsDownloadedUnpackedAndVerified) {
  publish("1.1.0", "shelfnode-1.1.0.tar", true);
  Result<FetchedBundle> f = fetch(nginx_->url("shelfnode-1.1.0.tar"));
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->verified.manifest.version.to_string(), "1.1.0");
  EXPECT_EQ(read_file(f->bundle_dir + "/bin/shelfnode"), read_file(tree_dir() + "/bin/shelfnode"));
  EXPECT_EQ(asked().size(), 1u);
  struct stat st {};
  EXPECT_NE(::lstat((staging() + "/bundle.tar").c_str(), &st), 0);  // unpacked, then removed
}

TEST_F(FetchBundleTest, TarWithAnUnlistedFileIsRefusedAndNotKept) {
  publish("1.1.0", "rel");
  write_file(nginx_->www() + "/rel/extra", "added after signing");
  ASSERT_EQ(run({"tar", "--format=ustar", "-C", nginx_->www() + "/rel", "-cf",
                 nginx_->www() + "/b.tar", "."})
                .exit_code,
            0);
  Result<FetchedBundle> f = fetch(nginx_->url("b.tar"));
  EXPECT_REFUSED(f, "file_unlisted", "extra");
  struct stat st {};
  EXPECT_NE(::lstat((staging() + "/bundle").c_str(), &st), 0);
}

TEST_F(FetchBundleTest, InterruptedFolderFetchResumesInTheSameStaging) {
  publish("1.1.0", "rel");
  // Cut once inside share/catalog.bin (200 KiB), then the link holds.
  CuttingProxy proxy(nginx_->port(), {1u << 30, 1u << 30, 1u << 30, 100 * 1024});
  const std::string url = "https://localhost:" + std::to_string(proxy.port()) + "/rel/";
  FetchOptions o;
  o.download.max_requests = 1;
  Result<FetchedBundle> first = fetch(url, "1.0.0", o);
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.status().code(), Code::kTemporary) << first.status().message();
  Result<FetchedBundle> second = fetch(url);
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(proxy.cuts(), 1);
  // The second call asked again for the small manifest files, skipped the finished file
  // and resumed the cut one.
  int shelfnode_asked = 0;
  std::vector<AccessLine> catalog;
  for (const AccessLine& a : nginx_->access_log()) {
    if (a.uri == "/rel/bin/shelfnode") ++shelfnode_asked;
    if (a.uri == "/rel/share/catalog.bin") catalog.push_back(a);
  }
  EXPECT_EQ(shelfnode_asked, 1);
  ASSERT_EQ(catalog.size(), 2u);
  EXPECT_EQ(catalog[1].status, 206);
  EXPECT_EQ(catalog[1].range.rfind("bytes=", 0), 0u) << catalog[1].range;
  EXPECT_EQ(read_file(second->bundle_dir + "/share/catalog.bin"),
            read_file(tree_dir() + "/share/catalog.bin"));
}

}  // namespace
}  // namespace shelfnode::ota::testing
