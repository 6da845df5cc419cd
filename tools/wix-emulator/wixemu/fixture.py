"""Fixture JSON -> Site records. The format is documented in README.md ("Fixture format").

Anything a fixture leaves out gets a deterministic default (GUIDs from a seeded RNG,
timestamps from a fixed base), so the same fixture always yields the same IDs.
"""
import random
import re

from . import orders
from .clock import format_ms, parse_iso
from .fixture_common import BASE_MS, FixtureError, guid
from .models import (QTY_MAX, V1_CATALOG, V3_CATALOG, VERSIONS, ZERO_VARIANT,
                     Site, V1Product, V1Row, V1Variant, V3Item, V3Product, V3Variant)

def slugify(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "product"


def _ms(raw, key, default):
    value = raw.get(key)
    if value is None:
        return default
    try:
        return parse_iso(value)
    except ValueError as exc:
        raise FixtureError(str(exc))


def _qty(value, where):
    if not isinstance(value, int) or isinstance(value, bool) or abs(value) > QTY_MAX:
        raise FixtureError("%s: quantity must be an integer within +-%d" % (where, QTY_MAX))
    return value


def _options_from(choice_maps):
    names = {}
    if not choice_maps:
        return names
    for choices in choice_maps:
        for name, value in choices.items():
            names.setdefault(name, [])
            if value not in names[name]:
                names[name].append(value)
    return names


def _v1_variant(raw, index, p, rng, managed):
    v = V1Variant()
    v.index = index
    if managed:
        # Managed-variant IDs look like 00000000-0000-0020-0005-ad9cdc10d3b8 [R15][R25].
        v.id = raw.get("id") or "00000000-0000-%04x-0005-%012x" % (index + 1, rng.getrandbits(48))
    else:
        v.id = ZERO_VARIANT
    v.choices = dict(raw.get("choices") or {})
    v.sku = raw.get("sku") or ""
    v.visible = raw.get("visible", True)
    v.price = raw.get("price")
    v.weight = raw.get("weight")
    v.quantity = _qty(raw.get("quantity", 0), "product %s" % p.name)
    v.in_stock = bool(raw.get("inStock", v.quantity > 0 or not p.track))
    v.barcode = raw.get("barcode")  # kept for the admin view; V1 has no barcode field
    return v


def _v1_product(site, raw, index, rng):
    p = V1Product()
    p.id = raw.get("id") or guid(rng)
    p.name = raw.get("name") or "Product %d" % (index + 1)
    p.slug = raw.get("slug") or slugify(p.name)
    p.created = _ms(raw, "createdDate", BASE_MS + index * 1000)
    p.updated = _ms(raw, "lastUpdated", p.created)
    p.numeric_id = int(raw.get("numericId") or p.created * 1000 + index)
    p.sku = raw.get("sku") or ""
    p.visible = raw.get("visible", True)
    p.product_type = raw.get("productType", "physical")
    p.price = float(raw.get("price", 10.0))
    p.weight = float(raw.get("weight", 0))
    p.description = raw.get("description", "")
    p.collection_ids = list(raw.get("collectionIds", []))
    p.brand = raw.get("brand", "")
    p.ribbon = raw.get("ribbon", "")
    p.manage_variants = bool(raw.get("manageVariants", False))
    p.track = bool(raw.get("trackQuantity", True))
    p.preorder = {"enabled": False, "message": "", "limit": 100000}
    p.preorder.update(raw.get("preorderInfo") or {})
    p.inv_id = raw.get("inventoryItemId") or guid(rng)
    p.inv_updated = _ms(raw, "inventoryLastUpdated", p.updated)
    if p.manage_variants:
        if not raw.get("variants"):
            raise FixtureError("product %s: manageVariants needs variants" % p.name)
        p.variants = [_v1_variant(rv, i, p, rng, True) for i, rv in enumerate(raw["variants"])]
    else:
        one = {"sku": p.sku, "quantity": raw.get("quantity", 0), "price": None,
               "barcode": raw.get("barcode")}
        if "inStock" in raw:
            one["inStock"] = raw["inStock"]
        p.variants = [_v1_variant(one, 0, p, rng, False)]
    if "productOptions" in raw:
        p.options = raw["productOptions"]
    else:
        p.options = [{"optionType": "drop_down", "name": name, "choices": [
            {"value": c, "description": c, "inStock": True, "visible": True} for c in values]}
            for name, values in _options_from([v.choices for v in p.variants if v.choices]).items()]
    return p


def _load_v1(site, raw_site, rng):
    products = [_v1_product(site, raw, i, rng) for i, raw in enumerate(raw_site.get("products", []))]
    products.sort(key=lambda p: p.numeric_id)
    site.v1_products = products
    for p in products:
        if p.id in site.v1_by_id:
            raise FixtureError("duplicate product id %s" % p.id)
        site.v1_by_id[p.id] = p
        site.v1_by_inv[p.inv_id] = p
        for v in p.variants:
            site.v1_rows.append(V1Row(p, v, p.numeric_id * 1000 + v.index))


def _v3_item(site, raw, variant, location_id, rng):
    item = V3Item()
    item.id = raw.get("id") or guid(rng)
    item.variant = variant
    item.location_id = location_id
    item.track = "inStock" not in raw
    item.quantity = _qty(raw.get("quantity", 0), "variant %s" % variant.sku) if item.track else 0
    item.in_stock = bool(raw.get("inStock", False))
    item.preorder = {"enabled": False, "message": "", "limit": 100000, "counter": 0}
    item.preorder.update(raw.get("preorderInfo") or {})
    item.revision = int(raw.get("revision", 1))
    item.created = _ms(raw, "createdDate", variant.product.created)
    item.updated = _ms(raw, "updatedDate", variant.product.updated)
    item.seq = site.take_seq()
    site.v3_items.append(item)
    site.v3_item_by_id[item.id] = item
    site.v3_item_by_var_loc[(variant.product.id, variant.id, location_id)] = item


def _v3_product(site, raw, index, rng):
    p = V3Product()
    p.id = raw.get("id") or guid(rng)
    p.name = raw.get("name") or "Product %d" % (index + 1)
    p.slug = raw.get("slug") or slugify(p.name)
    p.visible = raw.get("visible", True)
    p.product_type = raw.get("productType", "PHYSICAL")
    p.revision = int(raw.get("revision", 1))
    p.created = _ms(raw, "createdDate", BASE_MS + index * 1000)
    p.updated = _ms(raw, "updatedDate", p.created)
    p.description = raw.get("description", "")
    p.category_ids = list(raw.get("directCategoryIds", []))
    p.seq = index
    raw_variants = raw.get("variants") or [{
        # Every V3 product has at least one variant; a product without options has a
        # single default variant with empty choices [GH:skills-versioning][SDK:prod3].
        k: raw[k] for k in ("variantId", "sku", "barcode", "price", "inventory",
                            "otherLocations") if k in raw}]
    p.variants = []
    for rv in raw_variants:
        v = V3Variant()
        # GUESS: a default variant gets a random GUID like any other. A fixture may give two
        # products the same variantId: Wix only promises (productId, variantId) is unique
        # [SDK:rov3], and a shared one proves the client never keys on variantId alone.
        v.id = rv.get("id") or rv.get("variantId") or guid(rng)
        if (p.id, v.id) in site.v3_var_by_key:
            raise FixtureError("product %s: variant %s twice" % (p.id, v.id))
        v.product = p
        v.sku = rv.get("sku") or ""
        v.barcode = rv.get("barcode") or ""
        v.visible = rv.get("visible", True)
        v.price = "%.2f" % float(rv.get("price", raw.get("price", 10)))
        v.choices = [{"optionName": k, "choiceName": c} for k, c in (rv.get("choices") or {}).items()]
        v.seq = site.take_seq()
        p.variants.append(v)
        site.v3_variants.append(v)
        site.v3_var_by_key[(p.id, v.id)] = v
        inv = rv.get("inventory", {"quantity": 0})
        if inv is not None:  # null: no inventory record (items are not auto-created [R30])
            _v3_item(site, inv, v, site.default_location_id, rng)
        for other in rv.get("otherLocations", []):
            _v3_item(site, other, v, other["locationId"], rng)
    if "options" in raw:
        p.options = raw["options"]
    else:
        by_name = _options_from([{c["optionName"]: c["choiceName"] for c in v.choices}
                                 for v in p.variants if v.choices])
        p.options = [{"name": n, "optionRenderType": "TEXT_CHOICES",
                      "choicesSettings": {"choices": [{"name": c, "choiceType": "CHOICE_TEXT"}
                                                      for c in cs]}}
                     for n, cs in by_name.items()]
    return p


def _load_v3(site, raw_site, rng):
    raw_locs = raw_site.get("locations") or [{"name": "Default location", "default": True}]
    for raw in raw_locs:
        loc_id = raw.get("id") or guid(rng)
        stamp = _ms(raw, "createdDate", BASE_MS)
        site.locations.append({
            "id": loc_id, "revision": "1", "createdDate": format_ms(stamp),
            "updatedDate": format_ms(stamp), "wixLocationId": raw.get("wixLocationId", loc_id),
            "locationType": raw.get("locationType", "PHYSICAL"),
            "name": raw.get("name", "Location"), "defaultLocation": bool(raw.get("default"))})
        if raw.get("default"):
            site.default_location_id = loc_id
    if site.default_location_id is None:
        site.locations[0]["defaultLocation"] = True
        site.default_location_id = site.locations[0]["id"]
    for i, raw in enumerate(raw_site.get("products", [])):
        p = _v3_product(site, raw, i, rng)
        if p.id in site.v3_by_id:
            raise FixtureError("duplicate product id %s" % p.id)
        site.v3_products.append(p)
        site.v3_by_id[p.id] = p


def build_site(raw_site):
    version = raw_site.get("catalogVersion", V1_CATALOG)
    if version not in VERSIONS:
        raise FixtureError("catalogVersion must be one of %s" % ", ".join(VERSIONS))
    if not raw_site.get("id"):
        raise FixtureError("every site needs an id")
    site = Site(raw_site["id"], raw_site.get("name", ""), version, raw_site.get("currency", "USD"))
    rng = random.Random(site.id)
    if version == V1_CATALOG:
        _load_v1(site, raw_site, rng)
    elif version == V3_CATALOG:
        _load_v3(site, raw_site, rng)
    for i, raw in enumerate(raw_site.get("orders", [])):
        orders.add_fixture_order(site, raw, i, rng)
    return site


def load(docs):
    """List of fixture documents -> (sites, keys, behaviour, clock settings)."""
    sites, keys, behaviour, clock_cfg = {}, {}, {}, None
    for doc in docs:
        for raw_site in doc.get("sites", []):
            site = build_site(raw_site)
            if site.id in sites:
                raise FixtureError("site %s defined twice" % site.id)
            sites[site.id] = site
        for raw in doc.get("keys", []):
            entry = keys.setdefault(raw["key"], {"sites": set(), "permissions": set(),
                                                 "name": raw.get("name", "")})
            if raw.get("sites", "*") == "*" or entry["sites"] == "*":
                entry["sites"] = "*"
            else:
                entry["sites"].update(raw["sites"])
            entry["permissions"].update(raw.get("permissions", []))
        behaviour.update(doc.get("behaviour", {}))
        if doc.get("clock"):
            clock_cfg = doc["clock"]
    return sites, keys, behaviour, clock_cfg

