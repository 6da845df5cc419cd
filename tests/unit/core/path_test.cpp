#include "shelfnode/core/path.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace shelfnode {
namespace {

// The replacement must give what std::filesystem gave before it (cmd_connect's CA file).
std::string expected(const std::string& given) {
  return std::filesystem::absolute(given).lexically_normal().string();
}

// (Not "//": libstdc++ keeps a leading "//", which POSIX leaves implementation-defined; this
// gives "/", the same directory.)
TEST(AbsoluteNormalPath, MatchesFilesystemAbsoluteLexicallyNormal) {
  for (const char* given : {"/etc/ssl/ca.pem",
                            "ca.pem",
                            "./ca.pem",
                            "../ca.pem",
                            "a/../../b",
                            "/a//b///c",
                            "/a/./b/.",
                            "/a/b/..",
                            "/a/b/../",
                            "/..",
                            "/../..",
                            "/",
                            "/.",
                            "a/",
                            "a/.",
                            "dir/sub/../../..",
                            "/x/y/../z/./w/",
                            "...",
                            "a/.../b",
                            ".hidden",
                            "/a/..b/c"}) {
    EXPECT_EQ(absolute_normal_path(given), expected(given)) << given;
  }
}

TEST(AbsoluteNormalPath, RelativeIsAgainstTheWorkingDirectory) {
  char cwd[4096];
  ASSERT_NE(getcwd(cwd, sizeof cwd), nullptr);
  const std::string dir(cwd);
  EXPECT_EQ(absolute_normal_path("x.pem"), dir == "/" ? "/x.pem" : dir + "/x.pem");
}

TEST(AbsoluteNormalPath, EmptyIsEmpty) {
  EXPECT_EQ(absolute_normal_path(""), "");
}

}  // namespace
}  // namespace shelfnode
