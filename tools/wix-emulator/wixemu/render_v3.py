"""Catalog V3 JSON as Wix sends it [R27][R29][SDK:inv3][SDK:prod3][SDK:rov3][R38].

V3 money amounts are strings, enums UPPER_CASE, `revision` an int64 serialised as a
string [R27]. Tracking is a one-of on the inventory item: `quantity` XOR `inStock`, with
`trackQuantity` derived [R27][GH:skills-inv3].
"""
from .clock import format_ms
from .render_v1 import money_text


def item_availability(item):
    pre = item.preorder.get("enabled")
    if item.track:
        ok = item.quantity > 0
    else:
        ok = item.in_stock
    if ok:
        return "IN_STOCK"
    return "PREORDER" if pre else "OUT_OF_STOCK"


def variant_name(v):
    # GUESS: composition of product.variantName is undocumented; choice names joined.
    return " | ".join(c["choiceName"] for c in v.choices)


def _drop_empty(obj, *keys):
    """Leaves out text fields that are empty: the SDK gives them a @minLength of 1, so Wix
    omits an unset one (proto3 JSON) rather than send "" [SDK:inv3][SDK:rov3]."""
    for key in keys:
        if obj.get(key) == "":
            del obj[key]
    return obj


def inventory_item(item):
    v = item.variant
    p = v.product
    pre = item.preorder
    out = {
        "id": item.id, "revision": str(item.revision),
        "createdDate": format_ms(item.created), "updatedDate": format_ms(item.updated),
        "variantId": v.id, "locationId": item.location_id, "productId": p.id,
        "trackQuantity": item.track,
        "availabilityStatus": item_availability(item),
        "preorderInfo": _drop_empty(
            {"enabled": bool(pre.get("enabled")), "message": pre.get("message", ""),
             "limit": pre.get("limit", 100000), "counter": pre.get("counter", 0),
             # GUESS: `quantity` (read-only) taken as what is left of the limit.
             "quantity": pre.get("limit", 100000) - pre.get("counter", 0)}, "message"),
        "product": _drop_empty({"name": p.name, "variantName": variant_name(v),
                                "variantSku": v.sku, "variantVisible": v.visible,
                                "directCategoryIds": list(p.category_ids)},
                               "variantName", "variantSku"),
        "extendedFields": {"namespaces": {}},
    }
    if item.track:
        out["quantity"] = item.quantity
    else:
        out["inStock"] = item.in_stock
    return out


def variant_inventory_status(site, v):
    """Storefront status follows the default location only [R27][R30]."""
    item = site.default_item(v)
    if item is None:
        return {"inStock": False, "preorderEnabled": False}
    return {"inStock": item_availability(item) != "OUT_OF_STOCK",
            "preorderEnabled": bool(item.preorder.get("enabled"))}


def _price(v, currency):
    return {"actualPrice": {"amount": v.price,
                            "formattedAmount": money_text(float(v.price), currency)}}


def _choices(v):
    return [{"optionChoiceNames": {"optionName": c["optionName"],
                                   "choiceName": c["choiceName"],
                                   "renderType": "TEXT_CHOICES"}} for c in v.choices]


def read_only_variant(site, v):
    """Entry of query-variants / search-variants [R29][SDK:rov3].

    A variant is named by `variantId` together with `productData.productId`; the variant's
    own `id` is deprecated (removal 2026-12-31) [SDK:rov3]. It is left out here so that no
    client of this emulator can come to depend on it. The SDK's ReadOnlyVariant has no
    top-level dates. `productData` carries only what the SDK's `ProductFields` declares, plus
    `updatedDate`: not in that type, but in the response transform and the search spec
    [SDK:rov3], so Wix does send it; `createdDate` and `directCategoryIds` are in neither.
    """
    p = v.product
    return _drop_empty({
        "variantId": v.id,
        "productData": {"productId": p.id, "name": p.name, "slug": p.slug,
                        "visible": p.visible, "productType": p.product_type,
                        "revision": str(p.revision), "updatedDate": format_ms(p.updated)},
        "sku": v.sku, "barcode": v.barcode, "visible": v.visible,
        "optionChoices": _choices(v),
        "price": _price(v, site.currency),
        "inventoryStatus": variant_inventory_status(site, v),
    }, "sku", "barcode")


def product(site, p, with_variants):
    statuses = [variant_inventory_status(site, v) for v in p.variants]
    in_stock = [s["inStock"] for s in statuses]
    pre = [s["preorderEnabled"] for s in statuses]
    amounts = sorted(float(v.price) for v in p.variants)
    out = {
        "id": p.id, "revision": str(p.revision),
        "createdDate": format_ms(p.created), "updatedDate": format_ms(p.updated),
        "name": p.name, "slug": p.slug, "visible": p.visible, "visibleInPos": True,
        "productType": p.product_type, "options": p.options, "modifiers": [],
        "inventory": {
            "availabilityStatus": "IN_STOCK" if all(in_stock) else (
                "PARTIALLY_OUT_OF_STOCK" if any(in_stock) else "OUT_OF_STOCK"),
            "preorderStatus": "ENABLED" if all(pre) else (
                "PARTIALLY_ENABLED" if any(pre) else "DISABLED")},
        "variantSummary": {"variantCount": len(p.variants)},
        "actualPriceRange": {"minValue": {"amount": "%.2f" % amounts[0]},
                             "maxValue": {"amount": "%.2f" % amounts[-1]}},
    }
    if with_variants:
        out["variantsInfo"] = {"variants": [_drop_empty({
            "id": v.id, "visible": v.visible, "sku": v.sku, "barcode": v.barcode,
            "choices": _choices(v), "price": _price(v, site.currency),
            "inventoryStatus": s}, "sku", "barcode") for v, s in zip(p.variants, statuses)]}
    return out


def location(loc):
    return dict(loc)
