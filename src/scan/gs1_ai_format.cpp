#include "scan/gs1_ai_format.h"

namespace shelfnode::scan {
namespace {

using Check = AiComponent::Check;
using Charset = AiComponent::Charset;

bool read_check(std::string_view name, Check& check) {
  struct Named {
    std::string_view name;
    Check check;
  };
  // Checks on lists GS1 maintains elsewhere (ISO 3166 and 4217 codes, IBAN, GMN check pair,
  // media types, coordinates, coupon codes, percent-encoding) are shape checks only here:
  // their parts are still held to charset and length.
  constexpr Named kKnown[] = {
      {"csum", Check::kCheckDigit},
      {"yymmd0", Check::kDateOrDay00},
      {"yymmdd", Check::kDate},
      {"yymmddhh", Check::kDateHour},
      {"hhmm", Check::kHourMinute},
      {"mmoptss", Check::kMinuteSecond},
      {"yesno", Check::kYesNo},
      {"hyphen", Check::kHyphen},
      {"zero", Check::kZero},
      {"nonzero", Check::kNonZero},
      {"nozeroprefix", Check::kNoZeroPrefix},
      {"iso3166list", Check::kCountryList},
      {"pieceoftotal", Check::kPieceOfTotal},
      {"winding", Check::kWinding},
  };
  for (const Named& k : kKnown) {
    if (k.name == name) {
      check = k.check;
      return true;
    }
  }
  constexpr std::string_view kShapeOnly[] = {
      "key",         "iso3166",   "iso3166999", "iso3166alpha2", "iso4217",
      "iban",        "csumalpha", "mediatype",  "latitude",      "longitude",
      "importeridx", "pcenc",     "couponcode", "couponposoffer"};
  for (std::string_view s : kShapeOnly) {
    if (s == name) return true;
  }
  return false;
}

bool read_number(std::string_view text, int& out) {
  if (text.empty() || text.size() > 2) return false;
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return out > 0;
}

bool read_part(std::string_view token, AiComponent& part) {
  const bool optional = token.size() > 2 && token.front() == '[';
  std::string_view body = token;
  std::string_view checks;
  if (optional) {
    const std::size_t close = token.find(']');
    if (close == std::string_view::npos) return false;
    body = token.substr(1, close - 1);
    checks = token.substr(close + 1);
  } else {
    const std::size_t comma = token.find(',');
    body = token.substr(0, comma);
    checks = comma == std::string_view::npos ? std::string_view() : token.substr(comma);
  }
  if (body.empty()) return false;
  switch (body[0]) {
    case 'N':
      part.charset = Charset::kNumeric;
      break;
    case 'X':
      part.charset = Charset::kCset82;
      break;
    case 'Y':
      part.charset = Charset::kCset39;
      break;
    case 'Z':
      part.charset = Charset::kCset64;
      break;
    default:
      return false;
  }
  body.remove_prefix(1);
  const bool variable = body.substr(0, 2) == "..";
  if (variable) body.remove_prefix(2);
  int length = 0;
  if (!read_number(body, length)) return false;
  part.max_length = length;
  part.variable = variable;
  part.min_length = optional ? 0 : variable ? 1 : length;
  while (!checks.empty()) {
    if (checks[0] != ',') return false;
    checks.remove_prefix(1);
    const std::size_t next = checks.find(',');
    if (!read_check(checks.substr(0, next), part.check)) return false;
    checks = next == std::string_view::npos ? std::string_view() : checks.substr(next);
  }
  return true;
}

}  // namespace

bool read_ai_format(std::string_view format, AiDefinition& def) {
  def.part_count = 0;
  def.min_length = 0;
  def.max_length = 0;
  def.charset = Charset::kNumeric;
  while (!format.empty()) {
    const std::size_t space = format.find(' ');
    const std::string_view token = format.substr(0, space);
    format = space == std::string_view::npos ? std::string_view() : format.substr(space + 1);
    if (token.empty()) continue;
    if (def.part_count == static_cast<int>(def.parts.size())) return false;
    AiComponent& part = def.parts[static_cast<std::size_t>(def.part_count++)];
    if (!read_part(token, part)) return false;
    def.min_length += part.min_length;
    def.max_length += part.max_length;
    if (def.charset == Charset::kNumeric) def.charset = part.charset;
  }
  // Only the last part may vary in length; the reader of values splits parts on that rule.
  for (int i = 0; i + 1 < def.part_count; ++i) {
    const AiComponent& p = def.parts[static_cast<std::size_t>(i)];
    if (p.min_length != p.max_length) return false;
  }
  return def.part_count > 0;
}

}  // namespace shelfnode::scan
