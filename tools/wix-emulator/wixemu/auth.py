"""API-key authentication as Wix does it [R1][R2][R9].

GUESS: the applicationError codes UNAUTHENTICATED, PERMISSION_DENIED,
CATALOG_VERSION_MISMATCH and STORES_NOT_INSTALLED are ours; only MISSING_METASITE_ID is
observed [GH:mcp9].

The raw key goes in `Authorization` (no `Bearer` prefix in any example, so a prefixed
value is simply an unknown key here), the site GUID in `wix-site-id`. `wix-account-id`
is accepted and ignored: site calls need only the site header (API.md §1.2 CONFLICT).
"""
from .errors import app_error
from .models import NOT_INSTALLED, V1_CATALOG, V3_CATALOG

CATALOG_READ = "SCOPE.STORES.CATALOG_READ_LIMITED"
V1_READ = "SCOPE.DC-STORES.READ-PRODUCTS"
V1_MANAGE = "SCOPE.DC-STORES.MANAGE-PRODUCTS"
V3_PRODUCT_READ = "SCOPE.STORES.PRODUCT_READ"
V3_PRODUCT_READ_ADMIN = "SCOPE.STORES.PRODUCT_READ_ADMIN"
V3_INV_READ = "SCOPE.STORES.INVENTORY_ITEM_READ"
V3_INV_WRITE = "SCOPE.STORES.INVENTORY_ITEM_WRITE"
# "Read Stores Locations in v3 catalog", the scope of Get/Query Stores Locations [SDK:loc3].
V3_LOCATION_READ = "SCOPE.STORES.LOCATION_READ"
ORDERS_READ = "SCOPE.DC-STORES.READ-ORDERS"

# GUESS: a "manage"/"write" permission includes the matching read permission. Wix's
# permission UI groups them this way but no page spells out the implication.
IMPLIES = {
    V1_MANAGE: {V1_READ},
    V3_INV_WRITE: {V3_INV_READ},
    V3_PRODUCT_READ_ADMIN: {V3_PRODUCT_READ},
    "SCOPE.DC-STORES.MANAGE-ORDERS": {ORDERS_READ},
}


def has_permission(key_info, perm):
    granted = key_info["permissions"]
    if "*" in granted or perm in granted:
        return True
    return any(perm in IMPLIES.get(g, ()) for g in granted)


def authenticate(state, headers):
    """-> (key_info, site). Raises WixError for 401 / 428 / 403 (foreign site)."""
    b = state.behaviour
    key = headers.get("Authorization")
    if not key:
        raise app_error(b["missingKeyStatus"], "UNAUTHENTICATED",
                        "Authorization header is missing")
    key_info = state.keys.get(key)
    if key_info is None:
        # UNDOCUMENTED body for unknown/revoked keys; 401 + standard body (API.md §1.3).
        raise app_error(b["unknownKeyStatus"], "UNAUTHENTICATED",
                        "Could not authenticate the request: the API key is not valid")
    site_id = headers.get("wix-site-id")
    if not site_id:
        # Observed on a site-scoped call without site context [GH:mcp9].
        raise app_error(b["missingSiteStatus"], "MISSING_METASITE_ID",
                        "Could not extract the metasite ID from the request context")
    site = state.sites.get(site_id)
    allowed = key_info["sites"] == "*" or site_id in key_info["sites"]
    if site is None or not allowed:
        # GUESS: a key from another account, or an unknown site ID; keys work only for
        # sites of the account that created them [R1][R3].
        raise app_error(b["foreignSiteStatus"], "PERMISSION_DENIED",
                        "The API key is not authorized for this site", description="")
    return key_info, site


def require(state, key_info, perm):
    if not has_permission(key_info, perm):
        # V3 permission 403s are observed with an EMPTY description [GH:1119]; V1 ones
        # with a message about the identity not being allowed [GH:579].
        raise app_error(state.behaviour["permissionDeniedStatus"], "PERMISSION_DENIED",
                        "Permission denied: the auth identity is not allowed on this "
                        "resource for this site", description="")


def require_catalog(state, site, wanted):
    """`wanted` is V1_CATALOG, V3_CATALOG or None (any site, even without Wix Stores)."""
    if wanted is None or site.version == wanted:
        return
    b = state.behaviour
    if site.version == NOT_INSTALLED:
        raise app_error(b["notInstalledStatus"], "STORES_NOT_INSTALLED",
                        "Wix Stores is not installed on this site")
    if wanted == V3_CATALOG:
        # 428 observed; the error code is UNDOCUMENTED [GH:skills-v1query].
        raise app_error(b["v3OnV1Status"], "CATALOG_VERSION_MISMATCH",
                        "This site uses Catalog V1; Catalog V3 APIs are not available")
    if wanted == V1_CATALOG:
        raise app_error(b["v1OnV3Status"], "CATALOG_VERSION_MISMATCH",
                        "This site uses Catalog V3; Catalog V1 APIs are not available")
