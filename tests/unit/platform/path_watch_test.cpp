#include "shelfnode/platform/path_watch.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/process.h"

namespace shelfnode::platform {
namespace {

namespace support = shelfnode::testing;

// Whether the watch reports something within a second.
bool reports(PathWatch& w) {
  pollfd p{w.fd(), POLLIN, 0};
  if (poll(&p, 1, 1000) != 1) return false;
  Result<bool> changed = w.on_readable();
  EXPECT_TRUE(changed.ok()) << changed.status().message();
  return changed.ok() && *changed;
}

TEST(PathWatch, StartsAtTheNearestDirectoryThatExistsAndMovesDown) {
  support::TempDir dir;
  PathWatch w(dir.path() + "/input/by-id/scanner");
  ASSERT_TRUE(w.start().ok());
  EXPECT_EQ(w.watched(), dir.path());
  ASSERT_EQ(mkdir((dir.path() + "/input").c_str(), 0755), 0);
  EXPECT_TRUE(reports(w));
  EXPECT_EQ(w.watched(), dir.path() + "/input");
  ASSERT_EQ(mkdir((dir.path() + "/input/by-id").c_str(), 0755), 0);
  EXPECT_TRUE(reports(w));
  EXPECT_EQ(w.watched(), dir.path() + "/input/by-id");
  support::write_file(dir.path() + "/input/by-id/scanner", "");
  EXPECT_TRUE(reports(w));
}

TEST(PathWatch, OtherNamesDoNotConcernThePath) {
  support::TempDir dir;
  PathWatch w(dir.file("scanner"));
  ASSERT_TRUE(w.start().ok());
  support::write_file(dir.file("keyboard"), "");
  pollfd p{w.fd(), POLLIN, 0};
  ASSERT_EQ(poll(&p, 1, 1000), 1);
  Result<bool> changed = w.on_readable();
  ASSERT_TRUE(changed.ok());
  EXPECT_FALSE(*changed);
}

TEST(PathWatch, ASymlinkRepointedByRenameConcernsThePath) {
  support::TempDir dir;
  support::write_file(dir.file("a"), "");
  support::write_file(dir.file("b"), "");
  ASSERT_EQ(symlink(dir.file("a").c_str(), dir.file("scanner").c_str()), 0);
  PathWatch w(dir.file("scanner"));
  ASSERT_TRUE(w.start().ok());
  ASSERT_EQ(symlink(dir.file("b").c_str(), dir.file("next").c_str()), 0);
  ASSERT_EQ(rename(dir.file("next").c_str(), dir.file("scanner").c_str()), 0);
  EXPECT_TRUE(reports(w));
}

TEST(PathWatch, ARemovedDirectoryMovesTheWatchBackUp) {
  support::TempDir dir;
  ASSERT_EQ(mkdir(dir.file("by-id").c_str(), 0755), 0);
  PathWatch w(dir.path() + "/by-id/scanner");
  ASSERT_TRUE(w.start().ok());
  EXPECT_EQ(w.watched(), dir.file("by-id"));
  ASSERT_EQ(rmdir(dir.file("by-id").c_str()), 0);
  EXPECT_TRUE(reports(w));
  EXPECT_EQ(w.watched(), dir.path());
  ASSERT_EQ(mkdir(dir.file("by-id").c_str(), 0755), 0);
  EXPECT_TRUE(reports(w));
  EXPECT_EQ(w.watched(), dir.file("by-id"));
}

}  // namespace
}  // namespace shelfnode::platform
