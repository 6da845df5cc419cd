// Catalog pages as Wix sends them (V1 products query, V3 query-variants, V3 inventory items),
// the same bytes through all three readers. Invariants: a page is accepted only when the text
// is one JSON object whose list holds exactly `records` items; every row has its ids, a name
// within the catalog's limit and a sku_problem exactly when the SKU is not a usable catalog
// key; the latest update is a normalised timestamp; V1 crawl positions are decimal digits; a
// V3 page that says it is the last has no cursor; a refusal is kBadData (not a page) or
// kUnavailable (not JSON: read it again), with a message.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "fuzz_check.h"
#include "shelfnode/catalog/catalog.h"
#include "shelfnode/core/json.h"
#include "shelfnode/pull/catalog_page.h"

namespace shelfnode::fuzz {
namespace {

// The whole text as one tree, or null unless it is one JSON object and nothing after it.
JsonPtr parse_tree(std::string_view text) {
  const char* end = nullptr;
  JsonPtr root(cJSON_ParseWithLengthOpts(text.data(), text.size(), &end, 0));
  if (!cJSON_IsObject(root.get()) || end == nullptr) return nullptr;
  for (const char* p = end; p < text.data() + text.size(); ++p) {
    if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r') return nullptr;
  }
  return root;
}

// The first member `name` that is an array, as the stream reader picks it.
const cJSON* list_of(const cJSON* root, const char* name) {
  for (const cJSON* m = root == nullptr ? nullptr : root->child; m != nullptr; m = m->next) {
    if (std::strcmp(m->string, name) == 0 && cJSON_IsArray(m)) return m;
  }
  return nullptr;
}

void check_refusal(const Status& s) {
  FUZZ_CHECK(s.code() == Code::kBadData || s.code() == Code::kUnavailable);
  FUZZ_CHECK_MESSAGE(s);
}

void check_latest(const std::string& latest) {
  if (!latest.empty()) FUZZ_CHECK(pull::normalise_wix_time(latest.c_str()) == latest);
}

void check_row(const pull::VariantRow& row) {
  FUZZ_CHECK(!row.product_id.empty() && !row.variant_id.empty());
  FUZZ_CHECK(row.name.size() <= catalog::kMaxNameLength);
  const bool usable = !row.sku.empty() && catalog::validate_sku(row.sku).ok();
  FUZZ_CHECK(row.sku_problem.empty() == usable);
}

void check_page(const pull::CatalogPage& page, const cJSON* list) {
  FUZZ_CHECK(list != nullptr);
  FUZZ_CHECK(page.records == static_cast<std::size_t>(cJSON_GetArraySize(list)));
  for (const pull::VariantRow& row : page.variants) check_row(row);
  check_latest(page.max_updated);
}

}  // namespace
}  // namespace shelfnode::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace shelfnode;
  using namespace shelfnode::fuzz;
  const std::string_view text = as_text(data, size);
  const JsonPtr tree = parse_tree(text);

  Result<pull::CatalogPage> v1 = pull::parse_v1_products(text);
  if (v1.ok()) {
    check_page(*v1, list_of(tree.get(), "products"));
    if (v1->records > 0) FUZZ_CHECK(is_digits(v1->last_numeric_id));
    if (v1->total) FUZZ_CHECK(*v1->total >= 0);
    FUZZ_CHECK(v1->next_cursor.empty());
  } else {
    check_refusal(v1.status());
  }

  Result<pull::CatalogPage> v3 = pull::parse_v3_variants(text);
  if (v3.ok()) {
    check_page(*v3, list_of(tree.get(), "variants"));
    FUZZ_CHECK(v3->variants.size() == v3->records);
    const cJSON* paging = cJSON_GetObjectItemCaseSensitive(tree.get(), "pagingMetadata");
    if (cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(paging, "hasNext"))) {
      FUZZ_CHECK(v3->next_cursor.empty());
    }
  } else {
    check_refusal(v3.status());
  }

  Result<pull::ItemsPage> items = pull::parse_v3_items(text);
  if (items.ok()) {
    const cJSON* list = list_of(tree.get(), "inventoryItems");
    FUZZ_CHECK(list != nullptr);
    FUZZ_CHECK(items->records == items->items.size());
    FUZZ_CHECK(items->records == static_cast<std::size_t>(cJSON_GetArraySize(list)));
    for (const pull::ItemTracking& t : items->items) {
      FUZZ_CHECK(!t.product_id.empty() && !t.variant_id.empty());
    }
    check_latest(items->max_updated);
  } else {
    check_refusal(items.status());
  }
  return 0;
}
