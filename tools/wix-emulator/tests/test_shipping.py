"""Orders' shippingInfo [SDK:ord]: a shipment to an address by default, store pickup or a
carrier's pickup point on request (checkout and fixtures), or a fixture's own object."""
import unittest

from tests.emu import V1_SITE, V3_SITE, EmulatorTestCase
from wixemu import fixture
from wixemu.fixture_common import FixtureError

SEARCH = "/ecom/v1/orders/search"
FIXTURE_ORDER = "6b5598bd-a182-4926-9f50-91045fb74f8b"


class CheckoutShippingTest(EmulatorTestCase):
    def checkout(self, site=V1_SITE, sku="OAK-SHELF-60", **extra):
        body = dict({"siteId": site, "lines": [{"sku": sku, "quantity": 1}]}, **extra)
        return self.emu.admin("POST", "/checkout", body)

    def searched(self, order_id, call=None):
        resp = (call or self.emu.v1)("POST", SEARCH, {"search": {"filter": {"id": order_id}}})
        self.assertEqual(resp.status, 200, resp.raw)
        return resp.json["orders"][0]

    def test_an_ordinary_order_ships_to_the_buyer(self):
        status, body = self.checkout()
        self.assertEqual(status, 200, body)
        info = body["order"]["shippingInfo"]
        self.assertEqual(info["title"], "Standard Shipping")
        logistics = info["logistics"]
        self.assertNotIn("pickupDetails", logistics)  # one of the two, never both
        destination = logistics["shippingDestination"]
        self.assertEqual((destination["address"]["country"], destination["address"]["city"]),
                         ("US", "New York"))
        self.assertEqual(destination["address"]["subdivision"], "US-NY")
        self.assertIn("lastName", destination["contactDetails"])
        self.assertEqual(info["cost"]["price"]["amount"], "0.00")
        self.assertEqual(self.searched(body["order"]["id"])["shippingInfo"], info)

    def test_fixture_orders_ship_too(self):
        order = self.emu.v1("GET", "/ecom/v1/orders/" + FIXTURE_ORDER).json["order"]
        self.assertIn("shippingDestination", order["shippingInfo"]["logistics"])

    def test_store_pickup(self):
        status, body = self.checkout(pickup="STORE_PICKUP")
        self.assertEqual(status, 200, body)
        logistics = body["order"]["shippingInfo"]["logistics"]
        self.assertNotIn("shippingDestination", logistics)
        pickup = logistics["pickupDetails"]
        self.assertEqual(pickup["pickupMethod"], "STORE_PICKUP")
        self.assertEqual((pickup["address"]["country"], pickup["address"]["city"]),
                         ("US", "Boston"))
        found = self.searched(body["order"]["id"])
        self.assertEqual(found["shippingInfo"]["logistics"]["pickupDetails"]["pickupMethod"],
                         "STORE_PICKUP")
        # Collected in the shop or not, Wix takes the stock at checkout.
        self.assertEqual(self.emu.truth(V1_SITE, "OAK-SHELF-60")[0]["quantity"], 11)
        self.assertEqual(len(self.emu.writes()), 1)

    def test_pickup_point_on_a_v3_site(self):
        status, body = self.checkout(site=V3_SITE, sku="ROPE-10M", pickup="PICKUP_POINT")
        self.assertEqual(status, 200, body)
        pickup = body["order"]["shippingInfo"]["logistics"]["pickupDetails"]
        self.assertEqual(pickup["pickupMethod"], "PICKUP_POINT")
        self.assertEqual(pickup["address"]["city"], "Cambridge")
        found = self.searched(body["order"]["id"], self.emu.v3)
        self.assertEqual(found["shippingInfo"], body["order"]["shippingInfo"])

    def test_an_own_shipping_info_or_none(self):
        own = {"title": "Courier", "logistics": {"pickupDetails": {}}}
        status, body = self.checkout(shippingInfo=own)
        self.assertEqual((status, body["order"]["shippingInfo"]), (200, own))
        status, body = self.checkout(shippingInfo=None)
        self.assertEqual(status, 200)
        self.assertNotIn("shippingInfo", body["order"])

    def test_bad_requests_change_nothing(self):
        orders_before = len(self.emu.v1("POST", SEARCH, {}).json["orders"])
        for extra in ({"pickup": "CURBSIDE"}, {"pickup": "store_pickup"},
                      {"pickup": "STORE_PICKUP", "shippingInfo": {}}, {"shippingInfo": "x"}):
            status, body = self.checkout(**extra)
            self.assertEqual(status, 400, extra)
            self.assertIn("pickup" if "pickup" in extra else "shippingInfo", body["error"])
        self.assertEqual(self.emu.writes(), [])
        self.assertEqual(len(self.emu.v1("POST", SEARCH, {}).json["orders"]), orders_before)


def _site(*orders):
    return {"id": "3d6f2a10-7b4c-4e58-9a2d-61c0b8e4f124", "catalogVersion": "V1_CATALOG",
            "products": [{"name": "Shelf", "sku": "SHELF", "quantity": 5}],
            "orders": [dict({"lineItems": [{"sku": "SHELF", "quantity": 1}]}, **o)
                       for o in orders]}


class FixtureShippingTest(unittest.TestCase):
    """In-process: fixture orders with `pickup`, their own `shippingInfo`, or neither."""

    def test_fixture_orders(self):
        own = {"title": "Pickup", "logistics": {"pickupDetails": {
            "address": {"country": "DE", "city": "Berlin"}, "pickupMethod": "STORE_PICKUP"}}}
        raw = _site({}, {"pickup": "STORE_PICKUP"}, {"pickup": "PICKUP_POINT"},
                    {"shippingInfo": own}, {"shippingInfo": None})
        site = fixture.build_site(raw)
        infos = [o.data.get("shippingInfo") for o in site.orders]
        self.assertIn("shippingDestination", infos[0]["logistics"])
        self.assertEqual(infos[1]["logistics"]["pickupDetails"]["pickupMethod"], "STORE_PICKUP")
        self.assertEqual(infos[2]["logistics"]["pickupDetails"]["pickupMethod"], "PICKUP_POINT")
        self.assertEqual(infos[3], own)
        self.assertIsNot(infos[3], raw["orders"][3]["shippingInfo"])  # a reset reloads it
        self.assertIsNone(infos[4])

    def test_bad_fixture_orders_are_refused(self):
        for bad in ({"pickup": "DRONE"}, {"pickup": "PICKUP_POINT", "shippingInfo": None},
                    {"shippingInfo": []}):
            with self.assertRaises(FixtureError, msg=bad):
                fixture.build_site(_site(bad))


if __name__ == "__main__":
    unittest.main()
