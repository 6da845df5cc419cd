"""Catalog V3 reads: Read-Only Variants [R29][SDK:rov3], Products [SDK:prod3][R26][R28],
Stores Locations [R37][R38][SDK:loc3]."""
from . import auth, clock, render_v3
from .errors import not_found
from .filters import Field
from .wixquery import cursor_query

# Query Variants filters and sorts on `_id`, `productData.productId` and `variantId` only
# (ReadOnlyVariantQuerySpec in @wix/auto_sdk_stores_read-only-variants-v-3 1.0.139, SDK
# names; `_id` is REST `id`) [SDK:rov3]. Anything else, an updated date included, is a 400
# "not declared as filterable": such filters belong to Search Variants.
QUERY_VARIANT_FIELDS = {
    # The deprecated variant `id` [SDK:rov3]; this emulator sends no such field, so the
    # value is the variantId, which is all a filter on it could match here.
    "id": Field(lambda v: v.id),
    "productData.productId": Field(lambda v: v.product.id),
    "variantId": Field(lambda v: v.id),
}

# Search Variants: ReadOnlyVariantSearchSpec [SDK:rov3], REST names, every operator. `id`
# filters but does not sort. Emulated: the fields this emulator holds data for; the rest of
# the spec (option choice IDs, compare-at price, brand, handle, fulfiller, visibleInPos,
# inventory status) is refused like an undeclared field.
SEARCH_VARIANT_FIELDS = {
    "id": Field(lambda v: v.id, sortable=False),
    "barcode": Field(lambda v: v.barcode),
    "price.actualPrice.amount": Field(lambda v: float(v.price), "num"),
    "productData.updatedDate": Field(lambda v: v.product.updated, "date"),
    "productData.name": Field(lambda v: v.product.name),
    "productData.productId": Field(lambda v: v.product.id),
    "productData.productType": Field(lambda v: v.product.product_type),
    "productData.slug": Field(lambda v: v.product.slug),
    "productData.visible": Field(lambda v: v.product.visible, "bool"),
    "sku": Field(lambda v: v.sku),
    "variantId": Field(lambda v: v.id),
    "visible": Field(lambda v: v.visible, "bool"),
}
# "When `search.sort` is empty (first request of a cursor search), results are ordered by
# `productData.updatedDate` (descending), then `productData.productId` (ascending), then
# `variantId` (ascending)" [SDK:rov3] (searchVariants, index.typings.d.ts).
SEARCH_DEFAULT_SORT = (("productData.updatedDate", True), ("productData.productId", False),
                       ("variantId", False))

# Query Products supports only a narrow set of fields [SDK:prod3][R28]. GUESS: this set.
PRODUCT_FIELDS = {
    "id": Field(lambda p: p.id),
    "createdDate": Field(lambda p: p.created, "date"),
    "updatedDate": Field(lambda p: p.updated, "date"),
    "visible": Field(lambda p: p.visible, "bool"),
    "slug": Field(lambda p: p.slug),
}

# Query Stores Locations' filter table [SDK:loc3]: these fields and no others.
# StoresLocationQuerySpec [SDK:loc3]: `_id` and `wixLocationId` do not sort (sort: NONE).
LOCATION_FIELDS = {
    "id": Field(lambda loc: loc["id"], sortable=False),
    "wixLocationId": Field(lambda loc: loc["wixLocationId"], sortable=False),
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


def _variants(ctx, body_key, fields, default_sort=()):
    body = ctx.body if isinstance(ctx.body, dict) else {}
    q = body.get(body_key) or {}
    hidden = _hidden_gate(ctx, lambda v: v.product.visible)
    expr = (q.get("search") or {}).get("expression") if isinstance(q, dict) else None
    site = ctx.site
    # Up to 1000 variants per page [R29]. GUESS: default page size 100.
    page, meta = cursor_query(site, "v3variants", site.v3_variants, lambda v: v.seq,
                              fields, q, max_limit=1000, default_limit=100,
                              default_sort=default_sort,
                              extra=lambda _f, e: _combine(hidden, _search_gate(
                                  e, lambda v: v.product.name + " " + v.sku)),
                              extra_state=expr, where=body_key)
    return 200, {"variants": [render_v3.read_only_variant(site, v) for v in page],
                 "pagingMetadata": meta}


def query_variants(ctx):
    return _variants(ctx, "query", QUERY_VARIANT_FIELDS)


def search_variants(ctx):
    return _variants(ctx, "search", SEARCH_VARIANT_FIELDS, SEARCH_DEFAULT_SORT)


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
