#pragma once

// Shared set-up for the CLI integration tests: every test runs the real `shelfnode` binary
// against its own temporary data dir and checks exit codes, stdout and stderr exactly.
//
// The standard store (`init_store()`): warehouses `shop` and `backroom` (mapped), `depot`
// (unmapped), and a three-SKU catalog whose barcodes have correct check digits.

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "shelfnode/core/json.h"
#include "support/process.h"

namespace shelfnode::cli_test {

namespace support = shelfnode::testing;

// Catalog SKUs and their barcodes (check digits verified by hand: GS1 mod 10).
inline constexpr const char* kApple = "APPLE-1L";
inline constexpr const char* kAppleEan13 = "4006381333931";
inline constexpr const char* kAppleGtin14 = "04006381333931";
inline constexpr const char* kBread = "BREAD-500";
inline constexpr const char* kBreadUpcA = "036000291452";
inline constexpr const char* kBreadEan13 = "0036000291452";
inline constexpr const char* kCola = "COLA-330";
inline constexpr const char* kColaEan8 = "96385074";
// Valid GTINs that are in nobody's catalog.
inline constexpr const char* kSpareEan13 = "5901234123457";
inline constexpr const char* kSpareEan13b = "5012345678900";

inline std::string standard_catalog_csv() {
  return std::string("sku,name,barcode\n") + kApple + ",Apple juice 1l," + kAppleEan13 + "\n" +
         kBread + ",\"Bread, brown\"," + kBreadUpcA + "\n" + kCola + ",Cola 330ml," + kColaEan8 +
         "\n";
}

// Renders a result for failure messages.
inline std::string describe(const support::RunResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout:\n" + r.out + "--- stderr:\n" +
         r.err;
}

inline bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

inline bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

inline bool contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

// A JSON number member as an integer; a missing or non-number member fails the test.
inline std::int64_t json_int(const cJSON* object, const char* key) {
  const cJSON* item = cJSON_GetObjectItemCaseSensitive(object, key);
  if (!cJSON_IsNumber(item)) {
    ADD_FAILURE() << "JSON member '" << key << "' is missing or not a number";
    return -999999;
  }
  return static_cast<std::int64_t>(item->valuedouble);
}

inline std::string json_string(const cJSON* object, const char* key) {
  const char* s = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(object, key));
  if (s == nullptr) ADD_FAILURE() << "JSON member '" << key << "' is missing or not a string";
  return s != nullptr ? s : "";
}

inline bool is_movement_uuid(const std::string& text) {
  static const std::regex kUuid(
      "[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  return std::regex_match(text, kUuid);
}

// What `stock CODE --json` says about one SKU.
struct StockView {
  bool found = false;
  std::vector<std::pair<std::string, std::int64_t>> warehouses;  // in report order
  bool managed = false;
  std::int64_t mapped_sum = 0;
  std::optional<std::int64_t> target;  // null when not managed
  bool confirmed_is_null = false;

  // Quantity in one warehouse; nullopt when the SKU has no row there.
  std::optional<std::int64_t> qty(const std::string& warehouse) const {
    for (const auto& [name, q] : warehouses) {
      if (name == warehouse) return q;
    }
    return std::nullopt;
  }
};

class CliTest : public ::testing::Test {
 protected:
  const std::string& dir() const { return data_.path(); }
  std::string file(const std::string& name) const { return files_.file(name); }

  support::RunResult sn(const std::vector<std::string>& args, const std::string& input = "") {
    return support::shelfnode(dir(), args, input);
  }

  // Runs a command that must succeed and returns its stdout.
  std::string ok(const std::vector<std::string>& args, const std::string& input = "") {
    support::RunResult r = sn(args, input);
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    return r.out;
  }

  // A refused command: the exit code, one "shelfnode: " message on stderr, nothing on stdout.
  void expect_refused(const support::RunResult& r, int exit_code, const std::string& needle = "") {
    EXPECT_EQ(r.exit_code, exit_code) << describe(r);
    EXPECT_EQ(r.out, "") << describe(r);
    EXPECT_TRUE(starts_with(r.err, "shelfnode: ")) << describe(r);
    if (!needle.empty()) {
      EXPECT_TRUE(contains(r.err, needle)) << "want '" << needle << "'\n" << describe(r);
    }
  }

  std::string write_csv(const std::string& name, const std::string& content) {
    const std::string path = file(name);
    support::write_file(path, content);
    return path;
  }

  void init_store() {
    ok({"init"});
    ok({"warehouse", "add", "shop", "--mapped"});
    ok({"warehouse", "add", "backroom", "--mapped"});
    ok({"warehouse", "add", "depot"});
    EXPECT_EQ(ok({"catalog", "import", write_csv("catalog.csv", standard_catalog_csv())}),
              "imported " + file("catalog.csv") + ": 3 new, 0 updated; 3 SKUs in the catalog\n");
  }

  // Replaces DATA_DIR/config.json.
  void write_config(const std::string& json) { support::write_file(dir() + "/config.json", json); }

  StockView stock_of(const std::string& code) {
    StockView v;
    support::RunResult r = sn({"stock", code, "--json"});
    EXPECT_EQ(r.exit_code, 0) << describe(r);
    JsonPtr root = parse_json(r.out);
    if (!root) {
      ADD_FAILURE() << "stock --json is not JSON:\n" << r.out;
      return v;
    }
    const cJSON* skus = cJSON_GetObjectItemCaseSensitive(root.get(), "skus");
    if (cJSON_GetArraySize(skus) != 1) {
      ADD_FAILURE() << "want exactly one SKU in:\n" << r.out;
      return v;
    }
    const cJSON* item = cJSON_GetArrayItem(skus, 0);
    v.found = true;
    const cJSON* w = nullptr;
    cJSON_ArrayForEach(w, cJSON_GetObjectItemCaseSensitive(item, "warehouses")) {
      v.warehouses.emplace_back(json_string(w, "name"), json_int(w, "qty"));
    }
    v.managed = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(item, "managed"));
    v.mapped_sum = json_int(item, "mapped_sum");
    const cJSON* target = cJSON_GetObjectItemCaseSensitive(item, "target");
    if (cJSON_IsNumber(target)) v.target = static_cast<std::int64_t>(target->valuedouble);
    v.confirmed_is_null = cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(item, "confirmed"));
    return v;
  }

  std::int64_t qty(const std::string& code, const std::string& warehouse) {
    return stock_of(code).qty(warehouse).value_or(0);
  }

  // Everything a failed command must leave untouched: all stock and the ledger's size.
  std::string ledger_snapshot() { return ok({"stock", "--json"}) + ok({"status", "--json"}); }

 private:
  support::TempDir data_;
  support::TempDir files_;  // CSV files and other inputs, outside the data dir
};

}  // namespace shelfnode::cli_test
