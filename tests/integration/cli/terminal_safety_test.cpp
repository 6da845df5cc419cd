// Nothing from input reaches the terminal as raw bytes: control characters (C0, DEL, C1) and
// bytes that are not UTF-8 are shown as \xNN wherever a command echoes a scan, a name, a SKU,
// an argument or a config excerpt, while valid UTF-8 names are shown as they are.
#include "cli_fixture.h"
#include "shelfnode/store/database.h"

namespace shelfnode::cli_test {
namespace {

// Printable UTF-8 lines: no C0 but LF, no DEL, no C1, nothing that is not UTF-8.
std::string unsafe_byte_in(const std::string& text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == '\n' || (b >= 0x20 && b < 0x7F)) {
      ++i;
      continue;
    }
    const std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
    bool ok = len != 0 && b < 0xF5 && i + len <= text.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (ok && b == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) ok = false;  // C1
    if (!ok) return "byte " + std::to_string(b) + " at " + std::to_string(i) + " in:\n" + text;
    i += len;
  }
  return "";
}

class TerminalSafety : public CliTest {
 protected:
  void SetUp() override { init_store(); }

  support::RunResult safe(const std::vector<std::string>& args, const std::string& input = "") {
    support::RunResult r = sn(args, input);
    EXPECT_EQ(unsafe_byte_in(r.out), "") << "stdout of " << args[0];
    EXPECT_EQ(unsafe_byte_in(r.err), "") << "stderr of " << args[0];
    return r;
  }

  // A row as a catalog pull stores it: Wix names are kept as Wix has them.
  void add_wix_row(const std::string& sku, const std::string& name) {
    auto db = store::Database::open(dir() + "/shelfnode.db", store::OpenMode::kReadWrite);
    ASSERT_TRUE(db.ok()) << db.status().message();
    auto s = (*db)->prepare(
        "INSERT INTO catalog_items (origin, sku, name, product_id, variant_id, track_quantity,"
        " updated_at) VALUES ('wix', ?1, ?2, 'p-' || ?1, '00000000-0000-0000-0000-000000000000',"
        " 1, '2026-01-01T00:00:00.000Z')");
    ASSERT_TRUE(s.ok()) << s.status().message();
    s->bind(1, sku).bind(2, name);
    ASSERT_TRUE(s->run().ok());
  }
};

TEST_F(TerminalSafety, NonAsciiNamesAreShownAsTheyAre) {
  ok({"catalog", "import", write_csv("fr.csv", "sku,name\nCREME-1,Crème brûlée\n")});
  EXPECT_EQ(safe({"catalog", "find", "CREME-1"}).out, "CREME-1  Crème brûlée  (by sku)\n");
  ok({"receive", "CREME-1", "2", "--warehouse", "shop"});
  EXPECT_TRUE(contains(safe({"stock", "CREME-1"}).out, "CREME-1  Crème brûlée")) << "stock";
}

TEST_F(TerminalSafety, WixNamesWithControlsAreEscapedInFindStockAndScan) {
  add_wix_row("EVIL-1", "\x1B[2J\x1B[HWiped\r\nOK fake \xC2\x9B" "31m \xFF");
  const std::string shown = "\\x1B[2J\\x1B[HWiped\\x0D\\x0AOK fake \\xC2\\x9B31m \\xFF";
  EXPECT_EQ(safe({"catalog", "find", "EVIL-1"}).out, "EVIL-1  " + shown + "  (by sku)\n");
  EXPECT_EQ(safe({"stock", "EVIL-1"}).exit_code, 0);
  ok({"receive", "EVIL-1", "1", "--warehouse", "shop"});
  const std::string table = safe({"stock"}).out;
  EXPECT_TRUE(contains(table, "EVIL-1")) << table;
  // The stock table cuts long names on a character boundary: still valid UTF-8.
  add_wix_row("LONG-1", "Crème brûlée à la crème fraîche, très très longue");
  ok({"receive", "LONG-1", "1", "--warehouse", "shop"});
  EXPECT_TRUE(contains(safe({"stock"}).out, "LONG-1")) << "stock";
  safe({"status"});
}

TEST_F(TerminalSafety, ScanRepliesNeverCarryRawBytes) {
  support::RunResult r = safe({"scan", "--warehouse", "shop", "--mode", "sell"},
                              "\xC2\x9B" "31mX\nBAD\xFF\n" + std::string(kApple) + "*1\x1B[2J\n");
  const std::vector<std::string> lines = split_lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << describe(r);
  EXPECT_TRUE(starts_with(lines[0], "ERR unknown code '\\xC2\\x9B31mX'")) << lines[0];
  EXPECT_TRUE(starts_with(lines[1], "ERR unknown code 'BAD\\xFF'")) << lines[1];
  EXPECT_TRUE(contains(lines[2], "not '1\\x1B[2J'")) << lines[2];
}

TEST_F(TerminalSafety, BadCsvRowsAreListedEscaped) {
  support::RunResult r = safe({"catalog", "import",
                               write_csv("bad.csv", "sku,name\nA\xFF,x\nB,\x1B]0;owned\x07\nC D,y\n")});
  expect_refused(r, 65, "3 bad row(s)");
  EXPECT_TRUE(contains(r.err, "\n  line 2: SKU 'A\\xFF' is not valid UTF-8")) << r.err;
  EXPECT_TRUE(contains(r.err, "\n  line 3: name contains a control character")) << r.err;
  EXPECT_TRUE(contains(r.err, "\n  line 4: SKU 'C D' contains whitespace")) << r.err;
}

TEST_F(TerminalSafety, ArgumentsAndConfigExcerptsAreEscaped) {
  support::RunResult r = safe({"\x1B[2Jwipe"});
  EXPECT_EQ(r.exit_code, 64);
  EXPECT_TRUE(starts_with(r.err, "shelfnode: unknown command '\\x1B[2Jwipe'")) << r.err;
  r = safe({"alias", "add", "Cr\xE8me", kApple});
  EXPECT_EQ(r.out, std::string("alias Cr\\xE8me -> ") + kApple + "\n") << describe(r);
  r = safe({"receive", kApple, "1\x1B[2J", "--warehouse", "shop"});
  expect_refused(r, 64, "quantity '1\\x1B[2J'");
  r = safe({"catalog", "find", "\xC2\x9B" "31m"});
  expect_refused(r, 65, "unknown code '\\xC2\\x9B31m'");

  support::write_file(dir() + "/config.json", "{\"\\u001b[2J\": 1}");
  r = safe({"status"});
  expect_refused(r, 78, "unknown field '\\x1B[2J'");
  support::write_file(dir() + "/config.json", "{\"log_level\": \"info\"\x7F\xC2\x9B\n}");
  r = safe({"status"});
  expect_refused(r, 78, "near '\\x7F\\xC2\\x9B\\x0A}'");
  support::write_file(dir() + "/config.json", "{\"log_level\": \"\\u001b[31mloud\"}");
  r = safe({"status"});
  expect_refused(r, 78, "unknown log level '\\x1B[31mloud'");
}

}  // namespace
}  // namespace shelfnode::cli_test
