"""Route table: path pattern, methods, handler, permission, catalog version.

Permissions follow the app-permission names in API.md §1.2 [R7][R8][GH:skills-versioning].
Both `/stores/` and `/stores-reader/` prefixes are served for V1 reads [R14][SDK:prod1]
[SDK:inv1]. A path that matches no row (or matches with another method) gets Wix's HTML
404 page [GH:skills PR #699 via PITFALLS.md].
"""
import re

from . import (auth, catalog_v1, catalog_v3, inventory_v1, inventory_v3, inventory_v3_adjust,
               inventory_v3_write, orders)
from .sdk_get import get_or_post
from .models import V1_CATALOG, V3_CATALOG

_SEG = "(?P<%s>[^/]+)"


class Route:
    def __init__(self, methods, pattern, handler, perm, catalog):
        self.methods = set(methods.split("|"))
        names = re.findall(r"\{(\w+)\}", pattern)
        regex = re.escape(pattern)
        for n in names:
            regex = regex.replace(re.escape("{%s}" % n), _SEG % n)
        self.regex = re.compile("^" + regex + "$")
        self.pattern = pattern
        self.handler = handler
        self.perm = perm
        self.catalog = catalog


def _v1(methods, tail, handler, perm=auth.V1_READ, reader=True):
    out = [Route(methods, "/stores" + tail, handler, perm, V1_CATALOG)]
    if reader:
        out.append(Route(methods, "/stores-reader" + tail, handler, perm, V1_CATALOG))
    return out


def _v3(methods, path, handler, perm):
    return [Route(methods, path, handler, perm, V3_CATALOG)]


INV = "/v2/inventoryItems"
V3I = "/stores/v3/inventory-items"
V3B = "/stores/v3/bulk/inventory-items"
ROUTES = (
    [Route("GET", "/stores/v3/provision/version", catalog_v3.version, auth.CATALOG_READ, None)]
    + _v1("POST", "/v1/products/query", catalog_v1.query_products)
    # The SDK's Query Products: GET with `.r`, object filter [SDK:prod1]; the reader only.
    + [Route("GET|POST", "/stores-reader/v1/products/query-platformized",
             get_or_post(catalog_v1.query_products_platformized), auth.V1_READ, V1_CATALOG)]
    + _v1("GET", "/v1/products/{id}", catalog_v1.get_product)
    + _v1("POST", "/v1/variants/query", catalog_v1.query_variants, reader=False)
    + _v1("POST", INV + "/query", inventory_v1.query)
    # Get Inventory Variants: POST in the reference, a body-less GET in the guide [R19][R20].
    + _v1("GET|POST", INV + "/product/{productId}/getVariants", inventory_v1.get_variants)
    + _v1("GET|POST", INV + "/external/{externalId}/getVariants", inventory_v1.get_variants)
    + _v1("GET|POST", INV + "/{inventoryId}/getVariants", inventory_v1.get_variants)
    + _v1("POST", INV + "/increment", inventory_v1.increment, auth.V1_MANAGE, False)
    + _v1("POST", INV + "/decrement", inventory_v1.decrement, auth.V1_MANAGE, False)
    + _v1("PATCH", INV + "/product/{productId}", inventory_v1.update_by_product,
          auth.V1_MANAGE, False)
    + _v1("PATCH", INV + "/{inventoryId}", inventory_v1.update_by_id, auth.V1_MANAGE, False)
    + _v3("POST", "/stores/v3/products/query-variants", catalog_v3.query_variants,
          auth.V3_PRODUCT_READ)
    + _v3("POST", "/stores/v3/products/search-variants", catalog_v3.search_variants,
          auth.V3_PRODUCT_READ)
    + _v3("POST", "/stores/v3/products/query", catalog_v3.query_products, auth.V3_PRODUCT_READ)
    + _v3("GET", "/stores/v3/products/{id}", catalog_v3.get_product, auth.V3_PRODUCT_READ)
    # GET with `.r` is how the SDK sends these; POST when the request is long [SDK:inv3].
    + _v3("GET|POST", V3I + "/query", get_or_post(inventory_v3.query), auth.V3_INV_READ)
    + _v3("GET|POST", V3I + "/search", get_or_post(inventory_v3.search), auth.V3_INV_READ)
    + _v3("GET|POST", V3I + "/count", get_or_post(inventory_v3.count), auth.V3_INV_READ)
    + _v3("GET", V3I + "/{id}", inventory_v3.get, auth.V3_INV_READ)
    + _v3("POST", V3I, inventory_v3_write.create_one, auth.V3_INV_WRITE)
    + _v3("PATCH", V3I + "/{id}", inventory_v3_write.update_one, auth.V3_INV_WRITE)
    + _v3("POST", V3B + "/create", inventory_v3_write.bulk_create, auth.V3_INV_WRITE)
    + _v3("POST", V3B + "/update", inventory_v3_write.bulk_update, auth.V3_INV_WRITE)
    + _v3("POST", V3B + "/increment", inventory_v3_adjust.increment, auth.V3_INV_WRITE)
    + _v3("POST", V3B + "/decrement", inventory_v3_adjust.decrement, auth.V3_INV_WRITE)
    + _v3("POST", V3B + "/increment-by-variant-and-location",
          inventory_v3_adjust.increment_by_variant_location, auth.V3_INV_WRITE)
    + _v3("POST", V3B + "/decrement-by-variant-and-location",
          inventory_v3_adjust.decrement_by_variant_location, auth.V3_INV_WRITE)
    # GUESS: Stores Locations reads are gated by inventory-read permission.
    # No GET /stores/v3/locations/default: the SDK marks it internal/preview and the public
    # reference has no such method; the public way is Query Stores Locations filtered on
    # defaultLocation [SDK:loc3]. GUESS: Wix routes the path like any location ID, so it is a
    # 404 LOCATION_NOT_FOUND here (after the permission check), never the default location.
    + _v3("GET", "/stores/v3/locations/{id}", catalog_v3.get_location, auth.V3_LOCATION_READ)
    + _v3("POST", "/stores/v3/locations/query", catalog_v3.query_locations,
          auth.V3_LOCATION_READ)
    # eCom orders serve both catalogs [GH:skills-versioning].
    + [Route("POST", "/ecom/v1/orders/search", orders.search, auth.ORDERS_READ, None),
       Route("GET", "/ecom/v1/orders/{id}", orders.get, auth.ORDERS_READ, None)]
)


def match(method, path):
    """-> (Route, params) or (None, None)."""
    for route in ROUTES:
        if method not in route.methods:
            continue
        m = route.regex.match(path)
        if m:
            return route, m.groupdict()
    return None, None
