#include "shelfnode/wix/credentials.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "support/process.h"

namespace shelfnode::wix {
namespace {

constexpr const char* kGuid = "3f2b8c1e-9a4d-4e6f-8b21-0c5d7e9fa123";

TEST(SiteId, AcceptsTheGuidAndTheDashboardUrl) {
  auto id = parse_site_id(kGuid);
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->guid, kGuid);
  EXPECT_FALSE(id->from_url);
  id = parse_site_id("  3F2B8C1E-9A4D-4E6F-8B21-0C5D7E9FA123\n");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->guid, kGuid);
  for (const std::string& url :
       {std::string("https://manage.wix.com/dashboard/") + kGuid + "/home",
        std::string("https://manage.wix.com/dashboard/") + kGuid,
        std::string("https://manage.wix.com/dashboard/") + kGuid + "?referralInfo=x"}) {
    id = parse_site_id(url);
    ASSERT_TRUE(id.ok()) << url;
    EXPECT_EQ(id->guid, kGuid);
    EXPECT_TRUE(id->from_url);
  }
}

TEST(SiteId, RefusesEverythingElseWithBothForms) {
  for (const std::string& bad :
       {std::string(""), std::string("my-shop"), std::string(kGuid).substr(0, 35),
        std::string("https://example.com/dashboard/") + kGuid + "/home",
        std::string("https://manage.wix.com/dashboard/") + kGuid + "x/home",
        std::string("https://manage.wix.com/dashboard/3f2b"),
        std::string("https://manage.wix.com/account/sites")}) {
    auto id = parse_site_id(bad);
    ASSERT_FALSE(id.ok()) << bad;
    EXPECT_EQ(id.status().code(), Code::kConfig);
    EXPECT_NE(id.status().message().find("dashboard URL"), std::string::npos);
    EXPECT_NE(id.status().message().find("e.g."), std::string::npos);
  }
}

class KeyFileTest : public ::testing::Test {
 protected:
  std::string write_key(const std::string& text, mode_t mode) {
    const std::string path = dir_.file("key");
    shelfnode::testing::write_file(path, text);
    EXPECT_EQ(chmod(path.c_str(), mode), 0);
    return path;
  }
  shelfnode::testing::TempDir dir_;
};

TEST_F(KeyFileTest, ReadsAPrivateOneLineKey) {
  auto key = read_api_key_file(write_key("IST.secret-key-value\n", 0600));
  ASSERT_TRUE(key.ok()) << key.status().message();
  EXPECT_EQ(*key, "IST.secret-key-value");
  EXPECT_TRUE(read_api_key_file(write_key("IST.x", 0400)).ok());
}

TEST_F(KeyFileTest, RefusesAFileOthersCanReadAndSaysTheChmod) {
  const std::string path = write_key("IST.secret-key-value\n", 0644);
  auto key = read_api_key_file(path);
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().code(), Code::kPermission);
  EXPECT_NE(key.status().message().find("chmod 600 " + path), std::string::npos);
  EXPECT_EQ(key.status().message().find("secret"), std::string::npos) << "the key leaked";
  EXPECT_FALSE(read_api_key_file(write_key("IST.x", 0640)).ok());
}

TEST_F(KeyFileTest, RefusesEmptyMultiLineAndMissingFilesWithoutShowingTheKey) {
  auto key = read_api_key_file(write_key("\n\n", 0600));
  EXPECT_NE(key.status().message().find("empty"), std::string::npos);
  key = read_api_key_file(write_key("IST.first-secret\nIST.second-secret\n", 0600));
  ASSERT_FALSE(key.ok());
  EXPECT_NE(key.status().message().find("more than one line"), std::string::npos);
  EXPECT_EQ(key.status().message().find("secret"), std::string::npos);
  key = read_api_key_file(dir_.file("absent"));
  EXPECT_EQ(key.status().code(), Code::kConfig);
  EXPECT_FALSE(read_api_key_file(dir_.path()).ok());  // a directory
}

TEST_F(KeyFileTest, StoresAtomicallyWithMode0600) {
  const std::string path = dir_.file("wix-api-key");
  ASSERT_TRUE(store_api_key(path, "IST.one").ok());
  ASSERT_TRUE(store_api_key(path, "IST.two").ok());  // replaces
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto back = read_api_key_file(path);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, "IST.two");
  EXPECT_NE(stat((path + ".tmp").c_str(), &st), 0) << "no temp file left behind";
  EXPECT_EQ(store_api_key(dir_.file("no/such/dir/key"), "IST.x").code(), Code::kIo);
}

}  // namespace
}  // namespace shelfnode::wix
