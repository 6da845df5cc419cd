"""Catalog V3 reads: Read-Only Variants [R29][SDK:rov3], Products [SDK:prod3][R26][R28],
Stores Locations [R37][R38][SDK:loc3]."""
from . import auth, clock, render_v3
from .errors import not_found
from .filters import Field
from .wixquery import cursor_query

# GUESS: the filterable fields of Query Variants are not in API.md; these cover lookups
# by product/variant/SKU/barcode and incremental pulls by updatedDate (the variant's
# updatedDate follows its product's).
VARIANT_FIELDS = {
    "id": Field(lambda v: v.id),
    "sku": Field(lambda v: v.sku),
    "barcode": Field(lambda v: v.barcode),
    "visible": Field(lambda v: v.visible, "bool"),
    "createdDate": Field(lambda v: v.product.created, "date"),
    "updatedDate": Field(lambda v: v.product.updated, "date"),
    "productData.productId": Field(lambda v: v.product.id),
    "productData.name": Field(lambda v: v.product.name),
    "productData.visible": Field(lambda v: v.product.visible, "bool"),
    "productData.createdDate": Field(lambda v: v.product.created, "date"),
    "productData.updatedDate": Field(lambda v: v.product.updated, "date"),
    "productData.directCategoryIds": Field(lambda v: v.product.category_ids, "strs",
                                           sortable=False),
}

# Query Products supports only a narrow set of fields [SDK:prod3][R28]. GUESS: this set.
PRODUCT_FIELDS = {
    "id": Field(lambda p: p.id),
    "createdDate": Field(lambda p: p.created, "date"),
    "updatedDate": Field(lambda p: p.updated, "date"),
    "visible": Field(lambda p: p.visible, "bool"),
    "slug": Field(lambda p: p.slug),
}

# Query Stores Locations' filter table [SDK:loc3]: these fields and no others.
LOCATION_FIELDS = {
    "id": Field(lambda loc: loc["id"]),
    "wixLocationId": Field(lambda loc: loc["wixLocationId"]),
    "createdDate": Field(lambda loc: clock.parse_iso(loc["createdDate"]), "date"),
    "updatedDate": Field(lambda loc: clock.parse_iso(loc["updatedDate"]), "date"),
    "locationType": Field(lambda loc: loc["locationType"]),
    "name": Field(lambda loc: loc["name"]),
    "defaultLocation": Field(lambda loc: loc["defaultLocation"], "bool"),
}


def version(ctx):
    return 200, {"catalogVersion": ctx.site.version}  # [R10]


def _hidden_gate(ctx, visible_of):
    # Reading hidden products needs PRODUCT_READ_ADMIN [SDK:prod3]. GUESS: without it,
    # hidden products are silently left out rather than refused.
    if auth.has_permission(ctx.key_info, auth.V3_PRODUCT_READ_ADMIN):
        return None, "admin"
    return visible_of, "public"


def _search_gate(expression, text_of):
    if not expression:
        return None, ""
    needle = str(expression).lower()
    # GUESS: free-text search = case-insensitive substring match on the named text.
    return (lambda r: needle in text_of(r).lower()), "q:" + needle


def _combine(*gates):
    preds = [g[0] for g in gates if g[0] is not None]
    token = "|".join(g[1] for g in gates)
    if not preds:
        return None, token
    return (lambda r: all(p(r) for p in preds)), token


def _variants(ctx, body_key):
    body = ctx.body if isinstance(ctx.body, dict) else {}
    q = body.get(body_key) or {}
    hidden = _hidden_gate(ctx, lambda v: v.product.visible)
    expr = (q.get("search") or {}).get("expression") if isinstance(q, dict) else None
    site = ctx.site
    # Up to 1000 variants per page [R29]. GUESS: default page size 100.
    page, meta = cursor_query(site, "v3variants", site.v3_variants, lambda v: v.seq,
                              VARIANT_FIELDS, q, max_limit=1000, default_limit=100,
                              extra=lambda _f, e: _combine(hidden, _search_gate(
                                  e, lambda v: v.product.name + " " + v.sku)),
                              extra_state=expr, where=body_key)
    return 200, {"variants": [render_v3.read_only_variant(site, v) for v in page],
                 "pagingMetadata": meta}


def query_variants(ctx):
    return _variants(ctx, "query")


def search_variants(ctx):
    return _variants(ctx, "search")


def query_products(ctx):
    body = ctx.body if isinstance(ctx.body, dict) else {}
    gate = _hidden_gate(ctx, lambda p: p.visible)
    site = ctx.site
    page, meta = cursor_query(site, "v3products", site.v3_products, lambda p: p.seq,
                              PRODUCT_FIELDS, body.get("query"), max_limit=100,
                              default_limit=100, extra=lambda _f, _x: gate)
    # Query Products never returns variant data [SDK:prod3].
    return 200, {"products": [render_v3.product(site, p, False) for p in page],
                 "pagingMetadata": meta}


def get_product(ctx):
    p = ctx.site.v3_by_id.get(ctx.params["id"])
    if p is None or (not p.visible and not auth.has_permission(
            ctx.key_info, auth.V3_PRODUCT_READ_ADMIN)):
        raise not_found("PRODUCT_NOT_FOUND", "Product %s not found" % ctx.params["id"])
    return 200, {"product": render_v3.product(ctx.site, p, True)}


def get_location(ctx):
    for loc in ctx.site.locations:
        if loc["id"] == ctx.params["id"]:
            return 200, {"storesLocation": render_v3.location(loc)}
    raise not_found("LOCATION_NOT_FOUND", "Location %s not found" % ctx.params["id"])


def query_locations(ctx):
    body = ctx.body if isinstance(ctx.body, dict) else {}
    site = ctx.site
    order = {loc["id"]: i for i, loc in enumerate(site.locations)}
    page, meta = cursor_query(site, "locations", site.locations, lambda loc: order[loc["id"]],
                              LOCATION_FIELDS, body.get("query"), max_limit=100,
                              default_limit=100)
    return 200, {"storesLocations": [render_v3.location(loc) for loc in page],
                 "pagingMetadata": meta}
