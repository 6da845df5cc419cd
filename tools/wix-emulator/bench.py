#!/usr/bin/env python3
"""Measure start-up and full 100,000-SKU catalog pulls against the emulator.

  python3 tools/wix-emulator/bench.py [--skus 100000]

Starts the emulator (HTTPS, generated V1 and V3 sites), pulls every page over one
keep-alive connection per crawl, prints the timings, and stops the emulator by PID.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from tests.emu import Emulator  # noqa: E402
from wixemu.generate import GEN_KEY, GEN_V1_SITE, GEN_V3_SITE  # noqa: E402


def crawl(emu, site, path, first, next_body, items_key):
    conn = emu.connection(timeout=60)
    headers = {"Authorization": GEN_KEY, "wix-site-id": site}
    pages = items = 0
    body = first
    started = time.monotonic()
    try:
        while body is not None:
            resp = emu.request("POST", path, body, headers=headers, conn=conn)
            if resp.status != 200:
                raise RuntimeError("%s -> %d %s" % (path, resp.status, resp.raw[:200]))
            data = resp.json
            got = data[items_key]
            pages += 1
            items += len(got)
            body = next_body(data, got)
    finally:
        conn.close()
    return pages, items, time.monotonic() - started


def v1_numeric_crawl(data, got):
    if not got:
        return None
    return {"query": {"filter": json.dumps({"numericId": {"$gt": got[-1]["numericId"]}}),
                      "sort": '[{"numericId":"asc"}]', "paging": {"limit": 100}}}


def v1_offset(state):
    def nxt(data, got):
        state["offset"] += len(got)
        if not got or state["offset"] >= data["totalResults"]:
            return None
        return {"query": {"paging": {"limit": 100, "offset": state["offset"]}}}
    return nxt


def v3_cursor(key):
    def nxt(data, got):
        cursor = data["pagingMetadata"]["cursors"]["next"]
        return {key: {"cursorPaging": {"limit": 1000, "cursor": cursor}}} if cursor else None
    return nxt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--skus", type=int, default=100000)
    args = ap.parse_args()
    started = time.monotonic()
    small = Emulator("--rate-limit", "0").start()
    print("start-up, default fixtures, certificates created: %.0f ms"
          % ((time.monotonic() - started) * 1000))
    state_dir = small.state_dir
    small.proc.send_signal(15)
    small.proc.wait(10)
    started = time.monotonic()
    again = Emulator("--rate-limit", "0", state_dir=state_dir).start()
    print("start-up, default fixtures, certificates reused: %.0f ms"
          % ((time.monotonic() - started) * 1000))
    again.stop()
    small.stop()

    started = time.monotonic()
    emu = Emulator("--rate-limit", "0", "--generate-v1", str(args.skus),
                   "--generate-v3", str(args.skus)).start(timeout=300)
    print("start-up with 2 x %d generated SKUs: %.1f s" % (args.skus, time.monotonic() - started))
    try:
        runs = [
            ("V1 products, numericId crawl, 100/page", GEN_V1_SITE, "/stores/v1/products/query",
             {"query": {"sort": '[{"numericId":"asc"}]', "paging": {"limit": 100}}},
             v1_numeric_crawl, "products"),
            ("V1 products, offset paging, 100/page", GEN_V1_SITE, "/stores/v1/products/query",
             {"query": {"paging": {"limit": 100}}}, v1_offset({"offset": 0}), "products"),
            ("V3 query-variants, cursor, 1000/page", GEN_V3_SITE,
             "/stores/v3/products/query-variants", {"query": {"cursorPaging": {"limit": 1000}}},
             v3_cursor("query"), "variants"),
            ("V3 inventory-items query, cursor, 1000/page", GEN_V3_SITE,
             "/stores/v3/inventory-items/query", {"query": {"cursorPaging": {"limit": 1000}}},
             v3_cursor("query"), "inventoryItems"),
        ]
        for label, site, path, first, nxt, key in runs:
            pages, items, secs = crawl(emu, site, path, first, nxt, key)
            print("%-46s %5d pages %7d items %6.2f s (%.1f ms/page)"
                  % (label, pages, items, secs, secs * 1000 / pages))
    finally:
        emu.stop()


if __name__ == "__main__":
    main()
