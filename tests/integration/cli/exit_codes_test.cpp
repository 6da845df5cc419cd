// README "Exit codes (sysexits)": every row and every cause it lists, through the real
// binary, so a script can trust the table. Causes that need a live Wix are asserted beside
// the emulator: 65 for a round that left only parked SKUs, 75 for `sync` offline and 77 for
// a key Wix refused (401) or that may not write (403) in tests/integration/sync_cli; 69 for an
// untrusted certificate in tests/integration/connect; 70 (out of memory, under RLIMIT_AS) in
// catalog_import_test.cpp; 74 for a full disk and a read-only data dir in tests/fault. The
// rest is here, one case each.
#include <sys/stat.h>

#include <functional>
#include <ostream>

#include "cli_fixture.h"
#include "shelfnode/store/database.h"

namespace shelfnode::cli_test {
namespace {

constexpr const char* kSite = "f9fbab61-c968-41d2-a177-78dc40ab8c1c";

class ExitCodesTest;

struct Case {
  const char* name;  // the test's name: the README row and its cause
  int exit_code;
  std::vector<std::string> args;
  const char* says;                              // in the one stderr line
  std::function<void(ExitCodesTest&)> prepare;  // after the standard store, may be empty
};

class ExitCodesTest : public CliTest, public ::testing::WithParamInterface<Case> {
 public:
  using CliTest::dir;
  using CliTest::ok;
  using CliTest::write_csv;

  // A device connected to a Wix address where nothing listens (port 1 on loopback), with
  // the shortest backoff so the retries are quick, and only errors logged (the refusal is
  // then the one line on stderr); the key file mode is `key_mode`.
  void connect_to_nowhere(mode_t key_mode) {
    support::write_file(dir() + "/config.json",
                        std::string(R"({"log_level": "error", "wix": {"base_url": )"
                                    R"("https://127.0.0.1:1", "site_id": ")") +
                            kSite + R"(", "backoff_base_ms": 10}})");
    const std::string key = dir() + "/wix-api-key";
    support::write_file(key, "IST.exit-code-test-key\n");
    ASSERT_EQ(chmod(key.c_str(), key_mode), 0);
  }

  void set_schema(int version) {
    auto db = store::Database::open(dir() + "/shelfnode.db", store::OpenMode::kReadWrite);
    ASSERT_TRUE(db.ok()) << db.status().message();
    const std::string sql = "PRAGMA user_version=" + std::to_string(version);
    ASSERT_TRUE((*db)->exec(sql.c_str()).ok());
  }
};

// gtest names a failing case by this instead of dumping its bytes.
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name;
}

// `prepare` steps.
void twin_barcode(ExitCodesTest& t) {
  // A SKU that is BREAD-500's barcode as a GTIN-13: the UPC-A scan now means two SKUs.
  t.ok({"catalog", "import",
        t.write_csv("twin.csv", std::string("sku,name,barcode\n0") + kBreadUpcA + ",Twin,\n")});
}

const Case kCases[] = {
    {"Usage_WrongArguments", 64, {"stock", "a", "b"}, "unexpected argument 'b'", {}},
    {"Usage_BadQuantity", 64, {"receive", kApple, "many", "--warehouse", "shop"},
     "is not a whole number", {}},
    {"Usage_BadWarehouseName", 64, {"warehouse", "add", "back room"}, "back room", {}},
    {"BadData_UnknownCode", 65, {"receive", "NOPE-9", "1", "--warehouse", "shop"},
     "unknown code 'NOPE-9'", {}},
    {"BadData_BadBarcode", 65, {"catalog", "find", "4006381333932"},
     "check digit of 4006381333932 should be 1", {}},
    {"BadData_AmbiguousCode", 65, {"catalog", "find", kBreadUpcA}, "matches more than one SKU",
     twin_barcode},
    {"BadData_BadCsvRows", 65, {"catalog", "import", "@bad.csv"}, "line 2", {}},
    {"BadData_UnknownWarehouse", 65, {"receive", kApple, "1", "--warehouse", "attic"}, "attic",
     {}},
    {"BadData_WarehouseAlreadyExists", 65, {"warehouse", "add", "shop"}, "already exists", {}},
    {"BadData_AliasWouldOverrideTheCatalog", 65, {"alias", "add", kAppleEan13, kBread},
     "already means SKU", {}},
    {"Unavailable_WixUnreachable", 69, {"catalog", "pull"}, "cannot connect",
     [](ExitCodesTest& t) { t.connect_to_nowhere(0600); }},
    {"Storage_DamagedDataDir", 74, {"status"}, "shelfnode restore",
     [](ExitCodesTest& t) {
       support::write_file(t.dir() + "/shelfnode.db", std::string(8192, 'x'));
     }},
    // init may rebuild the database: it needs the data dir alone.
    {"Temporary_DataDirInUse", 75, {"init"}, "another shelfnode", {}},
    {"Permission_KeyFileOthersCanRead", 77, {"catalog", "pull"}, "chmod",
     [](ExitCodesTest& t) { t.connect_to_nowhere(0644); }},
    {"Config_NotInitialised", 78, {"status", "@uninitialised"}, "init", {}},
    {"Config_BadConfigJson", 78, {"status"}, "config.json",
     [](ExitCodesTest& t) { support::write_file(t.dir() + "/config.json", "{\"log_level\": 3}"); }},
    // Reader and writer alike: `init` cannot migrate a schema it does not know.
    {"Config_SchemaFromANewerBuild_Reader", 78, {"status"}, "newer shelfnode",
     [](ExitCodesTest& t) { t.set_schema(999); }},
    {"Config_SchemaFromANewerBuild_Writer", 78, {"receive", kApple, "1", "--warehouse", "shop"},
     "newer shelfnode", [](ExitCodesTest& t) { t.set_schema(999); }},
};

TEST_P(ExitCodesTest, TheDocumentedCode) {
  const Case& c = GetParam();
  std::vector<std::string> args = c.args;
  support::RunResult r;
  if (args.back() == "@uninitialised") {
    support::TempDir empty;
    r = support::shelfnode(empty.path(), {args.front()});
    expect_refused(r, c.exit_code, c.says);
    return;
  }
  init_store();
  if (c.prepare) {
    ASSERT_NO_FATAL_FAILURE(c.prepare(*this));
  }
  if (args.back() == "@bad.csv") {
    args.back() = write_csv("bad.csv", "sku,name,barcode\nBAD SKU,Name,\n");
  }
  if (c.exit_code == 75) {
    // A scan session holds the data dir (shared) while it waits for the next scan.
    support::Child scan({support::shelfnode_bin(), "--data-dir", dir(), "scan", "--warehouse",
                         "shop", "--mode", "sell"});
    std::string reply;
    ASSERT_TRUE(scan.write_stdin(std::string(kApple) + "\n"));
    ASSERT_TRUE(scan.read_line(reply, 10'000)) << "the scan session did not answer";
    r = sn(args);
    scan.close_stdin();
    EXPECT_EQ(scan.wait(10'000), 0);
  } else {
    r = sn(args);
  }
  expect_refused(r, c.exit_code, c.says);
}

INSTANTIATE_TEST_SUITE_P(ReadmeTable, ExitCodesTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace shelfnode::cli_test
