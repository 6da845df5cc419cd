"""Catalog V1 product reads: string filters, both sort shapes, offset paging, numericId
crawl, includeVariants, Query Store Variants, Get Product."""
import json

from tests.emu import V1_READ_KEY, ZERO, EmulatorTestCase

QUERY = "/stores/v1/products/query"
READER = "/stores-reader/v1/products/query"
SHELF = "0ff4e579-ebac-4ebb-b18b-92c474f92676"
APRON = "c3700f4d-d2c0-4492-8637-531225ede1a9"
GLOVES = "8b5da46a-4c40-4815-b1b4-e45ba476b387"
TOTE = "59cc8395-9b86-409e-bf37-3ec3ff4fe100"


def q(filter_obj=None, sort=None, limit=None, offset=None, **extra):
    query = {}
    if filter_obj is not None:
        query["filter"] = json.dumps(filter_obj)
    if sort is not None:
        query["sort"] = json.dumps(sort)
    paging = {}
    if limit is not None:
        paging["limit"] = limit
    if offset is not None:
        paging["offset"] = offset
    if paging:
        query["paging"] = paging
    body = {"query": query}
    body.update(extra)
    return body


class ProductsQueryTest(EmulatorTestCase):
    def products(self, body, path=QUERY, **kw):
        resp = self.emu.v1("POST", path, body, **kw)
        self.assertEqual(resp.status, 200, resp.raw)
        return resp.json

    def test_both_prefixes_serve_the_same(self):
        self.assertEqual(self.products(q()), self.products(q(), READER))

    def test_hidden_products_only_on_request(self):
        self.assertEqual(self.products(q())["totalResults"], 6)
        body = self.products(q(includeHiddenProducts=True))
        self.assertEqual(body["totalResults"], 7)

    def test_product_shape(self):
        body = self.products(q(filter_obj={"id": SHELF}))
        p = body["products"][0]
        self.assertIsInstance(p["numericId"], str)
        self.assertEqual(p["sku"], "OAK-SHELF-60")
        self.assertEqual(p["stock"], {"trackInventory": True, "inStock": True,
                                      "inventoryStatus": "IN_STOCK", "quantity": 12})
        self.assertEqual(p["productType"], "physical")
        self.assertIsInstance(p["priceData"]["price"], float)
        self.assertNotIn("variants", p)
        self.assertEqual(body["metadata"], {"items": 1, "offset": 0})
        self.assertTrue(p["lastUpdated"].endswith("Z"))

    def test_untracked_product_has_no_quantity(self):
        p = self.products(q(filter_obj={"sku": "MUG-HT"}))["products"][0]
        self.assertEqual(p["stock"]["trackInventory"], False)
        self.assertNotIn("quantity", p["stock"])

    def test_offset_paging_across_pages(self):
        first = self.products(q(limit=4))
        second = self.products(q(limit=4, offset=4))
        self.assertEqual(first["totalResults"], 6)
        self.assertEqual((len(first["products"]), len(second["products"])), (4, 2))
        self.assertEqual(second["metadata"], {"items": 2, "offset": 4})
        ids = [p["id"] for p in first["products"] + second["products"]]
        self.assertEqual(len(set(ids)), 6)
        self.assertEqual(self.products(q(limit=4, offset=8))["products"], [])

    def test_numeric_id_crawl(self):
        seen, last = [], None
        for _ in range(10):
            filt = {"numericId": {"$gt": last}} if last else None
            page = self.products(q(filt, [{"numericId": "asc"}], limit=2))["products"]
            if not page:
                break
            seen += [p["numericId"] for p in page]
            last = page[-1]["numericId"]
        self.assertEqual(len(seen), 6)
        self.assertEqual(seen, sorted(seen, key=int))

    def test_numeric_id_operators(self):
        base = 1767603600000000
        cases = [("$gte", 5, 2), ("$lt", 3, 2), ("$lte", 3, 3), ("$eq", 4, 1), ("$gt", 6, 0)]
        for op, n, count in cases:
            body = self.products(q({"numericId": {op: str(base + n)}}))
            self.assertEqual(body["totalResults"], count, op)
        self.assertEqual(self.products(q({"numericId": base + 2}))["totalResults"], 1)

    def test_both_sort_shapes(self):
        old = self.products(q(sort=[{"name": "desc"}]))["products"]
        new = self.products(q(sort=[{"fieldName": "name", "order": "DESC"}]))["products"]
        names = [p["name"] for p in old]
        self.assertEqual(names, sorted(names, reverse=True))
        self.assertEqual(old, new)
        desc = self.products(q(sort=[{"numericId": "desc"}]))["products"]
        self.assertEqual([p["numericId"] for p in desc],
                         sorted([p["numericId"] for p in desc], key=int, reverse=True))

    def test_filters_by_id_sku_name_last_updated(self):
        self.assertEqual(self.products(q({"id": {"$eq": APRON}}))["products"][0]["id"], APRON)
        # SKU matches the product SKU or any variant SKU (a documented GUESS).
        self.assertEqual(self.products(q({"sku": "APRON-M"}))["products"][0]["id"], APRON)
        self.assertEqual(self.products(q({"sku": {"$eq": "GLOVE-STD"}}))["products"][0]["id"], GLOVES)
        self.assertEqual(self.products(q({"name": {"$startsWith": "Oak"}}))["totalResults"], 1)
        later = self.products(q({"lastUpdated": {"$gt": "2026-01-06T00:00:00Z"}}))
        self.assertEqual([p["id"] for p in later["products"]], [APRON])
        self.assertEqual(self.products(q({"lastUpdated": {"$gte": {"$date": "2026-01-06T10:00:00.000Z"}}}))
                         ["totalResults"], 1)
        both = self.products(q({"$or": [{"sku": "MUG-HT"}, {"id": SHELF}]}))
        self.assertEqual(both["totalResults"], 2)

    def test_limit_over_100_is_400(self):
        self.assertValidation(self.emu.v1("POST", QUERY, q(limit=101)), "limit")
        self.assertEqual(len(self.products(q(limit=100))["products"]), 6)

    def test_filter_must_be_a_string(self):
        resp = self.emu.v1("POST", QUERY, {"query": {"filter": {"id": SHELF}}})
        self.assertValidation(resp, "query.filter")
        self.assertValidation(self.emu.v1("POST", QUERY, {"query": {"filter": "{oops"}}))
        self.assertValidation(self.emu.v1("POST", QUERY, {"query": {"sort": "{}"}}))

    def test_not_filterable_and_not_sortable(self):
        v = self.assertValidation(self.emu.v1("POST", QUERY, q({"weight": 1})))
        self.assertIn("not declared as filterable", v["description"])
        v = self.assertValidation(self.emu.v1("POST", QUERY, q(sort=[{"description": "asc"}])))
        self.assertIn("not declared as sortable", v["description"])
        self.assertValidation(self.emu.v1("POST", QUERY, q({"numericId": {"$regex": "1"}})))

    def test_include_variants(self):
        products = self.products(q(includeVariants=True))["products"]
        by_id = {p["id"]: p for p in products}
        shelf = by_id[SHELF]["variants"]
        self.assertEqual(len(shelf), 1)
        self.assertEqual(shelf[0]["id"], ZERO)
        self.assertEqual(shelf[0]["choices"], {})
        self.assertEqual(shelf[0]["variant"]["sku"], "OAK-SHELF-60")
        self.assertEqual(shelf[0]["stock"], {"trackQuantity": True, "inStock": True, "quantity": 12})
        apron = by_id[APRON]
        self.assertTrue(apron["manageVariants"])
        self.assertEqual(apron["sku"], "")
        self.assertEqual([v["variant"]["sku"] for v in apron["variants"]],
                         ["APRON-S", "APRON-M", "APRON-L"])
        self.assertEqual(apron["variants"][1]["stock"]["inStock"], False)
        self.assertEqual(apron["stock"]["inventoryStatus"], "PARTIALLY_OUT_OF_STOCK")
        tote = by_id[TOTE]["variants"]
        self.assertEqual(tote[1]["variant"]["sku"], "")

    def test_get_product(self):
        for prefix in ("/stores", "/stores-reader"):
            resp = self.emu.v1("GET", prefix + "/v1/products/" + APRON)
            self.assertEqual(resp.status, 200)
            self.assertEqual(len(resp.json["product"]["variants"]), 3)
        self.assertWixError(self.emu.v1("GET", "/stores/v1/products/nope"), 404, "PRODUCT_NOT_FOUND")

    def test_read_only_key_can_read(self):
        self.assertEqual(self.emu.v1("POST", QUERY, q(), key=V1_READ_KEY).status, 200)


class VariantsQueryTest(EmulatorTestCase):
    PATH = "/stores/v1/variants/query"

    def variants(self, query):
        resp = self.emu.v1("POST", self.PATH, {"query": query})
        self.assertEqual(resp.status, 200, resp.raw)
        return resp.json

    def test_flat_list_and_shape(self):
        body = self.variants({})
        # 7 products: 1+3+1+2+2+1+1 variants; hidden product's variant included (GUESS).
        self.assertEqual(body["metadata"]["total"], 11)
        first = body["variants"][0]
        self.assertEqual(first["id"], "%s-%s" % (SHELF, ZERO))
        self.assertEqual(first["variantId"], ZERO)
        self.assertFalse(first["managedVariant"])
        self.assertEqual(first["sku"], "OAK-SHELF-60")
        self.assertEqual(first["stock"]["quantity"], 12)

    def test_offset_paging(self):
        a = self.variants({"paging": {"limit": 5}})
        b = self.variants({"paging": {"limit": 5, "offset": 5}})
        c = self.variants({"paging": {"limit": 5, "offset": 10}})
        ids = [v["id"] for v in a["variants"] + b["variants"] + c["variants"]]
        self.assertEqual(len(ids), 11)
        self.assertEqual(len(set(ids)), 11)
        self.assertEqual(c["metadata"], {"count": 1, "offset": 10, "total": 11, "cursors": {}})

    def test_object_filter(self):
        body = self.variants({"filter": {"sku": "GLOVE-STD"}})
        self.assertEqual(len(body["variants"]), 2)
        body = self.variants({"filter": {"productId": APRON, "stock.quantity": {"$gt": 0}}})
        self.assertEqual([v["sku"] for v in body["variants"]], ["APRON-S", "APRON-L"])
        self.assertEqual(self.variants({"filter": {"managedVariant": False}})["metadata"]["total"], 4)

    def test_errors(self):
        self.assertValidation(self.emu.v1("POST", self.PATH, {"query": {"filter": "{}"}}))
        self.assertValidation(self.emu.v1("POST", self.PATH, {"query": {"paging": {"limit": 101}}}))
        self.assertValidation(self.emu.v1("POST", self.PATH, {"query": {"filter": {"color": "x"}}}))
