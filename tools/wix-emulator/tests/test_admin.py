"""Admin routes: health, truth, request log (redacted), writes log, reset/load, clock,
merchant edits."""
import json
import os

from tests.emu import FIXTURES, V1_KEY, V1_SITE, V3_SITE, ZERO, EmulatorTestCase

INC = "/stores/v2/inventoryItems/increment"
SHELF = "0ff4e579-ebac-4ebb-b18b-92c474f92676"
INC_BODY = {"incrementData": [{"productId": SHELF, "variantId": ZERO, "incrementBy": 2}]}


class AdminTest(EmulatorTestCase):
    def test_health_and_sites(self):
        status, body = self.emu.admin("GET", "/health")
        self.assertEqual((status, body["ok"], body["tls"]), (200, True, True))
        versions = {s["id"]: s["catalogVersion"] for s in body["sites"]}
        self.assertEqual(versions[V1_SITE], "V1_CATALOG")
        self.assertEqual(len(self.emu.admin("GET", "/sites")[1]["sites"]), 3)
        self.assertEqual(self.emu.admin("GET", "/nope")[0], 404)

    def test_truth(self):
        rows = self.emu.truth(V1_SITE)
        self.assertEqual(len(rows), 11)
        shelf = [r for r in rows if r["sku"] == "OAK-SHELF-60"][0]
        self.assertEqual((shelf["productId"], shelf["variantId"], shelf["quantity"],
                          shelf["trackQuantity"]), (SHELF, ZERO, 12, True))
        v3 = self.emu.truth(V3_SITE)
        flags = [r for r in v3 if r["sku"] == "FLAGS-SET"][0]
        self.assertIsNone(flags["inventoryItemId"])
        rope = [r for r in v3 if r["sku"] == "ROPE-10M" and r["defaultLocation"]][0]
        self.assertEqual((rope["quantity"], rope["revision"]), (20, "5"))
        self.assertEqual(self.emu.admin("GET", "/inventory?site=nope")[0], 404)

    def test_request_log_redacts_authorization(self):
        self.emu.admin("DELETE", "/requests")
        self.emu.v1("POST", INC, INC_BODY, headers={"X-Trace": "abc"})
        log = self.emu.admin("GET", "/requests")[1]["requests"]
        self.assertEqual(len(log), 1)
        entry = log[0]
        self.assertEqual((entry["method"], entry["path"], entry["status"]), ("POST", INC, 200))
        self.assertEqual(entry["headers"]["Authorization"], "<redacted>")
        self.assertNotIn(V1_KEY, str(entry))
        self.assertEqual(entry["headers"]["wix-site-id"], V1_SITE)
        self.assertEqual(entry["headers"]["X-Trace"], "abc")
        self.assertEqual(entry["body"], INC_BODY)
        filtered = self.emu.admin("GET", "/requests?path=/stores/v1")[1]["requests"]
        self.assertEqual(filtered, [])
        since = self.emu.admin("GET", "/requests?since=%d" % entry["id"])[1]["requests"]
        self.assertEqual(since, [])
        self.emu.admin("POST", "/requests/clear")
        self.assertEqual(self.emu.admin("GET", "/requests")[1]["requests"], [])

    def test_writes_log_ids_unique_and_clearable(self):
        self.emu.v1("POST", INC, INC_BODY)
        self.emu.v1("POST", INC, INC_BODY)
        writes = self.emu.writes()
        self.assertEqual([(w["before"], w["after"]) for w in writes], [(12, 14), (14, 16)])
        self.assertEqual(len({w["id"] for w in writes}), 2)
        for w in writes:
            self.assertEqual((w["source"], w["kind"], w["siteId"], w["sku"]),
                             ("api", "inc", V1_SITE, "OAK-SHELF-60"))
        first_id = int(writes[0]["id"][2:])
        self.assertEqual(len(self.emu.admin("GET", "/writes?since=%d" % first_id)[1]["writes"]), 1)
        self.assertEqual(self.emu.admin("GET", "/writes?site=%s" % V3_SITE)[1]["writes"], [])
        self.emu.admin("DELETE", "/writes")
        self.assertEqual(self.emu.writes(), [])
        self.emu.v1("POST", INC, INC_BODY)
        self.assertGreater(int(self.emu.writes()[0]["id"][2:]), int(writes[-1]["id"][2:]))

    def test_reset_restores_fixture(self):
        self.emu.v1("POST", INC, INC_BODY)
        self.emu.admin("POST", "/reset")
        self.assertEqual(self.emu.truth(V1_SITE, "OAK-SHELF-60")[0]["quantity"], 12)
        self.assertEqual(self.emu.writes(), [])

    def test_load_inline_fixture(self):
        site = "3d6f2a10-7b4c-4e58-9a2d-61c0b8e4f123"
        fixture = {"sites": [{"id": site, "catalogVersion": "V1_CATALOG", "products": [
            {"name": "Only thing", "sku": "ONE", "quantity": 1}]}],
            "keys": [{"key": "IST.tmp", "sites": [site], "permissions": ["*"]}]}
        try:
            status, body = self.emu.admin("POST", "/load", {"fixture": fixture})
            self.assertEqual(status, 200, body)
            resp = self.emu.call("POST", "/stores/v1/products/query", {}, key="IST.tmp", site=site)
            self.assertEqual(resp.json["products"][0]["sku"], "ONE")
            self.assertEqual(self.emu.v1("GET", "/stores/v3/provision/version").status, 401)
            self.assertEqual(self.emu.admin("POST", "/load", {"fixture": {"sites": [{}]}})[0], 400)
        finally:
            status, _ = self.emu.admin("POST", "/load", {"path": os.path.join(
                FIXTURES, "v1_store.json")})
            self.assertEqual(status, 200)
            self.emu.admin("POST", "/load", {"fixtures": [self._fixture(n) for n in (
                "v1_store.json", "v3_store.json", "not_installed.json")]})

    @staticmethod
    def _fixture(name):
        with open(os.path.join(FIXTURES, name)) as f:
            return json.load(f)

    def test_deterministic_clock(self):
        status, clock = self.emu.admin("POST", "/clock", {"set": "2026-06-01T00:00:00Z",
                                                          "stepMs": 1000})
        self.assertEqual((status, clock["deterministic"]), (200, True))
        try:
            self.emu.v1("POST", INC, INC_BODY)
            row = self.emu.truth(V1_SITE, "OAK-SHELF-60")[0]
            self.assertEqual(row["lastUpdated"], "2026-06-01T00:00:00.000Z")
            self.emu.v1("POST", INC, INC_BODY)
            self.assertEqual(self.emu.truth(V1_SITE, "OAK-SHELF-60")[0]["lastUpdated"],
                             "2026-06-01T00:00:01.000Z")
            self.emu.admin("POST", "/clock", {"advanceMs": 60000})
            self.emu.v1("POST", INC, INC_BODY)
            self.assertEqual(self.emu.truth(V1_SITE, "OAK-SHELF-60")[0]["lastUpdated"],
                             "2026-06-01T00:01:02.000Z")
        finally:
            self.emu.admin("POST", "/clock", {"real": True})

    def test_merchant_edit(self):
        status, body = self.emu.admin("POST", "/inventory", {"siteId": V1_SITE, "sku": "APRON-S",
                                                             "quantity": 40})
        self.assertEqual((status, body["item"]["quantity"]), (200, 40))
        self.assertEqual(self.emu.writes()[0]["source"], "admin")
        status, body = self.emu.admin("POST", "/inventory", {"siteId": V1_SITE, "sku": "GLOVE-STD",
                                                             "quantity": 1})
        self.assertEqual(status, 409)  # shared SKU: caller must name the variant
        status, body = self.emu.admin("POST", "/inventory", {
            "siteId": V3_SITE, "inventoryItemId": "a4cba58b-ff95-4bb2-a94d-5d39761cae13",
            "quantity": 2})
        self.assertEqual((status, body["item"]["quantity"], body["item"]["revision"]), (200, 2, "6"))
        status, body = self.emu.admin("POST", "/inventory", {"siteId": V3_SITE, "sku": "STICKERS",
                                                             "inStock": False})
        self.assertEqual((status, body["item"]["inStock"]), (200, False))
