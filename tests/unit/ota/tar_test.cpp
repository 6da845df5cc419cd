// unpack_bundle_tar: what tools/ota-bundle.sh --tar and GNU tar make unpacks to a bundle that
// verifies; each thing a hostile or careless archive can hold is refused with its reason, and
// nothing of a refused archive stays behind.
#include <sys/stat.h>
#include <unistd.h>

#include "bundle_fixture.h"
#include "shelfnode/ota/bundle_tar.h"
#include "tar_builder.h"

namespace shelfnode::ota::testing {
namespace {

using shelfnode::testing::read_file;
using shelfnode::testing::run;
using shelfnode::testing::RunResult;
using shelfnode::testing::write_file;

class TarTest : public BundleFixture {
 protected:
  void SetUp() override {
    make_key("release");
    trust("release");
  }
  // `bytes` as a tar file, unpacked into a new folder.
  Result<UnpackStats> unpack_bytes(const std::string& bytes, const TarLimits& limits = {}) {
    write_file(tmp_.file("in.tar"), bytes);
    return unpack_bundle_tar(tmp_.file("in.tar"), out(), limits);
  }
  std::string out() const { return tmp_.file("out"); }
  bool out_exists() const {
    struct stat st {};
    return ::lstat(out().c_str(), &st) == 0;
  }
  // GNU tar over `dir` with `args` (after -cf FILE -C dir).
  std::string gnu_tar(const std::string& dir, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"tar", "-cf", tmp_.file("gnu.tar"), "-C", dir};
    argv.insert(argv.end(), args.begin(), args.end());
    const RunResult r = run(argv);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return read_file(tmp_.file("gnu.tar"));
  }
};

// One pax record, "LEN key=value\n", LEN counting its own digits.
std::string rec(const std::string& key, const std::string& value) {
  const std::size_t body = key.size() + value.size() + 3;  // ' ', '=', '\n'
  std::size_t len = body + 1;
  while (std::to_string(len).size() + body != len) ++len;
  return std::to_string(len) + " " + key + "=" + value + "\n";
}

#define EXPECT_TAR_REFUSED(result, code, needle) \
  do {                                           \
    EXPECT_REFUSED(result, code, needle);        \
    EXPECT_FALSE(out_exists());                  \
  } while (0)

TEST_F(TarTest, ScriptTarUnpacksToABundleThatVerifies) {
  const std::string bundle = build("release", "1.1.0", {"--tar"});
  ASSERT_FALSE(bundle.empty());
  Result<UnpackStats> s = unpack_bundle_tar(bundle + ".tar", out());
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->files, 5u);  // manifest, signature and the three staged files
  EXPECT_EQ(read_file(out() + "/share/catalog.bin"), read_file(tree_dir() + "/share/catalog.bin"));
  Result<VerifiedBundle> v = verify(out());
  ASSERT_TRUE(v.ok()) << v.status().message();
  struct stat st {};
  ASSERT_EQ(::stat((out() + "/share/config.example.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

TEST_F(TarTest, ScriptTarIsDeterministicUstarWithTheManifestFirst) {
  const std::string bundle = build("release", "1.1.0", {"--tar"});
  const RunResult list = run({"tar", "--numeric-owner", "-tvf", bundle + ".tar"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const std::string first_line = list.out.substr(0, list.out.find('\n'));
  EXPECT_EQ(first_line.substr(first_line.size() - 14), " manifest.json") << list.out;
  EXPECT_LT(list.out.find("manifest.json.sig"), list.out.find("bin/shelfnode"));
  EXPECT_LT(list.out.find("bin/shelfnode"), list.out.find("share/catalog.bin"));
  std::size_t lines = 0;
  for (std::size_t at = 0; at < list.out.size(); at = list.out.find('\n', at) + 1) {
    const std::string line = list.out.substr(at, list.out.find('\n', at) - at);
    EXPECT_NE(line.find(" 0/0 "), std::string::npos) << line;
    EXPECT_NE(line.find(" 1970-01-01 00:00 "), std::string::npos) << line;
    ++lines;
  }
  EXPECT_EQ(lines, 5u) << list.out;  // files only: their folders are implied
  // The same folder packed again gives the same bytes.
  const std::string first = read_file(bundle + ".tar");
  ASSERT_EQ(::unlink((bundle + ".tar").c_str()), 0);
  write_file(tmp_.file("again.sh"),
             "cd " + bundle +
                 " && { printf '%s\\0' manifest.json manifest.json.sig; find . -type "
                 "f ! -name 'manifest.json*' -printf '%P\\0' | LC_ALL=C sort -z; } | tar "
                 "--format=ustar --owner=0 --group=0 --numeric-owner --mode=go-w --mtime=@0 "
                 "--no-recursion --null -cf " +
                 bundle + ".tar -T -\n");
  ASSERT_EQ(run({"bash", tmp_.file("again.sh")}).exit_code, 0);
  EXPECT_EQ(read_file(bundle + ".tar"), first);
}

TEST_F(TarTest, GnuTarOfTheFolderWithDotPrefixesUnpacks) {
  const std::string bundle = build("release", "1.1.0");
  const std::string bytes = gnu_tar(bundle, {"--format=ustar", "."});
  Result<UnpackStats> s = unpack_bytes(bytes);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->folders, 2u);  // bin, share; "." itself is skipped
  EXPECT_TRUE(verify(out()).ok());
}

TEST_F(TarTest, RefusesSymlinkHardLinkAndFifoFromGnuTar) {
  const std::string dir = tmp_.file("odd");
  ASSERT_EQ(::mkdir(dir.c_str(), 0755), 0);
  write_file(dir + "/a", "a");
  ASSERT_EQ(::symlink("/etc/passwd", (dir + "/sym").c_str()), 0);
  ASSERT_EQ(::link((dir + "/a").c_str(), (dir + "/hard").c_str()), 0);
  ASSERT_EQ(::mkfifo((dir + "/fifo").c_str(), 0644), 0);
  EXPECT_TAR_REFUSED(unpack_bytes(gnu_tar(dir, {"--format=ustar", "sym"})), "link_in_bundle",
                     "a symbolic link");
  EXPECT_TAR_REFUSED(unpack_bytes(gnu_tar(dir, {"--format=ustar", "a", "hard"})), "link_in_bundle",
                     "a hard link");
  EXPECT_TAR_REFUSED(unpack_bytes(gnu_tar(dir, {"--format=ustar", "fifo"})), "link_in_bundle",
                     "a FIFO");
  EXPECT_TAR_REFUSED(unpack_bytes(TarBuilder().entry("dev", '3').end().bytes()), "link_in_bundle",
                     "a character device");
  EXPECT_TAR_REFUSED(unpack_bytes(TarBuilder().entry("dev", '4').end().bytes()), "link_in_bundle",
                     "a block device");
}

TEST_F(TarTest, RefusesUnsafePaths) {
  for (const std::string name : {"/etc/passwd", "../x", "a/../../x", "a//b", "./../x", "a\\b"}) {
    SCOPED_TRACE(name);
    EXPECT_TAR_REFUSED(unpack_bytes(TarBuilder().file(name, "x").end().bytes()), "path_unsafe", "");
  }
  // The prefix field counts too.
  EXPECT_TAR_REFUSED(unpack_bytes(TarBuilder().entry("x", '0', "x", "/etc").end().bytes()),
                     "path_unsafe", "");
  EXPECT_TAR_REFUSED(unpack_bytes(TarBuilder().entry("x", '0', "x", "..").end().bytes()),
                     "path_unsafe", "");
}

TEST_F(TarTest, LongPathInPrefixFieldUnpacks) {
  const std::string deep(120, 'd');
  Result<UnpackStats> s =
      unpack_bytes(TarBuilder().entry("file", '0', "x", "share/" + deep).end().bytes());
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(read_file(out() + "/share/" + deep + "/file"), "x");
}

TEST_F(TarTest, RefusesDuplicatesAndNamesThatMeanTwoThings) {
  EXPECT_TAR_REFUSED(unpack_bytes(TarBuilder().file("a", "1").file("a", "2").end().bytes()),
                     "tar_malformed", "'a') appears twice");
  EXPECT_TAR_REFUSED(unpack_bytes(TarBuilder().folder("d/").folder("d").end().bytes()),
                     "tar_malformed", "appears twice");
  EXPECT_TAR_REFUSED(unpack_bytes(TarBuilder().file("a", "1").file("a/b", "2").end().bytes()),
                     "tar_malformed", "which is a file");
  EXPECT_TAR_REFUSED(unpack_bytes(TarBuilder().file("a/b", "1").file("a", "2").end().bytes()),
                     "tar_malformed", "other entries are inside it");
  // A folder named after the files inside it is fine.
  EXPECT_TRUE(unpack_bytes(TarBuilder().file("a/b", "1").folder("a/").end().bytes()).ok());
}

TEST_F(TarTest, RefusesABadChecksum) {
  TarBuilder tar;
  tar.file("a", "data").end();
  tar.bytes()[1] = 'b';  // name changed after the checksum was made
  EXPECT_TAR_REFUSED(unpack_bytes(tar.bytes()), "tar_malformed", "checksum does not match");
}

TEST_F(TarTest, RefusesNumberFieldsThatAreNotOctal) {
  TarBuilder tar;
  tar.file("a", "data").end();
  tar.bytes().replace(124, 11, "0000000008 ");  // '8' is no octal digit
  tar.rechecksum(0);
  EXPECT_TAR_REFUSED(unpack_bytes(tar.bytes()), "tar_malformed", "not octal");
  TarBuilder base256;
  base256.file("a", "data").end();
  base256.bytes()[124] = static_cast<char>(0x80);  // GNU's base-256 size
  base256.rechecksum(0);
  EXPECT_TAR_REFUSED(unpack_bytes(base256.bytes()), "tar_malformed", "not octal");
}

TEST_F(TarTest, RefusesEntriesAndTotalsPastTheCaps) {
  TarLimits limits;
  limits.max_entry_bytes = 10;
  EXPECT_TAR_REFUSED(
      unpack_bytes(TarBuilder().file("a", std::string(11, 'x')).end().bytes(), limits), "too_large",
      "more than the cap of 10");
  limits = TarLimits{};
  limits.max_total_bytes = 15;
  EXPECT_TAR_REFUSED(
      unpack_bytes(
          TarBuilder().file("a", std::string(8, 'x')).file("b", std::string(8, 'x')).end().bytes(),
          limits),
      "too_large", "more than the cap of 15 bytes");
  limits = TarLimits{};
  limits.max_entries = 2;
  EXPECT_TAR_REFUSED(
      unpack_bytes(TarBuilder().file("a", "").file("b", "").file("c", "").end().bytes(), limits),
      "too_large", "more than 2 entries");
}

TEST_F(TarTest, RefusesTruncatedArchivesAndDataAfterTheEnd) {
  const std::string whole = TarBuilder().file("a", std::string(1000, 'x')).end().bytes();
  EXPECT_TAR_REFUSED(unpack_bytes(whole.substr(0, 700)), "tar_malformed", "truncated");
  EXPECT_TAR_REFUSED(unpack_bytes(whole.substr(0, 1536)), "tar_malformed", "truncated");
  EXPECT_TAR_REFUSED(unpack_bytes(whole.substr(0, whole.size() - 512)), "tar_malformed",
                     "end marker");
  EXPECT_TAR_REFUSED(unpack_bytes(whole + std::string(512, '\0') + "junk" + std::string(508, '\0')),
                     "tar_malformed", "after the tar's end marker");
  EXPECT_TAR_REFUSED(unpack_bytes(whole + "x"), "tar_malformed", "512-byte block");
  EXPECT_TRUE(unpack_bytes(whole + std::string(8192, '\0')).ok());  // record padding
}

TEST_F(TarTest, RefusesPaxAndGnuFormatsWithTheFix) {
  const std::string bundle = build("release", "1.1.0");
  EXPECT_TAR_REFUSED(unpack_bytes(gnu_tar(bundle, {"--format=gnu", "manifest.json"})),
                     "tar_malformed", "not POSIX ustar");
  EXPECT_TAR_REFUSED(unpack_bytes(TarBuilder().entry("pax", 'g', rec("a", "b")).end().bytes()),
                     "tar_malformed", "pax global header");
  EXPECT_TAR_REFUSED(unpack_bytes(TarBuilder().entry("long", 'L', "name").end().bytes()),
                     "tar_malformed", "GNU long-name");
  TarBuilder linked;
  linked.file("f", "x").file("l", "").end();
  linked.bytes()[1024 + 157] = 'f';  // the second header names a link target
  linked.rechecksum(1024);
  EXPECT_TAR_REFUSED(unpack_bytes(linked.bytes()), "tar_malformed", "a link name on a file");
}

TEST_F(TarTest, GnuTarPosixFormatUnpacks) {
  const std::string bundle = build("release", "1.1.0");
  const std::string deep = bundle + "/share/" + std::string(90, 'p') + "/" + std::string(90, 'q');
  ASSERT_EQ(run({"mkdir", "-p", deep}).exit_code, 0);
  // A path past ustar's 255 bytes needs a pax "path" record; the manifest must list it.
  const std::string name =
      "share/" + std::string(90, 'p') + "/" + std::string(90, 'q') + "/" + std::string(90, 'r');
  write_file(bundle + "/" + name, "long");
  Result<UnpackStats> s = unpack_bytes(gnu_tar(bundle, {"--format=posix", "."}));
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(read_file(out() + "/" + name), "long");
  EXPECT_EQ(read_file(out() + "/manifest.json"), read_file(bundle + "/manifest.json"));
}

TEST_F(TarTest, PaxRecordsAreCheckedLikeNames) {
  EXPECT_TAR_REFUSED(
      unpack_bytes(
          TarBuilder().entry("pax", 'x', rec("path", "../x")).file("a", "1").end().bytes()),
      "path_unsafe", "");
  EXPECT_TAR_REFUSED(
      unpack_bytes(
          TarBuilder().entry("pax", 'x', rec("linkpath", "/etc/pw")).file("a", "1").end().bytes()),
      "tar_malformed", "'linkpath' is not supported");
  EXPECT_TAR_REFUSED(
      unpack_bytes(TarBuilder().entry("pax", 'x', rec("size", "100")).file("a", "1").end().bytes()),
      "tar_malformed", "'size' is not supported");
  EXPECT_TAR_REFUSED(
      unpack_bytes(TarBuilder().entry("pax", 'x', "99 path=x\n").file("a", "1").end().bytes()),
      "tar_malformed", "LEN key=value");
  EXPECT_TAR_REFUSED(unpack_bytes(TarBuilder().entry("pax", 'x', rec("path", "x")).end().bytes()),
                     "tar_malformed", "no entry after it");
  EXPECT_TAR_REFUSED(unpack_bytes(TarBuilder()
                                      .entry("p1", 'x', rec("path", "x"))
                                      .entry("p2", 'x', rec("path", "y"))
                                      .file("a", "1")
                                      .end()
                                      .bytes()),
                     "tar_malformed", "two pax extended headers");
  // A pax path replaces the ustar name, and duplicates are judged by it.
  EXPECT_TAR_REFUSED(unpack_bytes(TarBuilder()
                                      .file("b", "1")
                                      .entry("pax", 'x', rec("path", "b"))
                                      .file("a", "2")
                                      .end()
                                      .bytes()),
                     "tar_malformed", "appears twice");
  Result<UnpackStats> ok =
      unpack_bytes(TarBuilder()
                       .entry("pax", 'x', rec("path", "b") + rec("mtime", "1.5000000"))
                       .file("a", "2")
                       .end()
                       .bytes());
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(read_file(out() + "/b"), "2");
}

TEST_F(TarTest, RefusesAFolderWithDataAndAnExistingDestination) {
  EXPECT_TAR_REFUSED(unpack_bytes(TarBuilder().entry("d", '5', "xyz").end().bytes()),
                     "tar_malformed", "a folder with 3 bytes");
  ASSERT_EQ(::mkdir(out().c_str(), 0700), 0);
  write_file(out() + "/keep", "mine");
  Result<UnpackStats> s = unpack_bytes(TarBuilder().file("a", "1").end().bytes());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), Code::kIo);
  EXPECT_NE(s.status().message().find("exists already"), std::string::npos);
  EXPECT_EQ(read_file(out() + "/keep"), "mine");
}

TEST_F(TarTest, KeepsTheExecutableBit) {
  ASSERT_TRUE(
      unpack_bytes(TarBuilder().entry("run", '0', "#!/bin/sh\n", "", "0000755").end().bytes())
          .ok());
  struct stat st {};
  ASSERT_EQ(::stat((out() + "/run").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0111, 0111u);
}

}  // namespace
}  // namespace shelfnode::ota::testing
