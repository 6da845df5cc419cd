"""eCom orders search/get and the simulated online checkout / cancellation."""
from tests.emu import V1_SITE, V3_SITE, ZERO, EmulatorTestCase

SEARCH = "/ecom/v1/orders/search"
APP_ID = "215238eb-22a5-4c36-9e7b-e7c08025e04e"
INITIALIZED_ORDER = "c1ba9a81-eb25-41f7-bbe3-5aacefc6aef6"


class OrdersSearchTest(EmulatorTestCase):
    def search(self, search=None, **kw):
        resp = self.emu.v1("POST", SEARCH, {"search": search or {}}, **kw)
        self.assertEqual(resp.status, 200, resp.raw)
        return resp.json

    def numbers(self, search=None):
        return [o["number"] for o in self.search(search)["orders"]]

    def test_defaults_hide_initialized_pending_rejected(self):
        body = self.search()
        self.assertEqual([o["number"] for o in body["orders"]], ["10006", "10004", "10001"])
        self.assertEqual(body["metadata"]["count"], 3)
        self.assertFalse(body["metadata"]["hasNext"])
        self.assertIn("cursors", body["metadata"])
        self.assertNotIn("pagingMetadata", body)

    def test_status_filters(self):
        self.assertEqual(self.numbers({"filter": {"status": "PENDING"}}), ["10002"])
        self.assertEqual(self.numbers({"filter": {"status": {"$in": ["APPROVED", "REJECTED"]}}}),
                         ["10006", "10005", "10001"])
        self.assertEqual(self.numbers({"filter": {"status": {"$eq": "INITIALIZED"}}}), [])
        self.assertEqual(self.numbers({"filter": {"status": {"$ne": "APPROVED"}}}), ["10004"])
        self.assertEqual(self.numbers({"filter": {"status": {"$nin": ["APPROVED"]}}}), ["10004"])

    def test_date_filters_and_sorts(self):
        since = {"filter": {"createdDate": {"$gte": "2026-01-14T00:00:00Z"}},
                 "sort": [{"fieldName": "createdDate", "order": "ASC"}]}
        self.assertEqual(self.numbers(since), ["10004", "10006"])
        self.assertEqual(self.numbers({"filter": {"createdDate": {"$lt": "2026-01-14T11:00:00.000Z"}}}),
                         ["10001"])
        self.assertEqual(self.numbers({"filter": {"createdDate": {"$lte": "2026-01-14T11:00:00.000Z"}}}),
                         ["10004", "10001"])
        upd = {"filter": {"updatedDate": {"$gt": "2026-01-11T00:00:00Z"}},
               "sort": [{"fieldName": "updatedDate", "order": "ASC"}]}
        self.assertEqual(self.numbers(upd), ["10001", "10004", "10006"])
        self.assertEqual(self.numbers({"sort": [{"fieldName": "number", "order": "ASC"}],
                                       "filter": {"status": {"$in": ["APPROVED", "CANCELED"]}}}),
                         ["10001", "10004", "10006"])

    def test_cursor_paging(self):
        first = self.search({"cursorPaging": {"limit": 2},
                             "sort": [{"fieldName": "createdDate", "order": "ASC"}]})
        self.assertEqual([o["number"] for o in first["orders"]], ["10001", "10004"])
        self.assertTrue(first["metadata"]["hasNext"])
        cursor = first["metadata"]["cursors"]["next"]
        second = self.search({"cursorPaging": {"limit": 2, "cursor": cursor}})
        self.assertEqual([o["number"] for o in second["orders"]], ["10006"])
        self.assertFalse(second["metadata"]["hasNext"])
        self.assertIsNone(second["metadata"]["cursors"]["next"])
        self.assertValidation(self.emu.v1("POST", SEARCH, {"search": {
            "cursorPaging": {"cursor": cursor}, "filter": {"status": "APPROVED"}}}))
        self.assertValidation(self.emu.v1("POST", SEARCH, {"search": {
            "cursorPaging": {"limit": 101}}}), "limit")
        self.assertValidation(self.emu.v1("POST", SEARCH, {"search": {
            "filter": {"lineItems.physicalProperties.sku": "X"}}}), "not declared as filterable")

    def test_order_shape(self):
        order = self.search({"filter": {"id": "dfc4f69f-0b75-46a9-8057-b6dd4a2e4c47"}})["orders"][0]
        for key in ("id", "number", "createdDate", "updatedDate", "status", "paymentStatus",
                    "fulfillmentStatus", "lineItems", "channelInfo"):
            self.assertIn(key, order)
        line = order["lineItems"][0]
        self.assertEqual(line["physicalProperties"]["sku"], "APRON-L")
        self.assertEqual(line["catalogReference"]["appId"], APP_ID)
        self.assertEqual(line["catalogReference"]["options"],
                         {"variantId": "00000000-0000-0003-0005-ad9cdc10d3b8"})
        self.assertEqual((line["restockQuantity"], line["refundQuantity"]), (0, 0))
        self.assertEqual(line["productName"]["original"], "Linen work apron")
        shelf = self.search({"filter": {"id": "6b5598bd-a182-4926-9f50-91045fb74f8b"}})["orders"][0]
        self.assertEqual(shelf["lineItems"][0]["catalogReference"]["options"], {})
        cancelled = self.search({"filter": {"status": "CANCELED"}})["orders"][0]
        self.assertEqual(cancelled["lineItems"][0]["restockQuantity"], 1)

    def test_get_order_includes_initialized(self):
        resp = self.emu.v1("GET", "/ecom/v1/orders/" + INITIALIZED_ORDER)
        self.assertEqual(resp.json["order"]["status"], "INITIALIZED")
        self.assertWixError(self.emu.v1("GET", "/ecom/v1/orders/nope"), 404)


class CheckoutTest(EmulatorTestCase):
    def qty(self, site, sku):
        return self.emu.truth(site, sku)[0]["quantity"]

    def test_v1_checkout_decrements_tracked_items(self):
        status, body = self.emu.admin("POST", "/checkout", {"siteId": V1_SITE, "lines": [
            {"sku": "OAK-SHELF-60", "quantity": 2}, {"sku": "MUG-HT", "quantity": 1}]})
        self.assertEqual(status, 200, body)
        order = body["order"]
        self.assertEqual((order["status"], order["paymentStatus"]), ("APPROVED", "PAID"))
        self.assertEqual(order["lineItems"][0]["catalogReference"]["catalogItemId"],
                         "0ff4e579-ebac-4ebb-b18b-92c474f92676")
        self.assertEqual(self.qty(V1_SITE, "OAK-SHELF-60"), 10)
        writes = self.emu.writes()
        self.assertEqual([(w["source"], w["kind"], w["amount"], w["sku"]) for w in writes],
                         [("checkout", "dec", 2, "OAK-SHELF-60")])  # mug is untracked
        found = self.emu.v1("POST", SEARCH, {"search": {"filter": {"id": order["id"]}}}).json
        self.assertEqual(found["orders"][0]["number"], order["number"])
        variant_line = self.emu.admin("POST", "/checkout", {"siteId": V1_SITE, "lines": [
            {"productId": "c3700f4d-d2c0-4492-8637-531225ede1a9",
             "variantId": "00000000-0000-0001-0005-ad9cdc10d3b8", "quantity": 1}]})[1]
        self.assertEqual(variant_line["order"]["lineItems"][0]["physicalProperties"]["sku"], "APRON-S")

    def test_checkout_refuses_oversell_unless_forced(self):
        status, body = self.emu.admin("POST", "/checkout", {"siteId": V1_SITE, "lines": [
            {"sku": "APRON-L", "quantity": 4}]})
        self.assertEqual((status, body["available"]), (409, 3))
        status, _ = self.emu.admin("POST", "/checkout", {"siteId": V1_SITE, "force": True,
                                                         "lines": [{"sku": "APRON-L", "quantity": 4}]})
        self.assertEqual(status, 200)
        self.assertEqual(self.qty(V1_SITE, "APRON-L"), -1)
        self.assertEqual(self.emu.admin("POST", "/checkout", {"siteId": V1_SITE, "lines": [
            {"sku": "NOPE", "quantity": 1}]})[0], 404)

    def test_cancel_with_and_without_restock(self):
        order = self.emu.admin("POST", "/checkout", {"siteId": V1_SITE, "lines": [
            {"sku": "OAK-SHELF-60", "quantity": 3}]})[1]["order"]
        mark = order["updatedDate"]
        status, body = self.emu.admin("POST", "/cancel", {"siteId": V1_SITE, "orderId": order["id"],
                                                          "restock": True})
        self.assertEqual(status, 200)
        self.assertEqual(body["order"]["status"], "CANCELED")
        self.assertGreater(body["order"]["updatedDate"], mark)
        self.assertEqual(body["order"]["lineItems"][0]["restockQuantity"], 3)
        self.assertEqual(self.qty(V1_SITE, "OAK-SHELF-60"), 12)
        changed = self.emu.v1("POST", SEARCH, {"search": {"filter": {
            "updatedDate": {"$gt": mark}}}}).json["orders"]
        self.assertEqual([o["id"] for o in changed], [order["id"]])
        self.assertEqual(self.emu.admin("POST", "/cancel", {"siteId": V1_SITE,
                                                            "orderId": order["id"]})[0], 409)
        other = self.emu.admin("POST", "/checkout", {"siteId": V1_SITE, "lines": [
            {"sku": "OAK-SHELF-60", "quantity": 1}]})[1]["order"]
        self.emu.admin("POST", "/cancel", {"siteId": V1_SITE, "orderId": other["id"]})
        self.assertEqual(self.qty(V1_SITE, "OAK-SHELF-60"), 11)

    def test_v3_checkout_uses_default_location(self):
        body = self.emu.admin("POST", "/checkout", {"siteId": V3_SITE, "lines": [
            {"sku": "ROPE-10M", "quantity": 2}]})[1]
        line = body["order"]["lineItems"][0]
        self.assertEqual(line["catalogReference"]["options"],
                         {"variantId": "9fc74270-b13c-4a24-a2ed-38aa4f7ee681"})
        rows = {r["locationId"]: r for r in self.emu.truth(V3_SITE, "ROPE-10M")}
        self.assertEqual(rows["d60551ad-bea6-4ed2-b693-1212dca8519f"]["quantity"], 18)
        self.assertEqual(rows["d60551ad-bea6-4ed2-b693-1212dca8519f"]["revision"], "6")
        self.assertEqual(rows["e7645d5b-9470-4765-9276-2b171e65bc4f"]["quantity"], 4)

    def test_order_update(self):
        status, body = self.emu.admin("POST", "/orders/update", {
            "siteId": V1_SITE, "orderId": "2f7d07a5-65be-4e7d-bf77-b03ffbcdac91",
            "status": "APPROVED", "paymentStatus": "PAID"})
        self.assertEqual(status, 200)
        numbers = [o["number"] for o in self.emu.v1("POST", SEARCH, {}).json["orders"]]
        self.assertIn("10002", numbers)

    def test_zero_variant_reference_for_simple_product(self):
        ref = self.emu.admin("POST", "/checkout", {"siteId": V1_SITE, "lines": [
            {"productId": "0ff4e579-ebac-4ebb-b18b-92c474f92676", "variantId": ZERO,
             "quantity": 1}]})
        self.assertEqual(ref[0], 200)
