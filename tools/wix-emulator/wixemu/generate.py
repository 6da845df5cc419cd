"""Large deterministic catalogs for paging and performance tests.

V1: N products without managed variants, one SKU each (so a 100,000-SKU pull is 1000
pages of 100 products). V3: N variants spread over products with `per_product`
variants each, one inventory item per variant in the default location.
"""
import random
import time

from .fixture_common import guid

GEN_V1_SITE = "6f1c7b52-9d3e-4a0b-8c21-0e5d2b9a1001"
GEN_V3_SITE = "6f1c7b52-9d3e-4a0b-8c21-0e5d2b9a3003"
GEN_KEY = "IST.emulator-generated-catalog-key"
ALL_PERMISSIONS = ["*"]


def _ean13(n):
    body = "20%010d" % n  # GS1 prefix 20-29: in-store numbers, never real products
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


def _iso(i):
    secs = 1748736000 + i
    return time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime(secs))


def generate_v1(n, seed=1):
    rng = random.Random(seed)
    products = []
    for i in range(n):
        products.append({
            "id": guid(rng), "name": "Generated product %06d" % i, "sku": "GEN1-%06d" % i,
            "price": float(1 + i % 97), "quantity": rng.randrange(0, 50),
            "inventoryItemId": guid(rng), "createdDate": _iso(i),
            "numericId": str(1748736000000000 + i * 10)})
    return {"sites": [{"id": GEN_V1_SITE, "name": "Generated V1 store",
                       "catalogVersion": "V1_CATALOG", "products": products}],
            "keys": [{"key": GEN_KEY, "sites": [GEN_V1_SITE], "permissions": ALL_PERMISSIONS}]}


def generate_v3(n, per_product=4, seed=3):
    rng = random.Random(seed)
    products, made = [], 0
    while made < n:
        count = min(per_product, n - made)
        variants = []
        for j in range(count):
            k = made + j
            variants.append({"id": guid(rng), "sku": "GEN3-%06d" % k, "barcode": _ean13(k),
                             "price": "%.2f" % (1 + k % 97),
                             "choices": {"Size": "S%d" % j} if count > 1 else {},
                             "inventory": {"id": guid(rng), "quantity": rng.randrange(0, 50)}})
        products.append({"id": guid(rng), "name": "Generated product %06d" % len(products),
                         "createdDate": _iso(len(products)), "variants": variants})
        made += count
    return {"sites": [{"id": GEN_V3_SITE, "name": "Generated V3 store",
                       "catalogVersion": "V3_CATALOG",
                       "locations": [{"id": "0f3b8f7e-5c1a-4d2e-9b6a-7c8d9e0f3003",
                                      "name": "Main warehouse", "default": True}],
                       "products": products}],
            "keys": [{"key": GEN_KEY, "sites": [GEN_V3_SITE], "permissions": ALL_PERMISSIONS}]}
