#include <string>

#include "shelfnode/core/plural.h"
#include "shelfnode/pull/catalog_report.h"

namespace shelfnode::pull {
namespace {

cJSON* variant_json(const ReportVariant& v, bool with_sku) {
  cJSON* o = cJSON_CreateObject();
  if (with_sku) cJSON_AddStringToObject(o, "sku", v.sku.c_str());
  cJSON_AddStringToObject(o, "name", v.name.c_str());
  cJSON_AddStringToObject(o, "product_id", v.product_id.c_str());
  cJSON_AddStringToObject(o, "variant_id", v.variant_id.c_str());
  return o;
}

void add_list(cJSON* root, const char* name, const std::vector<ReportVariant>& list) {
  cJSON* a = cJSON_AddArrayToObject(root, name);
  for (const ReportVariant& v : list) cJSON_AddItemToArray(a, variant_json(v, true));
}

}  // namespace

JsonPtr report_json(const CatalogReport& r) {
  JsonPtr root(cJSON_CreateObject());
  cJSON* counts = cJSON_AddObjectToObject(root.get(), "counts");
  cJSON_AddNumberToObject(counts, "duplicate_skus", static_cast<double>(r.duplicate_skus));
  cJSON_AddNumberToObject(counts, "without_sku", static_cast<double>(r.without_sku));
  cJSON_AddNumberToObject(counts, "untracked", static_cast<double>(r.untracked));
  cJSON_AddNumberToObject(counts, "no_inventory_item", static_cast<double>(r.no_inventory_item));
  cJSON* dups = cJSON_AddArrayToObject(root.get(), "duplicate_skus");
  for (const DuplicateSku& d : r.duplicates) {
    cJSON* o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "sku", d.sku.c_str());
    cJSON* vs = cJSON_AddArrayToObject(o, "variants");
    for (const ReportVariant& v : d.variants) cJSON_AddItemToArray(vs, variant_json(v, false));
    cJSON_AddItemToArray(dups, o);
  }
  cJSON* unmapped = cJSON_AddArrayToObject(root.get(), "without_sku");
  for (const ReportVariant& v : r.unmapped) {
    cJSON* o = variant_json(v, true);
    cJSON_AddStringToObject(o, "reason", v.reason.c_str());
    cJSON_AddItemToArray(unmapped, o);
  }
  add_list(root.get(), "untracked", r.untracked_variants);
  add_list(root.get(), "no_inventory_item", r.without_item);
  return root;
}

std::string report_counts_text(const CatalogReport& r) {
  std::string text;
  auto add = [&text](std::int64_t n, const char* one, const char* many) {
    if (n != 0) text += (text.empty() ? "" : ", ") + plural(n, one, many);
  };
  add(r.duplicate_skus, "SKU on several variants", "SKUs on several variants");
  add(r.without_sku, "variant without a usable SKU", "variants without a usable SKU");
  add(r.untracked, "variant with untracked quantity", "variants with untracked quantity");
  add(r.no_inventory_item, "variant without an inventory item",
      "variants without an inventory item");
  return text;
}

std::string report_hint(const CatalogReport& r) {
  if (r.clean()) return "";
  std::string fix;
  auto add = [&fix](const char* step) { fix += (fix.empty() ? "" : "; ") + std::string(step); };
  if (r.duplicate_skus != 0 || r.without_sku != 0) {
    add("give every variant its own SKU in Wix (until then those items are not pushed)");
  }
  if (r.untracked != 0) add("turn on quantity tracking in Wix for the untracked variants");
  if (r.no_inventory_item != 0) {
    add("add stock at the default location in Wix for the variants without an inventory item");
  }
  return fix + ", then run `shelfnode catalog pull` again (`catalog pull --json` lists them all)";
}

}  // namespace shelfnode::pull
