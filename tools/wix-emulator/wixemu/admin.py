"""`/_emulator/*`: loopback-only, unauthenticated JSON routes for tests and the demo.
See README.md "Admin API" for every route and JSON shape."""
import json
import time

from . import orders, simulate
from .clock import parse_iso
from .faults import FaultSpecError
from .fixture_common import FixtureError
from .simulate import AdminError

_STARTED = time.time()


def _site(state, qs, body):
    site_id = (qs.get("site") or [None])[0] or body.get("siteId")
    if site_id is None and len(state.sites) == 1:
        site_id = next(iter(state.sites))
    site = state.sites.get(site_id)
    if site is None:
        raise AdminError(404, "unknown site; pass ?site=ID or siteId", siteId=site_id)
    return site


def _since(qs):
    return int((qs.get("since") or ["0"])[0])


def _site_summary(site):
    return {"id": site.id, "name": site.name, "catalogVersion": site.version,
            "products": len(site.v1_products) + len(site.v3_products),
            "variants": len(site.v1_rows) + len(site.v3_variants),
            "inventoryItems": len(site.v1_products) + len(site.v3_items),
            "orders": len(site.orders), "defaultLocationId": site.default_location_id}


def _faults(state, method, body):
    if method == "GET":
        return 200, {"faults": state.faults.describe()}
    if method == "DELETE":
        state.faults.clear()
        return 200, {"faults": []}
    specs = body.get("faults") if "faults" in body else [body]
    try:
        added = [state.faults.add(spec).describe() for spec in specs]
    except (FaultSpecError, TypeError, ValueError) as exc:
        raise AdminError(400, str(exc))
    return 200, {"faults": added}


def _load(server, body):
    state = server.state
    if "path" in body:
        with open(body["path"], encoding="utf-8") as f:
            docs = [json.load(f)]
    else:
        docs = body.get("fixtures") or [body.get("fixture")]
    if not docs or not all(isinstance(d, dict) for d in docs):
        raise AdminError(400, "send {fixture: {...}}, {fixtures: [...]} or {path: file}")
    state.load(docs)
    return 200, {"ok": True, "sites": [_site_summary(s) for s in state.sites.values()]}


def _revoke(state, body):
    """The owner deletes the key in the API Keys Manager: from now on every call with it is
    a 401, as for a key never issued. `reset` brings it back."""
    key = body.get("key")
    if not isinstance(key, str) or key not in state.keys:
        raise AdminError(404, "unknown key; send {key: \"IST....\"}")
    return {"revoked": state.keys.pop(key).get("name", "")}


def _clock(state, method, body):
    if method == "POST":
        if body.get("real"):
            state.clock.set_real()
        if "set" in body:
            state.clock.set_deterministic(parse_iso(body["set"]), body.get("stepMs"))
        if "advanceMs" in body:
            state.clock.advance(body["advanceMs"])
    return 200, state.clock.describe()


def _routes(server, method, path, qs, body):
    state = server.state
    if path == "/_emulator/health":
        return 200, {"ok": True, "tls": server.ssl_context is not None,
                     "uptimeSeconds": round(time.time() - _STARTED, 3),
                     "sites": [_site_summary(s) for s in state.sites.values()]}
    if path == "/_emulator/sites":
        return 200, {"sites": [_site_summary(s) for s in state.sites.values()]}
    if path == "/_emulator/inventory" and method == "GET":
        site = _site(state, qs, body)
        sku = (qs.get("sku") or [None])[0]
        return 200, {"siteId": site.id, "catalogVersion": site.version,
                     "items": simulate.truth(site, sku)}
    if path == "/_emulator/inventory" and method == "POST":
        return 200, {"item": simulate.merchant_edit(state, _site(state, qs, body), body)}
    if path in ("/_emulator/requests", "/_emulator/requests/clear"):
        if method == "DELETE" or path.endswith("/clear"):
            state.requests.clear()
            return 200, {"requests": []}
        since, prefix = _since(qs), (qs.get("path") or [""])[0]
        return 200, {"requests": [r for r in state.requests
                                  if r["id"] > since and r["path"].startswith(prefix)]}
    if path in ("/_emulator/writes", "/_emulator/writes/clear"):
        if method == "DELETE" or path.endswith("/clear"):
            state.writes.clear()
            return 200, {"writes": []}
        since, site_id = _since(qs), (qs.get("site") or [None])[0]
        return 200, {"writes": [w for w in state.writes if int(w["id"][2:]) > since
                                and (site_id is None or w["siteId"] == site_id)]}
    if path == "/_emulator/checkout" and method == "POST":
        site = _site(state, qs, body)
        return 200, {"order": orders.render(simulate.checkout(state, site, body))}
    if path == "/_emulator/cancel" and method == "POST":
        site = _site(state, qs, body)
        return 200, {"order": orders.render(simulate.cancel(state, site, body))}
    if path == "/_emulator/orders/update" and method == "POST":
        site = _site(state, qs, body)
        return 200, {"order": orders.render(simulate.update_order(state, site, body))}
    if path == "/_emulator/product" and method == "POST":
        return 200, {"product": simulate.edit_product(state, _site(state, qs, body), body)}
    if path == "/_emulator/faults" or path == "/_emulator/faults/clear":
        return _faults(state, "DELETE" if path.endswith("/clear") else method, body)
    if path == "/_emulator/reset" and method == "POST":
        state.reset()
        return 200, {"ok": True}
    if path == "/_emulator/load" and method == "POST":
        return _load(server, body)
    if path == "/_emulator/keys/revoke" and method == "POST":
        return 200, _revoke(state, body)
    if path == "/_emulator/rate-limit":
        if method == "POST":
            state.limiter.configure(body.get("perMinute"), body.get("retryAfter"),
                                    body.get("windowSeconds"))
        return 200, state.limiter.describe()
    if path == "/_emulator/clock":
        return _clock(state, method, body)
    if path == "/_emulator/config":
        if method == "POST":
            unknown = set(body) - set(state.behaviour)
            if unknown:
                raise AdminError(400, "unknown settings", settings=sorted(unknown))
            state.behaviour.update({k: int(v) for k, v in body.items()})
        return 200, {"behaviour": state.behaviour}
    raise AdminError(404, "no such admin route", method=method, path=path)


def handle(server, method, path, qs, raw):
    """-> (status, JSON object). Runs under the state lock like every Wix call."""
    try:
        body = json.loads(raw) if raw.strip() else {}
        if not isinstance(body, dict):
            raise ValueError("body must be a JSON object")
    except ValueError as exc:
        return 400, {"error": "invalid JSON: %s" % exc}
    try:
        with server.state.lock:
            return _routes(server, method, path, qs, body)
    except AdminError as exc:
        return exc.status, exc.body
    except (FixtureError, OSError, ValueError, KeyError, TypeError) as exc:
        return 400, {"error": "%s: %s" % (type(exc).__name__, exc)}
