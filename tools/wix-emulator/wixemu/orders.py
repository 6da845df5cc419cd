"""eCommerce Orders: Search Orders and Get Order [R40][R41][SDK:ord], plus building
orders for fixtures and simulated checkouts [R42][R43] (their `shippingInfo`: shipping.py).

Search: object filter, sort (default createdDate DESC), cursor paging ≤100 with the
paging block under `metadata` (not `pagingMetadata`). INITIALIZED orders are never
returned; PENDING and REJECTED only when the filter names them [SDK:ord].
"""
import random

from .clock import format_ms, parse_iso
from .errors import not_found
from .filters import Field
from .fixture_common import BASE_MS, FixtureError, guid
from .models import STORES_APP_ID, V1_CATALOG, Order
from .render_v1 import money_text
from .shipping import from_spec as shipping_from_spec
from .wixquery import cursor_query

HIDDEN_UNLESS_NAMED = ("PENDING", "REJECTED")

# Filter/sort support as listed on "supported filters and sorting" [R41].
FIELDS = {
    "id": Field(lambda o: o.id, sortable=False),
    "number": Field(lambda o: int(o.data["number"]), "int"),
    "status": Field(lambda o: o.data["status"]),
    "paymentStatus": Field(lambda o: o.data["paymentStatus"]),
    "fulfillmentStatus": Field(lambda o: o.data["fulfillmentStatus"]),
    "createdDate": Field(lambda o: o.created, "date"),
    "updatedDate": Field(lambda o: o.updated, "date"),
    "archived": Field(lambda o: o.data.get("archived", False), "bool", sortable=False),
    "lineItems.catalogReference.catalogItemId": Field(
        lambda o: [li["catalogReference"]["catalogItemId"] for li in o.data["lineItems"]],
        "strs", sortable=False),
    "lineItems.catalogReference.appId": Field(
        lambda o: [li["catalogReference"]["appId"] for li in o.data["lineItems"]],
        "strs", sortable=False),
    "lineItems.productName.original": Field(
        lambda o: [li["productName"]["original"] for li in o.data["lineItems"]],
        "strs", sortable=False),
    "channelInfo.type": Field(lambda o: o.data["channelInfo"]["type"], sortable=False),
    "buyerInfo.email": Field(lambda o: o.data["buyerInfo"].get("email"), sortable=False),
    "buyerInfo.contactId": Field(lambda o: o.data["buyerInfo"].get("contactId"), sortable=False),
    "priceSummary.total.amount": Field(
        lambda o: float(o.data["priceSummary"]["total"]["amount"]), "num", sortable=False),
}


def _named_statuses(node, out):
    if isinstance(node, list):
        for x in node:
            _named_statuses(x, out)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("$and", "$or", "$not"):
                _named_statuses(value, out)
            elif key == "status":
                if isinstance(value, str):
                    out.add(value)
                elif isinstance(value, dict):
                    for op, v in value.items():
                        if op in ("$eq", "$in", "$hasSome"):
                            out.update(v if isinstance(v, list) else [v])
    return out


def _status_gate(filt, _state):
    named = _named_statuses(filt, set())
    shown = frozenset(s for s in HIDDEN_UNLESS_NAMED if s in named)

    def pred(o):
        status = o.data["status"]
        return status != "INITIALIZED" and (status not in HIDDEN_UNLESS_NAMED or status in shown)
    return pred, "status:" + ",".join(sorted(shown))


def render(o):
    out = dict(o.data)
    out["createdDate"] = format_ms(o.created)
    out["updatedDate"] = format_ms(o.updated)
    return out


def search(ctx):
    body = ctx.body if isinstance(ctx.body, dict) else {}
    site = ctx.site
    page, meta = cursor_query(site, "orders", site.orders, lambda o: o.seq, FIELDS,
                              body.get("search"), max_limit=100, default_limit=100,
                              default_sort=[("createdDate", True)], extra=_status_gate,
                              where="search")
    return 200, {"orders": [render(o) for o in page], "metadata": meta}


def get(ctx):
    o = ctx.site.orders_by_id.get(ctx.params["id"])
    if o is None:  # Get Order works for INITIALIZED orders too [SDK:ord]
        raise not_found("ORDER_NOT_FOUND", "Order %s not found" % ctx.params["id"])
    return 200, {"order": render(o)}


# -- building orders ---------------------------------------------------------------
def _first(pairs):
    return next(iter(pairs), None)


def resolve(site, spec):
    """Line spec {sku} | {productId[, variantId]} -> catalog reference dict, or None.

    A SKU shared by several variants resolves to the first one in catalog order.
    """
    sku, pid, vid = spec.get("sku"), spec.get("productId"), spec.get("variantId")
    if site.version == V1_CATALOG:
        if pid:
            p = site.v1_by_id.get(pid)
            hit = p and _first((p, v) for v in p.variants if not vid or v.id == vid)
        else:
            hit = _first((p, v) for p in site.v1_products for v in p.variants
                         if sku and v.sku == sku)
        if not hit:
            return None
        p, v = hit
        return {"product": p, "variant": v, "productId": p.id, "variantId": v.id,
                "sku": v.sku, "name": p.name,
                "price": v.price if v.price is not None else p.price,
                # V1 managed variants -> options.variantId; non-managed ->
                # options.options {optionName: choice} [R42]. GUESS: {} when the
                # product has no options at all.
                "options": {"variantId": v.id} if p.manage_variants
                else ({"options": dict(v.choices)} if v.choices else {})}
    if pid:
        p = site.v3_by_id.get(pid)
        v = p and _first(x for x in p.variants if not vid or x.id == vid)
    else:
        v = _first(x for x in site.v3_variants if sku and x.sku == sku)
    if not v:
        return None
    return {"variant": v, "productId": v.product.id, "variantId": v.id, "sku": v.sku,
            "name": v.product.name, "price": float(v.price),
            "options": {"variantId": v.id}}  # V3: always variantId [R43]


def new_order(site, lines, *, status="APPROVED", payment="PAID", fulfillment="NOT_FULFILLED",
              created=None, updated=None, order_id=None, number=None, channel="WEB", rng=None,
              shipping=None):
    """lines: [(resolved reference, quantity, extra line fields)] -> stored Order.

    shipping: the order's shippingInfo (shipping.py), or None for an order without one."""
    rng = rng or random.Random("%s/order/%d" % (site.id, site.next_order_number))
    currency = site.currency
    items, total = [], 0.0
    for ref, qty, extra in lines:
        amount = ref["price"]
        total += amount * qty
        items.append({
            "id": guid(rng), "productName": {"original": ref["name"], "translated": ref["name"]},
            "catalogReference": {"catalogItemId": ref["productId"], "appId": STORES_APP_ID,
                                 "options": ref["options"]},
            "quantity": qty,
            "physicalProperties": {"sku": ref["sku"], "weight": 0, "shippable": True},
            "refundQuantity": extra.get("refundQuantity", 0),
            "restockQuantity": extra.get("restockQuantity", 0),
            "locations": [],
            "price": {"amount": "%.2f" % amount, "formattedAmount": money_text(amount, currency)},
            "itemType": {"preset": "PHYSICAL"}})
    if number is None:
        number = site.next_order_number
    site.next_order_number = max(site.next_order_number, int(number)) + 1
    o = Order()
    o.id = order_id or guid(rng)
    o.created = created
    o.updated = updated if updated is not None else created
    o.seq = site.take_seq()
    o.refs = [ref for ref, _q, _e in lines]
    tot = {"amount": "%.2f" % total, "formattedAmount": money_text(total, currency)}
    o.data = {"id": o.id, "number": str(number), "status": status, "paymentStatus": payment,
              "fulfillmentStatus": fulfillment, "archived": False, "currency": currency,
              "channelInfo": {"type": channel}, "lineItems": items,
              "priceSummary": {"subtotal": tot, "total": tot},
              "buyerInfo": {"contactId": guid(rng), "email": "buyer@example.com"},
              "purchasedDate": format_ms(created)}
    if shipping is not None:
        o.data["shippingInfo"] = shipping
    site.orders.append(o)
    site.orders_by_id[o.id] = o
    site.touch()
    return o


def add_fixture_order(site, raw, index, rng):
    try:
        shipping = shipping_from_spec(raw, site.currency)
    except ValueError as e:
        raise FixtureError("order %s: %s" % (raw.get("id") or raw.get("number") or index, e))
    lines = []
    for spec in raw.get("lineItems", []):
        ref = resolve(site, spec)
        if ref is None:
            raise FixtureError("order line %r matches no product" % (spec,))
        lines.append((ref, int(spec.get("quantity", 1)), spec))
    created = parse_iso(raw["createdDate"]) if raw.get("createdDate") else BASE_MS + index * 60000
    updated = parse_iso(raw["updatedDate"]) if raw.get("updatedDate") else created
    new_order(site, lines, status=raw.get("status", "APPROVED"),
              payment=raw.get("paymentStatus", "PAID"),
              fulfillment=raw.get("fulfillmentStatus", "NOT_FULFILLED"),
              created=created, updated=updated, order_id=raw.get("id"), number=raw.get("number"),
              channel=(raw.get("channelInfo") or {}).get("type", "WEB"), rng=rng,
              shipping=shipping)
