#!/usr/bin/env python3
"""Wix REST API emulator for shelfnode tests and demos (Python 3 standard library only).

  python3 tools/wix-emulator/emulator.py --fixture tools/wix-emulator/fixtures/v1_store.json \\
      --port 0 --port-file /tmp/wix.port --state-dir /tmp/wix-state

Prints one line when ready:  READY https://localhost:PORT ca=STATE_DIR/ca.pem
It listens on 127.0.0.1 only; the URL names `localhost` because mbedTLS (the device build's
TLS) does not match IP-address SANs, so clients must connect by name (their `localhost`
must be 127.0.0.1: shelfnode asks libcurl for IPv4 for that name).
Stops cleanly on SIGTERM / SIGINT (exit status 0).
"""
import argparse
import json
import os
import signal
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from wixemu import generate, tls  # noqa: E402
from wixemu.clock import Clock, parse_iso  # noqa: E402
from wixemu.fixture import FixtureError  # noqa: E402
from wixemu.server import EmulatorServer  # noqa: E402
from wixemu.store import State, no_gc  # noqa: E402

DEFAULT_FIXTURES = [os.path.join(HERE, "fixtures", name)
                    for name in ("v1_store.json", "v3_store.json", "not_installed.json")]


def _args(argv):
    ap = argparse.ArgumentParser(description="Wix REST API emulator")
    ap.add_argument("--fixture", action="append", default=[],
                    help="fixture JSON file (repeatable; default: the three shipped ones)")
    ap.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0 = any)")
    ap.add_argument("--port-file", help="write the chosen port number here")
    ap.add_argument("--state-dir", help="certificates and emulator.json go here")
    ap.add_argument("--plain-http", action="store_true", help="serve HTTP instead of HTTPS")
    ap.add_argument("--rate-limit", type=int, default=200,
                    help="requests per minute per site (0 = unlimited; default 200)")
    ap.add_argument("--retry-after", action="store_true", help="send Retry-After on 429")
    ap.add_argument("--generate-v1", type=int, metavar="N", help="add a generated V1 site")
    ap.add_argument("--generate-v3", type=int, metavar="N", help="add a generated V3 site")
    ap.add_argument("--per-product", type=int, default=4, help="variants per generated V3 product")
    ap.add_argument("--clock", metavar="ISO", help="deterministic clock starting here")
    ap.add_argument("--clock-step-ms", type=int, default=1, help="deterministic clock step")
    ap.add_argument("--verbose", action="store_true", help="log every request to stderr")
    return ap.parse_args(argv)


def _write_atomic(path, text):
    tmp = "%s.tmp.%d" % (path, os.getpid())
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv=None):
    started = time.monotonic()
    args = _args(argv)
    state_dir = os.path.abspath(args.state_dir or os.path.join(
        tempfile.gettempdir(), "wix-emulator-state-%d" % os.getuid()))
    os.makedirs(state_dir, exist_ok=True)
    docs = []
    try:
        for path in args.fixture or DEFAULT_FIXTURES:
            with open(path, encoding="utf-8") as f:
                docs.append(json.load(f))
        with no_gc():
            if args.generate_v1:
                docs.append(generate.generate_v1(args.generate_v1))
            if args.generate_v3:
                docs.append(generate.generate_v3(args.generate_v3, args.per_product))
        clock = Clock(parse_iso(args.clock), args.clock_step_ms) if args.clock else Clock()
        state = State(docs, rate_limit=args.rate_limit, retry_after=args.retry_after,
                      clock=clock)
        ctx = None
        files = {}
        if not args.plain_http:
            files = tls.ensure_certs(state_dir)
            ctx = tls.server_context(files)
    except (OSError, ValueError, FixtureError, tls.TlsError) as exc:
        print("wix-emulator: %s" % exc, file=sys.stderr)
        return 78  # EX_CONFIG
    try:
        server = EmulatorServer(("127.0.0.1", args.port), state, ctx, args.verbose)
    except OSError as exc:
        print("wix-emulator: cannot listen on 127.0.0.1:%d: %s" % (args.port, exc),
              file=sys.stderr)
        return 69  # EX_UNAVAILABLE
    port = server.server_address[1]
    scheme = "http" if args.plain_http else "https"
    url = "%s://localhost:%d" % (scheme, port)
    if args.port_file:
        _write_atomic(args.port_file, "%d\n" % port)
    _write_atomic(os.path.join(state_dir, "emulator.json"), json.dumps({
        "url": url, "port": port, "pid": os.getpid(), "caFile": files.get("ca.pem")}) + "\n")

    def stop(_signum, _frame):
        threading.Thread(target=server.shutdown, daemon=True).start()
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    ready = "READY %s" % url
    if files:
        ready += " ca=%s" % files["ca.pem"]
    print(ready, flush=True)
    print("wix-emulator: started in %.0f ms, %d site(s)" % (
        (time.monotonic() - started) * 1000, len(state.sites)), file=sys.stderr, flush=True)
    try:
        server.serve_forever(poll_interval=0.1)
    finally:
        server.server_close()
    print("wix-emulator: stopped", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
