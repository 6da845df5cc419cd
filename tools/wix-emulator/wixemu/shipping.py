"""An eCom order's `shippingInfo` [SDK:ord]: the selected delivery option, whose
`logistics` holds exactly one of `shippingDestination` (an address with contact details:
the parcel is shipped) or `pickupDetails` {address, pickupMethod} (the buyer collects it).
`pickupMethod` is `STORE_PICKUP` (at the merchant's own place), `PICKUP_POINT` (a carrier's
pickup point or locker: still a shipment) or `UNKNOWN_METHOD`.

Orders built here always carry one: a shipment to a fixed buyer address unless the
checkout or fixture asks for `"pickup": METHOD`, or gives its own `shippingInfo` (taken as
is; `null` = an order without shipping info, e.g. only digital items).
"""
import copy

from .render_v1 import money_text

PICKUP_METHODS = ("STORE_PICKUP", "PICKUP_POINT", "UNKNOWN_METHOD")

# Address objects as the eCom Address type has them: ISO country and subdivision codes,
# the street split into number and name, and the line built from it [SDK:ord].
# GUESS: every address below is invented; Wix fills them from the buyer's checkout and the
# merchant's shipping settings.
BUYER_ADDRESS = {
    "country": "US", "subdivision": "US-NY", "city": "New York", "postalCode": "10011",
    "streetAddress": {"number": "235", "name": "West 23rd Street"},
    "addressLine": "235 West 23rd Street", "addressLine2": "Apartment 4B"}
BUYER_CONTACT = {"firstName": "Alex", "lastName": "Morgan", "phone": "+1 212 555 0147"}
STORE_ADDRESS = {
    "country": "US", "subdivision": "US-MA", "city": "Boston", "postalCode": "02110",
    "streetAddress": {"number": "12", "name": "Harbor Street"},
    "addressLine": "12 Harbor Street"}
PICKUP_POINT_ADDRESS = {
    "country": "US", "subdivision": "US-MA", "city": "Cambridge", "postalCode": "02139",
    "streetAddress": {"number": "77", "name": "Massachusetts Avenue"},
    "addressLine": "77 Massachusetts Avenue", "addressLine2": "Parcel locker 3"}


def _cost(currency):
    # GUESS: every option is free, so `priceSummary.total` stays the sum of the lines.
    zero = {"amount": "0.00", "formattedAmount": money_text(0.0, currency)}
    return {"price": dict(zero), "totalPriceBeforeTax": dict(zero),
            "totalPriceAfterTax": dict(zero)}


def shipping_info(currency, pickup=None):
    """-> shippingInfo for a shipment (pickup None) or a pickup with that method."""
    if pickup is None:
        logistics = {"shippingDestination": {"address": dict(BUYER_ADDRESS),
                                             "contactDetails": dict(BUYER_CONTACT)},
                     "deliveryTime": "3-5 business days"}
        return {"title": "Standard Shipping", "logistics": logistics,
                "cost": _cost(currency), "region": {"name": "Domestic"}}
    if pickup == "PICKUP_POINT":
        logistics = {"pickupDetails": {"address": dict(PICKUP_POINT_ADDRESS),
                                       "pickupMethod": pickup},
                     "deliveryTime": "2-4 business days"}
        return {"title": "Pickup point", "logistics": logistics, "cost": _cost(currency)}
    logistics = {"pickupDetails": {"address": dict(STORE_ADDRESS), "pickupMethod": pickup},
                 "deliveryTime": "Ready the next business day",
                 "instructions": "Collect at the counter during opening hours"}
    return {"title": "Store pickup", "logistics": logistics, "cost": _cost(currency)}


def from_spec(spec, currency):
    """A checkout body or fixture order -> its shippingInfo, or None for none at all.

    Raises ValueError (the message names the field) on a bad `pickup` or `shippingInfo`.
    """
    has_info = "shippingInfo" in spec
    pickup = spec.get("pickup")
    if has_info and pickup is not None:
        raise ValueError("give either pickup or shippingInfo, not both")
    if has_info:
        info = spec["shippingInfo"]
        if info is not None and not isinstance(info, dict):
            raise ValueError("shippingInfo must be an object or null")
        return copy.deepcopy(info)
    if pickup is not None and pickup not in PICKUP_METHODS:
        raise ValueError("pickup must be one of %s" % ", ".join(PICKUP_METHODS))
    return shipping_info(currency, pickup)
