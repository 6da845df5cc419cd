"""Requests in the form Wix's JS SDK sends them: `GET ...?.r=<base64url JSON>` for
inventory-item query/search/count and V1 Query Products (`query-platformized`)."""
import base64
import json

from tests.emu import EmulatorTestCase

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
