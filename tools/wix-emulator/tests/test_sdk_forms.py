"""Requests in the form Wix's JS SDK sends them: `GET ...?.r=<base64url JSON>` for
inventory-item query/search/count and V1 Query Products (`query-platformized`)."""
import base64
import json

from tests.emu import V1_SITE, EmulatorTestCase

V3I = "/stores/v3/inventory-items"
PLATFORMIZED = "/stores-reader/v1/products/query-platformized"


def dot_r(request):
    raw = base64.urlsafe_b64encode(json.dumps(request).encode()).decode().rstrip("=")
    return "?.r=" + raw


class SdkGetFormTest(EmulatorTestCase):
    def test_inventory_items_query_search_count_by_get_match_post(self):
        for tail, request in (("/query", {"query": {"filter": {"trackQuantity": True},
                                                    "cursorPaging": {"limit": 3}}}),
                              ("/search", {"search": {"filter": {"trackQuantity": True},
                                                      "cursorPaging": {"limit": 3}}}),
                              ("/count", {"filter": {"trackQuantity": True}})):
            by_get = self.emu.v3("GET", V3I + tail + dot_r(request))
            by_post = self.emu.v3("POST", V3I + tail, request)
            self.assertEqual(by_get.status, 200, by_get.raw)
            self.assertEqual(by_get.json, by_post.json)
        page = self.emu.v3("GET", V3I + "/query" + dot_r({"query": {"cursorPaging": {"limit": 3}}}))
        self.assertEqual(len(page.json["inventoryItems"]), 3)

    def test_get_without_r_is_the_empty_request(self):
        self.assertEqual(self.emu.v3("GET", V3I + "/query").json,
                         self.emu.v3("POST", V3I + "/query", {}).json)

    def test_unreadable_r_is_400(self):
        self.assertValidation(self.emu.v3("GET", V3I + "/query?.r=%%%"), ".r")
        self.assertValidation(self.emu.v3("GET", V3I + "/query" + dot_r([1])), ".r")

    def test_get_form_still_refuses_undeclared_fields(self):
        resp = self.emu.v3("GET", V3I + "/query" + dot_r(
            {"query": {"filter": {"noSuchField": 1}}}))
        self.assertValidation(resp, "noSuchField")

    def test_v1_query_platformized(self):
        request = {"query": {"filter": {"numericId": {"$gt": "0"}},
                             "sort": [{"fieldName": "numericId", "order": "ASC"}],
                             "paging": {"limit": 2, "offset": 0}}}
        resp = self.emu.v1("GET", PLATFORMIZED + dot_r(request))
        self.assertEqual(resp.status, 200, resp.raw)
        self.assertEqual(len(resp.json["products"]), 2)
        meta = resp.json["metadata"]
        self.assertEqual((meta["count"], meta["offset"]), (2, 0))
        self.assertGreater(meta["total"], 2)
        self.assertNotIn("totalResults", resp.json)
        ids = [p["numericId"] for p in resp.json["products"]]
        self.assertEqual(ids, sorted(ids, key=int))
        self.assertEqual(self.emu.v1("POST", PLATFORMIZED, request).json, resp.json)

    def test_v1_query_platformized_refuses_the_string_form(self):
        for request in ({"query": {"filter": "{}"}}, {"query": {"sort": "[]"}},
                        {"query": {}, "includeVariants": True},
                        {"query": {"cursorPaging": {"limit": 2}}}):
            self.assertValidation(self.emu.v1("GET", PLATFORMIZED + dot_r(request)))
        self.assertEqual(self.emu.v1("GET", "/stores/v1/products/query-platformized").status, 404)


SHELF, ZERO = "0ff4e579-ebac-4ebb-b18b-92c474f92676", "00000000-0000-0000-0000-000000000000"


class SdkRequestFieldsTest(EmulatorTestCase):
    """A body field the SDK's REST request type does not declare is a 400 (sdk_requests.py)."""

    def test_an_undeclared_field_is_400_and_changes_nothing(self):
        before = self.emu.truth(V1_SITE, "OAK-SHELF-60")
        resp = self.emu.v1("POST", "/stores/v2/inventoryItems/increment", {"incrementData": [
            {"productId": SHELF, "variantId": ZERO, "incrementBy": 1, "amount": 1}]})
        violation = self.assertValidation(resp, "incrementData[0].amount")
        self.assertEqual(violation["violatedRule"], "UNKNOWN_FIELD")
        self.assertIn("inventory.incrementInventory", violation["description"])
        self.assertEqual(self.emu.truth(V1_SITE, "OAK-SHELF-60"), before)

    def test_a_misspelt_track_quantity_is_refused_not_taken_as_false(self):
        resp = self.emu.v1("PATCH", "/stores/v2/inventoryItems/product/" + SHELF, {
            "inventoryItem": {"trackQuantaty": True, "variants": [{"variantId": ZERO, "quantity": 3}]}})
        self.assertValidation(resp, "inventoryItem.trackQuantaty")

    def test_a_flat_bulk_update_entry_is_refused(self):
        resp = self.emu.v3("POST", "/stores/v3/bulk/inventory-items/update", {"inventoryItems": [
            {"id": "a4cba58b-ff95-4bb2-a94d-5d39761cae13", "revision": "5", "quantity": 1}]})
        self.assertValidation(resp, "inventoryItems[0].id")

    def test_filters_are_free_and_the_get_form_is_checked_too(self):
        ok = self.emu.v3("POST", V3I + "/query", {"query": {"filter": {"trackQuantity": True}}})
        self.assertEqual(ok.status, 200, ok.raw)
        self.assertValidation(self.emu.v3("GET", V3I + "/query" + dot_r(
            {"query": {"cursorPaging": {"limit": 1}}, "fields": ["x"]})), "fields")
        self.assertValidation(self.emu.v1("POST", "/stores-reader/v1/products/query",
                                          {"query": {}, "includeVariant": True}), "includeVariant")


class SdkSortSpecTest(EmulatorTestCase):
    """Sorts the SDK's query specs mark `sort: NONE` are refused [SDK:inv3][SDK:loc3]."""

    def test_inventory_items_do_not_sort_on_ids(self):
        for path, key in ((V3I + "/query", "query"), (V3I + "/search", "search")):
            for field in ("id", "variantId", "locationId"):
                resp = self.emu.v3("POST", path, {key: {"sort": [{"fieldName": field}]}})
                self.assertValidation(resp, "Field '%s' is not declared as sortable" % field)
                ok = self.emu.v3("POST", path, {key: {"filter": {field: {"$ne": "x"}}}})
                self.assertEqual(ok.status, 200, ok.raw)
            ok = self.emu.v3("POST", path, {key: {"sort": [{"fieldName": "updatedDate"}]}})
            self.assertEqual(ok.status, 200, ok.raw)

    def test_locations_do_not_sort_on_ids(self):
        for field in ("id", "wixLocationId"):
            resp = self.emu.v3("POST", "/stores/v3/locations/query",
                               {"query": {"sort": [{"fieldName": field}]}})
            self.assertValidation(resp, "not declared as sortable")
        ok = self.emu.v3("POST", "/stores/v3/locations/query",
                         {"query": {"sort": [{"fieldName": "name"}]}})
        self.assertEqual(ok.status, 200, ok.raw)
