"""Catalog V3 inventory-item reads [R27][R31][R32][SDK:inv3].

An inventory item is one variant at one location. Variants without an item simply do
not appear [GH:skills-inv3]. Query takes `cursorPaging` or offset `paging` (≤1000);
Search takes cursor paging only and adds `hasNext`.
"""
from . import render_v3
from .errors import not_found, validation_error
from .filters import Field
from .render_v3 import item_availability
from .wixquery import cursor_query, object_offset_query

# Filterable fields as listed for Query Inventory Items [SDK:inv3].
# InventoryItemQuerySpec / InventoryItemSearchSpec [SDK:inv3]: `_id`, `locationId` and
# `variantId` filter with any operator but do not sort (sort: NONE).
ITEM_FIELDS = {
    "id": Field(lambda i: i.id, sortable=False),
    "inStock": Field(lambda i: item_availability(i) != "OUT_OF_STOCK", "bool"),
    "quantity": Field(lambda i: i.quantity if i.track else None, "int"),
    "createdDate": Field(lambda i: i.created, "date"),
    "updatedDate": Field(lambda i: i.updated, "date"),
    "variantId": Field(lambda i: i.variant.id, sortable=False),
    "locationId": Field(lambda i: i.location_id, sortable=False),
    "productId": Field(lambda i: i.variant.product.id),
    "trackQuantity": Field(lambda i: i.track, "bool"),
    "availabilityStatus": Field(item_availability),
    "preorderInfo.enabled": Field(lambda i: bool(i.preorder.get("enabled")), "bool"),
    "product.name": Field(lambda i: i.variant.product.name),
    "product.variantName": Field(lambda i: render_v3.variant_name(i.variant)),
    "product.variantSku": Field(lambda i: i.variant.sku),
    "product.variantBarcode": Field(lambda i: i.variant.barcode),
    "product.brand.id": Field(lambda i: None),
    "product.directCategoryIds": Field(lambda i: i.variant.product.category_ids, "strs",
                                       sortable=False),
}


def _seq(item):
    return item.seq


def _expression(search):
    return (search or {}).get("expression") if isinstance(search, dict) else None


def _search_gate(expr):
    if not expr:
        return None, ""
    needle = str(expr).lower()
    # GUESS: free-text search = case-insensitive substring on product name, variant
    # name and SKU.
    return (lambda i: needle in ("%s %s %s" % (i.variant.product.name,
                                               render_v3.variant_name(i.variant),
                                               i.variant.sku)).lower()), "q:" + needle


def query(ctx):
    body = ctx.body if isinstance(ctx.body, dict) else {}
    q = body.get("query") or {}
    if not isinstance(q, dict):
        raise validation_error("query", "must be an object", "INVALID_TYPE")
    site = ctx.site
    if q.get("paging") and not q.get("cursorPaging"):
        page, _total, offset, _ = object_offset_query(
            site, "v3items", site.v3_items, _seq, ITEM_FIELDS, q, q["paging"],
            max_limit=1000, default_limit=100)
        meta = {"count": len(page), "offset": offset}
    else:
        # GUESS: default page size 100 (maximum 1000 [SDK:inv3]).
        page, meta = cursor_query(site, "v3items", site.v3_items, _seq, ITEM_FIELDS, q,
                                  max_limit=1000, default_limit=100)
        meta.pop("hasNext")  # Query's paging block is {count, cursors} [R31]
    return 200, {"inventoryItems": [render_v3.inventory_item(i) for i in page],
                 "pagingMetadata": meta}


def search(ctx):
    body = ctx.body if isinstance(ctx.body, dict) else {}
    s = body.get("search") or {}
    if not isinstance(s, dict):
        raise validation_error("search", "must be an object", "INVALID_TYPE")
    site = ctx.site
    page, meta = cursor_query(site, "v3items", site.v3_items, _seq, ITEM_FIELDS, s,
                              max_limit=1000, default_limit=100,
                              extra=lambda _f, expr: _search_gate(expr),
                              extra_state=_expression(s.get("search")), where="search")
    return 200, {"inventoryItems": [render_v3.inventory_item(i) for i in page],
                 "pagingMetadata": meta, "aggregationData": {}}


def count(ctx):
    body = ctx.body if isinstance(ctx.body, dict) else {}
    gate = _search_gate(_expression(body.get("search")))
    q = {"filter": body.get("filter") or {}}
    site = ctx.site
    page, _total, _offset, _ = object_offset_query(
        site, "v3items", site.v3_items, _seq, ITEM_FIELDS, q, {"limit": 1000},
        max_limit=1000, default_limit=1000, extra_pred=gate[0], extra_token=gate[1])
    return 200, {"count": _total}


def get(ctx):
    item = ctx.site.v3_item_by_id.get(ctx.params["id"])
    if item is None:
        raise not_found("INVENTORY_ITEM_NOT_FOUND", "Inventory item %s not found" % ctx.params["id"])
    return 200, {"inventoryItem": render_v3.inventory_item(item)}
