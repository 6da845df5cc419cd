#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "shelfnode/store/database.h"
#include "shelfnode/store/schema.h"

namespace shelfnode::testing {

// Opens (creating) the database at `path` and brings it to the latest schema. A failure
// fails the test; call it inside ASSERT_NO_FATAL_FAILURE so the caller stops too.
inline void open_migrated_db(const std::string& path, std::unique_ptr<store::Database>& db) {
  auto opened = store::Database::open(path, store::OpenMode::kReadWrite);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  db = std::move(opened).value();
  ASSERT_TRUE(store::migrate(*db).ok());
}

}  // namespace shelfnode::testing
