"""The only code that changes stock. Every change bumps timestamps (and the V3
revision), invalidates cached queries and lands in the applied-writes log."""
from .clock import format_ms


def v1_quantity(state, site, p, v, kind, amount, after, source, route):
    before = v.quantity
    v.quantity = after
    if p.track:
        v.in_stock = after > 0
    _v1_touch(state, site, p)
    return state.record_write(site, source=source, route=route, kind=kind, amount=amount,
                              before=before, after=after, sku=v.sku, productId=p.id,
                              variantId=v.id, inventoryItemId=p.inv_id, locationId=None)


def v1_in_stock(state, site, p, v, value, source, route):
    before = v.in_stock
    v.in_stock = bool(value)
    _v1_touch(state, site, p)
    return state.record_write(site, source=source, route=route, kind="in_stock", amount=None,
                              before=before, after=v.in_stock, sku=v.sku, productId=p.id,
                              variantId=v.id, inventoryItemId=p.inv_id, locationId=None)


def v1_track(state, site, p, value, source, route):
    before = p.track
    p.track = bool(value)
    if not p.track:
        # GUESS: switching tracking off keeps each variant's availability as it was.
        for v in p.variants:
            v.in_stock = v.quantity > 0
    _v1_touch(state, site, p)
    return state.record_write(site, source=source, route=route, kind="track", amount=None,
                              before=before, after=p.track, sku=p.sku, productId=p.id,
                              variantId=None, inventoryItemId=p.inv_id, locationId=None)


def v1_preorder(state, site, p, info):
    p.preorder.update({k: info[k] for k in ("enabled", "message", "limit") if k in info})
    _v1_touch(state, site, p)


def _v1_touch(state, site, p):
    now = state.clock.now_ms()
    p.inv_updated = now
    # GUESS: a stock change also bumps the product's lastUpdated (product.stock is part
    # of the product), so incremental product pulls by lastUpdated see it.
    p.updated = now
    site.touch()


def _v3_log(state, site, item, kind, amount, before, after, source, route):
    v = item.variant
    return state.record_write(site, source=source, route=route, kind=kind, amount=amount,
                              before=before, after=after, sku=v.sku, productId=v.product.id,
                              variantId=v.id, inventoryItemId=item.id,
                              locationId=item.location_id, revision=str(item.revision))


def v3_touch(state, site, item):
    # Revision rises by one on every write [R33]; updatedDate moves with it.
    item.revision += 1
    item.updated = state.clock.now_ms()
    site.touch()


def v3_quantity(state, site, item, kind, amount, after, source, route):
    before = item.quantity if item.track else None
    item.track = True  # quantity and inStock are a one-of; sending quantity tracks it [R27]
    item.quantity = after
    v3_touch(state, site, item)
    return _v3_log(state, site, item, kind, amount, before, after, source, route)


def v3_in_stock(state, site, item, value, source, route):
    before = item.in_stock if not item.track else None
    item.track = False
    item.in_stock = bool(value)
    v3_touch(state, site, item)
    return _v3_log(state, site, item, "in_stock", None, before, item.in_stock, source, route)


def v3_preorder_counter(state, site, item, amount, source, route):
    before = item.preorder.get("counter", 0)
    item.preorder["counter"] = before + amount
    v3_touch(state, site, item)
    return _v3_log(state, site, item, "preorder", amount, before, before + amount, source, route)


def v3_preorder(state, site, item, info):
    item.preorder.update({k: info[k] for k in ("enabled", "message", "limit") if k in info})


def truth_v1(p, v):
    return {"sku": v.sku, "productId": p.id, "variantId": v.id, "inventoryItemId": p.inv_id,
            "productName": p.name, "quantity": v.quantity, "trackQuantity": p.track,
            "inStock": v.in_stock, "preorderEnabled": bool(p.preorder.get("enabled")),
            "lastUpdated": format_ms(p.inv_updated)}


def truth_v3(site, v, item):
    row = {"sku": v.sku, "barcode": v.barcode, "productId": v.product.id, "variantId": v.id,
           "productName": v.product.name, "inventoryItemId": None, "locationId": None,
           "defaultLocation": None, "quantity": None, "trackQuantity": None,
           "inStock": None, "revision": None, "preorderCounter": None, "updatedDate": None}
    if item is not None:
        row.update({"inventoryItemId": item.id, "locationId": item.location_id,
                    "defaultLocation": item.location_id == site.default_location_id,
                    "quantity": item.quantity if item.track else None,
                    "trackQuantity": item.track, "inStock": item.in_stock if not item.track
                    else item.quantity > 0,
                    "revision": str(item.revision),
                    "preorderCounter": item.preorder.get("counter", 0),
                    "updatedDate": format_ms(item.updated)})
    return row
