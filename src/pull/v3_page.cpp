#include "pull/page_json.h"
#include "shelfnode/pull/catalog_page.h"

namespace shelfnode::pull {
namespace {

using detail::member;

std::vector<std::string> choice_names(const cJSON* option_choices) {
  std::vector<std::string> out;
  const cJSON* c = nullptr;
  cJSON_ArrayForEach(c, option_choices) {
    std::string name = text_at(member(c, "optionChoiceNames"), "choiceName");
    if (!name.empty()) out.push_back(std::move(name));
  }
  return out;
}

Status cursor_of(const cJSON* body, std::string& next) {
  bool broken = false;
  next = detail::next_cursor(body, broken);
  if (broken) return bad_data("Wix said there is another page but sent no cursor for it");
  return Status::Ok();
}

}  // namespace

Result<CatalogPage> parse_v3_variants(std::string_view text) {
  CatalogPage page;
  Result<JsonPtr> rest = detail::walk_page(text, "variants", [&](const cJSON& item) {
    const cJSON* v = &item;
    const cJSON* product = member(v, "productData");
    VariantRow row;
    // (productData.productId, variantId) is the variant's key: variantId alone is "not
    // guaranteed to be unique across products", and the variant's own `id` is deprecated
    // (removal planned 2026-12-31) [SDK:rov3], so it is never read.
    row.variant_id = text_at(v, "variantId");
    row.product_id = text_at(product, "productId");
    if (row.variant_id.empty() || row.product_id.empty()) {
      return bad_data("Wix sent a V3 variant without its variant or product id");
    }
    row.sku = text_at(v, "sku");
    row.name =
        detail::variant_name(text_at(product, "name"), choice_names(member(v, "optionChoices")));
    row.barcode = text_at(v, "barcode");
    row.sku_problem = detail::sku_problem(row.sku);
    // Tracking lives on the inventory item, not on the variant [R27]: left unknown here.
    // The variant has no dates of its own; its product's is what search-variants filters on
    // [SDK:rov3].
    detail::keep_latest(page.max_updated, cJSON_GetStringValue(member(product, "updatedDate")));
    page.variants.push_back(std::move(row));
    ++page.records;
    return Status::Ok();
  });
  if (!rest.ok()) return rest.status();
  SHELFNODE_RETURN_IF_ERROR(cursor_of(rest->get(), page.next_cursor));
  return page;
}

Result<ItemsPage> parse_v3_items(std::string_view text) {
  ItemsPage page;
  Result<JsonPtr> rest = detail::walk_page(text, "inventoryItems", [&](const cJSON& item) {
    ItemTracking t;
    t.product_id = text_at(&item, "productId");
    t.variant_id = text_at(&item, "variantId");
    if (t.product_id.empty() || t.variant_id.empty()) {
      return bad_data("Wix sent an inventory item without its product or variant id");
    }
    // trackQuantity is derived from which of quantity / inStock the item holds [R27].
    const std::optional<bool> tracked = bool_at(&item, "trackQuantity");
    t.tracked = tracked.value_or(cJSON_IsNumber(member(&item, "quantity")) != 0);
    detail::keep_latest(page.max_updated, cJSON_GetStringValue(member(&item, "updatedDate")));
    page.items.push_back(std::move(t));
    ++page.records;
    return Status::Ok();
  });
  if (!rest.ok()) return rest.status();
  SHELFNODE_RETURN_IF_ERROR(cursor_of(rest->get(), page.next_cursor));
  return page;
}

}  // namespace shelfnode::pull
