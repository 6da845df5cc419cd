"""Catalog V3 inventory writes [R33-R36][SDK:inv3][GH:skills-inv3][GH:148].

Bulk calls answer HTTP 200 even when items fail; each result carries
itemMetadata{id, originalIndex, success, error} and the totals sit in bulkActionMetadata.
GUESS: malformed requests (wrong entry shape, too many entries, bad amounts, missing
revision) are refused as a whole with 400 before anything is applied; only business
failures (not found, stale revision, stock rules) are per item.
"""
import random

from . import render_v3, stock
from .errors import WixError, app_error, not_found, validation_error
from .fixture_common import guid
from .models import QTY_MAX, V3Item


class ItemFailure(Exception):
    def __init__(self, code, description):
        super().__init__(description)
        self.code = code
        self.description = description


def int_in_range(value, field, lo, hi):
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise validation_error(field, "must be an integer %d..%d" % (lo, hi), "RANGE")
    return value


def _revision(value, field):
    if value is None or value == "":
        # Observed for product updates: 400 "revision must not be empty" [GH:844].
        raise validation_error(field, "revision must not be empty", "REQUIRED")
    try:
        return int(str(value))
    except ValueError:
        raise validation_error(field, "revision must be an int64 string", "INVALID_VALUE")


def bulk_response(results, return_entity):
    out, ok = [], 0
    for index, item_id, item, failure in results:
        meta = {"id": item_id, "originalIndex": index, "success": failure is None}
        if failure is not None:
            meta["error"] = {"code": failure.code, "description": failure.description, "data": {}}
        entry = {"itemMetadata": meta}
        if failure is None:
            ok += 1
            if return_entity:
                entry["item"] = render_v3.inventory_item(item)
        out.append(entry)
    # GUESS: the undetailedFailures threshold is UNDOCUMENTED; every failure is detailed.
    return 200, {"results": out, "bulkActionMetadata": {
        "totalSuccesses": ok, "totalFailures": len(out) - ok, "undetailedFailures": 0}}


def bulk_entries(body, key, lo, hi):
    data = body.get(key)
    if not isinstance(data, list) or len(data) < lo:
        raise validation_error(key, "must contain at least %d entry" % lo, "MIN_SIZE")
    if len(data) > hi:
        raise validation_error(key, "must contain at most %d entries" % hi, "MAX_SIZE")
    return data


def _check_set(inv, field):
    """Validate the one-of quantity/inStock part of an update."""
    if "quantity" in inv and "inStock" in inv:
        raise validation_error(field, "send exactly one of quantity / inStock", "ONE_OF")
    if "quantity" in inv:
        int_in_range(inv["quantity"], field + ".quantity", -QTY_MAX, QTY_MAX)
    if "inStock" in inv and not isinstance(inv["inStock"], bool):
        raise validation_error(field + ".inStock", "must be a boolean", "INVALID_TYPE")


def _apply_set(ctx, item, inv):
    if "quantity" in inv:
        current = item.quantity if item.track else 0
        q = inv["quantity"]
        if q < 0 and q < current:
            # GUESS at the meaning of this undescribed code [SDK:inv3]: a negative target
            # is accepted only if it does not lower the stock further.
            raise ItemFailure("REQUESTED_QUANTITY_MUST_BE_NON_NEGATIVE_DECREASING",
                              "Requested quantity %d is negative and lower than %d" % (q, current))
    if isinstance(inv.get("preorderInfo"), dict):
        stock.v3_preorder(ctx.state, ctx.site, item, inv["preorderInfo"])
    if "quantity" in inv:
        stock.v3_quantity(ctx.state, ctx.site, item, "set", inv["quantity"], inv["quantity"],
                          "api", ctx.route_name)
    elif "inStock" in inv:
        stock.v3_in_stock(ctx.state, ctx.site, item, inv["inStock"], "api", ctx.route_name)
    else:
        stock.v3_touch(ctx.state, ctx.site, item)


def bulk_update(ctx):
    body = ctx.body if isinstance(ctx.body, dict) else {}
    data = bulk_entries(body, "inventoryItems", 1, 1000)
    plan = []
    for i, e in enumerate(data):
        field = "inventoryItems[%d].inventoryItem" % i
        # Entries are WRAPPED in `inventoryItem` (bulk create's are flat) [GH:skills-inv3].
        if not isinstance(e, dict) or not isinstance(e.get("inventoryItem"), dict):
            raise validation_error(field, "must not be empty", "REQUIRED")
        inv = e["inventoryItem"]
        if not inv.get("id"):
            raise validation_error(field + ".id", "must not be empty", "REQUIRED")
        rev = _revision(inv.get("revision"), field + ".revision")
        _check_set(inv, field)
        plan.append((i, inv, rev))
    results = []
    for i, inv, rev in plan:
        item = ctx.site.v3_item_by_id.get(inv["id"])
        try:
            if item is None:
                raise ItemFailure("INVENTORY_ITEM_NOT_FOUND", "Inventory item not found")
            if rev != item.revision:
                # 409-style conflict [R33][R9]; the per-item code is UNDOCUMENTED - GUESS.
                raise ItemFailure("REVISION_MISMATCH", "Revision %d does not match current "
                                  "revision %d" % (rev, item.revision))
            _apply_set(ctx, item, inv)
            results.append((i, inv["id"], item, None))
        except ItemFailure as failure:
            results.append((i, inv["id"], None, failure))
    return bulk_response(results, bool(body.get("returnEntity")))


def update_one(ctx):
    body = ctx.body if isinstance(ctx.body, dict) else {}
    inv = body.get("inventoryItem")
    if not isinstance(inv, dict):
        raise validation_error("inventoryItem", "must not be empty", "REQUIRED")
    item_id = ctx.params["id"]
    if inv.get("id") not in (None, item_id):
        raise validation_error("inventoryItem.id", "does not match the path", "INVALID_VALUE")
    rev = _revision(inv.get("revision"), "inventoryItem.revision")
    _check_set(inv, "inventoryItem")
    item = ctx.site.v3_item_by_id.get(item_id)
    if item is None:
        raise not_found("INVENTORY_ITEM_NOT_FOUND", "Inventory item %s not found" % item_id)
    if rev != item.revision:
        # 409 when the revision differs from the stored one [R9][R33]. Code: GUESS.
        raise app_error(409, "REVISION_MISMATCH", "Revision %d does not match current "
                        "revision %d" % (rev, item.revision))
    try:
        _apply_set(ctx, item, inv)
    except ItemFailure as failure:
        raise app_error(428, failure.code, failure.description)
    return 200, {"inventoryItem": render_v3.inventory_item(item)}


def _create(ctx, inv, field):
    site = ctx.site
    if not inv.get("variantId"):
        raise validation_error(field + ".variantId", "must not be empty", "REQUIRED")
    _check_set(inv, field)
    if inv.get("quantity", 0) < 0:
        raise validation_error(field + ".quantity", "must not be negative",
                               "REQUESTED_QUANTITY_MUST_BE_NON_NEGATIVE")
    pre = inv.get("preorderInfo") or {}
    if "inStock" in inv and "limit" in pre:
        raise validation_error(field + ".preorderInfo.limit", "needs quantity tracking",
                               "PREORDER_LIMIT_NOT_SUPPORTED_FOR_UNTRACKED_INVENTORY")
    # (productId, variantId) names a variant [SDK:rov3]. GUESS: without productId a variantId
    # that several products share names none of them.
    named = site.v3_variants_named(inv["variantId"], inv.get("productId"))
    if len(named) != 1:
        raise not_found("VARIANT_NOT_FOUND", "Variant %s not found" % inv["variantId"])
    v = named[0]
    loc = inv.get("locationId") or site.default_location_id  # omitted -> default [R27]
    if loc not in {x["id"] for x in site.locations}:
        raise not_found("LOCATION_NOT_FOUND", "Location %s not found" % loc)
    if site.item_at(v, loc) is not None:
        raise app_error(409, "ITEM_ALREADY_EXISTS", "An inventory item already exists for "
                        "variant %s at location %s" % (v.id, loc))
    item = V3Item()
    item.seq = site.take_seq()
    # Seeded by site and sequence so a replayed test run creates the same IDs.
    item.id = guid(random.Random("%s/%d" % (site.id, item.seq)))
    item.variant, item.location_id = v, loc
    item.track = "inStock" not in inv  # GUESS: neither given -> tracked, quantity 0
    item.quantity = inv.get("quantity", 0)
    item.in_stock = bool(inv.get("inStock", False))
    item.preorder = {"enabled": False, "message": "", "limit": 100000, "counter": 0}
    item.preorder.update({k: pre[k] for k in ("enabled", "message", "limit") if k in pre})
    item.revision = 1  # create ignores any revision sent [R33]
    item.created = item.updated = ctx.state.clock.now_ms()
    site.v3_items.append(item)
    site.v3_item_by_id[item.id] = item
    site.v3_item_by_var_loc[(v.product.id, v.id, loc)] = item
    site.touch()
    ctx.state.record_write(site, source="api", route=ctx.route_name, kind="create",
                           amount=item.quantity if item.track else None, before=None,
                           after=item.quantity if item.track else item.in_stock, sku=v.sku,
                           productId=v.product.id, variantId=v.id, inventoryItemId=item.id,
                           locationId=loc, revision="1")
    return item


def create_one(ctx):
    body = ctx.body if isinstance(ctx.body, dict) else {}
    inv = body.get("inventoryItem")
    if not isinstance(inv, dict):
        raise validation_error("inventoryItem", "must not be empty", "REQUIRED")
    return 200, {"inventoryItem": render_v3.inventory_item(_create(ctx, inv, "inventoryItem"))}


def bulk_create(ctx):
    body = ctx.body if isinstance(ctx.body, dict) else {}
    data = bulk_entries(body, "inventoryItems", 1, 1000)
    for i, e in enumerate(data):  # flat entries here, unlike bulk update [GH:skills-inv3]
        if not isinstance(e, dict) or not e.get("variantId"):
            raise validation_error("inventoryItems[%d].variantId" % i, "must not be empty",
                                   "REQUIRED")
    results = []
    for i, e in enumerate(data):
        try:
            item = _create(ctx, e, "inventoryItems[%d]" % i)
            results.append((i, item.id, item, None))
        except WixError as err:
            detail = err.body.get("details", {})
            code = detail.get("applicationError", {}).get("code") or \
                detail.get("validationError", {}).get("fieldViolations", [{}])[0].get("ruleName")
            results.append((i, None, None, ItemFailure(code, err.body.get("message", ""))))
    return bulk_response(results, bool(body.get("returnEntity")))
