#include "shelfnode/core/json.h"

#include <gtest/gtest.h>

#include <string>

namespace shelfnode {
namespace {

using namespace std::string_literals;

TEST(Json, TheValueMustBeTheWholeText) {
  for (const std::string& text : {R"({"a":1} {"b":2})"s, R"({"a":1}})"s, R"([1]])"s, "1 2"s,
                                  R"({"a":1} x)"s, "{}\x01"s, "{}\xEF\xBB\xBF"s}) {
    EXPECT_EQ(parse_json(text), nullptr) << text;
  }
  for (const std::string& text : {"{}"s, " {} \r\n\t"s, "\n[1, 2]\n"s, "1"s, "\"s\""s}) {
    EXPECT_NE(parse_json(text), nullptr) << text;
  }
}

TEST(Json, ANulByteAnywhereIsNotJson) {
  for (const std::string& text :
       {"{}"s + '\0', R"({"a":)"s + '\0' + "1}", R"(["a)"s + '\0' + R"(b"])", '\0' + "{}"s}) {
    EXPECT_EQ(parse_json(text), nullptr) << text;
  }
}

// RFC 8259 §8.1: one byte order mark may be ignored at the start of the text, nowhere else.
TEST(Json, AByteOrderMarkOnlyAtTheVeryStart) {
  const std::string bom = "\xEF\xBB\xBF";
  for (const std::string& text : {bom + "{}", bom + "1", bom + " [1]"}) {
    EXPECT_NE(parse_json(text), nullptr) << text;
  }
  for (const std::string& text : {" " + bom + "{}", bom + bom + "{}", "[" + bom + "1]", bom}) {
    EXPECT_EQ(parse_json(text), nullptr) << text;
  }
}

}  // namespace
}  // namespace shelfnode
