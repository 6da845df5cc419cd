"""Catalog V3 bulk increment / decrement [R35][R36][SDK:inv3].

Deltas need no revision. Rules: only quantity-tracked items (else
INVENTORY_QUANTITY_NOT_TRACKED); with restrictInventory a decrement below zero fails with
INSUFFICIENT_INVENTORY; amounts 1..99999 and stored quantity within +-99999 (MIN/
MAX_QUANTITY_LIMIT_REACHED); preorderRequest on a preorder-enabled item bumps
preorderInfo.counter and leaves quantity alone. Per-item failures, HTTP 200.
"""
from . import stock
from .errors import validation_error
from .inventory_v3_write import ItemFailure, bulk_entries, bulk_response, int_in_range
from .models import QTY_MAX


def increment(ctx):
    return _adjust(ctx, "incrementData", "incrementBy", +1, False)


def decrement(ctx):
    return _adjust(ctx, "decrementData", "decrementBy", -1, False)


def increment_by_variant_location(ctx):
    return _adjust(ctx, "incrementData", "incrementBy", +1, True)


def decrement_by_variant_location(ctx):
    return _adjust(ctx, "decrementData", "decrementBy", -1, True)


def _adjust(ctx, list_key, amount_key, sign, by_variant):
    body = ctx.body if isinstance(ctx.body, dict) else {}
    data = bulk_entries(body, list_key, 1, 300)
    # CONFLICT on the default of restrictInventory [SDK:inv3]; omitted = no negatives
    # (API.md §5.4).
    restrict = body.get("restrictInventory")
    restrict = True if restrict is None else bool(restrict)
    plan = []
    for i, e in enumerate(data):
        field = "%s[%d]" % (list_key, i)
        if not isinstance(e, dict):
            raise validation_error(field, "must be an object", "INVALID_TYPE")
        if by_variant:
            for k in ("variantId", "locationId"):
                if not e.get(k):
                    raise validation_error("%s.%s" % (field, k), "must not be empty", "REQUIRED")
        elif not e.get("inventoryItemId"):
            raise validation_error(field + ".inventoryItemId", "must not be empty", "REQUIRED")
        n = int_in_range(e.get(amount_key), "%s.%s" % (field, amount_key), 1, QTY_MAX)
        plan.append((i, e, n))
    site = ctx.site
    results = []
    for i, e, n in plan:
        if by_variant:
            # These entries carry no productId [SDK:inv3]. GUESS: a variantId several
            # products share is NOT_FOUND rather than a guess at one of them.
            named = site.v3_variants_named(e["variantId"])
            item = site.item_at(named[0], e["locationId"]) if len(named) == 1 else None
        else:
            item = site.v3_item_by_id.get(e["inventoryItemId"])
        item_id = item.id if item else e.get("inventoryItemId")
        try:
            _one(ctx, item, n, sign, restrict, bool(e.get("preorderRequest")))
            results.append((i, item_id, item, None))
        except ItemFailure as failure:
            results.append((i, item_id, None, failure))
    return bulk_response(results, bool(body.get("returnEntity")))


def _one(ctx, item, n, sign, restrict, preorder_request):
    if item is None:
        # NOT_FOUND is documented for the by-variant-and-location calls [SDK:inv3];
        # GUESS: the same code for an unknown inventoryItemId.
        raise ItemFailure("NOT_FOUND", "No inventory item found")
    if not item.track:
        raise ItemFailure("INVENTORY_QUANTITY_NOT_TRACKED",
                          "Inventory item %s does not track quantity" % item.id)
    route = ctx.route_name
    if sign < 0 and preorder_request and item.preorder.get("enabled"):
        if item.preorder.get("counter", 0) + n > item.preorder.get("limit", 100000):
            # GUESS: exceeding the preorder limit reuses INSUFFICIENT_INVENTORY.
            raise ItemFailure("INSUFFICIENT_INVENTORY", "Preorder limit reached")
        stock.v3_preorder_counter(ctx.state, ctx.site, item, n, "api", route)
        return
    after = item.quantity + sign * n
    if after > QTY_MAX:
        raise ItemFailure("MAX_QUANTITY_LIMIT_REACHED", "Quantity would exceed %d" % QTY_MAX)
    if after < -QTY_MAX:
        raise ItemFailure("MIN_QUANTITY_LIMIT_REACHED", "Quantity would go below -%d" % QTY_MAX)
    if sign < 0 and restrict and after < 0:
        raise ItemFailure("INSUFFICIENT_INVENTORY", "Not enough stock: %d available, %d "
                          "requested" % (item.quantity, n))
    stock.v3_quantity(ctx.state, ctx.site, item, "inc" if sign > 0 else "dec", n, after,
                      "api", route)
