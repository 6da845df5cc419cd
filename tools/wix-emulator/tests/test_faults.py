"""Every fault kind, including apply-then-drop: the write lands although the client never
gets an answer, and the applied-writes log shows it exactly once."""
import http.client
import json
import time

from tests.emu import V1_KEY, V1_SITE, V3_SITE, ZERO, EmulatorTestCase

VERSION = "/stores/v3/provision/version"
INC = "/stores/v2/inventoryItems/increment"
SHELF = "0ff4e579-ebac-4ebb-b18b-92c474f92676"
INC_BODY = {"incrementData": [{"productId": SHELF, "variantId": ZERO, "incrementBy": 1}]}
CLIENT_ERRORS = (http.client.HTTPException, OSError)


class FaultsTest(EmulatorTestCase):
    def fault(self, **spec):
        status, body = self.emu.admin("POST", "/faults", spec)
        self.assertEqual(status, 200, body)
        return body["faults"][0]

    def shelf(self):
        return self.emu.truth(V1_SITE, "OAK-SHELF-60")[0]["quantity"]

    def last_request(self):
        return self.emu.admin("GET", "/requests")[1]["requests"][-1]

    def test_latency(self):
        self.fault(kind="latency", path=VERSION, ms=300)
        started = time.monotonic()
        self.assertEqual(self.emu.v1("GET", VERSION).status, 200)
        self.assertGreaterEqual(time.monotonic() - started, 0.3)
        started = time.monotonic()
        self.emu.v1("GET", VERSION)
        self.assertLess(time.monotonic() - started, 0.25)

    def test_429_with_and_without_retry_after(self):
        self.fault(kind="429", path=VERSION)
        resp = self.emu.v1("GET", VERSION)
        self.assertWixError(resp, 429)
        self.assertIsNone(resp.header("retry-after"))
        self.fault(kind="429", path=VERSION, retryAfter=7)
        resp = self.emu.v1("GET", VERSION)
        self.assertEqual((resp.status, resp.header("retry-after")), (429, "7"))

    def test_5xx_bodies_and_not_applied(self):
        for kind in ("500", "503", "504"):
            self.fault(kind=kind, path=INC)
            resp = self.emu.v1("POST", INC, INC_BODY)
            self.assertEqual(resp.status, int(kind))
            self.assertEqual(resp.json, {"message": "", "details": {}})
        self.assertEqual(self.shelf(), 12)
        self.fault(kind="http", path=INC, status=502)
        self.assertEqual(self.emu.v1("POST", INC, INC_BODY).status, 502)

    def test_5xx_after_apply(self):
        self.fault(kind="500", path=INC, apply=True)
        self.assertEqual(self.emu.v1("POST", INC, INC_BODY).status, 500)
        self.assertEqual(self.shelf(), 13)

    def test_drop_after_apply(self):
        self.fault(kind="drop_after_apply", path=INC, method="POST")
        with self.assertRaises(CLIENT_ERRORS):
            self.emu.v1("POST", INC, INC_BODY)
        self.assertEqual(self.shelf(), 13)  # applied although no response arrived
        writes = self.emu.writes()
        self.assertEqual(len(writes), 1)
        req = self.last_request()
        self.assertEqual((req["status"], req["handledStatus"], req["fault"]),
                         (None, 200, "drop_after_apply"))
        self.assertEqual(writes[0]["requestId"], req["id"])
        # The next call (a read-back) works normally.
        self.assertEqual(self.emu.v1("POST", INC, INC_BODY).status, 200)
        self.assertEqual(self.shelf(), 14)

    def test_drop_without_apply(self):
        self.fault(kind="drop", path=INC)
        with self.assertRaises(CLIENT_ERRORS):
            self.emu.v1("POST", INC, INC_BODY)
        self.assertEqual(self.shelf(), 12)
        self.assertEqual(self.emu.writes(), [])

    def test_reset_mid_response(self):
        self.fault(kind="reset_mid_response", path="/stores/v1/products/query")
        with self.assertRaises(CLIENT_ERRORS):
            self.emu.v1("POST", "/stores/v1/products/query", {})
        self.fault(kind="reset_mid_response", path=INC)
        with self.assertRaises(CLIENT_ERRORS):
            self.emu.v1("POST", INC, INC_BODY)
        self.assertEqual(self.shelf(), 13)

    def test_truncated_json_keeps_connection_usable(self):
        self.fault(kind="truncated_json", path="/stores/v1/products/query")
        conn = self.emu.connection()
        try:
            resp = self.emu.v1("POST", "/stores/v1/products/query", {}, conn=conn)
            self.assertEqual(resp.status, 200)
            self.assertEqual(int(resp.header("content-length")), len(resp.raw))
            with self.assertRaises(ValueError):
                json.loads(resp.raw)
            again = self.emu.v1("POST", "/stores/v1/products/query", {}, conn=conn)
            self.assertEqual(again.json["totalResults"], 6)
        finally:
            conn.close()

    def test_html_body(self):
        self.fault(kind="html", path=VERSION)
        resp = self.emu.v1("GET", VERSION)
        self.assertEqual(resp.status, 200)
        self.assertTrue(resp.header("content-type").startswith("text/html"))
        self.fault(kind="html", path=VERSION, status=502)
        self.assertEqual(self.emu.v1("GET", VERSION).status, 502)

    def test_echo_auth_repeats_the_key_in_json_or_html_in_any_case(self):
        self.fault(kind="echo_auth", path=INC)
        resp = self.emu.v1("POST", INC, INC_BODY)
        self.assertWixError(resp, 401)
        self.assertEqual(resp.json["message"], "Invalid token: " + V1_KEY)
        self.assertIn(V1_KEY, resp.json["details"]["applicationError"]["description"])
        self.assertEqual(self.shelf(), 12)  # not processed
        self.fault(kind="echo_auth", path=VERSION, status=400, format="html", case="lower")
        resp = self.emu.v1("GET", VERSION)
        self.assertEqual(resp.status, 400)
        self.assertTrue(resp.header("content-type").startswith("text/html"))
        page = resp.raw.decode("utf-8")
        half = len(V1_KEY) // 2
        self.assertIn(V1_KEY.lower()[:half] + "</code><wbr>" + V1_KEY.lower()[half:], page)
        self.assertNotIn(V1_KEY, page)
        self.fault(kind="echo_auth", path=VERSION, case="upper")
        self.assertIn(V1_KEY.upper(), self.emu.v1("GET", VERSION).json["message"])
        self.assertEqual(self.last_request()["headers"]["Authorization"], "<redacted>")
        status, body = self.emu.admin("POST", "/faults", {"kind": "echo_auth", "path": VERSION,
                                                          "format": "xml"})
        self.assertEqual(status, 400, body)

    def test_count_skip_method_glob_and_clear(self):
        self.fault(kind="503", path="/stores/v2/inventoryItems/*", method="POST", count=2, skip=1)
        self.assertEqual(self.emu.v1("POST", INC, INC_BODY).status, 200)   # skipped
        self.assertEqual(self.emu.v1("GET", "/stores/v2/inventoryItems/product/%s/getVariants"
                                     % SHELF).status, 200)                  # other method
        self.assertEqual(self.emu.v1("POST", INC, INC_BODY).status, 503)
        self.assertEqual(self.emu.v1("POST", "/stores/v2/inventoryItems/query", {}).status, 503)
        self.assertEqual(self.emu.v1("POST", INC, INC_BODY).status, 200)   # used up
        self.fault(kind="500", path=VERSION)
        self.assertEqual(len(self.emu.admin("GET", "/faults")[1]["faults"]), 1)
        self.emu.admin("DELETE", "/faults")
        self.assertEqual(self.emu.v1("GET", VERSION).status, 200)

    def test_fault_applies_to_v3_bulk_write(self):
        item = "a4cba58b-ff95-4bb2-a94d-5d39761cae13"
        self.fault(kind="drop_after_apply", path="/stores/v3/bulk/inventory-items/update")
        body = {"inventoryItems": [{"inventoryItem": {"id": item, "revision": "5", "quantity": 3}}]}
        with self.assertRaises(CLIENT_ERRORS):
            self.emu.v3("POST", "/stores/v3/bulk/inventory-items/update", body)
        # Retrying with the old revision now fails: the first attempt was applied.
        resp = self.emu.v3("POST", "/stores/v3/bulk/inventory-items/update", body)
        self.assertFalse(resp.json["results"][0]["itemMetadata"]["success"])
        row = self.emu.truth(V3_SITE, "ROPE-10M")[0]
        self.assertEqual((row["quantity"], row["revision"]), (3, "6"))

    def test_bad_fault_specs(self):
        for spec in ({"kind": "explode", "path": "/x"}, {"kind": "500"},
                     {"kind": "500", "path": "/_emulator/health"}, {"kind": "500", "path": "/x",
                                                                     "count": 0}):
            self.assertEqual(self.emu.admin("POST", "/faults", spec)[0], 400)
