"""Catalog V3 reads: Read-Only Variants (cursor paging ≤1000), Products, Locations."""
import json
import os

from wixemu import auth
from wixemu.clock import parse_iso
from tests.emu import FIXTURES, V3_READ_KEY, V3_SITE, EmulatorTestCase

VARIANTS = "/stores/v3/products/query-variants"
SEARCH = "/stores/v3/products/search-variants"
ROPE_PRODUCT = "1e71a1c6-4831-45f4-841b-8704121630f6"
JACKET = "1e0e5e5b-67d2-4364-848c-613060ae7f04"
HIDDEN = "b1f2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c0b"
MAIN, BACK = "d60551ad-bea6-4ed2-b693-1212dca8519f", "e7645d5b-9470-4765-9276-2b171e65bc4f"


class QueryVariantsTest(EmulatorTestCase):
    def page(self, query, path=VARIANTS, key="query", **kw):
        resp = self.emu.v3("POST", path, {key: query}, **kw)
        self.assertEqual(resp.status, 200, resp.raw)
        return resp.json

    def crawl(self, first_query, limit, **kw):
        body = self.page(dict(first_query, cursorPaging={"limit": limit}), **kw)
        pages = [body]
        while body["pagingMetadata"]["cursors"]["next"]:
            body = self.page({"cursorPaging": {"limit": limit,
                                               "cursor": body["pagingMetadata"]["cursors"]["next"]}},
                             **kw)
            pages.append(body)
        return pages

    def test_cursor_paging_across_pages(self):
        pages = self.crawl({}, 5)
        self.assertEqual([len(p["variants"]) for p in pages], [5, 5, 2])
        self.assertEqual([p["pagingMetadata"]["hasNext"] for p in pages], [True, True, False])
        keys = [(v["productData"]["productId"], v["variantId"]) for p in pages for v in p["variants"]]
        self.assertEqual(len(set(keys)), 12)
        self.assertIsNone(pages[0]["pagingMetadata"]["cursors"]["prev"])
        back = self.page({"cursorPaging": {"limit": 5,
                                           "cursor": pages[1]["pagingMetadata"]["cursors"]["prev"]}})
        self.assertEqual(back["variants"], pages[0]["variants"])

    def search(self, query):
        return self.page(query, path=SEARCH, key="search")

    def test_shape(self):
        v = self.search({"filter": {"sku": "JACKET-M"}})["variants"][0]
        self.assertEqual(v["productData"]["productId"], JACKET)
        # Named by variantId + productData.productId; the deprecated `id` is not sent, so
        # nothing can depend on it [SDK:rov3].
        self.assertNotIn("id", v)
        self.assertRegex(v["variantId"], "^[0-9a-f-]{36}$")
        self.assertEqual(v["price"]["actualPrice"]["amount"], "89.00")
        self.assertEqual(v["optionChoices"][0]["optionChoiceNames"]["choiceName"], "M")
        self.assertEqual(v["inventoryStatus"], {"inStock": True, "preorderEnabled": False})
        self.assertIsInstance(v["productData"]["revision"], str)
        flags = self.search({"filter": {"sku": "FLAGS-SET"}})["variants"][0]
        self.assertEqual(flags["inventoryStatus"]["inStock"], False)  # no inventory record

    def test_hidden_products_need_admin_permission(self):
        self.assertEqual(len(self.page({"cursorPaging": {"limit": 100}})["variants"]), 12)
        resp = self.emu.v3("POST", VARIANTS, {"query": {"cursorPaging": {"limit": 100}}},
                           key=V3_READ_KEY)
        self.assertEqual(len(resp.json["variants"]), 11)

    def test_follow_up_pages_carry_only_the_cursor(self):
        first = self.page({"filter": {"productData.productId": {"$ne": "x"}},
                           "cursorPaging": {"limit": 2}})
        cursor = first["pagingMetadata"]["cursors"]["next"]
        for extra in ({"filter": {"variantId": {"$ne": "x"}}},
                      {"sort": [{"fieldName": "variantId"}]}):
            query = dict(extra, cursorPaging={"cursor": cursor})
            self.assertValidation(self.emu.v3("POST", VARIANTS, {"query": query}), "cursor")
        self.assertValidation(self.emu.v3("POST", VARIANTS, {"query": {
            "cursorPaging": {"cursor": "not-a-cursor"}}}))

    def test_page_size_limit(self):
        self.assertValidation(self.emu.v3("POST", VARIANTS, {"query": {
            "cursorPaging": {"limit": 1001}}}), "limit")
        self.assertEqual(len(self.page({"cursorPaging": {"limit": 1000}})["variants"]), 12)

    def test_sorted_paging(self):
        pages = self.crawl({"sort": [{"fieldName": "sku", "order": "DESC"}]}, 4, path=SEARCH,
                           key="search")
        skus = [v.get("sku", "") for p in pages for v in p["variants"]]
        self.assertEqual(skus, sorted(skus, reverse=True))
        self.assertEqual(len(skus), 12)
        pages = self.crawl({"sort": [{"fieldName": "variantId", "order": "DESC"}]}, 5)
        ids = [v["variantId"] for p in pages for v in p["variants"]]
        self.assertEqual(ids, sorted(ids, reverse=True))

    def test_incremental_by_updated_date(self):
        mark = max(v["productData"]["updatedDate"] for v in self.page({})["variants"])
        since = {"filter": {"productData.updatedDate": {"$gt": mark}}}
        self.assertEqual(self.search(since)["variants"], [])
        status, _ = self.emu.admin("POST", "/product", {"siteId": V3_SITE, "productId": JACKET,
                                                        "name": "Rain jacket 2"})
        self.assertEqual(status, 200)
        changed = self.search(since)["variants"]
        self.assertEqual({v["sku"] for v in changed}, {"JACKET-S", "JACKET-M", "JACKET-L"})
        self.assertEqual(changed[0]["productData"]["revision"], "2")

    def test_query_variants_filters_only_on_ids(self):
        # ReadOnlyVariantQuerySpec: `_id`, `productData.productId`, `variantId` [SDK:rov3];
        # an updated date, a SKU or a top-level date is Wix's 400 "not declared as
        # filterable" (API.md §1.3), and the same goes for sorting on them.
        for field in ("productData.updatedDate", "updatedDate", "sku", "barcode", "visible"):
            resp = self.emu.v3("POST", VARIANTS, {"query": {"filter": {field: {"$gt": "x"}}}})
            self.assertValidation(resp, "Field '%s' is not declared as filterable" % field)
            violation = resp.json["details"]["validationError"]["fieldViolations"][0]
            self.assertEqual(violation["field"], field)
            resp = self.emu.v3("POST", VARIANTS, {"query": {"sort": [{"fieldName": field}]}})
            self.assertValidation(resp, "not declared as sortable")
        # Search Variants: `id` filters but does not sort; dates filter and sort.
        self.assertValidation(self.emu.v3("POST", SEARCH, {"search": {
            "sort": [{"fieldName": "id"}]}}), "not declared as sortable")
        self.assertValidation(self.emu.v3("POST", SEARCH, {"search": {
            "filter": {"updatedDate": {"$gt": "2026-01-01T00:00:00Z"}}}}), "filterable")
        self.assertEqual(len(self.search({"filter": {"id": {"$ne": "x"}},
                                          "sort": [{"fieldName": "productData.updatedDate"}]})
                             ["variants"]), 12)

    def test_search_default_order_newest_product_first(self):
        # Empty sort: productData.updatedDate DESC, productId ASC, variantId ASC [SDK:rov3].
        got = [(v["productData"]["updatedDate"], v["productData"]["productId"], v["variantId"])
               for v in self.search({"cursorPaging": {"limit": 100}})["variants"]]
        self.assertEqual(got, sorted(got, key=lambda t: (-_ms(t[0]), t[1], t[2])))

    def test_a_variant_id_shared_by_two_products(self):
        # variantId is unique only together with productData.productId [SDK:rov3].
        shared = "11111111-2222-4333-8444-555555555555"
        fixture = _fixture("v3_store.json")
        fixture["sites"][0]["products"] += [
            {"id": "p-a", "name": "A", "variantId": shared, "sku": "A-1",
             "inventory": {"quantity": 3}},
            {"id": "p-b", "name": "B", "variantId": shared, "sku": "B-1",
             "inventory": {"quantity": 8}}]
        try:
            self.assertEqual(self.emu.admin("POST", "/load", {"fixture": fixture})[0], 200)
            body = self.page({"filter": {"variantId": shared}})
            self.assertEqual(sorted((v["productData"]["productId"], v["sku"])
                                    for v in body["variants"]), [("p-a", "A-1"), ("p-b", "B-1")])
            one = self.page({"filter": {"variantId": shared, "productData.productId": "p-b"}})
            self.assertEqual([v["sku"] for v in one["variants"]], ["B-1"])
            # Each product keeps its own inventory item at the default location.
            items = self.emu.v3("POST", "/stores/v3/inventory-items/query", {"query": {
                "filter": {"variantId": shared, "locationId": MAIN}}}).json["inventoryItems"]
            self.assertEqual(sorted((i["productId"], i["quantity"]) for i in items),
                             [("p-a", 3), ("p-b", 8)])
            # Calls that name a variant by variantId alone cannot tell the two apart.
            resp = self.emu.v3("POST", "/stores/v3/bulk/inventory-items/increment-by-variant-"
                               "and-location", {"incrementData": [{
                                   "variantId": shared, "locationId": MAIN, "incrementBy": 1}]})
            self.assertFalse(resp.json["results"][0]["itemMetadata"]["success"])
        finally:
            self.emu.admin("POST", "/load", {"fixtures": [_fixture(n) for n in (
                "v1_store.json", "v3_store.json", "not_installed.json")]})

    def test_filters(self):
        self.assertEqual(len(self.search({"filter": {"sku": "LANTERN"}})["variants"]), 2)
        body = self.page({"filter": {"productData.productId": {"$in": [ROPE_PRODUCT, JACKET]}}})
        self.assertEqual(len(body["variants"]), 4)
        self.assertValidation(self.emu.v3("POST", VARIANTS, {"query": {"filter": {"weight": 1}}}),
                              "not declared as filterable")

    def test_search_variants_keeps_expression_across_pages(self):
        first = self.page({"search": {"expression": "jacket"}, "cursorPaging": {"limit": 2},
                           "sort": [{"fieldName": "sku"}]},
                          path="/stores/v3/products/search-variants", key="search")
        self.assertEqual(len(first["variants"]), 2)
        nxt = self.page({"cursorPaging": {"limit": 2,
                                          "cursor": first["pagingMetadata"]["cursors"]["next"]}},
                        path="/stores/v3/products/search-variants", key="search")
        self.assertEqual([v["sku"] for v in nxt["variants"]], ["JACKET-S"])
        self.assertFalse(nxt["pagingMetadata"]["hasNext"])


def _ms(iso):
    return parse_iso(iso)


def _fixture(name):
    with open(os.path.join(FIXTURES, name)) as f:
        return json.load(f)


class ProductsAndLocationsTest(EmulatorTestCase):
    def test_products_query_has_no_variants(self):
        body = self.emu.v3("POST", "/stores/v3/products/query", {"query": {
            "cursorPaging": {"limit": 3}}}).json
        self.assertEqual(len(body["products"]), 3)
        self.assertNotIn("variantsInfo", body["products"][0])
        self.assertTrue(body["pagingMetadata"]["hasNext"])
        self.assertValidation(self.emu.v3("POST", "/stores/v3/products/query", {"query": {
            "filter": {"name": "x"}}}), "not declared as filterable")
        self.assertValidation(self.emu.v3("POST", "/stores/v3/products/query", {"query": {
            "cursorPaging": {"limit": 101}}}))

    def test_get_product(self):
        resp = self.emu.v3("GET", "/stores/v3/products/" + JACKET)
        product = resp.json["product"]
        self.assertEqual(len(product["variantsInfo"]["variants"]), 3)
        self.assertEqual(product["inventory"]["availabilityStatus"], "PARTIALLY_OUT_OF_STOCK")
        self.assertEqual(self.emu.v3("GET", "/stores/v3/products/" + HIDDEN).status, 200)
        self.assertWixError(self.emu.v3("GET", "/stores/v3/products/" + HIDDEN, key=V3_READ_KEY),
                            404)

    def test_locations(self):
        # The public way to the default location [SDK:loc3]; the internal
        # GET /stores/v3/locations/default is not served (read as a location ID: 404).
        found = self.emu.v3("POST", "/stores/v3/locations/query", {"query": {
            "filter": {"defaultLocation": {"$eq": True}}, "cursorPaging": {"limit": 1}}})
        self.assertEqual(found.status, 200, found.raw)
        [default] = found.json["storesLocations"]
        self.assertEqual((default["id"], default["defaultLocation"]), (MAIN, True))
        self.assertWixError(self.emu.v3("GET", "/stores/v3/locations/default"), 404,
                            "LOCATION_NOT_FOUND")
        self.assertValidation(self.emu.v3("POST", "/stores/v3/locations/query", {"query": {
            "filter": {"default": True}}}), "not declared as filterable")
        # Locations need their own permission; inventory permissions do not include it.
        self.assertWixError(self.emu.v3("POST", "/stores/v3/locations/query", {},
                                        key="IST.v3-site-with-v1-permissions-e6a8"), 403)
        inventory_only = {"permissions": ["SCOPE.STORES.INVENTORY_ITEM_WRITE"]}
        self.assertFalse(auth.has_permission(inventory_only, auth.V3_LOCATION_READ))
        other = self.emu.v3("GET", "/stores/v3/locations/" + BACK).json["storesLocation"]
        self.assertFalse(other["defaultLocation"])
        body = self.emu.v3("POST", "/stores/v3/locations/query", {}).json
        self.assertEqual({loc["id"] for loc in body["storesLocations"]}, {MAIN, BACK})
        self.assertWixError(self.emu.v3("GET", "/stores/v3/locations/nope"), 404)
