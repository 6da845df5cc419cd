"""Catalog V3 reads: Read-Only Variants (cursor paging ≤1000), Products, Locations."""
from wixemu import auth
from tests.emu import V3_READ_KEY, V3_SITE, EmulatorTestCase

VARIANTS = "/stores/v3/products/query-variants"
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
        ids = [v["id"] for p in pages for v in p["variants"]]
        self.assertEqual(len(set(ids)), 12)
        self.assertIsNone(pages[0]["pagingMetadata"]["cursors"]["prev"])
        back = self.page({"cursorPaging": {"limit": 5,
                                           "cursor": pages[1]["pagingMetadata"]["cursors"]["prev"]}})
        self.assertEqual(back["variants"], pages[0]["variants"])

    def test_shape(self):
        v = self.page({"filter": {"sku": "JACKET-M"}})["variants"][0]
        self.assertEqual(v["productData"]["productId"], JACKET)
        self.assertEqual(v["price"]["actualPrice"]["amount"], "89.00")
        self.assertEqual(v["optionChoices"][0]["optionChoiceNames"]["choiceName"], "M")
        self.assertEqual(v["inventoryStatus"], {"inStock": True, "preorderEnabled": False})
        self.assertIsInstance(v["productData"]["revision"], str)
        flags = self.page({"filter": {"sku": "FLAGS-SET"}})["variants"][0]
        self.assertEqual(flags["inventoryStatus"]["inStock"], False)  # no inventory record

    def test_hidden_products_need_admin_permission(self):
        self.assertEqual(len(self.page({"cursorPaging": {"limit": 100}})["variants"]), 12)
        resp = self.emu.v3("POST", VARIANTS, {"query": {"cursorPaging": {"limit": 100}}},
                           key=V3_READ_KEY)
        self.assertEqual(len(resp.json["variants"]), 11)

    def test_follow_up_pages_carry_only_the_cursor(self):
        first = self.page({"filter": {"visible": True}, "cursorPaging": {"limit": 2}})
        cursor = first["pagingMetadata"]["cursors"]["next"]
        for extra in ({"filter": {"visible": True}}, {"sort": [{"fieldName": "sku"}]}):
            query = dict(extra, cursorPaging={"cursor": cursor})
            self.assertValidation(self.emu.v3("POST", VARIANTS, {"query": query}), "cursor")
        self.assertValidation(self.emu.v3("POST", VARIANTS, {"query": {
            "cursorPaging": {"cursor": "not-a-cursor"}}}))

    def test_page_size_limit(self):
        self.assertValidation(self.emu.v3("POST", VARIANTS, {"query": {
            "cursorPaging": {"limit": 1001}}}), "limit")
        self.assertEqual(len(self.page({"cursorPaging": {"limit": 1000}})["variants"]), 12)

    def test_sorted_paging(self):
        pages = self.crawl({"sort": [{"fieldName": "sku", "order": "DESC"}]}, 4)
        skus = [v["sku"] for p in pages for v in p["variants"]]
        self.assertEqual(skus, sorted(skus, reverse=True))
        self.assertEqual(len(skus), 12)

    def test_incremental_by_updated_date(self):
        mark = max(v["productData"]["updatedDate"] for v in self.page({})["variants"])
        self.assertEqual(self.page({"filter": {"productData.updatedDate": {"$gt": mark}}})["variants"], [])
        status, _ = self.emu.admin("POST", "/product", {"siteId": V3_SITE, "productId": JACKET,
                                                        "name": "Rain jacket 2"})
        self.assertEqual(status, 200)
        for field in ("productData.updatedDate", "updatedDate"):
            changed = self.page({"filter": {field: {"$gt": mark}}})["variants"]
            self.assertEqual({v["sku"] for v in changed}, {"JACKET-S", "JACKET-M", "JACKET-L"})
            self.assertEqual(changed[0]["productData"]["revision"], "2")

    def test_filters(self):
        self.assertEqual(len(self.page({"filter": {"sku": "LANTERN"}})["variants"]), 2)
        body = self.page({"filter": {"productData.productId": {"$in": [ROPE_PRODUCT, JACKET]}}})
        self.assertEqual(len(body["variants"]), 4)
        self.assertValidation(self.emu.v3("POST", VARIANTS, {"query": {"filter": {"weight": 1}}}),
                              "not declared as filterable")

    def test_search_variants_keeps_expression_across_pages(self):
        first = self.page({"search": {"expression": "jacket"}, "cursorPaging": {"limit": 2}},
                          path="/stores/v3/products/search-variants", key="search")
        self.assertEqual(len(first["variants"]), 2)
        nxt = self.page({"cursorPaging": {"limit": 2,
                                          "cursor": first["pagingMetadata"]["cursors"]["next"]}},
                        path="/stores/v3/products/search-variants", key="search")
        self.assertEqual([v["sku"] for v in nxt["variants"]], ["JACKET-L"])
        self.assertFalse(nxt["pagingMetadata"]["hasNext"])


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
