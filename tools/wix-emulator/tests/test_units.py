"""In-process unit tests: filter compiler, clock, cursors, and that paging is O(page)
per request (the matching list is built once per crawl, not once per page)."""
import json
import unittest

from wixemu import catalog_v1, catalog_v3, filters, generate, paging
from wixemu.clock import Clock, format_ms, parse_iso
from wixemu.errors import WixError
from wixemu.filters import Field, QueryError, compile_filter
from wixemu.server import Ctx
from wixemu.store import State

FIELDS = {"n": Field(lambda r: r["n"], "int", seq=True), "s": Field(lambda r: r["s"]),
          "d": Field(lambda r: r["d"], "date"), "b": Field(lambda r: r["b"], "bool"),
          "l": Field(lambda r: r["l"], "strs")}
ROWS = [{"n": i, "s": "sku-%d" % i, "d": parse_iso("2026-01-01T00:00:%02dZ" % i), "b": i % 2 == 0,
         "l": ["a", "b"] if i % 3 == 0 else ["c"]} for i in range(10)]


def run(filt):
    pred = compile_filter(filt, FIELDS)
    return [r["n"] for r in ROWS if pred is None or pred(r)]


class FilterTest(unittest.TestCase):
    def test_operators(self):
        self.assertEqual(run({"n": {"$gt": "7"}}), [8, 9])
        self.assertEqual(run({"n": {"$gte": 2, "$lt": 4}}), [2, 3])
        self.assertEqual(run({"n": 3}), [3])
        self.assertEqual(run({"n": {"$in": [1, "2"]}}), [1, 2])
        self.assertEqual(run({"n": {"$nin": list(range(1, 10))}}), [0])
        self.assertEqual(run({"s": {"$startsWith": "sku-1"}}), [1])
        self.assertEqual(run({"s": {"$contains": "KU-9"}}), [9])
        self.assertEqual(run({"b": True, "n": {"$lte": 4}}), [0, 2, 4])
        self.assertEqual(run({"d": {"$gt": {"$date": "2026-01-01T00:00:08.000Z"}}}), [9])
        self.assertEqual(run({"d": "2026-01-01T00:00:01Z"}), [1])
        self.assertEqual(run({"l": "a", "n": {"$lt": 4}}), [0, 3])
        self.assertEqual(run({"l": {"$hasAll": ["a", "b"]}}), [0, 3, 6, 9])
        self.assertEqual(run({"l": {"$hasSome": ["c"]}, "n": {"$lt": 3}}), [1, 2])
        self.assertEqual(run({"$or": [{"n": 1}, {"n": 2}]}), [1, 2])
        self.assertEqual(run({"$and": [{"n": {"$gt": 1}}, {"n": {"$lt": 3}}]}), [2])
        self.assertEqual(run({"$not": {"n": {"$gt": 0}}}), [0])
        self.assertEqual(run({"s": {"$exists": True}}), list(range(10)))

    def test_errors(self):
        for bad in ({"x": 1}, {"n": {"$regex": "1"}}, {"n": "abc"}, {"d": "yesterday"},
                    {"n": {"$in": 3}}, {"b": {"$gt": True}}, {"l": {"$gt": "a"}}, [1]):
            with self.assertRaises(QueryError):
                compile_filter(bad, FIELDS)

    def test_split_seq_bound(self):
        rest, bound = filters.split_seq_bound({"n": {"$gt": "5", "$lt": 9}, "b": True}, FIELDS)
        self.assertEqual((rest, bound), ({"n": {"$lt": 9}, "b": True}, (5, False)))
        self.assertEqual(filters.split_seq_bound({"s": {"$gt": "a"}}, FIELDS)[1], None)


class ClockTest(unittest.TestCase):
    def test_parse_and_format(self):
        ms = parse_iso("2020-08-31T20:05:40.348Z")
        self.assertEqual(format_ms(ms), "2020-08-31T20:05:40.348Z")
        self.assertEqual(parse_iso("2020-08-31T22:05:40.348+02:00"), ms)
        self.assertEqual(parse_iso("2020-08-31T20:05:40.3481234Z"), ms)
        self.assertEqual(format_ms(parse_iso("2020-08-31")), "2020-08-31T00:00:00.000Z")
        with self.assertRaises(ValueError):
            parse_iso("31/08/2020")

    def test_strictly_increasing(self):
        real = Clock()
        stamps = [real.now_ms() for _ in range(1000)]
        self.assertEqual(stamps, sorted(set(stamps)))
        fixed = Clock(parse_iso("2026-01-01T00:00:00Z"), 250)
        self.assertEqual([format_ms(fixed.now_ms()) for _ in range(2)],
                         ["2026-01-01T00:00:00.000Z", "2026-01-01T00:00:00.250Z"])
        fixed.set_deterministic(parse_iso("2025-01-01T00:00:00Z"))  # never back in time
        self.assertGreater(fixed.now_ms(), parse_iso("2026-01-01T00:00:00.250Z"))


class PagingCostTest(unittest.TestCase):
    N = 5000

    @classmethod
    def setUpClass(cls):
        cls.state = State([generate.generate_v1(cls.N), generate.generate_v3(cls.N)])

    def ctx(self, site, body):
        c = Ctx()
        c.state, c.site = self.state, self.state.sites[site]
        c.key_info = {"permissions": {"*"}, "sites": "*"}
        c.body, c.params, c.route_name = body, {}, "test"
        return c

    def test_numeric_id_crawl_builds_the_match_list_once(self):
        site = self.state.sites[generate.GEN_V1_SITE]
        counting = [0]
        real_products = site.v1_products

        class CountingList(list):
            def __iter__(self):
                counting[0] += 1
                return super().__iter__()
        site.v1_products = CountingList(real_products)
        site.touch()
        try:
            last, pages, total_seen = None, 0, 0
            while True:
                q = {"sort": '[{"numericId":"asc"}]', "paging": {"limit": 100}}
                if last:
                    q["filter"] = json.dumps({"numericId": {"$gt": last}})
                _, body = catalog_v1.query_products(self.ctx(generate.GEN_V1_SITE, {"query": q}))
                if not body["products"]:
                    break
                pages += 1
                total_seen += len(body["products"])
                self.assertEqual(body["totalResults"], self.N - total_seen + len(body["products"]))
                last = body["products"][-1]["numericId"]
            self.assertEqual((pages, total_seen), (self.N // 100, self.N))
            self.assertEqual(counting[0], 1)  # one scan for the whole crawl
        finally:
            site.v1_products = real_products
            site.touch()

    def test_v3_cursor_crawl_visits_every_variant_once(self):
        seen, cursor = [], None
        while True:
            cp = {"limit": 1000}
            if cursor:
                cp["cursor"] = cursor
            _, body = catalog_v3.query_variants(self.ctx(generate.GEN_V3_SITE,
                                                         {"query": {"cursorPaging": cp}}))
            seen += [(v["productData"]["productId"], v["variantId"]) for v in body["variants"]]
            cursor = body["pagingMetadata"]["cursors"]["next"]
            if not cursor:
                break
        self.assertEqual(len(seen), self.N)
        self.assertEqual(len(set(seen)), self.N)

    def test_tampered_cursor(self):
        with self.assertRaises(WixError):
            catalog_v3.query_variants(self.ctx(generate.GEN_V3_SITE, {"query": {
                "cursorPaging": {"cursor": "eyJjIjoib3JkZXJzIn0"}}}))
        with self.assertRaises(QueryError):
            paging.decode_cursor("!!!", "v3variants", generate.GEN_V3_SITE)
