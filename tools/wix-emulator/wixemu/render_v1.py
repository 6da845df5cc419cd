"""Catalog V1 JSON as Wix sends it [R15][R20][R22][SDK:prod1][SDK:inv1].

V1 prices are JSON numbers, enums lower-case (`physical`, `drop_down`), and `numericId`
is emitted as a string: examples carry it that way while the object page types it as a
number (CONFLICT in [R20]/[R21]; API.md says the emulator should emit a string).
"""
from .clock import format_ms
from .models import ZERO_VARIANT

_SYMBOLS = {"USD": "$", "EUR": "\u20ac", "GBP": "\u00a3"}


def money_text(amount, currency):
    sym = _SYMBOLS.get(currency)
    return "%s%.2f" % (sym, amount) if sym else "%.2f %s" % (amount, currency)


def _price_data(price, currency):
    txt = money_text(price, currency)
    return {"currency": currency, "price": price, "discountedPrice": price,
            "formatted": {"price": txt, "discountedPrice": txt}}


def variant_in_stock(p, v):
    if p.track:
        return v.quantity > 0 or bool(p.preorder.get("enabled"))
    return v.in_stock


def inventory_status(p):
    flags = [variant_in_stock(p, v) for v in p.variants]
    if all(flags):
        return "IN_STOCK"
    return "PARTIALLY_OUT_OF_STOCK" if any(flags) else "OUT_OF_STOCK"


def product_stock(p):
    status = inventory_status(p)
    stock = {"trackInventory": p.track, "inStock": status != "OUT_OF_STOCK",
             "inventoryStatus": status}
    if p.track:  # `quantity` is absent when the product is not tracked [R15]
        stock["quantity"] = sum(v.quantity for v in p.variants)
    return stock


def variant_stock(p, v):
    stock = {"trackQuantity": p.track, "inStock": variant_in_stock(p, v)}
    if p.track:
        stock["quantity"] = v.quantity
    return stock


def product_variant(p, v, currency):
    price = v.price if v.price is not None else p.price
    pd = _price_data(price, currency)
    return {"id": v.id, "choices": dict(v.choices),
            "variant": {"priceData": pd, "convertedPriceData": pd,
                        "weight": v.weight if v.weight is not None else p.weight,
                        "sku": v.sku, "visible": v.visible},
            "stock": variant_stock(p, v)}


def product(p, currency, include_variants):
    prices = [v.price if v.price is not None else p.price for v in p.variants] or [p.price]
    pd = _price_data(p.price, currency)
    out = {
        "id": p.id, "name": p.name, "slug": p.slug, "visible": p.visible,
        "productType": p.product_type, "description": p.description,
        # The product-level SKU is empty when variants carry their own [R15].
        "sku": "" if p.manage_variants else p.sku,
        "weight": p.weight, "stock": product_stock(p),
        "price": pd, "priceData": pd, "convertedPriceData": pd,
        "priceRange": {"minValue": min(prices), "maxValue": max(prices)},
        "costRange": {"minValue": 0, "maxValue": 0},
        "weightRange": {"minValue": p.weight, "maxValue": p.weight},
        "manageVariants": p.manage_variants,
        "productOptions": p.options, "customTextFields": [],
        "media": {"items": []}, "collectionIds": list(p.collection_ids),
        "ribbon": p.ribbon,
        "discount": {"type": "NONE", "value": 0},
        "productPageUrl": {"base": "https://shop.example.com/", "path": "/product-page/" + p.slug},
        "inventoryItemId": p.inv_id, "numericId": str(p.numeric_id),
        "createdDate": format_ms(p.created), "lastUpdated": format_ms(p.updated),
    }
    if p.brand:
        out["brand"] = p.brand  # @minLength 1 in the SDK: an unset brand is left out [SDK:prod1]
    if include_variants:
        out["variants"] = [product_variant(p, v, currency) for v in p.variants]
    return out


def variant_name(v):
    # GUESS: Wix does not document how variantName is composed; choice values joined.
    return " | ".join(str(x) for x in v.choices.values())


def store_variant(row, currency):
    """Entry of POST /stores/v1/variants/query [R15][SDK:prod1]."""
    p, v = row.product, row.variant
    return {"id": "%s-%s" % (p.id, v.id), "variantId": v.id, "productId": p.id,
            "variantName": variant_name(v), "productName": p.name,
            "managedVariant": p.manage_variants, "sku": v.sku,
            "stock": variant_stock(p, v), "choices": dict(v.choices),
            "collectionIds": list(p.collection_ids), "media": {},
            "preorderInfo": _preorder(p)}


def _preorder(p):
    # `message` has @minLength 1 in the SDK: an unset one is left out [SDK:inv1].
    return {k: v for k, v in p.preorder.items() if not (k == "message" and v == "")}


def inventory_item(p, variant_ids=None):
    """V1 inventory item: one per product, variants inside [R17][R20][R22]."""
    variants = []
    for v in p.variants:
        if variant_ids is not None and v.id not in variant_ids:
            continue
        entry = {"variantId": v.id, "inStock": variant_in_stock(p, v),
                 "availableForPreorder": bool(p.preorder.get("enabled"))}
        if p.track:
            entry["quantity"] = v.quantity
        variants.append(entry)
    return {"id": p.inv_id, "productId": p.id, "externalId": p.id,
            "trackQuantity": p.track, "variants": variants,
            "lastUpdated": format_ms(p.inv_updated),
            # GUESS: the inventory item's numericId is not documented as related to the
            # product's; reusing it keeps the numericId crawl [R13] working on both.
            "numericId": str(p.numeric_id),
            "preorderInfo": _preorder(p)}


def is_zero_variant(v):
    return v.id == ZERO_VARIANT
