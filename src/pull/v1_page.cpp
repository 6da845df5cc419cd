#include <cmath>
#include <cstdio>

#include "pull/page_json.h"
#include "shelfnode/pull/catalog_page.h"

namespace shelfnode::pull {
namespace {

using detail::member;

// numericId: the object pages type it as a number, every example carries a string [R20][R21].
std::string numeric_id_of(const cJSON* product) {
  const cJSON* n = member(product, "numericId");
  if (cJSON_IsString(n)) return n->valuestring;
  if (cJSON_IsNumber(n) && n->valuedouble >= 0 && std::isfinite(n->valuedouble)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", n->valuedouble);
    return buf;
  }
  return "";
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
    const std::string numeric_id = numeric_id_of(p);
    if (numeric_id.empty() || numeric_id.find_first_not_of("0123456789") != std::string::npos) {
      return bad_data("Wix sent V1 product " + text_at(p, "id") +
                      " without a numericId, which the crawl needs [R13]");
    }
    page.last_numeric_id = numeric_id;
    return Status::Ok();
  });
  if (!rest.ok()) return rest.status();
  const cJSON* total = member(rest->get(), "totalResults");
  if (cJSON_IsNumber(total) && total->valuedouble >= 0) {
    page.total = static_cast<std::int64_t>(total->valuedouble);
  }
  return page;
}

}  // namespace shelfnode::pull
