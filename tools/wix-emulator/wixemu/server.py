"""HTTP(S) front end: keep-alive HTTP/1.1, one thread per connection, TLS handshakes
in the connection's thread, the request pipeline, fault delivery and the request log.

Pipeline for Wix routes: fault lookup -> route match (HTML 404) -> authenticate (401,
428, 403) -> rate limit (429) -> permission (403) -> catalog version (428) -> handler.
"""
import json
import socket
import ssl
import struct
import sys
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from . import admin, auth, routes, sdk_requests
from .clock import format_ms
from .errors import WixError, app_error, system_error, validation_error
from .filters import QueryError

HTML_404 = (b"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>404 | Not Found"
            b"</title></head><body><h1>404</h1><p>We couldn&rsquo;t find the page you were "
            b"looking for.</p></body></html>\n")
HTML_FAULT = (b"<!DOCTYPE html>\n<html><head><title>Service temporarily unavailable</title>"
              b"</head><body><h1>Something went wrong</h1><p>Please try again later.</p>"
              b"</body></html>\n")
MAX_BODY = 64 * 1024 * 1024
JSON = "application/json"
HTML = "text/html; charset=utf-8"


class Ctx:
    __slots__ = ("state", "site", "key_info", "method", "path", "params", "query", "body",
                 "headers", "route_name")


def _json_bytes(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _loggable_body(raw):
    if not raw:
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return raw[:1 << 20].decode("utf-8", "replace")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 120  # idle keep-alive connections are closed after this

    def setup(self):
        if isinstance(self.request, ssl.SSLSocket):
            self.request.settimeout(10)
            self.request.do_handshake()
        super().setup()

    def version_string(self):
        return "wix-emulator"

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("wix-emulator: %s %s\n" % (self.address_string(), fmt % args))

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = lambda self: self._dispatch()

    # -- wire -------------------------------------------------------------------------
    def _read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            parts = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(parts)
                parts.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise ValueError("body too large")
        return self.rfile.read(length) if length > 0 else b""

    def _send(self, status, body, ctype=JSON, headers=None, cut=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        # Headers and body in one write: two small writes would meet Nagle + delayed ACK.
        self._headers_buffer.append(b"\r\n")
        self._headers_buffer.append(body if cut is None else body[:cut])
        self.flush_headers()

    def _drop(self, reset):
        """Close without a (complete) response. A reset aborts the TCP connection (RST);
        a drop closes it (FIN). Neither sends a TLS close_notify."""
        self.close_connection = True
        sock = self.connection
        try:
            if reset:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.close()
            else:
                sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    # -- pipeline ---------------------------------------------------------------------
    def _dispatch(self):
        state = self.server.state
        started = time.monotonic()
        url = urlsplit(self.path)
        try:
            raw = self._read_body()
        except (ValueError, OSError):
            self.close_connection = True
            self._send(400, _json_bytes({"message": "bad request body", "details": {}}))
            return
        if url.path == "/_emulator" or url.path.startswith("/_emulator/"):
            if not self.client_address[0].startswith("127.") and self.client_address[0] != "::1":
                self._send(403, _json_bytes({"error": "admin routes are loopback-only"}))
                return
            status, obj = admin.handle(self.server, self.command, url.path,
                                       parse_qs(url.query), raw)
            self._send(status, _json_bytes(obj))
            return
        req_id = state.next_request_id()
        fault = state.faults.take(self.command, url.path)
        if fault is not None and fault.kind == "latency":
            time.sleep(fault.ms / 1000.0)
        resp = None
        if fault is None or fault.apply:
            resp = self._process(state, req_id, url, raw)
        headers = {k: ("<redacted>" if k.lower() == "authorization" else v)
                   for k, v in self.headers.items()}
        # Logged before the answer goes out: a client that has its answer must find its
        # request in the log (a test asks at once). The duration follows once it is sent.
        entry = {
            "id": req_id, "time": format_ms(time.time() * 1000), "method": self.command,
            "path": url.path, "query": url.query, "headers": headers,
            "body": _loggable_body(raw), "status": _status_to_send(fault, resp),
            "handledStatus": resp[0] if resp else None,
            "fault": fault.kind if fault else None, "faultId": fault.id if fault else None,
            "durationMs": None}
        state.log_request(entry)
        self._deliver(fault, resp)
        entry["durationMs"] = round((time.monotonic() - started) * 1000, 3)

    def _process(self, state, req_id, url, raw):
        """-> (status, body bytes, content type, extra headers)."""
        route, params = routes.match(self.command, url.path)
        if route is None:
            return 404, HTML_404, HTML, {}
        with state.lock:
            state.current_request = req_id
            try:
                key_info, site = auth.authenticate(state, self.headers)
                wait = state.limiter.check(site.id)
                if wait is not None:
                    extra = ({"Retry-After": state.limiter.retry_after_header(wait)}
                             if state.limiter.retry_after else {})
                    # 429 = resource exhausted [R9]. GUESS: code and text.
                    raise app_error(429, "TOO_MANY_REQUESTS", "Too many requests: rate limit "
                                    "of %d per minute exceeded" % state.limiter.per_minute,
                                    headers=extra)
                auth.require(state, key_info, route.perm)
                auth.require_catalog(state, site, route.catalog)
                ctx = Ctx()
                ctx.state, ctx.site, ctx.key_info = state, site, key_info
                ctx.method, ctx.path, ctx.params = self.command, url.path, params
                ctx.query, ctx.headers = parse_qs(url.query), self.headers
                ctx.route_name = "%s %s" % (self.command, url.path)
                try:
                    ctx.body = json.loads(raw) if raw.strip() else None
                except ValueError:
                    # GUESS: Wix's answer to a malformed JSON body is not documented.
                    raise validation_error("", "Request body is not valid JSON", "INVALID_JSON")
                sdk_requests.check(self.command, url.path, ctx.body)
                status, obj = route.handler(ctx)
                return status, _json_bytes(obj), JSON, {}
            except QueryError as exc:
                err = validation_error(exc.field, exc.description, exc.rule)
                return err.status, _json_bytes(err.body), JSON, err.headers
            except WixError as err:
                return err.status, _json_bytes(err.body), JSON, err.headers
            except Exception:  # a bug here must still look like a Wix 500 to the client
                traceback.print_exc()
                err = system_error(500)
                return 500, _json_bytes(err.body), JSON, {}
            finally:
                state.current_request = None

    def _deliver(self, fault, resp):
        """Send `resp`, or what the fault asks for (the status _status_to_send names)."""
        kind = fault.kind if fault else None
        if kind in ("drop", "drop_after_apply"):
            self._drop(reset=False)
            return None
        if kind in ("429", "500", "502", "503", "504", "http"):
            status = fault.status
            if status >= 500:
                body = system_error(status).body  # {"message":"","details":{}} [R9]
            else:
                body = app_error(status, "TOO_MANY_REQUESTS" if status == 429 else
                                 "INJECTED_FAULT", "Injected fault %s" % status).body
            headers = {}
            if fault.retry_after is not None:
                headers["Retry-After"] = str(fault.retry_after)
            self._send(status, _json_bytes(body), JSON, headers)
            return status
        if kind == "html":
            self._send(fault.status, HTML_FAULT, HTML)
            return fault.status
        if kind == "echo_auth":
            body, ctype = _echo_auth_body(fault, self.headers.get("Authorization", ""))
            self._send(fault.status, body, ctype)
            return fault.status
        status, body, ctype, headers = resp
        if kind == "reset_mid_response":
            try:
                self._send(status, body, ctype, headers, cut=len(body) // 2)
            except OSError:
                pass
            self._drop(reset=True)
            return status
        if kind == "truncated_json":
            body = body[:len(body) // 2]
        self._send(status, body, ctype, headers)
        return status


def _status_to_send(fault, resp):
    """The status _deliver sends for `fault` and `resp` (None: the connection is dropped)."""
    kind = fault.kind if fault else None
    if kind in ("drop", "drop_after_apply"):
        return None
    if kind in ("429", "500", "502", "503", "504", "http", "html", "echo_auth"):
        return fault.status
    return resp[0]


def _echo_auth_body(fault, key):
    """What an `echo_auth` fault answers: the Authorization header repeated back."""
    key = key.lower() if fault.case == "lower" else key.upper() if fault.case == "upper" else key
    if fault.format == "html":
        half = len(key) // 2
        page = ("<!DOCTYPE html>\n<html><head><title>%d</title></head><body><h1>Unauthorized"
                "</h1><p>The token <code>%s</code><wbr>%s is not valid.</p></body></html>"
                % (fault.status, key[:half], key[half:]))
        return page.encode("utf-8"), HTML
    body = {"message": "Invalid token: " + key,
            "details": {"applicationError": {"code": "INJECTED_FAULT",
                                             "description": "Authorization was '%s'" % key,
                                             "data": {}}}}
    return _json_bytes(body), JSON


class EmulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, addr, state, ssl_context=None, verbose=False):
        super().__init__(addr, Handler)
        self.state = state
        self.ssl_context = ssl_context
        self.verbose = verbose

    def get_request(self):
        sock, addr = self.socket.accept()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self.ssl_context is not None:
            # Handshake later, in the connection's own thread (Handler.setup), so a slow
            # or broken client cannot stall the accept loop.
            sock = self.ssl_context.wrap_socket(sock, server_side=True,
                                                do_handshake_on_connect=False)
        return sock, addr

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ssl.SSLError, ConnectionError, socket.timeout, TimeoutError)):
            return  # clients hanging up or failing TLS are part of normal test traffic
        if self.verbose:
            super().handle_error(request, client_address)
