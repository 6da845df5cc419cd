#include <gtest/gtest.h>
#include <sys/stat.h>

#include "shelfnode/ota/hawkbit/target_token.h"
#include "support/process.h"

namespace shelfnode::ota::hawkbit {
namespace {

class TargetToken : public ::testing::Test {
 protected:
  std::string token_file(const std::string& content, mode_t mode = 0600) {
    const std::string path = tmp_.file("token");
    shelfnode::testing::write_file(path, content);
    chmod(path.c_str(), mode);
    return path;
  }
  shelfnode::testing::TempDir tmp_;
};

TEST_F(TargetToken, OneLineInAnOwnerOnlyFile) {
  Result<std::string> t = read_target_token(token_file("2345ab67cd\n"));
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(*t, "2345ab67cd");
}

TEST_F(TargetToken, RefusalsSayWhatToDoAndNeverShowTheToken) {
  Result<std::string> open = read_target_token(token_file("2345ab67cd\n", 0644));
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.status().code(), Code::kPermission);
  EXPECT_NE(open.status().message().find("chmod 600"), std::string::npos);
  EXPECT_EQ(open.status().message().find("2345ab67cd"), std::string::npos);
  Result<std::string> two = read_target_token(token_file("2345ab67cd\nsecond\n"));
  ASSERT_FALSE(two.ok());
  EXPECT_EQ(two.status().code(), Code::kConfig);
  EXPECT_EQ(two.status().message().find("2345ab67cd"), std::string::npos);
  Result<std::string> empty = read_target_token(token_file("\n"));
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("is empty"), std::string::npos);
  Result<std::string> missing = read_target_token(tmp_.file("nope"));
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("ota.hawkbit.token_file"), std::string::npos);
}

}  // namespace
}  // namespace shelfnode::ota::hawkbit
