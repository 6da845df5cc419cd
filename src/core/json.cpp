#include "shelfnode/core/json.h"

#include <algorithm>
#include <string>

#include "shelfnode/core/printable.h"

namespace shelfnode {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// RFC 8259 white space. cJSON also skips every other byte up to 0x20 (NUL included).
bool is_json_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Up to 20 bytes from `at`, cut on a character boundary and escaped (core/printable.h), to
// show where the syntax broke.
std::string excerpt(std::string_view text, std::size_t at) {
  return printable(utf8_head(text.substr(std::min(at, text.size())), 20));
}

Status not_json(const std::string& what, std::size_t at, std::size_t size) {
  return bad_data("not valid JSON: " + what + " at byte " + std::to_string(at) + " of " +
                  std::to_string(size));
}

}  // namespace

Result<JsonPtr> parse_json_text(std::string_view text) {
  const std::size_t nul = text.find('\0');
  if (nul != std::string_view::npos) return not_json("a NUL byte", nul, text.size());
  // cJSON skips a mark only at the start of what it is given, and only before 2+ more bytes:
  // one is taken here, and a second one (which cJSON would skip too) is refused.
  const std::size_t start = text.substr(0, 3) == kByteOrderMark ? 3 : 0;
  if (start != 0 && text.substr(start, 3) == kByteOrderMark) {
    return not_json("a second byte order mark", start, text.size());
  }
  if (start == text.size()) return not_json("no value", start, text.size());
  const char* begin = text.data() + start;
  const char* end = nullptr;
  JsonPtr root(cJSON_ParseWithLengthOpts(begin, text.size() - start, &end, 0));
  if (!root) {
    const std::size_t at = end == nullptr ? start : start + static_cast<std::size_t>(end - begin);
    const std::string near = excerpt(text, at);
    return not_json(near.empty() ? "the text ends" : "a syntax error (near '" + near + "')", at,
                    text.size());
  }
  std::size_t at = start + static_cast<std::size_t>(end - begin);
  while (at < text.size() && is_json_space(text[at])) ++at;
  if (at != text.size()) return not_json("text after the JSON value", at, text.size());
  return root;
}

JsonPtr parse_json(std::string_view text) {
  Result<JsonPtr> parsed = parse_json_text(text);
  return parsed.ok() ? std::move(parsed).value() : JsonPtr();
}

}  // namespace shelfnode
