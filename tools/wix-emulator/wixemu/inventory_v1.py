"""Catalog V1 inventory (`/stores/v2/inventoryItems`) [R17-R25][SDK:inv1].

One inventory item per product with a `variants[]` array. V1 documents no custom errors
for these endpoints [R24][R25], so every refusal below is a GUESS; the codes borrow the
V3 names [SDK:inv3] so a client can map both catalogs the same way. GUESS: calls are
all-or-nothing - every entry is checked before anything is applied, so a refused call
changes nothing (Wix documents no partial-failure shape for V1).
"""
from . import render_v1, stock
from .errors import app_error, not_found, precondition, validation_error
from .filters import Field
from .models import QTY_MAX
from .wixquery import v1_offset_query

# GUESS: filterable fields are UNDOCUMENTED; productId and numericId appear in Wix
# examples [R13][GH:skills-inv]; lastUpdated is added for incremental pulls.
ITEM_FIELDS = {
    "id": Field(lambda p: p.inv_id),
    "productId": Field(lambda p: p.id),
    "externalId": Field(lambda p: p.id),
    "numericId": Field(lambda p: p.numeric_id, "int", seq=True),
    "lastUpdated": Field(lambda p: p.inv_updated, "date"),
    "trackQuantity": Field(lambda p: p.track, "bool"),
}


def query(ctx):
    body = ctx.body or {}
    site = ctx.site
    page, total, offset = v1_offset_query(site, "v1inventory", site.v1_products,
                                          lambda p: p.numeric_id, ITEM_FIELDS, body.get("query"))
    items = [render_v1.inventory_item(p) for p in page]
    return 200, {"inventoryItems": items,
                 "metadata": {"items": len(items), "offset": offset}, "totalResults": total}


def _by_inventory_id(site, inv_id):
    p = site.v1_by_inv.get(inv_id)
    if p is None:
        raise not_found("INVENTORY_ITEM_NOT_FOUND", "Inventory item %s not found" % inv_id)
    return p


def _by_product_id(site, pid):
    p = site.v1_by_id.get(pid)
    if p is None:
        raise not_found("PRODUCT_NOT_FOUND", "Product %s not found" % pid)
    return p


def _variant(p, vid, field):
    for v in p.variants:
        if v.id == vid:
            return v
    raise app_error(404, "VARIANT_NOT_FOUND", "Variant %s not found in product %s" % (vid, p.id),
                    data={"field": field, "productId": p.id, "variantId": vid})


def get_variants(ctx):
    site, params = ctx.site, ctx.params
    if "productId" in params:
        p = _by_product_id(site, params["productId"])
    elif "externalId" in params:
        p = _by_product_id(site, params["externalId"])  # externalId = productId [R22]
    else:
        p = _by_inventory_id(site, params["inventoryId"])
    wanted = (ctx.body or {}).get("variantIds") if isinstance(ctx.body, dict) else None
    return 200, {"inventoryItem": render_v1.inventory_item(p, set(wanted) if wanted else None)}


def update_by_product(ctx):
    return _update(ctx, _by_product_id(ctx.site, ctx.params["productId"]))


def update_by_id(ctx):
    return _update(ctx, _by_inventory_id(ctx.site, ctx.params["inventoryId"]))


def _update(ctx, p):
    """Absolute set with PATCH semantics: only listed variants change [R18][R20]."""
    inv = (ctx.body or {}).get("inventoryItem") if isinstance(ctx.body, dict) else None
    if not isinstance(inv, dict):
        raise validation_error("inventoryItem", "must not be empty", "REQUIRED")
    track = inv.get("trackQuantity")
    if track is not None and not isinstance(track, bool):
        raise validation_error("inventoryItem.trackQuantity", "must be a boolean", "INVALID_TYPE")
    # [SDK:inv1] (inventory 1.0.81): every call must set trackQuantity; an omitted one is
    # treated as false and overwrites the tracking of ALL the product's variants.
    new_track = False if track is None else track
    entries = inv.get("variants") or []
    if not isinstance(entries, list):
        raise validation_error("inventoryItem.variants", "must be a list", "INVALID_TYPE")
    plan = []
    for i, e in enumerate(entries):
        field = "inventoryItem.variants[%d]" % i
        if not isinstance(e, dict) or not e.get("variantId"):
            raise validation_error(field + ".variantId", "must not be empty", "REQUIRED")
        v = _variant(p, e["variantId"], field + ".variantId")
        if ("quantity" in e) == ("inStock" in e):
            raise validation_error(field, "send exactly one of quantity / inStock", "ONE_OF")
        if "quantity" in e:
            q = e["quantity"]
            # GUESS: absolute sets accept 0..99999 (product stock quantity bound [R15]).
            if isinstance(q, bool) or not isinstance(q, int) or not 0 <= q <= QTY_MAX:
                raise validation_error(field + ".quantity", "must be an integer 0..%d" % QTY_MAX,
                                       "RANGE")
            if not new_track:
                # GUESS: quantity on an untracked item is refused (send inStock) [R20].
                why = ("trackQuantity omitted, which means false" if track is None
                       else "trackQuantity is false")
                raise precondition("INVENTORY_QUANTITY_NOT_TRACKED",
                                   "Product %s does not track quantity (%s); send inStock"
                                   % (p.id, why))
            plan.append((v, "quantity", q))
        else:
            if not isinstance(e["inStock"], bool):
                raise validation_error(field + ".inStock", "must be a boolean", "INVALID_TYPE")
            if new_track:
                # GUESS: inStock on a quantity-tracked item is refused (send quantity).
                raise precondition("INVENTORY_QUANTITY_TRACKED",
                                   "Product %s tracks quantity; send quantity" % p.id)
            plan.append((v, "inStock", e["inStock"]))
    route = ctx.route_name
    if new_track != p.track:
        stock.v1_track(ctx.state, ctx.site, p, new_track, "api", route)
    if isinstance(inv.get("preorderInfo"), dict):
        stock.v1_preorder(ctx.state, ctx.site, p, inv["preorderInfo"])
    for v, what, value in plan:
        if what == "quantity":
            stock.v1_quantity(ctx.state, ctx.site, p, v, "set", value, value, "api", route)
        else:
            stock.v1_in_stock(ctx.state, ctx.site, p, v, value, "api", route)
    return 200, {}


def increment(ctx):
    return _adjust(ctx, "incrementData", "incrementBy", +1)


def decrement(ctx):
    return _adjust(ctx, "decrementData", "decrementBy", -1)


def _adjust(ctx, list_key, amount_key, sign):
    body = ctx.body if isinstance(ctx.body, dict) else {}
    data = body.get(list_key)
    # 1-300 entries per call [R17][R24][SDK:inv1]; the over-limit response is
    # UNDOCUMENTED - GUESS: 400 validation error.
    if not isinstance(data, list) or not data:
        raise validation_error(list_key, "must contain at least 1 entry", "MIN_SIZE")
    if len(data) > 300:
        raise validation_error(list_key, "must contain at most 300 entries", "MAX_SIZE")
    site = ctx.site
    running, plan = {}, []
    for i, e in enumerate(data):
        field = "%s[%d]" % (list_key, i)
        if not isinstance(e, dict):
            raise validation_error(field, "must be an object", "INVALID_TYPE")
        if ("productId" in e) == ("inventoryId" in e):  # one-of [R25]
            raise validation_error(field, "send exactly one of productId / inventoryId", "ONE_OF")
        if not e.get("variantId"):
            raise validation_error(field + ".variantId", "must not be empty", "REQUIRED")
        n = e.get(amount_key)
        if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= QTY_MAX:
            raise validation_error("%s.%s" % (field, amount_key),
                                   "must be an integer 1..%d" % QTY_MAX, "RANGE")
        p = (_by_product_id(site, e["productId"]) if "productId" in e
             else _by_inventory_id(site, e["inventoryId"]))
        v = _variant(p, e["variantId"], field + ".variantId")
        info = {"index": i, "productId": p.id, "variantId": v.id}
        if not p.track:
            # GUESS: untracked (inStock) items refuse deltas, as V3 does [SDK:inv3].
            raise app_error(428, "INVENTORY_QUANTITY_NOT_TRACKED",
                            "Product %s does not track quantity" % p.id, data=info)
        before = running.get((p.id, v.id), v.quantity)
        after = before + sign * n
        if after > QTY_MAX:
            raise app_error(428, "MAX_QUANTITY_LIMIT_REACHED",
                            "Quantity would exceed %d" % QTY_MAX, data=info)
        if after < 0:
            # Below zero only with preorderRequest on a preorder-enabled item [R25];
            # the refusal's shape is UNDOCUMENTED. GUESS: 428 INSUFFICIENT_INVENTORY.
            allowed = e.get("preorderRequest") and p.preorder.get("enabled") and \
                -after <= p.preorder.get("limit", 100000)
            if not allowed:
                info.update({"available": before, "requested": n})
                raise app_error(428, "INSUFFICIENT_INVENTORY",
                                "Not enough stock: %d available, %d requested" % (before, n),
                                data=info)
        running[(p.id, v.id)] = after
        plan.append((p, v, n, after))
    kind = "inc" if sign > 0 else "dec"
    for p, v, n, after in plan:
        stock.v1_quantity(ctx.state, site, p, v, kind, n, v.quantity + sign * n, "api",
                          ctx.route_name)
    return 200, {}
