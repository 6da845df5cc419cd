// save_wix_connection: what `connect` writes into config.json.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "shelfnode/core/atomic_file.h"
#include "shelfnode/core/config.h"
#include "support/process.h"

namespace shelfnode {
namespace {

using testing::read_file;
using testing::TempDir;
using testing::write_file;

const WixConnectionSettings kSettings{
    "https://127.0.0.1:8443", "f9fbab61-c968-41d2-a177-78dc40ab8c1c", "/etc/shelfnode/ca.pem"};

mode_t mode_of(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 0777;
}

TEST(ConfigFile, CreatesTheFileWithTheConnectionAndMode0600) {
  TempDir dir;
  const std::string path = dir.file("config.json");
  ASSERT_TRUE(save_wix_connection(path, kSettings).ok());
  EXPECT_EQ(mode_of(path), 0600u);
  Result<Config> c = load_config(path);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->wix.base_url, kSettings.base_url);
  EXPECT_EQ(c->wix.site_id, kSettings.site_id);
  EXPECT_EQ(c->wix.ca_file, kSettings.ca_file);
  EXPECT_FALSE(testing::read_file(path + ".tmp").size() > 0) << "temp file left behind";
}

TEST(ConfigFile, KeepsTheOwnersOtherSettings) {
  TempDir dir;
  const std::string path = dir.file("config.json");
  write_file(path,
             R"({"log_level": "debug", "wix": {"requests_per_minute": 60, "ca_file": "/old.pem"},
                      "sync": {"fulfilment_warehouse": "shop"}})");
  WixConnectionSettings no_ca = kSettings;
  no_ca.ca_file.clear();
  ASSERT_TRUE(save_wix_connection(path, no_ca).ok());
  Result<Config> c = load_config(path);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->log_level, LogLevel::kDebug);
  EXPECT_EQ(c->wix.requests_per_minute, 60);
  EXPECT_EQ(c->sync.fulfilment_warehouse, "shop");
  EXPECT_EQ(c->wix.site_id, kSettings.site_id);
  EXPECT_EQ(c->wix.ca_file, "") << "a connection without a CA must not keep the old one";
}

TEST(ConfigFile, RefusesToOverwriteABrokenFileAndLeavesItAsItWas) {
  TempDir dir;
  const std::string path = dir.file("config.json");
  const std::string broken = R"({"wix": {"site_id": "x", "colour": "red"}})";
  write_file(path, broken);
  Status s = save_wix_connection(path, kSettings);
  EXPECT_EQ(s.code(), Code::kConfig);
  EXPECT_NE(s.message().find("colour"), std::string::npos) << s.message();
  EXPECT_EQ(read_file(path), broken);
}

TEST(AtomicFile, ReplacesContentAndReportsAnUnwritableDirectory) {
  TempDir dir;
  const std::string path = dir.file("f");
  ASSERT_TRUE(write_file_atomically(path, "one", 0600).ok());
  ASSERT_TRUE(write_file_atomically(path, "two", 0600).ok());
  EXPECT_EQ(read_file(path), "two");
  Status s = write_file_atomically(dir.file("missing/f"), "x", 0600);
  EXPECT_EQ(s.code(), Code::kIo);
  EXPECT_NE(s.message().find("missing/f.tmp"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace shelfnode
