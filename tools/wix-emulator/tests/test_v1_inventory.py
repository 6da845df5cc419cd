"""Catalog V1 inventory: query, getVariants, absolute PATCH, increment/decrement."""
import json

from tests.emu import V1_SITE, ZERO, EmulatorTestCase

INV = "/stores/v2/inventoryItems"
SHELF, SHELF_INV = "0ff4e579-ebac-4ebb-b18b-92c474f92676", "558649eb-464f-41e0-bef6-ac4ae64b4441"
APRON, APRON_INV = "c3700f4d-d2c0-4492-8637-531225ede1a9", "611c4572-b352-49f9-b899-7083fe381f6b"
APRON_S, APRON_M = "00000000-0000-0001-0005-ad9cdc10d3b8", "00000000-0000-0002-0005-ad9cdc10d3b8"
MUG = "ae30c579-77a3-421d-a0df-826d5246a3b6"
BRACKET = "4927b044-ff6b-4e82-af5e-0d13196d2314"


class V1InventoryTest(EmulatorTestCase):
    def qty(self, sku):
        return self.emu.truth(V1_SITE, sku)[0]["quantity"]

    def ok(self, resp):
        self.assertEqual(resp.status, 200, resp.raw)
        return resp.json

    # -- reads ------------------------------------------------------------------------
    def test_query_both_prefixes(self):
        body = {"query": {"paging": {"limit": 3}}}
        a = self.ok(self.emu.v1("POST", INV + "/query", body))
        b = self.ok(self.emu.v1("POST", "/stores-reader/v2/inventoryItems/query", body))
        self.assertEqual(a, b)
        self.assertEqual(a["totalResults"], 7)  # inventory items include hidden products
        self.assertEqual(a["metadata"], {"items": 3, "offset": 0})
        item = a["inventoryItems"][0]
        self.assertEqual(item["id"], SHELF_INV)
        self.assertEqual(item["externalId"], SHELF)
        self.assertEqual(item["variants"], [{"variantId": ZERO, "inStock": True,
                                             "availableForPreorder": False, "quantity": 12}])
        self.assertIsInstance(item["numericId"], str)

    def test_query_crawl_and_filters(self):
        seen, last = [], None
        while True:
            filt = {"numericId": {"$gt": last}} if last else {}
            page = self.ok(self.emu.v1("POST", INV + "/query", {"query": {
                "filter": json.dumps(filt), "sort": '[{"fieldName":"numericId","order":"ASC"}]',
                "paging": {"limit": 3}}}))["inventoryItems"]
            if not page:
                break
            seen += [i["id"] for i in page]
            last = page[-1]["numericId"]
        self.assertEqual(len(seen), 7)
        body = self.ok(self.emu.v1("POST", INV + "/query", {"query": {
            "filter": json.dumps({"productId": {"$in": [APRON, MUG]}})}}))
        self.assertEqual(body["totalResults"], 2)
        mug = [i for i in body["inventoryItems"] if i["productId"] == MUG][0]
        self.assertEqual(mug["trackQuantity"], False)
        self.assertNotIn("quantity", mug["variants"][0])

    def test_get_variants_every_way(self):
        for method in ("GET", "POST"):
            for path in (INV + "/" + APRON_INV + "/getVariants",
                         INV + "/product/" + APRON + "/getVariants",
                         INV + "/external/" + APRON + "/getVariants",
                         "/stores-reader/v2/inventoryItems/product/" + APRON + "/getVariants"):
                body = self.ok(self.emu.v1(method, path, {} if method == "POST" else None))
                self.assertEqual(body["inventoryItem"]["id"], APRON_INV, path)
                self.assertEqual(len(body["inventoryItem"]["variants"]), 3)
        body = self.ok(self.emu.v1("POST", INV + "/product/" + APRON + "/getVariants",
                                   {"variantIds": [APRON_M]}))
        self.assertEqual(body["inventoryItem"]["variants"][0]["quantity"], 0)
        self.assertEqual(len(body["inventoryItem"]["variants"]), 1)
        self.assertWixError(self.emu.v1("GET", INV + "/nope/getVariants"), 404,
                            "INVENTORY_ITEM_NOT_FOUND")
        self.assertWixError(self.emu.v1("GET", INV + "/product/nope/getVariants"), 404,
                            "PRODUCT_NOT_FOUND")

    # -- absolute set -----------------------------------------------------------------
    def test_patch_by_product_sets_only_listed_variants(self):
        before = self.emu.truth(V1_SITE)
        resp = self.emu.v1("PATCH", INV + "/product/" + APRON, {"inventoryItem": {
            "trackQuantity": True, "variants": [{"variantId": APRON_M, "quantity": 9}]}})
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.json, {})
        self.assertEqual(self.qty("APRON-M"), 9)
        self.assertEqual(self.qty("APRON-S"), 5)
        writes = self.emu.writes()
        self.assertEqual(len(writes), 1)
        self.assertEqual({k: writes[0][k] for k in ("kind", "amount", "before", "after", "sku")},
                         {"kind": "set", "amount": 9, "before": 0, "after": 9, "sku": "APRON-M"})
        after = self.emu.truth(V1_SITE, "APRON-M")[0]
        old = [r for r in before if r["sku"] == "APRON-M"][0]
        self.assertGreater(after["lastUpdated"], old["lastUpdated"])

    def test_patch_by_inventory_id_and_incremental_query(self):
        mark = max(r["lastUpdated"] for r in self.emu.truth(V1_SITE))
        self.ok(self.emu.v1("PATCH", INV + "/" + SHELF_INV, {"inventoryItem": {
            "trackQuantity": True, "variants": [{"variantId": ZERO, "quantity": 3}]}}))
        self.assertEqual(self.qty("OAK-SHELF-60"), 3)
        changed = self.ok(self.emu.v1("POST", INV + "/query", {"query": {
            "filter": json.dumps({"lastUpdated": {"$gt": mark}})}}))
        self.assertEqual([i["productId"] for i in changed["inventoryItems"]], [SHELF])
        products = self.ok(self.emu.v1("POST", "/stores/v1/products/query", {"query": {
            "filter": json.dumps({"lastUpdated": {"$gt": mark}})}}))
        self.assertEqual(products["products"][0]["stock"]["quantity"], 3)

    def test_patch_tracking_rules(self):
        mug = INV + "/product/" + MUG
        self.assertWixError(self.emu.v1("PATCH", mug, {"inventoryItem": {
            "variants": [{"variantId": ZERO, "quantity": 4}]}}), 428, "INVENTORY_QUANTITY_NOT_TRACKED")
        self.ok(self.emu.v1("PATCH", mug, {"inventoryItem": {
            "variants": [{"variantId": ZERO, "inStock": False}]}}))
        self.assertFalse(self.emu.truth(V1_SITE, "MUG-HT")[0]["inStock"])
        self.ok(self.emu.v1("PATCH", mug, {"inventoryItem": {
            "trackQuantity": True, "variants": [{"variantId": ZERO, "quantity": 4}]}}))
        row = self.emu.truth(V1_SITE, "MUG-HT")[0]
        self.assertEqual((row["trackQuantity"], row["quantity"]), (True, 4))
        self.assertWixError(self.emu.v1("PATCH", INV + "/product/" + SHELF, {"inventoryItem": {
            "trackQuantity": True, "variants": [{"variantId": ZERO, "inStock": True}]}}), 428)

    def test_patch_without_track_quantity_means_untracked(self):
        # [SDK:inv1] 1.0.81: an omitted trackQuantity is false and overwrites the tracking of
        # every variant of the product, not only the listed ones.
        apron = INV + "/product/" + APRON
        self.assertWixError(self.emu.v1("PATCH", apron, {"inventoryItem": {
            "variants": [{"variantId": APRON_M, "quantity": 9}]}}), 428,
            "INVENTORY_QUANTITY_NOT_TRACKED")
        self.assertEqual(self.qty("APRON-M"), 0)
        self.assertTrue(all(r["trackQuantity"] for r in self.emu.truth(V1_SITE)
                            if r["sku"].startswith("APRON-")))
        self.ok(self.emu.v1("PATCH", apron, {"inventoryItem": {"variants": []}}))
        rows = [r for r in self.emu.truth(V1_SITE) if r["sku"].startswith("APRON-")]
        self.assertEqual(len(rows), 3)
        self.assertFalse(any(r["trackQuantity"] for r in rows))
        self.assertWixError(self.emu.v1("POST", INV + "/increment", {"incrementData": [
            {"productId": APRON, "variantId": APRON_S, "incrementBy": 1}]}), 428,
            "INVENTORY_QUANTITY_NOT_TRACKED")

    def test_patch_errors_change_nothing(self):
        path = INV + "/product/" + APRON
        cases = [({"inventoryItem": {"trackQuantity": True, "variants": [{"variantId": APRON_S, "quantity": 1},
                                                  {"variantId": "nope", "quantity": 1}]}}, 404),
                 ({"inventoryItem": {"trackQuantity": True, "variants": [{"variantId": APRON_S, "quantity": -1}]}}, 400),
                 ({"inventoryItem": {"trackQuantity": True, "variants": [{"variantId": APRON_S, "quantity": 100000}]}}, 400),
                 ({"inventoryItem": {"trackQuantity": True, "variants": [{"variantId": APRON_S, "quantity": 1,
                                                   "inStock": True}]}}, 400),
                 ({}, 400)]
        for body, status in cases:
            self.assertWixError(self.emu.v1("PATCH", path, body), status)
        self.assertEqual(self.qty("APRON-S"), 5)
        self.assertEqual(self.emu.writes(), [])
        self.assertWixError(self.emu.v1("PATCH", INV + "/product/nope", {"inventoryItem": {}}), 404)

    # -- deltas -----------------------------------------------------------------------
    def test_increment_and_decrement(self):
        resp = self.emu.v1("POST", INV + "/increment", {"incrementData": [
            {"productId": SHELF, "variantId": ZERO, "incrementBy": 5},
            {"inventoryId": APRON_INV, "variantId": APRON_S, "incrementBy": 1}]})
        self.assertEqual((resp.status, resp.json), (200, {}))
        self.assertEqual((self.qty("OAK-SHELF-60"), self.qty("APRON-S")), (17, 6))
        resp = self.emu.v1("POST", INV + "/decrement", {"decrementData": [
            {"productId": SHELF, "variantId": ZERO, "decrementBy": 17}]})
        self.assertEqual((resp.status, resp.json), (200, {}))
        self.assertEqual(self.qty("OAK-SHELF-60"), 0)
        kinds = [(w["kind"], w["amount"], w["before"], w["after"]) for w in self.emu.writes()]
        self.assertEqual(kinds, [("inc", 5, 12, 17), ("inc", 1, 5, 6), ("dec", 17, 17, 0)])
        self.assertEqual(len({w["id"] for w in self.emu.writes()}), 3)

    def test_entry_count_limits(self):
        one = {"productId": SHELF, "variantId": ZERO, "incrementBy": 1}
        self.assertValidation(self.emu.v1("POST", INV + "/increment", {"incrementData": []}))
        self.assertValidation(self.emu.v1("POST", INV + "/increment", {}))
        self.assertValidation(self.emu.v1("POST", INV + "/increment",
                                          {"incrementData": [one] * 301}), "300")
        self.ok(self.emu.v1("POST", INV + "/increment", {"incrementData": [one] * 300}))
        self.assertEqual(self.qty("OAK-SHELF-60"), 312)

    def test_entry_validation(self):
        bad = [{"variantId": ZERO, "incrementBy": 1},
               {"productId": SHELF, "inventoryId": SHELF_INV, "variantId": ZERO, "incrementBy": 1},
               {"productId": SHELF, "incrementBy": 1},
               {"productId": SHELF, "variantId": ZERO, "incrementBy": 0},
               {"productId": SHELF, "variantId": ZERO, "incrementBy": "2"}]
        for entry in bad:
            self.assertValidation(self.emu.v1("POST", INV + "/increment", {"incrementData": [entry]}))
        self.assertWixError(self.emu.v1("POST", INV + "/increment", {"incrementData": [
            {"productId": "nope", "variantId": ZERO, "incrementBy": 1}]}), 404, "PRODUCT_NOT_FOUND")
        self.assertWixError(self.emu.v1("POST", INV + "/increment", {"incrementData": [
            {"productId": SHELF, "variantId": APRON_S, "incrementBy": 1}]}), 404, "VARIANT_NOT_FOUND")

    def test_decrement_below_zero_refused_atomically(self):
        resp = self.emu.v1("POST", INV + "/decrement", {"decrementData": [
            {"productId": SHELF, "variantId": ZERO, "decrementBy": 1},
            {"productId": APRON, "variantId": APRON_S, "decrementBy": 3},
            {"productId": APRON, "variantId": APRON_S, "decrementBy": 3}]})
        body = self.assertWixError(resp, 428, "INSUFFICIENT_INVENTORY")
        self.assertEqual(body["details"]["applicationError"]["data"]["index"], 2)
        self.assertEqual((self.qty("OAK-SHELF-60"), self.qty("APRON-S")), (12, 5))
        self.assertEqual(self.emu.writes(), [])

    def test_preorder_allows_negative_up_to_limit(self):
        entry = {"productId": BRACKET, "variantId": ZERO, "decrementBy": 4, "preorderRequest": True}
        self.ok(self.emu.v1("POST", INV + "/decrement", {"decrementData": [entry]}))
        self.assertEqual(self.qty("BRACKET-CI"), -4)
        entry["decrementBy"] = 7  # limit is 10
        self.assertWixError(self.emu.v1("POST", INV + "/decrement", {"decrementData": [entry]}), 428)
        del entry["preorderRequest"]
        entry["decrementBy"] = 1
        self.assertWixError(self.emu.v1("POST", INV + "/decrement", {"decrementData": [entry]}), 428,
                            "INSUFFICIENT_INVENTORY")

    def test_untracked_refuses_deltas(self):
        self.assertWixError(self.emu.v1("POST", INV + "/increment", {"incrementData": [
            {"productId": MUG, "variantId": ZERO, "incrementBy": 1}]}), 428,
            "INVENTORY_QUANTITY_NOT_TRACKED")

    def test_max_quantity(self):
        self.assertWixError(self.emu.v1("POST", INV + "/increment", {"incrementData": [
            {"productId": SHELF, "variantId": ZERO, "incrementBy": 99990}]}), 428,
            "MAX_QUANTITY_LIMIT_REACHED")
