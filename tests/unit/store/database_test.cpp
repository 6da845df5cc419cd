#include "shelfnode/store/database.h"

#include <gtest/gtest.h>

#include "shelfnode/store/schema.h"
#include "support/process.h"

namespace shelfnode::store {
namespace {

std::unique_ptr<Database> open_db(const std::string& path) {
  auto db = Database::open(path, OpenMode::kReadWrite);
  EXPECT_TRUE(db.ok()) << db.status().message();
  return std::move(db).value();
}

std::string pragma(Database& db, const char* sql) {
  auto s = db.prepare(sql);
  EXPECT_TRUE(s.ok());
  EXPECT_TRUE(*s->step());
  return s->text_at(0);
}

TEST(Database, OpensInWalWithFullSync) {
  shelfnode::testing::TempDir dir;
  auto db = open_db(dir.file("t.db"));
  EXPECT_EQ(pragma(*db, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(pragma(*db, "PRAGMA synchronous"), "2");  // FULL
  EXPECT_EQ(pragma(*db, "PRAGMA foreign_keys"), "1");
}

TEST(Database, MigratesOnceAndIsIdempotent) {
  shelfnode::testing::TempDir dir;
  auto db = open_db(dir.file("t.db"));
  EXPECT_EQ(*schema_version(*db), 0);
  ASSERT_TRUE(migrate(*db).ok());
  EXPECT_EQ(*schema_version(*db), latest_schema_version());
  ASSERT_TRUE(migrate(*db).ok());
  EXPECT_EQ(*schema_version(*db), latest_schema_version());
  EXPECT_TRUE(
      db->exec("INSERT INTO warehouses (name, mapped, created_at) VALUES ('a', 1, 'x')").ok());
}

TEST(Database, TheVoidMigrationKeepsEveryMovementItsSeqAndItsIndexes) {
  shelfnode::testing::TempDir dir;
  auto db = open_db(dir.file("t.db"));
  ASSERT_TRUE(migrate_to(*db, 4).ok());
  ASSERT_TRUE(
      db->exec("INSERT INTO warehouses (id, name, mapped, created_at) VALUES (1, 'a', 1, 'x');"
               "INSERT INTO movements (seq, id, at, code, sku, warehouse_id, delta, kind, source,"
               " reference) VALUES (7, 'u7', 't', 'c', 'S', 1, -1, 'order', 'wix:order', 'o:1'),"
               " (9, 'u9', 't', 'c', 'S', 1, 3, 'receive', 'cli', NULL)")
          .ok());
  ASSERT_TRUE(migrate(*db).ok());
  EXPECT_EQ(pragma(*db, "SELECT group_concat(seq || id || kind || COALESCE(reference, '-'), ',')"
                        " FROM (SELECT * FROM movements ORDER BY seq)"),
            "7u7ordero:1,9u9receive-");
  EXPECT_EQ(pragma(*db, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master"
                        " WHERE tbl_name = 'movements' AND type = 'index' AND sql IS NOT NULL"
                        " ORDER BY name)"),
            "movements_reference,movements_voids");
  // The reference stays unique, and the next seq follows on.
  EXPECT_FALSE(db->exec("INSERT INTO movements (id, at, code, sku, warehouse_id, delta, kind,"
                        " source, reference) VALUES ('u', 't', 'c', 'S', 1, 1, 'order', 'w', 'o:1')")
                   .ok());
  ASSERT_TRUE(db->exec("INSERT INTO movements (id, at, code, sku, warehouse_id, delta, kind,"
                       " source) VALUES ('u10', 't', 'c', 'S', 1, 1, 'sell', 'cli')")
                  .ok());
  EXPECT_EQ(pragma(*db, "SELECT max(seq) FROM movements"), "10");
  EXPECT_EQ(pragma(*db, "SELECT count(*) FROM pragma_foreign_key_check"), "0") << "no dangling warehouse";
}

TEST(Database, RefusesASchemaFromANewerBuild) {
  shelfnode::testing::TempDir dir;
  auto db = open_db(dir.file("t.db"));
  ASSERT_TRUE(db->exec("PRAGMA user_version=999").ok());
  Status s = migrate(*db);
  EXPECT_EQ(s.code(), Code::kConfig);
  EXPECT_NE(s.message().find("newer shelfnode"), std::string::npos);
}

TEST(Database, TransactionRollsBackUnlessCommitted) {
  shelfnode::testing::TempDir dir;
  auto db = open_db(dir.file("t.db"));
  ASSERT_TRUE(db->exec("CREATE TABLE t (v INTEGER)").ok());
  {
    auto tx = Transaction::begin(*db);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(db->exec("INSERT INTO t VALUES (1)").ok());
  }
  EXPECT_EQ(pragma(*db, "SELECT count(*) FROM t"), "0");
  {
    auto tx = Transaction::begin(*db);
    ASSERT_TRUE(db->exec("INSERT INTO t VALUES (2)").ok());
    ASSERT_TRUE((*tx)->commit().ok());
  }
  EXPECT_EQ(pragma(*db, "SELECT count(*) FROM t"), "1");
}

TEST(Database, CachedStatementsAreResetBetweenUses) {
  shelfnode::testing::TempDir dir;
  auto db = open_db(dir.file("t.db"));
  ASSERT_TRUE(db->exec("CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('a'), ('b')").ok());
  for (const char* v : {"a", "b", "a"}) {
    auto s = db->cached("SELECT count(*) FROM t WHERE v = ?1");
    ASSERT_TRUE(s.ok());
    (*s)->bind(1, v);
    ASSERT_TRUE(*(*s)->step());
    EXPECT_EQ((*s)->int_at(0), 1);
  }
  auto s = db->cached("SELECT count(*) FROM t WHERE v = ?1");
  ASSERT_TRUE(*(*s)->step());
  EXPECT_EQ((*s)->int_at(0), 0) << "a binding leaked from the previous use";
}

TEST(Database, ErrorsAreActionable) {
  shelfnode::testing::TempDir dir;
  auto db = open_db(dir.file("t.db"));
  ASSERT_TRUE(db->exec("CREATE TABLE t (v TEXT UNIQUE); INSERT INTO t VALUES ('a')").ok());
  Status dup = db->exec("INSERT INTO t VALUES ('a')");
  EXPECT_EQ(dup.code(), Code::kConflict);
  EXPECT_NE(dup.message().find("UNIQUE"), std::string::npos);
  EXPECT_EQ(sqlite_status(nullptr, SQLITE_FULL, "saving").code(), Code::kIo);
  EXPECT_NE(sqlite_status(nullptr, SQLITE_FULL, "saving").message().find("disk is full"),
            std::string::npos);
  EXPECT_NE(sqlite_status(nullptr, SQLITE_READONLY, "saving").message().find("writable"),
            std::string::npos);
  EXPECT_NE(sqlite_status(nullptr, SQLITE_CORRUPT, "x").message().find("damaged"),
            std::string::npos);
  EXPECT_FALSE(db->prepare("SELEC nonsense").ok());
}

TEST(Database, AFailedBindStopsTheStatementInsteadOfRunningItHalfBound) {
  shelfnode::testing::TempDir dir;
  auto db = open_db(dir.file("t.db"));
  ASSERT_TRUE(db->exec("CREATE TABLE t (v TEXT)").ok());
  auto s = db->prepare("INSERT INTO t VALUES (?1)");
  ASSERT_TRUE(s.ok());
  s->bind(1, "a").bind(2, "no such parameter");
  EXPECT_FALSE(s->run().ok());
  EXPECT_EQ(pragma(*db, "SELECT count(*) FROM t"), "0");
  s->reset();
  s->bind(1, "a");
  EXPECT_TRUE(s->run().ok()) << "reset clears the remembered bind error";
}

TEST(Database, OpeningGarbageSaysTheFileIsDamaged) {
  shelfnode::testing::TempDir dir;
  shelfnode::testing::write_file(dir.file("junk.db"), std::string(4096, 'x'));
  auto db = Database::open(dir.file("junk.db"), OpenMode::kReadWrite);
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.status().message().find("damaged"), std::string::npos) << db.status().message();
}

}  // namespace
}  // namespace shelfnode::store
