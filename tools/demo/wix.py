#!/usr/bin/env python3
"""What happens on the Wix side of tools/demo.sh, through the emulator's admin routes.

The emulator (tools/wix-emulator/) stands in for Wix; its /_emulator/* routes let the demo
play the web shop's part: a customer's checkout, the owner's click in the dashboard, an
outage. WIX_EMULATOR_STATE names its --state-dir (emulator.json there gives the URL and CA).

  wix.py stock [SKU...]        what Wix holds now
  wix.py checkout SKU QTY      a customer buys online (Wix takes it out of stock)
  wix.py track SKU             the owner turns on "Track inventory" for SKU in the dashboard
  wix.py outage start|end      every Wix call answers 503 Service Unavailable / Wix is back
  wix.py table                 `shelfnode stock --json` on stdin, side by side with Wix
  wix.py qty SKU               the quantity alone (for scripts)
  wix.py wait SKU QTY [SECS]   watches Wix until it shows QTY for SKU (at most SECS, 60)
"""
import json
import os
import ssl
import sys
import time
import urllib.request


def _emulator():
    state = os.environ.get("WIX_EMULATOR_STATE")
    if not state:
        sys.exit("wix.py: set WIX_EMULATOR_STATE to the emulator's --state-dir")
    with open(os.path.join(state, "emulator.json"), encoding="utf-8") as f:
        info = json.load(f)
    return info["url"], ssl.create_default_context(cafile=info["caFile"])


def admin(method, path, body=None):
    url, tls = _emulator()
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, context=tls, timeout=30) as resp:
        return json.load(resp)


def wix_stock():
    """SKU -> (quantity or None when untracked, product name); a shared SKU keeps its first."""
    site = admin("GET", "/_emulator/sites")["sites"][0]
    out = {}
    for item in admin("GET", "/_emulator/inventory?site=" + site["id"])["items"]:
        if item["sku"] and item["sku"] not in out:
            qty = item["quantity"] if item["trackQuantity"] else None
            out[item["sku"]] = (qty, item["productName"])
    return site, out


def show_qty(qty):
    return "not tracked" if qty is None else str(qty)


def cmd_stock(skus):
    site, stock = wix_stock()
    print("Wix store '%s' holds:" % site["name"])
    for sku in skus or sorted(stock):
        qty, name = stock.get(sku, (None, "not in Wix"))
        print("  %-14s %-28s %s" % (sku, name, show_qty(qty)))


def cmd_checkout(sku, qty):
    _, before = wix_stock()
    order = admin("POST", "/_emulator/checkout",
                  {"lines": [{"sku": sku, "quantity": int(qty)}]})["order"]
    _, after = wix_stock()
    print("online order #%s (%s, %s): %s x %s" % (order["number"], order["status"],
                                               order["paymentStatus"], qty, sku))
    print("Wix took it out of stock at checkout: %s %s -> %s" % (
        sku, show_qty(before[sku][0]), show_qty(after[sku][0])))


def cmd_track(sku):
    item = admin("POST", "/_emulator/inventory",
                 {"sku": sku, "trackQuantity": True, "quantity": 0})["item"]
    print("Wix dashboard: '%s' (%s) now tracks its quantity (%d in stock)" % (
        item["productName"], sku, item["quantity"]))


def cmd_outage(what):
    if what == "start":
        admin("POST", "/_emulator/faults", {"kind": "503", "path": "/*", "count": 1000000})
        print("Wix is down: every call now gets 503 Service Unavailable")
    else:
        admin("POST", "/_emulator/faults/clear", {})
        print("Wix is back")


def cmd_table():
    rows = [r for r in json.load(sys.stdin)["skus"] if r["managed"]]
    _, stock = wix_stock()
    houses, mapped = [], {}
    for r in rows:
        for w in r["warehouses"]:
            if w["name"] not in mapped:
                houses.append(w["name"])
                mapped[w["name"]] = w["mapped"]
    heads = [h + ("*" if mapped[h] else "") for h in houses]
    print("%-13s" % "SKU" + "".join("%10s" % h for h in heads) +
          "%12s%8s%6s" % ("MAPPED_SUM", "TARGET", "WIX"))
    differ = 0
    for r in rows:
        qty = {w["name"]: w["qty"] for w in r["warehouses"]}
        wix = stock.get(r["sku"], (None, ""))[0]
        note = "ok" if wix == r["target"] else "DIFFERS"
        differ += wix != r["target"]
        if r["mapped_sum"] < 0 and wix == 0:
            note = "ok (below zero: Wix shows 0)"
        print("%-13s" % r["sku"] + "".join("%10s" % qty.get(h, "-") for h in houses) +
              "%12d%8d%6s  %s" % (r["mapped_sum"], r["target"], show_qty(wix), note))
    print("* mapped. TARGET = max(0, MAPPED_SUM); WIX = the quantity the web shop shows now.")
    print("every managed SKU matches Wix" if not differ else "%d SKUs differ from Wix" % differ)
    return 1 if differ else 0


def cmd_qty(sku):
    print(show_qty(wix_stock()[1].get(sku, (None, ""))[0]))


def cmd_wait(sku, qty, secs="60"):
    start = time.monotonic()
    while True:
        now = wix_stock()[1].get(sku, (None, ""))[0]
        if now == int(qty):
            print("Wix shows %s = %s, %.1f s later; nobody typed a command" % (
                sku, qty, time.monotonic() - start))
            return 0
        if time.monotonic() - start > float(secs):
            print("Wix still shows %s = %s after %s s" % (sku, show_qty(now), secs))
            return 1
        time.sleep(0.2)


def main(argv):
    commands = {"stock": (cmd_stock, 0, 99), "checkout": (cmd_checkout, 2, 2),
                "track": (cmd_track, 1, 1), "outage": (cmd_outage, 1, 1),
                "table": (cmd_table, 0, 0), "wait": (cmd_wait, 2, 3),
                "qty": (cmd_qty, 1, 1)}
    if not argv or argv[0] not in commands:
        sys.exit(__doc__)
    fn, low, high = commands[argv[0]]
    args = argv[1:]
    if not low <= len(args) <= high or (argv[0] == "outage" and args[0] not in ("start", "end")):
        sys.exit(__doc__)
    if argv[0] == "stock":
        return fn(args) or 0
    return fn(*args) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
