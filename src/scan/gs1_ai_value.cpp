#include "scan/gs1_ai_value.h"

#include "scan/check_digit.h"
#include "scan/shown_text.h"

namespace shelfnode::scan {
namespace {

bool in_cset82(char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  // The punctuation GS1 allows; notably no space, '#', '$', '@', '[', '\', ']', '^', '`', '{',
  // '|', '}' or '~' (GS1 General Specifications, "GS1 AI encodable character set 82").
  constexpr std::string_view kPunctuation = "!\"%&'()*+,-./:;<=>?_";
  return kPunctuation.find(c) != std::string_view::npos;
}

std::string label(const AiDefinition& def, std::string_view value) {
  return "(" + std::string(def.ai) + ") " + std::string(def.title) + " \"" + shown(value) + "\"";
}

int two_digits(std::string_view s, std::size_t at) {
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

Status check_date(const AiDefinition& def, std::string_view value) {
  const int year = two_digits(value, 0);
  const int month = two_digits(value, 2);
  const int day = two_digits(value, 4);
  if (month < 1 || month > 12) {
    return bad_data(label(def, value) + ": month " + std::string(value.substr(2, 2)) +
                    " is not 01-12; " + std::string(kGs1Advice));
  }
  // Day 00 means "no specific day" (read as the month's last day for expiry), so it is valid
  // in every month. Leap years: every YY divisible by 4 is one, which holds for all of
  // 2000-2099 and for the whole century window GS1 maps YY into until 2050.
  constexpr int kDaysInMonth[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int last_day = kDaysInMonth[month - 1];
  if (month == 2 && year % 4 == 0) last_day = 29;
  if (day > last_day) {
    return bad_data(label(def, value) + ": day " + std::string(value.substr(4, 2)) +
                    " does not exist in month " + std::string(value.substr(2, 2)) + "; " +
                    std::string(kGs1Advice));
  }
  return Status::Ok();
}

}  // namespace

Status check_ai_value(const AiDefinition& def, std::string_view value) {
  const int length = static_cast<int>(value.size());
  if (length == 0) {
    return bad_data("(" + std::string(def.ai) + ") " + std::string(def.title) + " is empty; " +
                    std::string(kGs1Advice));
  }
  if (length < def.min_length || length > def.max_length) {
    const std::string unit =
        def.charset == AiDefinition::Charset::kNumeric ? " digits" : " characters";
    const std::string rule = def.predefined_length
                                 ? "must be exactly " + std::to_string(def.max_length)
                                 : "may have at most " + std::to_string(def.max_length);
    return bad_data(label(def, value) + " has " + std::to_string(length) + unit + " but " + rule +
                    "; " + std::string(kGs1Advice));
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const bool ok =
        def.charset == AiDefinition::Charset::kNumeric ? (c >= '0' && c <= '9') : in_cset82(c);
    if (!ok) {
      const std::string rule = def.charset == AiDefinition::Charset::kNumeric
                                   ? "must be digits only"
                                   : "may only use GS1 character set 82";
      return bad_data(label(def, value) + " " + rule + ", but character " + std::to_string(i + 1) +
                      " is " + describe_char(c) + "; " + std::string(kGs1Advice));
    }
  }
  if (def.check == AiDefinition::Check::kCheckDigit) {
    const std::string problem = check_digit_problem(value);
    if (!problem.empty()) {
      return bad_data("(" + std::string(def.ai) + ") " + std::string(def.title) + ": " + problem +
                      ": rescan or type the code again");
    }
  }
  if (def.check == AiDefinition::Check::kDate) return check_date(def, value);
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
