"""Authentication, permissions, catalog-version gating and Wix's error shapes."""
from tests.emu import (ANY_KEY, NONE_SITE, V1_KEY, V1_READ_KEY, V1_SITE, V1_V3PERMS_KEY, V3_KEY,
                       V3_READ_KEY, V3_SITE, V3_V1PERMS_KEY, EmulatorTestCase)

VERSION = "/stores/v3/provision/version"
V1_QUERY = "/stores/v1/products/query"
V3_VARIANTS = "/stores/v3/products/query-variants"


class AuthTest(EmulatorTestCase):
    def test_version_per_site(self):
        for key, site, version in ((V1_KEY, V1_SITE, "V1_CATALOG"), (V3_KEY, V3_SITE, "V3_CATALOG"),
                                   (ANY_KEY, NONE_SITE, "STORES_NOT_INSTALLED")):
            resp = self.emu.call("GET", VERSION, key=key, site=site)
            self.assertEqual(resp.status, 200)
            self.assertEqual(resp.json, {"catalogVersion": version})

    def test_unknown_key_is_401_standard_body(self):
        body = self.assertWixError(self.emu.call("GET", VERSION, key="IST.nope"), 401)
        self.assertIn("applicationError", body["details"])

    def test_a_revoked_key_is_401_until_reset(self):
        self.assertEqual(self.emu.call("GET", VERSION).status, 200)
        status, body = self.emu.admin("POST", "/keys/revoke", {"key": V1_KEY})
        self.assertEqual(status, 200)
        self.assertIn("revoked", body)
        self.assertWixError(self.emu.call("GET", VERSION), 401, "UNAUTHENTICATED")
        self.assertEqual(self.emu.admin("POST", "/keys/revoke", {"key": V1_KEY})[0], 404)
        self.emu.admin("POST", "/reset")
        self.assertEqual(self.emu.call("GET", VERSION).status, 200)

    def test_missing_key_is_401(self):
        self.assertWixError(self.emu.call("GET", VERSION, key=None), 401, "UNAUTHENTICATED")

    def test_bearer_prefix_is_not_the_key(self):
        # The raw key goes in Authorization; "Bearer <key>" is a different (unknown) key.
        resp = self.emu.call("GET", VERSION, key="Bearer " + V1_KEY)
        self.assertWixError(resp, 401)

    def test_missing_site_is_428_missing_metasite_id(self):
        resp = self.emu.call("GET", VERSION, site=None)
        self.assertWixError(resp, 428, "MISSING_METASITE_ID")

    def test_account_id_header_alone_is_not_enough(self):
        resp = self.emu.call("GET", VERSION, site=None, headers={"wix-account-id": "a-b-c"})
        self.assertWixError(resp, 428, "MISSING_METASITE_ID")

    def test_both_headers_accepted(self):
        resp = self.emu.call("GET", VERSION, headers={"wix-account-id": "acc"})
        self.assertEqual(resp.status, 200)

    def test_key_of_another_site_is_403(self):
        body = self.assertWixError(self.emu.call("GET", VERSION, key=V1_KEY, site=V3_SITE), 403)
        self.assertEqual(body["details"]["applicationError"]["description"], "")
        self.assertWixError(self.emu.call("GET", VERSION, site="11111111-2222-4333-8444-555555555555"),
                            403)

    def test_permission_denied_has_empty_description(self):
        resp = self.emu.v1("POST", "/stores/v2/inventoryItems/increment", {"incrementData": [
            {"productId": "0ff4e579-ebac-4ebb-b18b-92c474f92676", "variantId": "x", "incrementBy": 1}]},
            key=V1_READ_KEY)
        body = self.assertWixError(resp, 403, "PERMISSION_DENIED")
        self.assertEqual(body["details"]["applicationError"]["description"], "")
        self.assertTrue(body["message"])

    def test_v3_permissions_do_not_open_v1_routes(self):
        self.assertWixError(self.emu.v1("POST", V1_QUERY, {}, key=V1_V3PERMS_KEY), 403)
        self.assertWixError(self.emu.v3("POST", V3_VARIANTS, {}, key=V3_V1PERMS_KEY), 403)

    def test_v3_write_needs_write_permission(self):
        resp = self.emu.v3("POST", "/stores/v3/bulk/inventory-items/increment",
                           {"incrementData": [{"inventoryItemId": "x", "incrementBy": 1}]},
                           key=V3_READ_KEY)
        self.assertWixError(resp, 403, "PERMISSION_DENIED")

    def test_hidden_products_need_manage_permission(self):
        resp = self.emu.v1("POST", V1_QUERY, {"includeHiddenProducts": True}, key=V1_READ_KEY)
        self.assertWixError(resp, 403)

    def test_v3_route_on_v1_site_is_428(self):
        self.assertWixError(self.emu.call("POST", V3_VARIANTS, {}, key=ANY_KEY, site=V1_SITE), 428)

    def test_v1_route_on_v3_site_is_428(self):
        self.assertWixError(self.emu.call("POST", V1_QUERY, {}, key=ANY_KEY, site=V3_SITE), 428,
                            "CATALOG_VERSION_MISMATCH")

    def test_store_routes_on_site_without_stores(self):
        self.assertWixError(self.emu.call("POST", V1_QUERY, {}, key=ANY_KEY, site=NONE_SITE), 428,
                            "STORES_NOT_INSTALLED")
        resp = self.emu.call("POST", "/ecom/v1/orders/search", {}, key=ANY_KEY, site=NONE_SITE)
        self.assertEqual(resp.status, 200)
        self.assertEqual(resp.json["orders"], [])

    def test_unknown_route_is_html_404(self):
        for method, path in (("GET", "/stores/v9/nothing"), ("POST", "/"),
                             ("GET", "/stores/v2/inventoryItems/increment")):  # wrong method
            resp = self.emu.call(method, path, {} if method == "POST" else None)
            self.assertEqual(resp.status, 404)
            self.assertTrue(resp.header("content-type").startswith("text/html"))
            self.assertIn(b"<html", resp.raw)

    def test_unknown_route_without_auth_is_still_html_404(self):
        resp = self.emu.call("GET", "/no/such/thing", key=None, site=None)
        self.assertEqual(resp.status, 404)
        self.assertTrue(resp.header("content-type").startswith("text/html"))

    def test_invalid_json_body_is_400(self):
        resp = self.emu.v1("POST", V1_QUERY, raw="{not json")
        self.assertValidation(resp)

    def test_configurable_statuses(self):
        status, _ = self.emu.admin("POST", "/config", {"unknownKeyStatus": 403,
                                                       "v1OnV3Status": 404})
        self.assertEqual(status, 200)
        self.assertWixError(self.emu.call("GET", VERSION, key="IST.nope"), 403)
        self.assertWixError(self.emu.call("POST", V1_QUERY, {}, key=ANY_KEY, site=V3_SITE), 404)
        status, body = self.emu.admin("POST", "/config", {"noSuchSetting": 1})
        self.assertEqual(status, 400)

    def test_account_wide_key_answers_for_any_site(self):
        # A valid key with the wrong (but valid) site silently serves the other store.
        resp = self.emu.call("GET", VERSION, key=ANY_KEY, site=V3_SITE)
        self.assertEqual(resp.json["catalogVersion"], "V3_CATALOG")
