#include <gtest/gtest.h>

#include "shelfnode/core/result.h"

namespace shelfnode {
namespace {

TEST(Status, OkIsCheapAndExitsZero) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.exit_code(), 0);
  EXPECT_EQ(s.message(), "");
}

TEST(Status, EachCodeMapsToItsSysexitsValue) {
  EXPECT_EQ(usage_error("x").exit_code(), 64);
  EXPECT_EQ(bad_data("x").exit_code(), 65);
  EXPECT_EQ(not_found("x").exit_code(), 65);
  EXPECT_EQ(Status(Code::kUnavailable, "x").exit_code(), 69);
  EXPECT_EQ(internal_error("x").exit_code(), 70);
  EXPECT_EQ(io_error("x").exit_code(), 74);
  EXPECT_EQ(Status(Code::kTemporary, "x").exit_code(), 75);
  EXPECT_EQ(conflict("x").exit_code(), 75);
  EXPECT_EQ(Status(Code::kPermission, "x").exit_code(), 77);
  EXPECT_EQ(Status(Code::kUnauthenticated, "x").exit_code(), 77);
  EXPECT_EQ(config_error("x").exit_code(), 78);
}

TEST(Status, ContextKeepsTheCode) {
  Status s = io_error("disk full").with_context("recording scan");
  EXPECT_EQ(s.code(), Code::kIo);
  EXPECT_EQ(s.message(), "recording scan: disk full");
  EXPECT_TRUE(Status::Ok().with_context("x").ok());
}

Result<int> half(int v) {
  if (v % 2 != 0) return bad_data("odd");
  return v / 2;
}

Status chain(int v, int& out) {
  Result<int> r = half(v);
  if (!r.ok()) return r.status();
  SHELFNODE_RETURN_IF_ERROR(half(*r).status());
  out = *r;
  return Status::Ok();
}

TEST(Result, CarriesValueOrStatus) {
  Result<int> good = half(8);
  ASSERT_TRUE(good.ok());
  EXPECT_EQ(*good, 4);
  EXPECT_TRUE(good.status().ok());
  Result<int> bad = half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "odd");
  int out = 0;
  EXPECT_TRUE(chain(8, out).ok());
  EXPECT_EQ(out, 4);
  EXPECT_EQ(chain(6, out).message(), "odd");  // 6/2 = 3 is odd: the macro returned early
}

}  // namespace
}  // namespace shelfnode
