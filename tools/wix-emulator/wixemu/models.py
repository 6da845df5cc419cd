"""In-memory records. Compact (__slots__) so a 100,000-SKU catalog fits comfortably;
the JSON Wix would send is rendered per page by render_v1 / render_v3 / orders."""
import collections

V1_CATALOG = "V1_CATALOG"
V3_CATALOG = "V3_CATALOG"
NOT_INSTALLED = "STORES_NOT_INSTALLED"
VERSIONS = (V1_CATALOG, V3_CATALOG, NOT_INSTALLED)

# Products without managed variants use this variant ID in every official V1 inventory
# example [R20][R21]; no page states the rule, it is de-facto.
ZERO_VARIANT = "00000000-0000-0000-0000-000000000000"
# Wix Stores' own app ID in eCom catalog references [R42].
STORES_APP_ID = "215238eb-22a5-4c36-9e7b-e7c08025e04e"
QTY_MAX = 99999  # stock quantity bounds: V1 product stock [R15], V3 item -99999..99999 [R27]


class V1Variant:
    __slots__ = ("id", "choices", "sku", "visible", "price", "weight", "quantity",
                 "in_stock", "barcode", "index")


class V1Product:
    __slots__ = ("id", "name", "slug", "numeric_id", "sku", "visible", "product_type",
                 "price", "manage_variants", "options", "variants", "created", "updated",
                 "inv_id", "track", "preorder", "inv_updated", "description",
                 "collection_ids", "brand", "ribbon", "weight")


class V1Row:
    """One entry of the V1 store-variants collection (/stores/v1/variants/query)."""
    __slots__ = ("product", "variant", "seq")

    def __init__(self, product, variant, seq):
        self.product = product
        self.variant = variant
        self.seq = seq


class V3Product:
    __slots__ = ("id", "name", "slug", "visible", "product_type", "revision", "created",
                 "updated", "options", "variants", "seq", "description", "category_ids")


class V3Variant:
    __slots__ = ("id", "product", "sku", "barcode", "visible", "price", "choices", "seq")


class V3Item:
    __slots__ = ("id", "variant", "location_id", "track", "quantity", "in_stock",
                 "preorder", "revision", "created", "updated", "seq")


class Order:
    __slots__ = ("id", "data", "created", "updated", "seq", "refs")


class Site:
    def __init__(self, site_id, name, version, currency):
        self.id = site_id
        self.name = name
        self.version = version
        self.currency = currency
        self.generation = 0
        self.query_cache = collections.OrderedDict()
        # Catalog V1
        self.v1_products = []          # ascending numericId (natural order)
        self.v1_by_id = {}
        self.v1_by_inv = {}
        self.v1_rows = []
        # Catalog V3
        self.v3_products = []
        self.v3_by_id = {}
        self.v3_variants = []
        # A V3 variant is named by (productId, variantId): `variantId` alone is "not
        # guaranteed to be unique across products" [SDK:rov3], so neither are these keys.
        self.v3_var_by_key = {}        # (productId, variantId) -> V3Variant
        self.v3_items = []
        self.v3_item_by_id = {}
        self.v3_item_by_var_loc = {}   # (productId, variantId, locationId) -> V3Item
        self.locations = []
        self.default_location_id = None
        self.next_seq = 0
        # eCom orders
        self.orders = []
        self.orders_by_id = {}
        self.next_order_number = 10001

    def touch(self):
        """Every change goes through here, so cached query results never go stale."""
        self.generation += 1
        self.query_cache.clear()

    def take_seq(self):
        self.next_seq += 1
        return self.next_seq

    def default_item(self, variant):
        return self.item_at(variant, self.default_location_id)

    def item_at(self, variant, location_id):
        return self.v3_item_by_var_loc.get((variant.product.id, variant.id, location_id))

    def v3_variants_named(self, variant_id, product_id=None):
        """Variants with this variantId (in this product, when one is named)."""
        if product_id is not None:
            v = self.v3_var_by_key.get((product_id, variant_id))
            return [v] if v is not None else []
        return [v for v in self.v3_variants if v.id == variant_id]
