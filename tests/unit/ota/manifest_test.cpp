// parse_manifest on its own (the text has passed the signature check), and one signed bundle
// per kind of malformed manifest through verify_bundle.
#include "shelfnode/ota/manifest.h"

#include <gtest/gtest.h>

#include "bundle_fixture.h"

namespace shelfnode::ota {
namespace {

const std::string kHash(64, 'a');

std::string manifest_with(const std::string& top, const std::string& file = "") {
  return "{\"format\": 1, \"name\": \"shelfnode\", \"version\": \"1.1.0\", "
         "\"expires\": \"2030-01-01T00:00:00Z\"" +
         top + ", \"files\": [{\"path\": \"bin/shelfnode\", \"size\": 3, \"sha256\": \"" + kHash +
         "\"" + file + "}]}";
}

void expect_malformed(const std::string& text, const std::string& needle) {
  Result<Manifest> m = parse_manifest(text);
  ASSERT_FALSE(m.ok()) << text;
  EXPECT_EQ(refusal_code_of(m.status()), "manifest_malformed") << m.status().message();
  EXPECT_NE(m.status().message().find(needle), std::string::npos) << m.status().message();
}

TEST(ManifestTest, ReadsEveryField) {
  Result<Manifest> m = parse_manifest(manifest_with(", \"min_version\": \"1.0.0-rc.1\""));
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->name, "shelfnode");
  EXPECT_EQ(m->version.to_string(), "1.1.0");
  EXPECT_EQ(m->expires_ms, 1893456000000);
  EXPECT_EQ(m->min_version->to_string(), "1.0.0-rc.1");
  ASSERT_EQ(m->files.size(), 1u);
  EXPECT_EQ(m->files[0].size, 3u);
}

TEST(ManifestTest, UnknownTopLevelFieldIsRefused) {
  expect_malformed(manifest_with(", \"post_install\": \"rm -rf /\""),
                   "field 'post_install' is unknown");
}

TEST(ManifestTest, UnknownFileFieldIsRefused) {
  expect_malformed(manifest_with("", ", \"mode\": 493"), "field 'files[0].mode' is unknown");
}

TEST(ManifestTest, WrongTypesAreRefused) {
  expect_malformed("{\"format\": 1, \"name\": 7}", "field 'name' must be a string");
  expect_malformed("{\"format\": \"1\"}", "field 'format' must be 1");
  expect_malformed("{\"format\": 1, \"files\": {}}", "field 'files' must be an array");
  std::string text = manifest_with("");
  text.replace(text.find("\"size\": 3"), 9, "\"size\": \"3\"");
  expect_malformed(text, "field 'files[0].size' must be the file's size");
  text = manifest_with("");
  text.replace(text.find("\"size\": 3"), 9, "\"size\": 3.5");
  expect_malformed(text, "files[0].size");
  text = manifest_with("");
  text.replace(text.find("\"size\": 3"), 9, "\"size\": -1");
  expect_malformed(text, "files[0].size");
}

TEST(ManifestTest, MissingFieldsAreRefused) {
  std::string text = manifest_with("");
  text.replace(text.find("\"expires\""),
               std::string("\"expires\": \"2030-01-01T00:00:00Z\", ").size(), "");
  expect_malformed(text, "field 'expires' is missing");
  text = manifest_with("");
  text.replace(text.find(", \"size\": 3"), 11, "");
  expect_malformed(text, "field 'files[0].size' is missing");
}

TEST(ManifestTest, BadValuesAreRefused) {
  std::string text = manifest_with("");
  text.replace(text.find("1.1.0"), 5, "1.1");
  expect_malformed(text, "field 'version' '1.1' is not a semantic version");
  text = manifest_with("");
  text.replace(text.find("2030-01-01T00:00:00Z"), 20, "2030-01-01T01:00:00+01:00");
  expect_malformed(text, "field 'expires' must be a UTC time");
  text = manifest_with("");
  text.replace(text.find(kHash), 64, std::string(64, 'A'));
  expect_malformed(text, "64 lower-case hex digits");
  expect_malformed("{\"format\": 1, \"files\": []}", "field 'files' is empty");
}

TEST(ManifestTest, DuplicatesAreRefused) {
  expect_malformed("{\"format\": 1, \"format\": 1}", "field 'format' appears twice");
  std::string text = manifest_with("");
  const std::string entry = text.substr(text.find("{\"path\""));
  text.insert(text.find("{\"path\""), entry.substr(0, entry.find('}') + 1) + ", ");
  expect_malformed(text, "lists 'bin/shelfnode' a second time");
}

TEST(ManifestTest, NotJsonOrNotAnObjectIsRefused) {
  expect_malformed("{\"format\": 1", "not valid JSON");
  expect_malformed("[1]", "must be a JSON object");
  expect_malformed(manifest_with("") + " {}", "not valid JSON");
}

TEST(BundlePathTest, PlainPathsPassAndTheRestAreRefused) {
  EXPECT_TRUE(check_bundle_path("bin/shelfnode").ok());
  EXPECT_TRUE(check_bundle_path("share/a b/..x").ok());
  for (const char* bad : {"", "/etc/passwd", "../x", "a/../b", "a/..", "./a", "a/./b", "a//b", "a/",
                          "a\\b", "a\nb", "manifest.json.sig"}) {
    Status s = check_bundle_path(bad);
    EXPECT_EQ(refusal_code_of(s), "path_unsafe") << "'" << bad << "'";
  }
}

class SignedMalformedManifestTest : public testing::BundleFixture {};

TEST_F(SignedMalformedManifestTest, UnknownFieldInASignedManifestIsRefused) {
  make_key("release");
  trust("release");
  const std::string bundle = build("release", "1.1.0");
  edit_manifest(bundle, "\"format\": 1,", "\"format\": 1, \"run\": \"sh evil.sh\",");
  EXPECT_REFUSED(verify(bundle), "manifest_malformed", "field 'run' is unknown");
}

TEST_F(SignedMalformedManifestTest, SignedTextThatIsNotJsonIsRefused) {
  make_key("release");
  trust("release");
  const std::string bundle = build("release", "1.1.0");
  write_and_sign_manifest(bundle, "version=1.1.0\n");
  EXPECT_REFUSED(verify(bundle), "manifest_malformed", "not valid JSON");
}

}  // namespace
}  // namespace shelfnode::ota
