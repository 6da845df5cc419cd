"""Catalog V1 product reads: Query Products, Get Product, Query Store Variants [R13-R15]."""
from . import auth, render_v1
from .errors import not_found, validation_error
from .filters import Field
from .wixquery import object_offset_query, v1_offset_query


def _skus(p):
    # GUESS: Wix does not say whether the product `sku` filter also looks at variant
    # SKUs; here it does (any of product SKU or variant SKUs), so duplicated SKUs show up.
    return [p.sku] + [v.sku for v in p.variants if v.sku and v.sku != p.sku]


# Filterable/sortable fields from the old reference table [R15] plus `visible` [R14].
# `options.<name>` is not emulated (answers "not declared as filterable").
PRODUCT_FIELDS = {
    "id": Field(lambda p: p.id),
    "name": Field(lambda p: p.name),
    "description": Field(lambda p: p.description, sortable=False),
    "sku": Field(_skus, "strs"),
    "productType": Field(lambda p: p.product_type),
    "price": Field(lambda p: p.price, "num"),
    "numericId": Field(lambda p: p.numeric_id, "int", seq=True),
    "lastUpdated": Field(lambda p: p.updated, "date"),
    "createdDate": Field(lambda p: p.created, "date"),
    "collections.id": Field(lambda p: p.collection_ids, "strs", sortable=False),
    "inventoryStatus": Field(render_v1.inventory_status, sortable=False),
    "visible": Field(lambda p: p.visible, "bool", sortable=False),
    "slug": Field(lambda p: p.slug, filterable=False),
}

# GUESS: filterable fields of Query Store Variants are not listed in what we could read;
# these are the flat fields of the returned object.
VARIANT_FIELDS = {
    "id": Field(lambda r: "%s-%s" % (r.product.id, r.variant.id)),
    "productId": Field(lambda r: r.product.id),
    "variantId": Field(lambda r: r.variant.id),
    "sku": Field(lambda r: r.variant.sku),
    "productName": Field(lambda r: r.product.name),
    "variantName": Field(lambda r: render_v1.variant_name(r.variant)),
    "managedVariant": Field(lambda r: r.product.manage_variants, "bool"),
    "stock.trackQuantity": Field(lambda r: r.product.track, "bool"),
    "stock.quantity": Field(lambda r: r.variant.quantity if r.product.track else None, "int"),
    "stock.inStock": Field(lambda r: render_v1.variant_in_stock(r.product, r.variant), "bool"),
    "collectionIds": Field(lambda r: r.product.collection_ids, "strs", sortable=False),
}


def query_products(ctx):
    body = ctx.body or {}
    hidden = bool(body.get("includeHiddenProducts"))
    if hidden or body.get("includeMerchantSpecificData"):
        auth.require(ctx.state, ctx.key_info, auth.V1_MANAGE)  # [R15]
    site = ctx.site
    page, total, offset = v1_offset_query(
        site, "v1products", site.v1_products, lambda p: p.numeric_id, PRODUCT_FIELDS,
        body.get("query"), extra_pred=None if hidden else (lambda p: p.visible),
        extra_token="all" if hidden else "visible")
    with_variants = bool(body.get("includeVariants"))
    products = [render_v1.product(p, site.currency, with_variants) for p in page]
    return 200, {"products": products,
                 "metadata": {"items": len(products), "offset": offset},
                 "totalResults": total}


def query_products_platformized(ctx):
    """The SDK's Query Products (`QueryProductsPlatformizedRequest` [SDK:prod1]): an object
    filter, `sort` as [{fieldName, order}], `paging {limit <= 100, offset}`; the answer's
    paging block is `metadata {count, offset, total}`. GUESS: hidden products are left out
    (the request has no includeHiddenProducts) and variants are not included."""
    body = ctx.body or {}
    unknown = sorted(set(body) - {"query"})
    if unknown:
        raise validation_error(unknown[0], "is not a field of QueryProductsPlatformizedRequest",
                               "UNKNOWN_FIELD")
    q = body.get("query") or {}
    if not isinstance(q, dict):
        raise validation_error("query", "must be an object", "INVALID_TYPE")
    if isinstance(q.get("filter"), str) or isinstance(q.get("sort"), str):
        raise validation_error("query.filter", "must be an object (sort a list)", "INVALID_TYPE")
    if q.get("cursorPaging"):
        # GUESS: which paging the platformized V1 query honours is not documented; offset.
        raise validation_error("query.cursorPaging", "use paging (limit, offset)",
                               "INVALID_PAGING")
    site = ctx.site
    page, total, offset, _ = object_offset_query(
        site, "v1products", site.v1_products, lambda p: p.numeric_id, PRODUCT_FIELDS, q,
        q.get("paging") or {}, max_limit=100, default_limit=100,
        extra_pred=lambda p: p.visible, extra_token="visible")
    products = [render_v1.product(p, site.currency, False) for p in page]
    return 200, {"products": products,
                 "metadata": {"count": len(products), "offset": offset, "total": total}}


def get_product(ctx):
    p = ctx.site.v1_by_id.get(ctx.params["id"])
    if p is None:
        raise not_found("PRODUCT_NOT_FOUND", "Product %s not found" % ctx.params["id"])
    # GUESS: Get Product returns variants without being asked (no includeVariants flag).
    return 200, {"product": render_v1.product(p, ctx.site.currency, True)}


def query_variants(ctx):
    body = ctx.body or {}
    q = body.get("query") or {}
    if not isinstance(q, dict):
        raise validation_error("query", "must be an object", "INVALID_TYPE")
    if isinstance(q.get("filter"), str):
        # This endpoint takes an OBJECT filter, unlike Query Products [R15][SDK:prod1].
        raise validation_error("query.filter", "must be an object", "INVALID_TYPE")
    site = ctx.site
    # GUESS: variants of hidden products are included (no includeHidden flag documented).
    page, total, offset, _ = object_offset_query(
        site, "v1variants", site.v1_rows, lambda r: r.seq, VARIANT_FIELDS, q,
        q.get("paging") or {}, max_limit=100, default_limit=100)
    return 200, {"variants": [render_v1.store_variant(r, site.currency) for r in page],
                 "metadata": {"count": len(page), "offset": offset, "total": total,
                              "cursors": {}}}
