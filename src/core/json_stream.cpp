#include "shelfnode/core/json_stream.h"

#include <cstring>
#include <string>

namespace shelfnode {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// A cursor over the text. Values are parsed by cJSON, which reports where each one ended.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  // The next character that is not white space ('\0' at the end), without taking it.
  char peek() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
    return pos_ < text_.size() ? text_[pos_] : '\0';
  }

  bool take(char expected) {
    if (peek() != expected) return false;
    ++pos_;
    return true;
  }

  // One UTF-8 byte order mark may open the text (RFC 8259 §8.1), nowhere else.
  void skip_byte_order_mark() {
    if (pos_ == 0 && at_byte_order_mark()) pos_ = kByteOrderMark.size();
  }

  // One JSON value starting here; null when there is none. cJSON skips a byte order mark at
  // the start of what it is given, so one here is refused before cJSON sees it.
  JsonPtr value() {
    peek();
    if (at_byte_order_mark()) return nullptr;
    const char* start = text_.data() + pos_;
    const char* end = nullptr;
    JsonPtr parsed(cJSON_ParseWithLengthOpts(start, text_.size() - pos_, &end, 0));
    if (parsed && end != nullptr) pos_ += static_cast<std::size_t>(end - start);
    return parsed;
  }

  bool at_end() { return peek() == '\0' && pos_ >= text_.size(); }

  // A NUL is never JSON; cJSON would skip one as white space or end a string at it.
  Status refuse_nul() const {
    const std::size_t nul = text_.find('\0');
    if (nul == std::string_view::npos) return Status::Ok();
    return bad_data("the answer is not valid JSON: a NUL byte at byte " + std::to_string(nul) +
                    " of " + std::to_string(text_.size()));
  }

  Status error(const char* expected) const {
    return bad_data("the answer is not valid JSON: " + std::string(expected) +
                    " expected at byte " + std::to_string(pos_) + " of " +
                    std::to_string(text_.size()));
  }

 private:
  static constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

  bool at_byte_order_mark() const { return text_.substr(pos_, 3) == kByteOrderMark; }

  std::string_view text_;
  std::size_t pos_ = 0;
};

Status each_element(Reader& in, const JsonElementFn& on_element) {
  if (in.take(']')) return Status::Ok();
  for (;;) {
    JsonPtr element = in.value();
    if (!element) return in.error("an array element");
    SHELFNODE_RETURN_IF_ERROR(on_element(*element));
    element.reset();
    if (in.take(']')) return Status::Ok();
    if (!in.take(',')) return in.error("',' or ']'");
  }
}

}  // namespace

Result<JsonSplit> for_each_element(std::string_view text, const char* array_name,
                                   const JsonElementFn& on_element) {
  Reader in(text);
  SHELFNODE_RETURN_IF_ERROR(in.refuse_nul());
  in.skip_byte_order_mark();
  JsonSplit out;
  out.rest.reset(cJSON_CreateObject());
  if (!out.rest) return internal_error("out of memory reading JSON");
  if (!in.take('{')) return in.error("'{'");
  if (in.take('}')) {
    if (!in.at_end()) return in.error("the end");
    return out;
  }
  for (;;) {
    JsonPtr name = in.value();
    if (!cJSON_IsString(name.get())) return in.error("a member name");
    if (!in.take(':')) return in.error("':'");
    if (!out.found && std::strcmp(name->valuestring, array_name) == 0 && in.peek() == '[') {
      in.take('[');
      out.found = true;
      SHELFNODE_RETURN_IF_ERROR(each_element(in, on_element));
    } else {
      JsonPtr member = in.value();
      if (!member) return in.error("a value");
      cJSON_AddItemToObject(out.rest.get(), name->valuestring, member.release());
    }
    if (in.take('}')) break;
    if (!in.take(',')) return in.error("',' or '}'");
  }
  if (!in.at_end()) return in.error("the end");
  return out;
}

}  // namespace shelfnode
