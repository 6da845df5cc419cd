#include "scan/gs1_meaning.h"

#include <string>
#include <utility>

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

Status check_repeats(const std::vector<Gs1Element>& elements) {
  for (std::size_t i = 0; i < elements.size(); ++i) {
    for (std::size_t j = i + 1; j < elements.size(); ++j) {
      const Gs1Element& a = elements[i];
      const Gs1Element& b = elements[j];
      if (a.ai == b.ai && a.value != b.value) {
        return refuse("(" + a.ai + ") appears twice, as \"" + a.value + "\" and \"" + b.value +
                      "\"");
      }
      // 3102 and 3103 are one measure with different decimals: one item, two weights.
      const bool same_measure = a.ai.size() == 4 && b.ai.size() == 4 && a.ai != b.ai &&
                                a.ai.compare(0, 3, b.ai, 0, 3) == 0;
      if (same_measure) {
        return refuse("(" + a.ai + ") and (" + b.ai + ") give the same measure twice");
      }
    }
  }
  return Status::Ok();
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
