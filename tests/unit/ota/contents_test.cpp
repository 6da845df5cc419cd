// The bundle folder against its manifest: paths, links, extra and missing files, sizes and
// hashes. Manifests are edited and re-signed, so the signature is never the reason.
#include "bundle_fixture.h"

namespace shelfnode::ota::testing {
namespace {

using shelfnode::testing::read_file;
using shelfnode::testing::write_file;

class ContentsTest : public BundleFixture {
 protected:
  void SetUp() override {
    make_key("release");
    trust("release");
    bundle_ = build("release", "1.1.0");
  }
  std::string bundle_;
};

TEST_F(ContentsTest, ChangedFileIsAHashMismatch) {
  std::string bin = read_file(bundle_ + "/bin/shelfnode");
  bin[bin.size() - 2] = 'X';  // same size
  write_file(bundle_ + "/bin/shelfnode", bin);
  EXPECT_REFUSED(verify(bundle_), "hash_mismatch", "bin/shelfnode has sha256");
}

TEST_F(ContentsTest, ChangedByteInALargeFileIsAHashMismatch) {
  std::string big = read_file(bundle_ + "/share/catalog.bin");
  big[150 * 1024] = static_cast<char>(big[150 * 1024] ^ 0x40);  // in the third chunk
  write_file(bundle_ + "/share/catalog.bin", big);
  EXPECT_REFUSED(verify(bundle_), "hash_mismatch", "share/catalog.bin");
}

TEST_F(ContentsTest, TruncatedFileIsASizeMismatch) {
  write_file(bundle_ + "/share/config.example.json", "{");
  EXPECT_REFUSED(verify(bundle_), "size_mismatch",
                 "share/config.example.json has 1 bytes, the manifest says 3");
}

TEST_F(ContentsTest, AbsolutePathIsRefused) {
  edit_manifest(bundle_, "\"bin/shelfnode\"", "\"/usr/bin/shelfnode\"");
  EXPECT_REFUSED(verify(bundle_), "path_unsafe", "'/usr/bin/shelfnode' is absolute");
}

TEST_F(ContentsTest, DotDotPathIsRefused) {
  edit_manifest(bundle_, "\"bin/shelfnode\"", "\"bin/../../etc/passwd\"");
  EXPECT_REFUSED(verify(bundle_), "path_unsafe", "has a '..' component");
}

TEST_F(ContentsTest, SymlinkInPlaceOfAListedFileIsRefused) {
  ASSERT_EQ(::unlink((bundle_ + "/bin/shelfnode").c_str()), 0);
  ASSERT_EQ(::symlink("/bin/sh", (bundle_ + "/bin/shelfnode").c_str()), 0);
  EXPECT_REFUSED(verify(bundle_), "link_in_bundle",
                 "bin/shelfnode in the bundle is a symbolic link");
}

TEST_F(ContentsTest, SymlinkedFolderIsRefused) {
  // bin -> a folder outside the bundle that holds a file of the same bytes.
  const std::string outside = tmp_.file("outside");
  ASSERT_EQ(::rename((bundle_ + "/bin").c_str(), outside.c_str()), 0);
  ASSERT_EQ(::symlink(outside.c_str(), (bundle_ + "/bin").c_str()), 0);
  EXPECT_REFUSED(verify(bundle_), "link_in_bundle", "bin in the bundle is a symbolic link");
}

TEST_F(ContentsTest, UnlistedSymlinkIsRefusedToo) {
  ASSERT_EQ(::symlink("/etc/shadow", (bundle_ + "/share/extra").c_str()), 0);
  EXPECT_REFUSED(verify(bundle_), "link_in_bundle", "share/extra");
}

TEST_F(ContentsTest, FileNotInTheManifestIsRefused) {
  write_file(bundle_ + "/bin/backdoor", "#!/bin/sh\n");
  EXPECT_REFUSED(verify(bundle_), "file_unlisted", "bin/backdoor is in the bundle but not in");
}

TEST_F(ContentsTest, ListedFileMissingIsRefused) {
  ASSERT_EQ(::unlink((bundle_ + "/share/config.example.json").c_str()), 0);
  EXPECT_REFUSED(verify(bundle_), "file_missing", "share/config.example.json is listed");
}

TEST_F(ContentsTest, ListingTheManifestItselfIsRefused) {
  edit_manifest(bundle_, "\"bin/shelfnode\"", "\"manifest.json\"");
  EXPECT_REFUSED(verify(bundle_), "path_unsafe", "one of the bundle's own files");
}

}  // namespace
}  // namespace shelfnode::ota::testing
