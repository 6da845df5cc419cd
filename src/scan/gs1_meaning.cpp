#include "scan/gs1_meaning.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scan/gs1_ai_value.h"

namespace shelfnode::scan {
namespace {

const Gs1Element* find_element(const std::vector<Gs1Element>& elements, std::string_view ai) {
  for (const Gs1Element& e : elements) {
    if (e.ai == ai) return &e;
  }
  return nullptr;
}

Status refuse(const std::string& why) {
  return bad_data("ambiguous GS1 code: " + why + "; " + std::string(kGs1Advice));
}

// 3102 and 3103 are one measure with different decimals: one item, two weights. The group is
// the AI without its decimals digit, for the measures and amounts (31nn-36nn, 39nn) whose last
// digit is the decimal count; other AIs (4300, 7030, ...) are in no group.
std::string_view measure_of(const Gs1Element& e) {
  const bool measure = e.ai.size() == 4 && e.ai[0] == '3' && e.ai[1] != '7';
  return measure ? std::string_view(e.ai).substr(0, 3) : std::string_view();
}

// Per AI, or per measure, what lies later in the string: the nearest element, and the nearest
// one after it that differs from it (in value for an AI, in AI for a measure), or none (n).
struct Later {
  bool measure;
  std::string_view key;
  std::size_t nearest;
  std::size_t nearest_other;
};

// Returns the first element after `i` with the same key that differs from element i (n if
// none), then makes `i` the nearest of its key. Whatever lies between `nearest` and
// `nearest_other` equals `nearest`, so when `nearest` equals element i, `nearest_other` is
// the first that does not.
std::size_t first_later_difference(std::vector<Later>& later, bool measure, std::string_view key,
                                   std::string_view mine, std::size_t i, std::size_t n,
                                   const std::vector<Gs1Element>& elements) {
  const auto differing = [&](std::size_t at) {
    return measure ? std::string_view(elements[at].ai) : std::string_view(elements[at].value);
  };
  for (Later& l : later) {
    if (l.measure != measure || l.key != key) continue;
    const bool nearest_differs = differing(l.nearest) != mine;
    const std::size_t found = nearest_differs ? l.nearest : l.nearest_other;
    if (nearest_differs) l.nearest_other = l.nearest;
    l.nearest = i;
    return found;
  }
  later.push_back(Later{measure, key, i, n});
  return n;
}

// The pair a comparison of every pair in string order finds first: the first element that
// conflicts with a later one, and the first such later one. One pass from the end; the keys
// are the AIs and measures present (at most the AI table's), so this is linear in the string.
Status check_repeats(const std::vector<Gs1Element>& elements) {
  const std::size_t n = elements.size();
  std::vector<Later> later;
  std::size_t first = n;
  std::size_t with = n;
  bool same_measure = false;
  for (std::size_t i = n; i-- > 0;) {
    const Gs1Element& e = elements[i];
    const std::size_t by_ai = first_later_difference(later, false, e.ai, e.value, i, n, elements);
    const std::string_view measure = measure_of(e);
    const std::size_t by_measure =
        measure.empty() ? n : first_later_difference(later, true, measure, e.ai, i, n, elements);
    if (by_ai < n || by_measure < n) {
      first = i;
      with = by_ai < by_measure ? by_ai : by_measure;
      same_measure = by_measure < by_ai;
    }
  }
  if (first == n) return Status::Ok();
  const Gs1Element& a = elements[first];
  const Gs1Element& b = elements[with];
  if (same_measure) return refuse("(" + a.ai + ") and (" + b.ai + ") give the same measure twice");
  return refuse("(" + a.ai + ") appears twice, as \"" + a.value + "\" and \"" + b.value + "\"");
}

Status check_pairings(const Gs1Element* gtin, const Gs1Element* content,
                      const Gs1Element* variable_count, const Gs1Element* item_count) {
  if (gtin != nullptr && content != nullptr) {
    return refuse("it names a product in (01) and contained items in (02)");
  }
  if (gtin != nullptr && item_count != nullptr) {
    return refuse("(37) counts contained items, which belong in (02), but the product is in (01)");
  }
  if (content != nullptr && item_count == nullptr) {
    return refuse("(02) names the contained items but no count (37) says how many");
  }
  if (item_count != nullptr && content == nullptr) {
    return refuse("(37) counts items but no (02) says which");
  }
  if (variable_count != nullptr && item_count != nullptr) {
    return refuse("it carries two counts, (30) " + variable_count->value + " and (37) " +
                  item_count->value);
  }
  return Status::Ok();
}

}  // namespace

Status apply_gs1_elements(std::vector<Gs1Element> elements, ScanCode& code) {
  SHELFNODE_RETURN_IF_ERROR(check_repeats(elements));
  const Gs1Element* gtin = find_element(elements, "01");
  const Gs1Element* content = find_element(elements, "02");
  const Gs1Element* variable_count = find_element(elements, "30");
  const Gs1Element* item_count = find_element(elements, "37");
  SHELFNODE_RETURN_IF_ERROR(check_pairings(gtin, content, variable_count, item_count));

  code.kind = ScanCode::Kind::kGs1;
  code.gtin14_candidates.clear();
  code.quantity = 1;
  code.gtin_problem.clear();
  if (const Gs1Element* count = variable_count != nullptr ? variable_count : item_count) {
    // n..8 is validated as digits, so the value fits comfortably in 64 bits.
    std::int64_t n = 0;
    for (char c : count->value) n = n * 10 + (c - '0');
    if (n == 0) {
      return bad_data("GS1 count (" + count->ai + ") is 0; a scan must stand for at least one " +
                      "unit: " + std::string(kGs1Advice));
    }
    code.quantity = n;
  }
  if (gtin != nullptr) code.gtin14_candidates.push_back(gtin->value);
  if (content != nullptr) code.gtin14_candidates.push_back(content->value);
  if (code.gtin14_candidates.empty()) {
    code.gtin_problem = find_element(elements, "00") != nullptr
                            ? "the GS1 code is a shipping label (SSCC) without a product number "
                              "(01) or (02); scan the product's own barcode"
                            : "the GS1 code carries no product number (01) or (02); scan the "
                              "product's own barcode";
  }
  code.elements = std::move(elements);
  return Status::Ok();
}

}  // namespace shelfnode::scan
