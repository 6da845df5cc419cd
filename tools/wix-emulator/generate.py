#!/usr/bin/env python3
"""Write a large generated catalog as a fixture file.

  python3 tools/wix-emulator/generate.py --v1 100000 -o /tmp/v1_100k.json
  python3 tools/wix-emulator/generate.py --v3 100000 --per-product 4 -o /tmp/v3_100k.json
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from wixemu import generate  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--v1", type=int, metavar="N", help="N SKUs on a Catalog V1 site")
    group.add_argument("--v3", type=int, metavar="N", help="N SKUs on a Catalog V3 site")
    ap.add_argument("--per-product", type=int, default=4, help="V3 variants per product")
    ap.add_argument("-o", "--output", required=True, help="fixture file to write")
    args = ap.parse_args()
    doc = generate.generate_v1(args.v1) if args.v1 else generate.generate_v3(
        args.v3, args.per_product)
    with open(args.output, "w", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"))
    print("wrote %s (site %s, key %s)" % (args.output, doc["sites"][0]["id"],
                                           doc["keys"][0]["key"]))


if __name__ == "__main__":
    main()
