#include "pull/page_json.h"

#include "shelfnode/catalog/catalog.h"
#include "shelfnode/pull/catalog_page.h"

namespace shelfnode::pull::detail {

const cJSON* member(const cJSON* object, const char* name) {
  return cJSON_GetObjectItemCaseSensitive(object, name);
}

std::string variant_name(const std::string& product, const std::vector<std::string>& choices) {
  std::string name = product;
  std::string detail;
  for (const std::string& c : choices) {
    if (!c.empty()) detail += (detail.empty() ? "" : ", ") + c;
  }
  if (!detail.empty()) name += (name.empty() ? "(" : " (") + detail + ")";
  if (name.size() > catalog::kMaxNameLength) {
    std::size_t cut = catalog::kMaxNameLength;
    // Back up over UTF-8 continuation bytes (10xxxxxx) to a character boundary.
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
    name.resize(cut);
  }
  return name;
}

std::string sku_problem(const std::string& sku) {
  if (sku.empty()) return "no SKU";
  Status s = catalog::validate_sku(sku);
  return s.ok() ? std::string() : s.message();
}

void keep_latest(std::string& latest, const char* raw) {
  if (raw == nullptr) return;
  std::string t = normalise_wix_time(raw);
  if (!t.empty() && t > latest) latest = std::move(t);
}

std::string next_cursor(const cJSON* body, bool& broken) {
  broken = false;
  const cJSON* paging = member(body, "pagingMetadata");
  const std::string next = text_at(member(paging, "cursors"), "next");
  const std::optional<bool> has_next = bool_at(paging, "hasNext");
  if (has_next.has_value() && !*has_next) return "";
  if (has_next.value_or(false) && next.empty()) broken = true;
  return next;
}

Result<JsonPtr> walk_page(std::string_view text, const char* list, const JsonElementFn& on_item) {
  Status refused;
  Result<JsonSplit> page = for_each_element(text, list, [&](const cJSON& item) {
    refused = on_item(item);
    return refused;
  });
  if (!page.ok()) {
    if (!refused.ok() || page.status().code() != Code::kBadData) return page.status();
    return Status(Code::kUnavailable,
                  "its answer was cut short or not JSON (" + page.status().message() + ")");
  }
  if (!page->found) return bad_data(std::string("Wix's answer has no '") + list + "' list");
  return std::move(page->rest);
}

}  // namespace shelfnode::pull::detail
