// Wix pages -> catalog rows, over bodies shaped as Wix (and the emulator) send them.
#include <gtest/gtest.h>

#include "shelfnode/core/json.h"
#include "shelfnode/pull/catalog_page.h"

namespace shelfnode::pull {
namespace {

// A V1 Query Products page [R15]: a product without managed variants (one all-zero variant,
// the product SKU), one with managed variants (one without SKU), an untracked one whose
// numericId is a JSON number, and a product whose two variants share a SKU.
constexpr const char* kV1Page = R"({
  "products": [
    {"id": "p-shelf", "name": "Oak wall shelf 60 cm", "sku": "OAK-SHELF-60", "manageVariants": false,
     "stock": {"trackInventory": true, "inStock": true, "quantity": 12},
     "priceData": {"currency": "USD", "price": 49.0}, "numericId": "1767603600000001",
     "lastUpdated": "2026-01-05T09:00:00.000Z",
     "variants": [{"id": "00000000-0000-0000-0000-000000000000", "choices": {},
                   "variant": {"sku": "OAK-SHELF-60", "visible": true},
                   "stock": {"trackQuantity": true, "inStock": true, "quantity": 12}}]},
    {"id": "p-apron", "name": "Linen work apron", "sku": "", "manageVariants": true,
     "stock": {"trackInventory": true}, "numericId": "1767603600000002",
     "lastUpdated": "2026-01-06T10:00:00Z",
     "variants": [
       {"id": "v-s", "choices": {"Size": "S"}, "variant": {"sku": "APRON-S"},
        "stock": {"trackQuantity": true, "quantity": 5}},
       {"id": "v-m", "choices": {"Size": "M", "Colour": "Sand"}, "variant": {"sku": ""},
        "stock": {"trackQuantity": true, "quantity": 0}},
       {"id": "v-l", "choices": {"Size": "L"}, "variant": {"sku": "APRON-L "},
        "stock": {"trackQuantity": true, "quantity": 3}}]},
    {"id": "p-mug", "name": "Hand-thrown mug", "sku": "MUG-HT", "manageVariants": false,
     "stock": {"trackInventory": false, "inStock": true}, "numericId": 1767603600000003,
     "lastUpdated": "2026-01-05T09:02:00.5+01:00"},
    {"id": "p-gloves", "name": "Leather work gloves", "sku": "", "manageVariants": true,
     "stock": {"trackInventory": true}, "numericId": "1767603600000004",
     "variants": [
       {"id": "v-black", "choices": {"Color": "Black"}, "variant": {"sku": "GLOVE-STD"},
        "stock": {"trackQuantity": true, "quantity": 7}},
       {"id": "v-grey", "choices": {"Color": "Grey"}, "variant": {"sku": "GLOVE-STD"},
        "stock": {"trackQuantity": true, "quantity": 4}}]}],
  "metadata": {"items": 4, "offset": 0},
  "totalResults": 9
})";

// The fixtures are JSON; a typo in one should fail here, not read as a cut-short page.
std::string valid(std::string text) {
  EXPECT_TRUE(parse_json(text)) << text;
  return text;
}

CatalogPage v1(const char* text) {
  const std::string body = valid(text);
  Result<CatalogPage> page = parse_v1_products(body);
  EXPECT_TRUE(page.ok()) << page.status().message();
  return page.ok() ? std::move(page).value() : CatalogPage{};
}

TEST(V1Page, MapsEveryVariantOfEveryProduct) {
  const CatalogPage page = v1(kV1Page);
  EXPECT_EQ(page.records, 4u);
  ASSERT_EQ(page.variants.size(), 7u);
  EXPECT_EQ(page.last_numeric_id, "1767603600000004");
  ASSERT_TRUE(page.total.has_value());
  EXPECT_EQ(*page.total, 9);
}

TEST(V1Page, ProductWithoutManagedVariantsIsTheZeroVariantWithTheProductSku) {
  const CatalogPage page = v1(kV1Page);
  const VariantRow& shelf = page.variants[0];
  EXPECT_EQ(shelf.product_id, "p-shelf");
  EXPECT_EQ(shelf.variant_id, kZeroVariantId);
  EXPECT_EQ(shelf.sku, "OAK-SHELF-60");
  EXPECT_EQ(shelf.name, "Oak wall shelf 60 cm");
  EXPECT_EQ(shelf.barcode, "");  // V1 has no barcode field
  EXPECT_EQ(shelf.tracked, std::optional<bool>(true));
  EXPECT_EQ(shelf.sku_problem, "");
}

TEST(V1Page, ManagedVariantsCarryTheirOwnSkuAndChoicesInTheName) {
  const CatalogPage page = v1(kV1Page);
  const VariantRow& s = page.variants[1];
  EXPECT_EQ(s.product_id, "p-apron");
  EXPECT_EQ(s.variant_id, "v-s");
  EXPECT_EQ(s.sku, "APRON-S");
  EXPECT_EQ(s.name, "Linen work apron (S)");
  EXPECT_EQ(s.tracked, std::optional<bool>(true));
  EXPECT_EQ(page.variants[2].name, "Linen work apron (M, Sand)");
}

TEST(V1Page, MissingOrUnusableSkuIsReportedNotGuessed) {
  const CatalogPage page = v1(kV1Page);
  EXPECT_EQ(page.variants[2].sku, "");
  EXPECT_EQ(page.variants[2].sku_problem, "no SKU");
  EXPECT_EQ(page.variants[3].sku, "APRON-L ");  // kept as Wix has it, never trimmed
  EXPECT_NE(page.variants[3].sku_problem.find("leading or trailing space"), std::string::npos)
      << page.variants[3].sku_problem;
}

// A SKU with whitespace inside would make a five-field `OK <uuid> <sku> <qty>` scan reply,
// and one with control characters or bytes that are not UTF-8 cannot be shown as it is:
// such variants are reported as without a usable SKU (and never looked up). Names are kept
// as Wix has them; every place that prints one escapes it (core/printable.h).
TEST(V1Page, SkusWithWhitespaceOrControlsAreUnusableNamesAreKept) {
  const std::string body = valid(R"({"products": [
    {"id": "p1", "name": "Crème \u001b[2J brûlée", "sku": "CREME BRULEE", "manageVariants": false,
     "stock": {"trackInventory": true}, "numericId": "1"},
    {"id": "p2", "name": "Tab", "sku": "TAB\tSKU", "manageVariants": false,
     "stock": {"trackInventory": true}, "numericId": "2"},
    {"id": "p3", "name": "NBSP", "sku": "NB\u00a0SP", "manageVariants": false,
     "stock": {"trackInventory": true}, "numericId": "3"},
    {"id": "p4", "name": "Fine", "sku": "CR\u00c8ME-1", "manageVariants": false,
     "stock": {"trackInventory": true}, "numericId": "4"}],
    "metadata": {"items": 4, "offset": 0}, "totalResults": 4})");
  Result<CatalogPage> page = parse_v1_products(body);
  ASSERT_TRUE(page.ok()) << page.status().message();
  ASSERT_EQ(page->variants.size(), 4u);
  EXPECT_EQ(page->variants[0].name, "Crème \x1B[2J brûlée");
  EXPECT_EQ(page->variants[0].sku, "CREME BRULEE");
  EXPECT_NE(page->variants[0].sku_problem.find("whitespace"), std::string::npos)
      << page->variants[0].sku_problem;
  EXPECT_NE(page->variants[1].sku_problem.find("control character"), std::string::npos)
      << page->variants[1].sku_problem;
  EXPECT_NE(page->variants[2].sku_problem.find("whitespace"), std::string::npos)
      << page->variants[2].sku_problem;
  EXPECT_EQ(page->variants[3].sku_problem, "");
}

TEST(V1Page, UntrackedProductWithoutVariantsListAndNumericIdAsNumber) {
  const CatalogPage page = v1(kV1Page);
  const VariantRow& mug = page.variants[4];
  EXPECT_EQ(mug.product_id, "p-mug");
  EXPECT_EQ(mug.variant_id, kZeroVariantId);
  EXPECT_EQ(mug.sku, "MUG-HT");
  EXPECT_EQ(mug.tracked, std::optional<bool>(false));
}

TEST(V1Page, DuplicateSkusStayTwoRows) {
  const CatalogPage page = v1(kV1Page);
  EXPECT_EQ(page.variants[5].sku, "GLOVE-STD");
  EXPECT_EQ(page.variants[6].sku, "GLOVE-STD");
  EXPECT_NE(page.variants[5].variant_id, page.variants[6].variant_id);
  EXPECT_EQ(page.variants[5].name, "Leather work gloves (Black)");
}

TEST(V1Page, LatestUpdateIsComparedAsTimeNotAsText) {
  // 09:02:00.5+01:00 is 08:02:00.500Z, earlier than the apron's 2026-01-06T10:00:00Z.
  EXPECT_EQ(v1(kV1Page).max_updated, "2026-01-06T10:00:00.000Z");
}

TEST(V1Page, EmptyPageEndsTheCrawl) {
  const CatalogPage page = v1(R"({"products": [], "metadata": {"items": 0}, "totalResults": 0})");
  EXPECT_EQ(page.records, 0u);
  EXPECT_TRUE(page.variants.empty());
  EXPECT_EQ(page.last_numeric_id, "");
}

TEST(V1Page, RefusesWhatCannotBeCrawledOrMapped) {
  for (const char* text : {
           R"({"items": []})",
           R"({"products": [{"id": "p", "name": "x", "sku": "A"}]})",  // no numericId
           R"({"products": [{"id": "p", "name": "x", "numericId": "12a"}]})",
           R"({"products": [{"id": "p", "name": "x", "numericId": "1", "manageVariants": true}]})",
           R"({"products": [{"name": "x", "numericId": "1"}]})",
       }) {
    const std::string body = valid(text);
    Result<CatalogPage> page = parse_v1_products(body);
    ASSERT_FALSE(page.ok()) << text;
    EXPECT_EQ(page.status().code(), Code::kBadData) << text;
  }
}

// A product whose numericId is `id` (JSON text), on a page whose totalResults is `total`.
std::string v1_numbers(const std::string& id, const std::string& total) {
  return R"({"products": [{"id": "p", "name": "x", "sku": "A", "numericId": )" + id +
         R"(}], "totalResults": )" + total + "}";
}

// Numbers are read only when they are whole, exact and in range; anything else is not what
// Wix sends, and casting it would be undefined (1e300) or a different number (2^53 + 1).
TEST(V1Page, NumbersOutOfRangeAreRefusedNotCast) {
  for (const char* total :
       {"1e300", "-1e300", "1e400", "1.5", "-1", "2147483648", "true", "\"9\""}) {
    const std::string body = valid(v1_numbers("\"1\"", total));
    Result<CatalogPage> page = parse_v1_products(body);
    ASSERT_FALSE(page.ok()) << total;
    EXPECT_EQ(page.status().code(), Code::kBadData) << total;
    EXPECT_NE(page.status().message().find("totalResults"), std::string::npos)
        << page.status().message();
  }
  for (const char* id : {"1e300", "-1e300", "1e400", "9007199254740993", "1.5", "-1", "\"-1\"",
                         "\"12345678901234567890\"", "\"9223372036854775808\"", "\"+1\"", "\" 1\"",
                         "\"\"", "null", "{}"}) {
    const std::string body = valid(v1_numbers(id, "1"));
    Result<CatalogPage> page = parse_v1_products(body);
    ASSERT_FALSE(page.ok()) << id;
    EXPECT_EQ(page.status().code(), Code::kBadData) << id;
    EXPECT_NE(page.status().message().find("numericId"), std::string::npos)
        << page.status().message();
  }
}

TEST(V1Page, NumbersInRangeAreReadExactly) {
  CatalogPage page = v1(v1_numbers("9007199254740991", "2147483647").c_str());
  EXPECT_EQ(page.last_numeric_id, "9007199254740991");
  EXPECT_EQ(page.total, 2147483647);
  page = v1(v1_numbers("\"9223372036854775807\"", "0").c_str());
  EXPECT_EQ(page.last_numeric_id, "9223372036854775807");
  EXPECT_EQ(page.total, 0);
  page = v1(v1_numbers("0", "1e2").c_str());
  EXPECT_EQ(page.last_numeric_id, "0");
  EXPECT_EQ(page.total, 100);
  page = v1(R"({"products": [{"id": "p", "name": "x", "numericId": "7"}], "totalResults": null})");
  EXPECT_FALSE(page.total.has_value());
}

TEST(V1Page, ProductTrackingIsUsedWhenTheVariantDoesNotSay) {
  const CatalogPage page = v1(R"({"products": [{"id": "p", "name": "Rope", "numericId": "7",
      "manageVariants": true, "stock": {"trackInventory": false},
      "variants": [{"id": "v", "choices": {}, "variant": {"sku": "ROPE"}}]}]})");
  ASSERT_EQ(page.variants.size(), 1u);
  EXPECT_EQ(page.variants[0].tracked, std::optional<bool>(false));
  EXPECT_EQ(page.variants[0].name, "Rope");
}

// A V3 query-variants page [R29][SDK:rov3]: variants are named by variantId with
// productData.productId; the variant's own `id` is deprecated and not sent.
constexpr const char* kV3Page = R"({
  "variants": [
    {"variantId": "v-rope",
     "productData": {"productId": "p-rope", "name": "Mooring rope 10 m", "visible": true,
                     "revision": "3", "updatedDate": "2026-01-05T09:00:00.000Z"},
     "sku": "ROPE-10M", "barcode": "4006381333955", "visible": true, "optionChoices": [],
     "price": {"actualPrice": {"amount": "24.90"}},
     "inventoryStatus": {"inStock": true, "preorderEnabled": false}},
    {"variantId": "v-jacket-s",
     "productData": {"productId": "p-jacket", "name": "Rain jacket", "updatedDate": "2026-01-06T10:00:00.000Z"},
     "sku": "JACKET-S", "barcode": "",
     "optionChoices": [{"optionChoiceNames": {"optionName": "Size", "choiceName": "S",
                                              "renderType": "TEXT_CHOICES"}}]},
    {"variantId": "v-bag-sand", "productData": {"productId": "p-bag", "name": "Canvas deck bag"},
     "sku": "", "barcode": "4006381333993",
     "optionChoices": [{"optionChoiceNames": {"optionName": "Color", "choiceName": "Sand"}}]}],
  "pagingMetadata": {"count": 3, "cursors": {"next": "CURSOR-2", "prev": null}, "hasNext": true}
})";

CatalogPage v3(const char* text) {
  const std::string body = valid(text);
  Result<CatalogPage> page = parse_v3_variants(body);
  EXPECT_TRUE(page.ok()) << page.status().message();
  return page.ok() ? std::move(page).value() : CatalogPage{};
}

TEST(V3Page, MapsVariantsWithBarcodesAndUnknownTracking) {
  const CatalogPage page = v3(kV3Page);
  EXPECT_EQ(page.records, 3u);
  ASSERT_EQ(page.variants.size(), 3u);
  const VariantRow& rope = page.variants[0];
  EXPECT_EQ(rope.product_id, "p-rope");
  EXPECT_EQ(rope.variant_id, "v-rope");
  EXPECT_EQ(rope.sku, "ROPE-10M");
  EXPECT_EQ(rope.barcode, "4006381333955");
  EXPECT_EQ(rope.name, "Mooring rope 10 m");
  EXPECT_FALSE(rope.tracked.has_value());  // the inventory item says, not the variant
  EXPECT_EQ(page.variants[1].name, "Rain jacket (S)");
  EXPECT_EQ(page.variants[2].sku_problem, "no SKU");
  EXPECT_EQ(page.variants[2].barcode, "4006381333993");
  EXPECT_EQ(page.max_updated, "2026-01-06T10:00:00.000Z");
  EXPECT_EQ(page.next_cursor, "CURSOR-2");
}

// `id` is deprecated (removal planned) and is not the variant's key: (productData.productId,
// variantId) is [SDK:rov3]. A page that still carries `id` is read by variantId, and a variant
// with only `id` is refused rather than keyed by the deprecated field.
TEST(V3Page, VariantsAreKeyedByVariantIdNeverByTheDeprecatedId) {
  const CatalogPage page = v3(R"({"variants": [
    {"id": "deprecated-1", "variantId": "v-a", "productData": {"productId": "p-1", "name": "A"},
     "sku": "A-1"},
    {"id": "deprecated-2", "variantId": "v-a", "productData": {"productId": "p-2", "name": "B"},
     "sku": "B-1"}], "pagingMetadata": {"cursors": {}}})");
  ASSERT_EQ(page.variants.size(), 2u);
  EXPECT_EQ(page.variants[0].product_id, "p-1");
  EXPECT_EQ(page.variants[0].variant_id, "v-a");
  EXPECT_EQ(page.variants[1].product_id, "p-2");
  EXPECT_EQ(page.variants[1].variant_id, "v-a");
  const std::string only_id = valid(R"({"variants": [{"id": "v", "productData":
    {"productId": "p", "name": "x"}, "sku": "A"}]})");
  Result<CatalogPage> refused = parse_v3_variants(only_id);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kBadData);
}

TEST(V3Page, LastPageHasNoCursor) {
  EXPECT_EQ(v3(R"({"variants": [], "pagingMetadata": {"count": 0, "cursors": {},
                  "hasNext": false}})")
                .next_cursor,
            "");
  // hasNext false wins over a stray cursor.
  EXPECT_EQ(v3(R"({"variants": [], "pagingMetadata": {"cursors": {"next": "X"},
                  "hasNext": false}})")
                .next_cursor,
            "");
  // Without hasNext, the cursor alone decides.
  EXPECT_EQ(v3(R"({"variants": [], "pagingMetadata": {"cursors": {"next": "X"}}})").next_cursor,
            "X");
}

TEST(V3Page, RefusesPagesThatCannotBeFollowedOrMapped) {
  for (const char* text : {
           R"({"variants": [], "pagingMetadata": {"cursors": {}, "hasNext": true}})",
           R"({"products": []})",
           R"({"variants": [{"id": "v", "sku": "A"}]})",
       }) {
    const std::string body = valid(text);
    Result<CatalogPage> page = parse_v3_variants(body);
    ASSERT_FALSE(page.ok()) << text;
    EXPECT_EQ(page.status().code(), Code::kBadData) << text;
  }
}

TEST(V3Items, TrackingFromTheFlagOrFromWhichValueTheItemHolds) {
  const std::string body = valid(R"({"inventoryItems": [
      {"id": "i1", "productId": "p-rope", "variantId": "v-rope", "locationId": "L",
       "trackQuantity": true, "quantity": 20, "updatedDate": "2026-01-07T08:00:00.000Z"},
      {"id": "i2", "productId": "p-stickers", "variantId": "v-stickers", "locationId": "L",
       "trackQuantity": false, "inStock": true, "updatedDate": "2026-01-05T08:00:00.000Z"},
      {"id": "i3", "productId": "p-x", "variantId": "v-x", "quantity": 0},
      {"id": "i4", "productId": "p-y", "variantId": "v-y", "inStock": false}],
    "pagingMetadata": {"count": 4, "cursors": {"next": null}, "hasNext": false}})");
  Result<ItemsPage> page = parse_v3_items(body);
  ASSERT_TRUE(page.ok()) << page.status().message();
  ASSERT_EQ(page->items.size(), 4u);
  EXPECT_EQ(page->items[0].variant_id, "v-rope");
  EXPECT_TRUE(page->items[0].tracked);
  EXPECT_FALSE(page->items[1].tracked);
  EXPECT_TRUE(page->items[2].tracked);
  EXPECT_FALSE(page->items[3].tracked);
  EXPECT_EQ(page->max_updated, "2026-01-07T08:00:00.000Z");
  EXPECT_EQ(page->next_cursor, "");
}

TEST(V3Items, RefusesItemsWithoutIds) {
  const std::string body = valid(R"({"inventoryItems": [{"id": "i1", "trackQuantity": true}]})");
  Result<ItemsPage> page = parse_v3_items(body);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), Code::kBadData);
}

TEST(Pages, AnAnswerCutShortIsWorthReadingAgain) {
  const std::string whole = valid(kV1Page);
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, whole.size() / 2, whole.size() - 1}) {
    Result<CatalogPage> page = parse_v1_products(whole.substr(0, cut));
    ASSERT_FALSE(page.ok()) << cut;
    EXPECT_EQ(page.status().code(), Code::kUnavailable) << cut;
    EXPECT_NE(page.status().message().find("cut short or not JSON"), std::string::npos)
        << page.status().message();
  }
  Result<CatalogPage> html = parse_v3_variants("<html><body>502 Bad Gateway</body></html>");
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.status().code(), Code::kUnavailable);
  Result<ItemsPage> trailing = parse_v3_items(R"({"inventoryItems": []} {"x": 1})");
  ASSERT_FALSE(trailing.ok());
  EXPECT_EQ(trailing.status().code(), Code::kUnavailable);
}

TEST(VariantName, LongNamesAreCutOnACharacterBoundary) {
  std::string product;
  for (int i = 0; i < 90; ++i) product += "\xC3\xA9";  // é, 2 bytes each: 180 bytes
  const std::string body = valid(std::string(R"({"products": [{"id": "p", "numericId": "1",
      "manageVariants": true, "name": ")") +
                                 product + R"(", "variants": [{"id": "v",
      "choices": {"Size": "Extra large, long sleeves"}, "variant": {"sku": "S"}}]}]})");
  Result<CatalogPage> page = parse_v1_products(body);
  ASSERT_TRUE(page.ok()) << page.status().message();
  const std::string& name = page->variants[0].name;
  EXPECT_LE(name.size(), 200u);
  EXPECT_EQ(name.size() % 2, 0u) << "cut inside a 2-byte character";
  EXPECT_EQ(name.substr(0, product.size()), product);
}

}  // namespace
}  // namespace shelfnode::pull
