#include "scan/digital_link.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "scan/check_digit.h"
#include "scan/gs1_ai_table.h"
#include "scan/gs1_ai_value.h"
#include "scan/shown_text.h"
#include "shelfnode/scan/gtin.h"

namespace shelfnode::scan {
namespace {

std::string_view after_scheme(std::string_view text) {
  for (std::string_view scheme : {std::string_view("https://"), std::string_view("http://")}) {
    if (text.size() < scheme.size()) continue;
    bool same = true;
    for (std::size_t i = 0; i < scheme.size(); ++i) {
      const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] + 32) : text[i];
      same = same && c == scheme[i];
    }
    if (same) return text.substr(scheme.size());
  }
  return {};
}

// Path segments after the host, without query and fragment; a single trailing '/' is dropped.
std::vector<std::string_view> path_segments(std::string_view rest) {
  rest = rest.substr(0, rest.find_first_of("?#"));
  std::vector<std::string_view> segments;
  const std::size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return segments;
  std::string_view path = rest.substr(slash + 1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  while (true) {
    const std::size_t next = path.find('/');
    segments.push_back(path.substr(0, next));
    if (next == std::string_view::npos) break;
    path.remove_prefix(next + 1);
  }
  return segments;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// The AI a path key stands for: digits as they are, or one of the Digital Link short names
// for the AIs shelfnode reads in the path.
std::string path_ai(std::string_view key) {
  if (key == "gtin") return "01";
  if (key == "lot") return "10";
  if (key == "ser") return "21";
  if (key == "cpv") return "22";
  const bool ai_shaped = key.size() >= 2 && key.size() <= 4 && all_digits(key);
  return ai_shaped ? std::string(key) : std::string();
}

Status bad_link(const std::string& why) {
  return bad_data("GS1 Digital Link " + why + "; " + std::string(kGs1Advice));
}

Result<Gs1Element> path_element(const std::string& ai, std::string_view raw_value) {
  Result<std::string> value = percent_decode(raw_value);
  if (!value.ok()) return value.status();
  if (ai == "01") {
    Result<std::string> gtin = normalise_gtin(*value);
    if (!gtin.ok()) return gtin.status().with_context("GS1 Digital Link (01)");
    return Gs1Element{ai, std::move(*gtin)};
  }
  const AiDefinition* def = find_ai(ai);
  if (def == nullptr) {
    return bad_link("path has (" + ai + "), which is not a GS1 AI (shelfnode reads " +
                    std::string(supported_ai_list()) + ")");
  }
  SHELFNODE_RETURN_IF_ERROR(check_ai_value(*def, *value));
  return Gs1Element{ai, std::move(*value)};
}

Status read_path(std::string_view rest, std::vector<Gs1Element>& out) {
  const std::vector<std::string_view> segments = path_segments(rest);
  std::vector<std::pair<std::string, std::string_view>> pairs;  // right to left
  std::size_t i = segments.size();
  while (pairs.empty() || pairs.back().first != "01") {
    if (i < 2) return bad_link("path has no GTIN: expected /01/<GTIN> or /gtin/<GTIN>");
    const std::string ai = path_ai(segments[i - 2]);
    if (ai.empty()) {
      return bad_link("path segment \"" + shown(segments[i - 2]) +
                      "\" stands where an AI is expected; the path must end in /01/<GTIN>, "
                      "optionally followed by /22/<variant>, /10/<lot> and /21/<serial>");
    }
    pairs.emplace_back(ai, segments[i - 1]);
    i -= 2;
  }
  // Key qualifiers of a GTIN in the order the Digital Link standard fixes: (22), (10), then
  // (21) or (235). The standard does not allow them in the query, so a path in another order
  // can only be fixed by writing the path in this order.
  constexpr std::string_view kQualifiers[] = {"22", "10", "21", "235"};
  std::size_t next = 0;  // the first qualifier still allowed
  for (auto it = pairs.rbegin(); it != pairs.rend(); ++it) {
    if (it != pairs.rbegin()) {
      std::size_t at = next;
      while (at < std::size(kQualifiers) && kQualifiers[at] != it->first) ++at;
      if (at == std::size(kQualifiers)) {
        const bool qualifier = std::find(std::begin(kQualifiers), std::end(kQualifiers),
                                         it->first) != std::end(kQualifiers);
        if (qualifier) {
          return bad_link("path has (" + it->first + ") out of order; write the path as " +
                          "/01/<GTIN>/22/<variant>/10/<lot>/21/<serial>, leaving out the parts " +
                          "the label lacks");
        }
        return bad_link("path has (" + it->first + ") after the GTIN, where only the key " +
                        "qualifiers (22), (10) and (21) may stand; a data attribute such as (" +
                        it->first + ") goes in the query, e.g. ?" + it->first + "=...");
      }
      // (21) and (235) are alternatives: after either, nothing more.
      next = at == 2 ? std::size(kQualifiers) : at + 1;
    }
    Result<Gs1Element> element = path_element(it->first, it->second);
    if (!element.ok()) return element.status();
    out.push_back(std::move(*element));
  }
  return Status::Ok();
}

Status read_query(std::string_view query, std::vector<Gs1Element>& out) {
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view param = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const std::size_t eq = param.find('=');
    const std::string_view key = param.substr(0, eq);
    if (!all_digits(key)) continue;  // linkType, utm_source, ...: not GS1 data
    const AiDefinition* def = find_ai(key);
    if (def == nullptr) {
      return bad_link("query has (" + std::string(key) +
                      "), which is not a GS1 AI (shelfnode reads " +
                      std::string(supported_ai_list()) + ")");
    }
    Result<std::string> value =
        percent_decode(eq == std::string_view::npos ? std::string_view() : param.substr(eq + 1));
    if (!value.ok()) return value.status();
    SHELFNODE_RETURN_IF_ERROR(check_ai_value(*def, *value));
    out.push_back(Gs1Element{std::string(key), std::move(*value)});
  }
  return Status::Ok();
}

}  // namespace

bool is_web_address(std::string_view text) {
  return !after_scheme(text).empty();
}

bool looks_like_digital_link(std::string_view text) {
  const std::vector<std::string_view> segments = path_segments(after_scheme(text));
  for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
    const bool key = segments[i] == "01" || segments[i] == "gtin";
    // Starts with, not is: ".../01/09506000134352*5" is a link with a broken GTIN (refused),
    // not a plain code, whatever follows the digits.
    if (key && segments[i + 1].size() >= 8 && all_digits(segments[i + 1].substr(0, 8))) {
      return true;
    }
  }
  return false;
}

Result<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    const int hi = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    const int lo = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (hi < 0 || lo < 0) {
      return bad_link("value \"" + shown(text) + "\" has a '%' at position " +
                      std::to_string(i + 1) + " that is not followed by two hex digits");
    }
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

Result<std::vector<Gs1Element>> parse_digital_link(std::string_view uri) {
  const std::string_view rest = after_scheme(uri);
  if (rest.empty()) return bad_link("must start with http:// or https://");
  const std::size_t host_end = rest.find_first_of("/?#");
  if (host_end == 0) return bad_link("\"" + shown(uri) + "\" has no host name");
  std::vector<Gs1Element> elements;
  SHELFNODE_RETURN_IF_ERROR(read_path(rest, elements));
  const std::string_view before_fragment = rest.substr(0, rest.find('#'));
  const std::size_t question = before_fragment.find('?');
  if (question != std::string_view::npos) {
    SHELFNODE_RETURN_IF_ERROR(read_query(before_fragment.substr(question + 1), elements));
  }
  return elements;
}

}  // namespace shelfnode::scan
