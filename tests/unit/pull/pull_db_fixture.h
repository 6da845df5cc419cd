#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "shelfnode/catalog/catalog.h"
#include "shelfnode/pull/catalog_page.h"
#include "shelfnode/store/database.h"
#include "support/migrated_db.h"
#include "support/process.h"

namespace shelfnode::pull {

// A migrated database in a temp dir and helpers to fill and read the catalog cache.
class PullDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(shelfnode::testing::open_migrated_db(dir_.file("shelfnode.db"), db_));
  }

  static VariantRow row(const std::string& product, const std::string& variant,
                        const std::string& sku, const std::string& name,
                        std::optional<bool> tracked = true, const std::string& barcode = "") {
    VariantRow r{product, variant, sku, name, barcode, tracked, ""};
    if (sku.empty()) r.sku_problem = "no SKU";
    return r;
  }

  std::int64_t scalar(const std::string& sql) {
    auto s = db_->prepare(sql);
    EXPECT_TRUE(s.ok()) << sql;
    if (!s.ok()) return -1;
    auto row = s->step();
    EXPECT_TRUE(row.ok() && *row) << sql;
    return s->int_at(0);
  }

  std::string text(const std::string& sql) {
    auto s = db_->prepare(sql);
    EXPECT_TRUE(s.ok()) << sql;
    if (!s.ok()) return "?";
    auto row = s->step();
    if (!row.ok() || !*row) return "<none>";
    return s->is_null(0) ? "<null>" : s->text_at(0);
  }

  void exec(const std::string& sql) { ASSERT_TRUE(db_->exec(sql.c_str()).ok()) << sql; }

  shelfnode::testing::TempDir dir_;
  std::unique_ptr<store::Database> db_;
};

}  // namespace shelfnode::pull
