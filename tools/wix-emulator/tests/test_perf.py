"""Large-catalog pulls through the real HTTPS server. The suite uses 10,000 SKUs per
catalog to stay fast; `WIXEMU_PERF_SKUS=100000` runs the full-size pull (and bench.py
prints the figures quoted in README.md)."""
import json
import os
import sys
import time
import unittest

from tests.emu import Emulator
from wixemu.generate import GEN_KEY, GEN_V1_SITE, GEN_V3_SITE

SKUS = int(os.environ.get("WIXEMU_PERF_SKUS", "10000"))


class LargeCatalogTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator("--rate-limit", "0", "--generate-v1", str(SKUS),
                           "--generate-v3", str(SKUS)).start(timeout=300)

    @classmethod
    def tearDownClass(cls):
        cls.emu.stop()

    def pull(self, site, path, body, advance, items_key):
        conn = self.emu.connection(timeout=60)
        headers = {"Authorization": GEN_KEY, "wix-site-id": site}
        got, pages, started = 0, 0, time.monotonic()
        try:
            while body is not None:
                resp = self.emu.request("POST", path, body, headers=headers, conn=conn)
                self.assertEqual(resp.status, 200, resp.raw[:300])
                data = resp.json
                got += len(data[items_key])
                pages += 1
                body = advance(data)
        finally:
            conn.close()
        elapsed = time.monotonic() - started
        sys.stderr.write("\n  %s: %d items, %d pages, %.2f s " % (path, got, pages, elapsed))
        return got, elapsed

    def test_v1_numeric_id_crawl(self):
        def advance(data):
            if not data["products"]:
                return None
            return {"query": {"filter": json.dumps({"numericId": {
                "$gt": data["products"][-1]["numericId"]}}),
                "sort": '[{"numericId":"asc"}]', "paging": {"limit": 100}}}
        got, elapsed = self.pull(GEN_V1_SITE, "/stores/v1/products/query",
                                 {"query": {"paging": {"limit": 100}}}, advance, "products")
        self.assertEqual(got, SKUS)
        self.assertLess(elapsed, 60)

    def test_v3_variants_cursor(self):
        def advance(data):
            cursor = data["pagingMetadata"]["cursors"]["next"]
            return {"query": {"cursorPaging": {"limit": 1000, "cursor": cursor}}} if cursor else None
        got, elapsed = self.pull(GEN_V3_SITE, "/stores/v3/products/query-variants",
                                 {"query": {"cursorPaging": {"limit": 1000}}}, advance, "variants")
        self.assertEqual(got, SKUS)
        self.assertLess(elapsed, 60)
