"""Catalog V3 inventory items: query/search/get/count, bulk update with revisions,
bulk increment/decrement, create."""
from tests.emu import V3_SITE, EmulatorTestCase

V3I = "/stores/v3/inventory-items"
BULK = "/stores/v3/bulk/inventory-items"
ROPE = "a4cba58b-ff95-4bb2-a94d-5d39761cae13"          # quantity 20, revision 5
ROPE_BACK = "463b462d-04cd-4279-9185-f8e11aacb62f"     # back room, 4
JACKET_L = "e4211a67-c329-44d7-92bf-267f2c235121"      # 0
STICKERS = "f8eae21a-ad3c-4a2c-80d0-dc2746e6d11a"      # untracked
CLEAT = "b1f2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c10"         # 0, preorder limit 5
FLAGS_VARIANT = "b1f2c3d4-5e6f-4a7b-8c9d-0e1f2a3b4c0a"  # no inventory item
ROPE_VARIANT = "9fc74270-b13c-4a24-a2ed-38aa4f7ee681"
MAIN, BACK = "d60551ad-bea6-4ed2-b693-1212dca8519f", "e7645d5b-9470-4765-9276-2b171e65bc4f"


def wrap(item_id, revision, **fields):
    return {"inventoryItem": dict(id=item_id, revision=revision, **fields)}


class V3InventoryReadTest(EmulatorTestCase):
    def post(self, path, body):
        resp = self.emu.v3("POST", path, body)
        self.assertEqual(resp.status, 200, resp.raw)
        return resp.json

    def test_query_cursor_paging(self):
        body = self.post(V3I + "/query", {"query": {"cursorPaging": {"limit": 5}}})
        ids = [i["id"] for i in body["inventoryItems"]]
        self.assertNotIn("hasNext", body["pagingMetadata"])
        while body["pagingMetadata"]["cursors"]["next"]:
            body = self.post(V3I + "/query", {"query": {"cursorPaging": {
                "cursor": body["pagingMetadata"]["cursors"]["next"], "limit": 5}}})
            ids += [i["id"] for i in body["inventoryItems"]]
        self.assertEqual(len(ids), 12)
        self.assertEqual(len(set(ids)), 12)

    def test_cursor_with_filter_or_sort_is_400(self):
        body = self.post(V3I + "/query", {"query": {"filter": {"trackQuantity": True},
                                                    "cursorPaging": {"limit": 2}}})
        cursor = body["pagingMetadata"]["cursors"]["next"]
        for path, key in ((V3I + "/query", "query"), (V3I + "/search", "search")):
            for extra in ({"filter": {"trackQuantity": True}},
                          {"sort": [{"fieldName": "updatedDate", "order": "ASC"}]}):
                resp = self.emu.v3("POST", path, {key: dict(extra, cursorPaging={"cursor": cursor})})
                self.assertValidation(resp, "cursor")
        self.assertValidation(self.emu.v3("POST", V3I + "/query", {"query": {
            "cursorPaging": {"limit": 1001}}}), "limit")

    def test_offset_paging_and_filters(self):
        body = self.post(V3I + "/query", {"query": {"paging": {"limit": 5, "offset": 10}}})
        self.assertEqual(len(body["inventoryItems"]), 2)
        self.assertEqual(body["pagingMetadata"]["offset"], 10)
        by_sku = self.post(V3I + "/query", {"query": {"filter": {
            "product.variantSku": {"$eq": "ROPE-10M"}, "locationId": MAIN}}})["inventoryItems"]
        self.assertEqual([i["id"] for i in by_sku], [ROPE])
        item = by_sku[0]
        self.assertEqual((item["revision"], item["quantity"], item["trackQuantity"]), ("5", 20, True))
        self.assertNotIn("inStock", item)
        stickers = self.post(V3I + "/query", {"query": {"filter": {"trackQuantity": False}}})
        self.assertEqual(stickers["inventoryItems"][0]["inStock"], True)
        self.assertNotIn("quantity", stickers["inventoryItems"][0])
        low = self.post(V3I + "/query", {"query": {"filter": {"quantity": {"$lte": 0}},
                                                   "sort": [{"fieldName": "quantity"}]}})
        self.assertEqual({i["id"] for i in low["inventoryItems"]}, {JACKET_L, CLEAT})
        self.assertValidation(self.emu.v3("POST", V3I + "/query", {"query": {
            "filter": {"revision": "1"}}}), "not declared as filterable")

    def test_search_has_next_and_expression(self):
        body = self.post(V3I + "/search", {"search": {"cursorPaging": {"limit": 1},
                                                      "search": {"expression": "rope"}}})
        self.assertTrue(body["pagingMetadata"]["hasNext"])
        body = self.post(V3I + "/search", {"search": {"cursorPaging": {
            "limit": 1, "cursor": body["pagingMetadata"]["cursors"]["next"]}}})
        self.assertEqual(body["inventoryItems"][0]["id"], ROPE_BACK)
        self.assertFalse(body["pagingMetadata"]["hasNext"])

    def test_get_and_count(self):
        item = self.emu.v3("GET", V3I + "/" + ROPE).json["inventoryItem"]
        self.assertEqual(item["locationId"], MAIN)
        self.assertEqual(item["product"]["variantSku"], "ROPE-10M")
        self.assertWixError(self.emu.v3("GET", V3I + "/nope"), 404)
        self.assertEqual(self.post(V3I + "/count", {"filter": {"locationId": BACK}}), {"count": 1})

    def test_incremental_by_updated_date(self):
        mark = max(i["updatedDate"] for i in self.post(V3I + "/query", {"query": {
            "cursorPaging": {"limit": 100}}})["inventoryItems"])
        self.post(BULK + "/increment", {"incrementData": [{"inventoryItemId": ROPE, "incrementBy": 1}]})
        changed = self.post(V3I + "/query", {"query": {"filter": {"updatedDate": {"$gt": mark}}}})
        self.assertEqual([i["id"] for i in changed["inventoryItems"]], [ROPE])


class V3InventoryWriteTest(EmulatorTestCase):
    def post(self, path, body, status=200):
        resp = self.emu.v3("POST", path, body)
        self.assertEqual(resp.status, status, resp.raw)
        return resp.json

    def item(self, item_id):
        return self.emu.v3("GET", V3I + "/" + item_id).json["inventoryItem"]

    def test_bulk_update_and_revision(self):
        body = self.post(BULK + "/update", {"inventoryItems": [wrap(ROPE, "5", quantity=7)],
                                            "returnEntity": True})
        result = body["results"][0]
        self.assertEqual(result["itemMetadata"], {"id": ROPE, "originalIndex": 0, "success": True})
        self.assertEqual((result["item"]["quantity"], result["item"]["revision"]), (7, "6"))
        self.assertEqual(body["bulkActionMetadata"],
                         {"totalSuccesses": 1, "totalFailures": 0, "undetailedFailures": 0})
        # A stale revision fails per item; the HTTP status stays 200.
        body = self.post(BULK + "/update", {"inventoryItems": [
            wrap(ROPE, "5", quantity=1), wrap(JACKET_L, "1", quantity=2)]})
        meta = [r["itemMetadata"] for r in body["results"]]
        self.assertEqual((meta[0]["success"], meta[0]["error"]["code"]), (False, "REVISION_MISMATCH"))
        self.assertEqual((meta[1]["success"], meta[1]["originalIndex"]), (True, 1))
        self.assertNotIn("item", body["results"][1])
        self.assertEqual(body["bulkActionMetadata"]["totalFailures"], 1)
        self.assertEqual(self.item(ROPE)["quantity"], 7)
        self.assertEqual(self.emu.truth(V3_SITE, "JACKET-L")[0]["revision"], "2")

    def test_bulk_update_shape_errors(self):
        cases = [{"inventoryItems": [{"id": ROPE, "revision": "5", "quantity": 1}]},  # flat
                 {"inventoryItems": [wrap(ROPE, None, quantity=1)]},
                 {"inventoryItems": [{"inventoryItem": {"revision": "5", "quantity": 1}}]},
                 {"inventoryItems": [wrap(ROPE, "5", quantity=1, inStock=True)]},
                 {"inventoryItems": [wrap(ROPE, "5", quantity=100000)]},
                 {"inventoryItems": []},
                 {"inventoryItems": [wrap(ROPE, "5", quantity=1)] * 1001}]
        for body in cases:
            self.assertValidation(self.emu.v3("POST", BULK + "/update", body))
        self.assertEqual(self.item(ROPE)["revision"], "5")

    def test_bulk_update_switches_tracking_and_guards_negatives(self):
        self.post(BULK + "/update", {"inventoryItems": [wrap(STICKERS, "1", quantity=3)]})
        item = self.item(STICKERS)
        self.assertEqual((item["trackQuantity"], item["quantity"]), (True, 3))
        body = self.post(BULK + "/update", {"inventoryItems": [wrap(STICKERS, "2", quantity=-2)]})
        self.assertEqual(body["results"][0]["itemMetadata"]["error"]["code"],
                         "REQUESTED_QUANTITY_MUST_BE_NON_NEGATIVE_DECREASING")
        self.post(BULK + "/update", {"inventoryItems": [wrap(STICKERS, "2", inStock=False)]})
        self.assertEqual(self.item(STICKERS)["availabilityStatus"], "OUT_OF_STOCK")
        body = self.post(BULK + "/update", {"inventoryItems": [wrap("nope", "1", quantity=1)]})
        self.assertFalse(body["results"][0]["itemMetadata"]["success"])

    def test_patch_single_item_conflict_is_409(self):
        resp = self.emu.v3("PATCH", V3I + "/" + ROPE, {"inventoryItem": {"revision": "4",
                                                                         "quantity": 1}})
        self.assertWixError(resp, 409, "REVISION_MISMATCH")
        resp = self.emu.v3("PATCH", V3I + "/" + ROPE, {"inventoryItem": {"revision": "5",
                                                                         "quantity": 1}})
        self.assertEqual(resp.json["inventoryItem"]["revision"], "6")
        self.assertValidation(self.emu.v3("PATCH", V3I + "/" + ROPE, {"inventoryItem": {
            "quantity": 1}}), "revision")

    def test_increment_decrement(self):
        body = self.post(BULK + "/decrement", {"decrementData": [
            {"inventoryItemId": ROPE, "decrementBy": 5},
            {"inventoryItemId": STICKERS, "decrementBy": 1},
            {"inventoryItemId": JACKET_L, "decrementBy": 1},
            {"inventoryItemId": "nope", "decrementBy": 1}]})
        codes = [r["itemMetadata"].get("error", {}).get("code") for r in body["results"]]
        self.assertEqual(codes, [None, "INVENTORY_QUANTITY_NOT_TRACKED", "INSUFFICIENT_INVENTORY",
                                 "NOT_FOUND"])
        self.assertEqual(body["bulkActionMetadata"]["totalSuccesses"], 1)
        rope = self.item(ROPE)
        self.assertEqual((rope["quantity"], rope["revision"]), (15, "6"))
        self.post(BULK + "/decrement", {"decrementData": [{"inventoryItemId": JACKET_L,
                                                           "decrementBy": 2}],
                                        "restrictInventory": False})
        self.assertEqual(self.item(JACKET_L)["quantity"], -2)
        body = self.post(BULK + "/increment", {"incrementData": [
            {"inventoryItemId": ROPE, "incrementBy": 99990}], "returnEntity": True})
        self.assertEqual(body["results"][0]["itemMetadata"]["error"]["code"],
                         "MAX_QUANTITY_LIMIT_REACHED")
        body = self.post(BULK + "/increment", {"incrementData": [
            {"inventoryItemId": ROPE, "incrementBy": 5}], "returnEntity": True})
        self.assertEqual(body["results"][0]["item"]["quantity"], 20)
        log = [(w["kind"], w["amount"], w["before"], w["after"]) for w in self.emu.writes()]
        self.assertEqual(log, [("dec", 5, 20, 15), ("dec", 2, 0, -2), ("inc", 5, 15, 20)])

    def test_increment_validation(self):
        one = {"inventoryItemId": ROPE, "incrementBy": 1}
        for body in ({"incrementData": []}, {"incrementData": [one] * 301},
                     {"incrementData": [dict(one, incrementBy=0)]},
                     {"incrementData": [dict(one, incrementBy=100000)]},
                     {"incrementData": [{"incrementBy": 1}]}):
            self.assertValidation(self.emu.v3("POST", BULK + "/increment", body))
        body = self.post(BULK + "/increment", {"incrementData": [one] * 300})
        self.assertEqual(body["bulkActionMetadata"]["totalSuccesses"], 300)
        self.assertEqual(self.item(ROPE)["quantity"], 320)

    def test_preorder_decrement_uses_counter(self):
        self.post(BULK + "/decrement", {"decrementData": [
            {"inventoryItemId": CLEAT, "decrementBy": 2, "preorderRequest": True}]})
        item = self.item(CLEAT)
        self.assertEqual((item["quantity"], item["preorderInfo"]["counter"]), (0, 2))
        self.assertEqual(item["availabilityStatus"], "PREORDER")
        body = self.post(BULK + "/decrement", {"decrementData": [
            {"inventoryItemId": CLEAT, "decrementBy": 4, "preorderRequest": True}]})
        self.assertFalse(body["results"][0]["itemMetadata"]["success"])

    def test_by_variant_and_location(self):
        body = self.post(BULK + "/decrement-by-variant-and-location", {"decrementData": [
            {"variantId": ROPE_VARIANT, "locationId": BACK, "decrementBy": 4},
            {"variantId": FLAGS_VARIANT, "locationId": MAIN, "decrementBy": 1}]})
        self.assertEqual([r["itemMetadata"]["success"] for r in body["results"]], [True, False])
        self.assertEqual(body["results"][1]["itemMetadata"]["error"]["code"], "NOT_FOUND")
        self.assertEqual(self.item(ROPE_BACK)["quantity"], 0)
        self.post(BULK + "/increment-by-variant-and-location", {"incrementData": [
            {"variantId": ROPE_VARIANT, "locationId": MAIN, "incrementBy": 1}]})
        self.assertEqual(self.item(ROPE)["quantity"], 21)

    def test_create_items(self):
        resp = self.emu.v3("POST", V3I, {"inventoryItem": {"variantId": FLAGS_VARIANT,
                                                           "quantity": 6}})
        self.assertEqual(resp.status, 200, resp.raw)
        item = resp.json["inventoryItem"]
        self.assertEqual((item["locationId"], item["quantity"], item["revision"]), (MAIN, 6, "1"))
        self.assertWixError(self.emu.v3("POST", V3I, {"inventoryItem": {
            "variantId": FLAGS_VARIANT, "quantity": 1}}), 409, "ITEM_ALREADY_EXISTS")
        self.assertValidation(self.emu.v3("POST", V3I, {"inventoryItem": {
            "variantId": ROPE_VARIANT, "locationId": BACK, "quantity": -1}}))
        body = self.post(BULK + "/create", {"inventoryItems": [
            {"variantId": FLAGS_VARIANT, "locationId": BACK, "inStock": True},
            {"variantId": FLAGS_VARIANT, "quantity": 1}], "returnEntity": True})
        self.assertEqual([r["itemMetadata"]["success"] for r in body["results"]], [True, False])
        self.assertEqual(body["results"][1]["itemMetadata"]["error"]["code"], "ITEM_ALREADY_EXISTS")
        self.assertEqual(body["results"][0]["item"]["inStock"], True)
        self.assertValidation(self.emu.v3("POST", BULK + "/create", {"inventoryItems": [
            {"inventoryItem": {"variantId": FLAGS_VARIANT}}]}))
        rows = self.emu.truth(V3_SITE, "FLAGS-SET")
        self.assertEqual(len(rows), 2)
