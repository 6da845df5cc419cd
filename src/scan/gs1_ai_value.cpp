#include "scan/gs1_ai_value.h"

#include "scan/check_digit.h"
#include "scan/gs1_ai_checks.h"
#include "scan/shown_text.h"

namespace shelfnode::scan {
namespace {

using Charset = AiComponent::Charset;

bool in_cset82(char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  // The punctuation GS1 allows; notably no space, '#', '$', '@', '[', '\', ']', '^', '`', '{',
  // '|', '}' or '~' (GS1 General Specifications, "GS1 AI encodable character set 82"). '*' is
  // in it, which is why a *QTY suffix can never be split off GS1 data.
  constexpr std::string_view kPunctuation = "!\"%&'()*+,-./:;<=>?_";
  return kPunctuation.find(c) != std::string_view::npos;
}

bool in_charset(Charset set, char c) {
  const bool digit = c >= '0' && c <= '9';
  const bool upper = c >= 'A' && c <= 'Z';
  switch (set) {
    case Charset::kNumeric:
      return digit;
    case Charset::kCset82:
      return in_cset82(c);
    case Charset::kCset39:
      return digit || upper || c == '#' || c == '-' || c == '/';
    case Charset::kCset64:
      return digit || upper || (c >= 'a' && c <= 'z') || c == '-' || c == '_' || c == '=';
  }
  return false;
}

std::string_view charset_rule(Charset set) {
  switch (set) {
    case Charset::kNumeric:
      return "must be digits only";
    case Charset::kCset82:
      return "may only use GS1 character set 82";
    case Charset::kCset39:
      return "may only use GS1 character set 39 (0-9, A-Z, #, -, /)";
    case Charset::kCset64:
      return "may only use GS1 character set 64 (A-Z, a-z, 0-9, -, _, =)";
  }
  return "";
}

std::string head(const AiDefinition& def) {
  return "(" + def.ai + ") " + std::string(def.title);
}

std::string label(const AiDefinition& def, std::string_view value) {
  return head(def) + " \"" + shown(value) + "\"";
}

std::string length_rule(const AiDefinition& def) {
  if (def.min_length == def.max_length) return "must be exactly " + std::to_string(def.max_length);
  if (def.min_length > 1) {
    return "must have " + std::to_string(def.min_length) + " to " + std::to_string(def.max_length);
  }
  return "may have at most " + std::to_string(def.max_length);
}

// Splits `value` into the definition's parts: every part but the last has a fixed length (the
// format reader ensures it), the last takes the rest. An optional fixed part is all or nothing.
bool split_parts(const AiDefinition& def, std::string_view value, std::string_view* out) {
  std::size_t pos = 0;
  for (int i = 0; i < def.part_count; ++i) {
    const AiComponent& part = def.parts[static_cast<std::size_t>(i)];
    const std::size_t rest = value.size() - pos;
    const bool last = i + 1 == def.part_count;
    std::size_t take = last ? rest : static_cast<std::size_t>(part.max_length);
    if (take > rest) take = rest;
    if (take < static_cast<std::size_t>(part.min_length)) return false;
    if (take > static_cast<std::size_t>(part.max_length)) return false;
    if (!part.variable && take != 0 && take != static_cast<std::size_t>(part.max_length)) {
      return false;
    }
    out[i] = value.substr(pos, take);
    pos += take;
  }
  return pos == value.size();
}

}  // namespace

Status check_ai_value(const AiDefinition& def, std::string_view value) {
  const int length = static_cast<int>(value.size());
  if (length == 0) return bad_data(head(def) + " is empty; " + std::string(kGs1Advice));
  std::string_view parts[5];
  if (length < def.min_length || length > def.max_length || !split_parts(def, value, parts)) {
    const std::string unit = def.charset == Charset::kNumeric ? " digits" : " characters";
    return bad_data(label(def, value) + " has " + std::to_string(length) + unit + " but " +
                    length_rule(def) + "; " + std::string(kGs1Advice));
  }
  std::size_t offset = 0;
  for (int i = 0; i < def.part_count; ++i) {
    const AiComponent& part = def.parts[static_cast<std::size_t>(i)];
    const std::string_view piece = parts[i];
    for (std::size_t k = 0; k < piece.size(); ++k) {
      if (in_charset(part.charset, piece[k])) continue;
      return bad_data(label(def, value) + " " + std::string(charset_rule(part.charset)) +
                      (def.part_count > 1 ? " in that place" : "") + ", but character " +
                      std::to_string(offset + k + 1) + " is " + describe_char(piece[k]) + "; " +
                      std::string(kGs1Advice));
    }
    if (part.check == AiComponent::Check::kCheckDigit && !piece.empty()) {
      const std::string problem = check_digit_problem(piece);
      if (!problem.empty()) {
        return bad_data(head(def) + ": " + problem + ": rescan or type the code again");
      }
    }
    if (!piece.empty()) {
      const std::string why = component_problem(part.check, piece);
      if (!why.empty()) {
        return bad_data(label(def, value) + ": " + why + "; " + std::string(kGs1Advice));
      }
    }
    offset += piece.size();
  }
  return Status::Ok();
}

std::string measure_text(std::string_view value, int decimals) {
  if (decimals < 0 || static_cast<std::size_t>(decimals) >= value.size()) {
    return std::string(value);
  }
  const std::size_t split = value.size() - static_cast<std::size_t>(decimals);
  std::string_view whole = value.substr(0, split);
  while (whole.size() > 1 && whole.front() == '0') whole.remove_prefix(1);
  std::string out(whole);
  if (decimals > 0) out.append(".").append(value.substr(split));
  return out;
}

}  // namespace shelfnode::scan
