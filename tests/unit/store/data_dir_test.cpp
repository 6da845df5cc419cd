#include "shelfnode/store/data_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/process.h"

namespace shelfnode::store {
namespace {

TEST(DataDir, CreatedPrivate) {
  shelfnode::testing::TempDir tmp;
  DataDirPaths paths{tmp.file("dev")};
  ASSERT_TRUE(ensure_data_dir(paths).ok());
  struct stat st {};
  ASSERT_EQ(stat(paths.dir.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  EXPECT_TRUE(ensure_data_dir(paths).ok());  // idempotent
}

TEST(DataDir, AFileInTheWayIsAConfigError) {
  shelfnode::testing::TempDir tmp;
  shelfnode::testing::write_file(tmp.file("f"), "x");
  Status s = ensure_data_dir(DataDirPaths{tmp.file("f")});
  EXPECT_EQ(s.code(), Code::kConfig);
  EXPECT_NE(s.message().find("not a directory"), std::string::npos);
}

TEST(WriterLock, SecondWriterIsRefusedWithTheHoldersPid) {
  shelfnode::testing::TempDir tmp;
  DataDirPaths paths{tmp.path()};
  auto first = WriterLock::acquire(paths, "scan");
  ASSERT_TRUE(first.ok()) << first.status().message();
  auto second = WriterLock::acquire(paths, "receive");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), Code::kConflict);
  EXPECT_NE(second.status().message().find("PID " + std::to_string(getpid()) + " scan"),
            std::string::npos)
      << second.status().message();
  first->reset();
  auto third = WriterLock::acquire(paths, "receive");
  EXPECT_TRUE(third.ok()) << "the lock must be free once its holder is gone";
}

TEST(WriterLock, MissingDirIsAnIoError) {
  shelfnode::testing::TempDir tmp;
  auto lock = WriterLock::acquire(DataDirPaths{tmp.file("nope")}, "scan");
  ASSERT_FALSE(lock.ok());
  EXPECT_EQ(lock.status().code(), Code::kIo);
  EXPECT_NE(lock.status().message().find("writable"), std::string::npos);
}

}  // namespace
}  // namespace shelfnode::store
