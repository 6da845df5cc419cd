"""What happens on the Wix side without our client: online checkouts, cancellations,
order status changes and merchant edits in the dashboard. Driven by /_emulator/ routes.

Online checkouts decrement stock server-side when quantity is tracked [R17]; in V3 they
always deduct from the default location [R37][R30].
"""
from . import orders, shipping, stock
from .clock import format_ms
from .models import V1_CATALOG, V3_CATALOG


class AdminError(Exception):
    def __init__(self, status, message, **data):
        super().__init__(message)
        self.status = status
        self.body = dict({"error": message}, **data)


def _stock_target(site, ref):
    """-> (kind, object) whose quantity a sale of `ref` changes, or None if untracked."""
    if site.version == V1_CATALOG:
        return ("v1", ref) if ref["product"].track else None
    item = site.default_item(ref["variant"])
    return ("v3", item) if item is not None and item.track else None


def _available(target):
    kind, obj = target
    return obj["variant"].quantity if kind == "v1" else obj.quantity


def _change(state, site, target, delta, source, route):
    kind, obj = target
    kind_name = "inc" if delta > 0 else "dec"
    if kind == "v1":
        p, v = obj["product"], obj["variant"]
        return stock.v1_quantity(state, site, p, v, kind_name, abs(delta), v.quantity + delta,
                                 source, route)
    return stock.v3_quantity(state, site, obj, kind_name, abs(delta), obj.quantity + delta,
                             source, route)


def checkout(state, site, body):
    specs = body.get("lines") or body.get("lineItems")
    if not isinstance(specs, list) or not specs:
        raise AdminError(400, "lines: a non-empty list of {sku|productId[,variantId], quantity}")
    lines = []
    for spec in specs:
        ref = orders.resolve(site, spec) if isinstance(spec, dict) else None
        qty = spec.get("quantity", 1) if isinstance(spec, dict) else None
        if ref is None:
            raise AdminError(404, "no product matches line", line=spec)
        if isinstance(qty, bool) or not isinstance(qty, int) or qty < 1:
            raise AdminError(400, "quantity must be a positive integer", line=spec)
        lines.append((ref, qty, {}))
    try:
        info = shipping.from_spec(body, site.currency)
    except ValueError as e:
        raise AdminError(400, str(e))
    decrement = body.get("decrement", True)
    targets = []
    if decrement:
        needed = {}
        for ref, qty, _ in lines:
            target = _stock_target(site, ref)
            if target is not None:
                key = id(target[1]["variant"] if target[0] == "v1" else target[1])
                needed.setdefault(key, [target, 0, ref["sku"]])[1] += qty
                targets.append((target, qty))
        if not body.get("force"):
            for target, qty, sku in needed.values():
                if _available(target) < qty:
                    # GUESS: the storefront refuses to sell more than a tracked item holds.
                    raise AdminError(409, "insufficient stock", sku=sku,
                                     available=_available(target), requested=qty)
    now = state.clock.now_ms()
    order = orders.new_order(site, lines, status=body.get("status", "APPROVED"),
                             payment=body.get("paymentStatus", "PAID"),
                             fulfillment=body.get("fulfillmentStatus", "NOT_FULFILLED"),
                             created=now, channel=body.get("channel", "WEB"), shipping=info)
    for target, qty in targets:
        _change(state, site, target, -qty, "checkout", "checkout:" + order.id)
    return order


def _order(site, body):
    o = site.orders_by_id.get(body.get("orderId"))
    if o is None:
        raise AdminError(404, "order not found", orderId=body.get("orderId"))
    return o


def cancel(state, site, body):
    o = _order(site, body)
    if o.data["status"] == "CANCELED":
        raise AdminError(409, "order already canceled", orderId=o.id)
    o.data["status"] = "CANCELED"
    if body.get("restock"):
        # Restock puts each line's remaining quantity back (tracked items only).
        for li, ref in zip(o.data["lineItems"], o.refs):
            back = li["quantity"] - li.get("restockQuantity", 0)
            target = _stock_target(site, ref)
            if back > 0 and target is not None:
                _change(state, site, target, back, "cancel", "cancel:" + o.id)
            li["restockQuantity"] = li["quantity"]
    if body.get("refund"):
        o.data["paymentStatus"] = "FULLY_REFUNDED"
        for li in o.data["lineItems"]:
            li["refundQuantity"] = li["quantity"]
    o.updated = state.clock.now_ms()
    site.touch()
    return o


def update_order(state, site, body):
    o = _order(site, body)
    for key in ("status", "paymentStatus", "fulfillmentStatus", "archived"):
        if key in body:
            o.data[key] = body[key]
    o.updated = state.clock.now_ms()
    site.touch()
    return o


# -- inventory truth and merchant edits ----------------------------------------------
def truth(site, sku=None):
    rows = []
    if site.version == V1_CATALOG:
        for p in site.v1_products:
            rows.extend(stock.truth_v1(p, v) for v in p.variants if sku is None or v.sku == sku)
    elif site.version == V3_CATALOG:
        by_variant = {}
        for item in site.v3_items:
            by_variant.setdefault((item.variant.product.id, item.variant.id), []).append(item)
        for v in site.v3_variants:
            if sku is not None and v.sku != sku:
                continue
            rows.extend(stock.truth_v3(site, v, item) for item in by_variant.get((v.product.id, v.id), [None]))
    return rows


def _locate(site, body):
    if site.version == V3_CATALOG and body.get("inventoryItemId"):
        item = site.v3_item_by_id.get(body["inventoryItemId"])
        if item is None:
            raise AdminError(404, "inventory item not found")
        return item.variant, item
    if body.get("sku") and not body.get("productId"):
        matches = [r for r in truth(site, body["sku"])]
        if len({(r["productId"], r["variantId"]) for r in matches}) > 1:
            raise AdminError(409, "sku is shared by several variants; give productId+variantId",
                             matches=matches)
    ref = orders.resolve(site, body)
    if ref is None:
        raise AdminError(404, "no product matches", query=body)
    if site.version == V1_CATALOG:
        return ref, None
    v = ref["variant"]
    item = site.item_at(v, body.get("locationId") or site.default_location_id)
    if item is None:
        raise AdminError(404, "variant has no inventory item at that location")
    return v, item


def merchant_edit(state, site, body):
    """Set stock as the merchant would in the dashboard (source "admin" in the writes log)."""
    if site.version not in (V1_CATALOG, V3_CATALOG):
        raise AdminError(409, "Wix Stores is not installed on this site")
    target, item = _locate(site, body)
    if site.version == V1_CATALOG:
        p, v = target["product"], target["variant"]
        if "trackQuantity" in body and bool(body["trackQuantity"]) != p.track:
            stock.v1_track(state, site, p, body["trackQuantity"], "admin", "merchant")
        if isinstance(body.get("preorderInfo"), dict):
            stock.v1_preorder(state, site, p, body["preorderInfo"])
        if "quantity" in body:
            stock.v1_quantity(state, site, p, v, "set", body["quantity"], int(body["quantity"]),
                              "admin", "merchant")
        if "inStock" in body:
            stock.v1_in_stock(state, site, p, v, body["inStock"], "admin", "merchant")
        return stock.truth_v1(p, v)
    if isinstance(body.get("preorderInfo"), dict):
        stock.v3_preorder(state, site, item, body["preorderInfo"])
        stock.v3_touch(state, site, item)
    if "quantity" in body:
        stock.v3_quantity(state, site, item, "set", body["quantity"], int(body["quantity"]),
                          "admin", "merchant")
    elif "inStock" in body:
        stock.v3_in_stock(state, site, item, body["inStock"], "admin", "merchant")
    return stock.truth_v3(site, target, item)


def edit_product(state, site, body):
    """A catalog edit in the dashboard: bumps the product's updatedDate (and V3 revision)
    so incremental catalog pulls can be tested. Fields: name, visible, sku (V1 product-
    level or V3 single-variant), price."""
    pid = body.get("productId")
    now = state.clock.now_ms()
    if site.version == V1_CATALOG and pid in site.v1_by_id:
        p = site.v1_by_id[pid]
        p.name = body.get("name", p.name)
        p.visible = body.get("visible", p.visible)
        p.price = float(body.get("price", p.price))
        if "sku" in body and not p.manage_variants:
            p.sku = p.variants[0].sku = body["sku"]
        p.updated = now
        site.touch()
        return {"id": p.id, "name": p.name, "lastUpdated": format_ms(now)}
    if site.version == V3_CATALOG and pid in site.v3_by_id:
        p = site.v3_by_id[pid]
        p.name = body.get("name", p.name)
        p.visible = body.get("visible", p.visible)
        for v in p.variants:
            if "price" in body:
                v.price = "%.2f" % float(body["price"])
            if "sku" in body and len(p.variants) == 1:
                v.sku = body["sku"]
        p.revision += 1
        p.updated = now
        site.touch()
        return {"id": p.id, "name": p.name, "revision": str(p.revision),
                "updatedDate": format_ms(now)}
    raise AdminError(404, "product not found", productId=pid)
