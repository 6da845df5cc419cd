#include "shelfnode/core/json_stream.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shelfnode {
namespace {

// Each element as cJSON prints it, and the rest as one object's text.
struct Walked {
  std::vector<std::string> elements;
  std::string rest;
  bool found = false;
};

Result<Walked> walk(std::string_view text, const char* name = "items") {
  Walked w;
  Result<JsonSplit> split = for_each_element(text, name, [&](const cJSON& e) {
    w.elements.push_back(to_json_text(&e));
    return Status::Ok();
  });
  if (!split.ok()) return split.status();
  w.rest = to_json_text(split->rest.get());
  w.found = split->found;
  return w;
}

TEST(JsonStream, HandsOverEachElementAndKeepsTheOtherMembers) {
  Result<Walked> w = walk(R"( {"before": 1, "items" : [ {"a": "x,]}"}, 2, "s", [3, {}], null ,
      true], "after": {"next": "c"}} )");
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_TRUE(w->found);
  EXPECT_EQ(w->elements,
            (std::vector<std::string>{R"({"a":"x,]}"})", "2", R"("s")", "[3,{}]", "null", "true"}));
  EXPECT_EQ(w->rest, R"({"before":1,"after":{"next":"c"}})");
}

TEST(JsonStream, EmptyArrayAndEmptyObject) {
  Result<Walked> w = walk(R"({"items": []})");
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_TRUE(w->found);
  EXPECT_TRUE(w->elements.empty());
  w = walk("{}");
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_FALSE(w->found);
  EXPECT_EQ(w->rest, "{}");
}

TEST(JsonStream, AMemberOfTheNameThatIsNoArrayIsNotTheList) {
  Result<Walked> w = walk(R"({"items": {"0": 1}, "n": 2})");
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_FALSE(w->found);
  EXPECT_EQ(w->rest, R"({"items":{"0":1},"n":2})");
}

TEST(JsonStream, NamesWithEscapesAreCompared) {
  Result<Walked> w = walk(R"({"it\u0065ms": [1], "items": [2]})");
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ(w->elements, (std::vector<std::string>{"1"}));
  EXPECT_EQ(w->rest, R"({"items":[2]})") << "only the first list of the name is walked";
}

TEST(JsonStream, TextThatIsNotOneObjectIsBadDataWithTheOffset) {
  const std::string whole = R"({"items": [{"a": 1}, {"b": 2}], "next": "c"})";
  for (std::size_t cut = 0; cut < whole.size(); ++cut) {
    Result<Walked> w = walk(whole.substr(0, cut));
    ASSERT_FALSE(w.ok()) << "cut at " << cut;
    EXPECT_EQ(w.status().code(), Code::kBadData);
  }
  for (const char* text :
       {"", "   ", "[]", "<html>502</html>", R"({"items": [1,]})", R"({"items": [1 2]})",
        R"({"items": [1]} x)", R"({"a" 1})", R"({1: 2})", R"({"a": 1,})"}) {
    Result<Walked> w = walk(text);
    ASSERT_FALSE(w.ok()) << text;
    EXPECT_EQ(w.status().code(), Code::kBadData) << text;
    EXPECT_NE(w.status().message().find("not valid JSON"), std::string::npos)
        << w.status().message();
  }
  Result<Walked> nul = walk(std::string_view("{\"items\": [1]}\0", 15));
  ASSERT_FALSE(nul.ok()) << "a NUL after the object is trailing garbage";
  EXPECT_NE(nul.status().message().find("byte 14 of 15"), std::string::npos)
      << nul.status().message();
}

// RFC 8259 §8.1: a parser may ignore a byte order mark at the start of the text. Anywhere
// else it is not JSON, although cJSON skips one at the start of every value it is given.
TEST(JsonStream, AByteOrderMarkIsAcceptedOnlyAtTheVeryStart) {
  const std::string bom = "\xEF\xBB\xBF";
  Result<Walked> w = walk(bom + R"({"items": [1, 2], "next": "c"})");
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ(w->elements, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(w->rest, R"({"next":"c"})");
  for (const std::string& text :
       {" " + bom + R"({"items": [1]})", bom + bom + R"({"items": [1]})",
        R"({"items": [)" + bom + R"(1]})", R"({"items": [1, )" + bom + R"(2]})",
        R"({)" + bom + R"("items": [1]})", R"({"items": [1], "next": )" + bom + R"("c"})",
        R"({"items": [1], )" + bom + R"("next": "c"})", R"({"items": [1]})" + bom}) {
    Result<Walked> refused = walk(text);
    ASSERT_FALSE(refused.ok()) << text;
    EXPECT_EQ(refused.status().code(), Code::kBadData) << text;
    EXPECT_NE(refused.status().message().find("not valid JSON"), std::string::npos)
        << refused.status().message();
  }
}

// A NUL is never JSON: cJSON skips one as white space between tokens and ends a string at one.
TEST(JsonStream, ANulByteAnywhereIsRefusedWithItsOffset) {
  using namespace std::string_literals;
  for (const std::string& text :
       {R"({"items": [1,)"s + '\0' + R"(2]})", R"({"items": ["a)"s + '\0' + R"(b"]})",
        R"({"items": [{"a":)"s + '\0' + R"(1}]})",
        R"({"next": "c)"s + '\0' + R"(d", "items": []})"}) {
    Result<Walked> w = walk(text);
    ASSERT_FALSE(w.ok()) << text;
    EXPECT_EQ(w.status().code(), Code::kBadData);
    const std::string at = "a NUL byte at byte " + std::to_string(text.find('\0'));
    EXPECT_NE(w.status().message().find(at), std::string::npos) << w.status().message();
  }
}

TEST(JsonStream, TheFirstRefusalStopsTheWalk) {
  int seen = 0;
  Result<JsonSplit> split =
      for_each_element(R"({"items": [1, 2, 3]})", "items", [&](const cJSON& e) {
        ++seen;
        return e.valuedouble == 2 ? Status(Code::kConflict, "two") : Status::Ok();
      });
  ASSERT_FALSE(split.ok());
  EXPECT_EQ(split.status().code(), Code::kConflict);
  EXPECT_EQ(split.status().message(), "two");
  EXPECT_EQ(seen, 2);
}

}  // namespace
}  // namespace shelfnode
