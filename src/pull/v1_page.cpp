#include <cstdint>
#include <limits>
#include <optional>

#include "pull/page_json.h"
#include "shelfnode/pull/catalog_page.h"

namespace shelfnode::pull {
namespace {

using detail::member;

// numericId: the object pages type it as a number, every example carries a string [R20][R21].
// Either way it is an int64 the crawl sends back as a bare number [R13]: read exactly, never
// formatted from a double that is not one.
Result<std::string> numeric_id_of(const cJSON* product) {
  Result<std::optional<std::int64_t>> n = whole_number_at(
      product, "numericId", 0, std::numeric_limits<std::int64_t>::max(), DigitsText::kAccepted);
  const std::string id = text_at(product, "id");
  if (!n.ok()) {
    return bad_data("Wix sent V1 product " + id + " with " + n.status().message() +
                    ", which is not what Wix sends");
  }
  if (!n->has_value()) {
    return bad_data("Wix sent V1 product " + id +
                    " without a numericId, which the crawl needs [R13]");
  }
  return std::to_string(**n);
}

std::vector<std::string> choice_values(const cJSON* choices) {
  std::vector<std::string> out;
  const cJSON* c = nullptr;
  cJSON_ArrayForEach(c, choices) {
    if (cJSON_IsString(c)) out.emplace_back(c->valuestring);
  }
  return out;
}

VariantRow make_row(const std::string& product_id, std::string variant_id, std::string sku,
                    std::string name, std::optional<bool> tracked) {
  VariantRow row;
  row.product_id = product_id;
  row.variant_id = std::move(variant_id);
  row.sku = std::move(sku);
  row.name = std::move(name);
  row.tracked = tracked;
  row.sku_problem = detail::sku_problem(row.sku);
  return row;
}

Status add_product(const cJSON* p, CatalogPage& page) {
  const std::string id = text_at(p, "id");
  if (id.empty()) return bad_data("Wix sent a V1 product without an id");
  const std::string name = text_at(p, "name");
  detail::keep_latest(page.max_updated, cJSON_GetStringValue(member(p, "lastUpdated")));
  const std::optional<bool> product_tracked = bool_at(member(p, "stock"), "trackInventory");
  const cJSON* variants = member(p, "variants");
  if (!bool_at(p, "manageVariants").value_or(false)) {
    // One sellable item: the all-zero variant with the product's SKU [R15][R20]. Its stock
    // block, when sent, is the most specific word on tracking.
    std::optional<bool> tracked =
        bool_at(member(cJSON_GetArrayItem(variants, 0), "stock"), "trackQuantity");
    page.variants.push_back(make_row(id, kZeroVariantId, text_at(p, "sku"),
                                     detail::variant_name(name, {}),
                                     tracked ? tracked : product_tracked));
    return Status::Ok();
  }
  if (!cJSON_IsArray(variants)) {
    return bad_data("Wix sent V1 product " + id +
                    " without its variants although they were asked for (includeVariants)");
  }
  const cJSON* v = nullptr;
  cJSON_ArrayForEach(v, variants) {
    const std::string variant_id = text_at(v, "id");
    if (variant_id.empty())
      return bad_data("Wix sent a variant of V1 product " + id + " without an id");
    std::optional<bool> tracked = bool_at(member(v, "stock"), "trackQuantity");
    page.variants.push_back(
        make_row(id, variant_id, text_at(member(v, "variant"), "sku"),
                 detail::variant_name(name, choice_values(member(v, "choices"))),
                 tracked ? tracked : product_tracked));
  }
  return Status::Ok();
}

}  // namespace

Result<CatalogPage> parse_v1_products(std::string_view text) {
  CatalogPage page;
  Result<JsonPtr> rest = detail::walk_page(text, "products", [&](const cJSON& item) {
    const cJSON* p = &item;
    SHELFNODE_RETURN_IF_ERROR(add_product(p, page));
    ++page.records;
    Result<std::string> numeric_id = numeric_id_of(p);
    if (!numeric_id.ok()) return numeric_id.status();
    page.last_numeric_id = std::move(numeric_id).value();
    return Status::Ok();
  });
  if (!rest.ok()) return rest.status();
  // A count (int32); one out of range is not what Wix sends, and would end the crawl early or
  // never.
  Result<std::optional<std::int64_t>> total =
      whole_number_at(rest->get(), "totalResults", 0, std::numeric_limits<std::int32_t>::max());
  if (!total.ok()) {
    return bad_data("Wix sent a V1 products page with " + total.status().message() +
                    ", which is not what Wix sends");
  }
  page.total = *total;
  return page;
}

}  // namespace shelfnode::pull
