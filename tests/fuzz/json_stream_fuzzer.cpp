// core/json_stream.h for_each_element against a whole-tree cJSON parse of the same text.
// Invariants: when the stream reader accepts, the tree parse accepts too (a JSON object and
// nothing after it) and the reader handed over exactly the tree's elements of the first
// "items" member that is an array, in order, and collected every other member, in order;
// when the tree parse accepts, so does the reader; both hold unless the text relies on
// cJSON's own laxness (bytes below 0x20 other than JSON's four white-space characters, which
// cJSON skips as white space before a value, the reader between them); a refusal names a byte
// offset within the text; a Status the callback returns comes back unchanged.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "shelfnode/core/json_stream.h"

namespace shelfnode::fuzz {
namespace {

constexpr const char* kList = "items";

struct Member {
  std::string name;
  std::string value;
};

struct Tree {
  bool ok = false;
  bool found = false;
  std::vector<std::string> elements;
  std::vector<Member> rest;
};

bool only_white_space(const char* p, const char* end) {
  for (; p < end; ++p) {
    if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') return false;
  }
  return true;
}

Tree parse_tree(std::string_view text) {
  Tree t;
  const char* end = nullptr;
  JsonPtr root(cJSON_ParseWithLengthOpts(text.data(), text.size(), &end, 0));
  if (!root || !cJSON_IsObject(root.get())) return t;
  if (end == nullptr || !only_white_space(end, text.data() + text.size())) return t;
  t.ok = true;
  for (const cJSON* m = root->child; m != nullptr; m = m->next) {
    if (!t.found && std::strcmp(m->string, kList) == 0 && cJSON_IsArray(m)) {
      t.found = true;
      for (const cJSON* e = m->child; e != nullptr; e = e->next) {
        t.elements.push_back(to_json_text(e));
      }
    } else {
      t.rest.push_back({m->string, to_json_text(m)});
    }
  }
  return t;
}

bool has_lax_white_space(std::string_view text) {
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != ' ' && c != '\t' && c != '\n' && c != '\r') return true;
  }
  return false;
}

// cJSON refuses values nested deeper than CJSON_NESTING_LIMIT (1000). The stream reader
// parses each element on its own, two levels less deep, so near the limit the verdicts
// may differ by design. Counting brackets inside strings too only overestimates.
bool nests_near_limit(std::string_view text) {
  int depth = 0;
  for (char c : text) {
    if (c == '[' || c == '{') ++depth;
    if (depth >= 990) return true;
    if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return false;
}

// cJSON skips a UTF-8 byte order mark before every value it parses; the reader takes one at
// byte 0 only (RFC 8259 §8.1) and refuses one between tokens. (Inside a string it is text.)
bool has_inner_bom(std::string_view text) {
  return text.find("\xEF\xBB\xBF", 1) != std::string_view::npos;
}

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelfnode;
  using namespace shelfnode::fuzz;
  const std::string_view text = as_text(data, size);

  std::vector<std::string> elements;
  Result<JsonSplit> split = for_each_element(text, kList, [&](const cJSON& element) {
    elements.push_back(to_json_text(&element));
    return Status::Ok();
  });
  const Tree tree = parse_tree(text);

  if (split.ok()) {
    FUZZ_CHECK(split->rest != nullptr);
    FUZZ_CHECK(tree.ok || nests_near_limit(text));
    // With cJSON's extra white space before a value the reader does not see an array
    // opening there, so it keeps that member whole in `rest`: the split may then differ.
    if (tree.ok && !has_lax_white_space(text)) {
      FUZZ_CHECK(split->found == tree.found);
      FUZZ_CHECK(elements == tree.elements);
      std::vector<Member> rest;
      for (const cJSON* m = split->rest->child; m != nullptr; m = m->next) {
        rest.push_back({m->string, to_json_text(m)});
      }
      FUZZ_CHECK(rest.size() == tree.rest.size());
      for (std::size_t i = 0; i < rest.size(); ++i) {
        FUZZ_CHECK(rest[i].name == tree.rest[i].name && rest[i].value == tree.rest[i].value);
      }
    }
  } else {
    FUZZ_CHECK(split.status().code() == Code::kBadData);
    FUZZ_CHECK_MESSAGE(split.status());
    FUZZ_CHECK(split.status().message().find(" of " + std::to_string(size)) != std::string::npos);
    FUZZ_CHECK(!tree.ok || has_lax_white_space(text) || nests_near_limit(text) ||
               has_inner_bom(text));
  }

  // A callback's refusal of element k stops the walk there and comes back as it is.
  if (!elements.empty()) {
    const std::size_t k = size % elements.size();
    std::size_t seen = 0;
    const Status no(Code::kTemporary, "refused element " + std::to_string(k));
    Result<JsonSplit> stopped = for_each_element(
        text, kList, [&](const cJSON&) { return seen++ == k ? no : Status::Ok(); });
    FUZZ_CHECK(!stopped.ok());
    FUZZ_CHECK(stopped.status().code() == no.code() && stopped.status().message() == no.message());
    FUZZ_CHECK(seen == k + 1);
  }
  return 0;
}
