#include "shelfnode/catalog/csv.h"

#include <gtest/gtest.h>

#include <string>

namespace shelfnode::catalog {
namespace {

std::vector<std::vector<std::string>> read_all(const std::string& text, Status* error = nullptr) {
  const std::string in(text);
  CsvReader csv(in);
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> fields;
  for (;;) {
    Result<bool> r = csv.next(fields);
    if (!r.ok()) {
      if (error) *error = r.status();
      return out;
    }
    if (!*r) return out;
    out.push_back(fields);
  }
}

using Rows = std::vector<std::vector<std::string>>;

TEST(Csv, PlainQuotedAndLineEnds) {
  EXPECT_EQ(read_all("a,b\n1,2\n"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(read_all("a,b\r\n1,2"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(read_all("\"x, y\",\"say \"\"hi\"\"\",\n"), (Rows{{"x, y", "say \"hi\"", ""}}));
  EXPECT_EQ(read_all("\"two\nlines\",z\nnext\n"), (Rows{{"two\nlines", "z"}, {"next"}}));
  EXPECT_EQ(read_all("\xEF\xBB\xBFsku,name\n"), (Rows{{"sku", "name"}}));
  EXPECT_EQ(read_all(""), Rows{});
}

TEST(Csv, UnterminatedQuoteNamesTheLine) {
  Status error;
  read_all("a,b\n\"open,2\n3,4\n", &error);
  EXPECT_EQ(error.code(), Code::kBadData);
  EXPECT_NE(error.message().find("line 2"), std::string::npos) << error.message();
}

TEST(Csv, LineNumbersCountEmbeddedNewlines) {
  const std::string in("h\n\"a\nb\"\nc\n");
  CsvReader csv(in);
  std::vector<std::string> f;
  ASSERT_TRUE(*csv.next(f));
  ASSERT_TRUE(*csv.next(f));
  EXPECT_EQ(csv.line(), 2);
  ASSERT_TRUE(*csv.next(f));
  EXPECT_EQ(csv.line(), 4);
}

}  // namespace
}  // namespace shelfnode::catalog
