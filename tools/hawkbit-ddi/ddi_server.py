#!/usr/bin/env python3
"""A loopback test server for Eclipse hawkBit's Direct Device Integration (DDI) API v1.

Written from hawkBit's published DDI documentation (README.md names the pages) because the
real hawkBit is a Java service that cannot be installed here. One tenant, one target; the
device side is the DDI API with TargetToken auth, the test side is /_admin/* (no auth: the
server binds 127.0.0.1 only). Prints one line once it listens:

    READY https://localhost:PORT ca=STATE_DIR/ca.pem

It listens on 127.0.0.1 only; its URLs (READY and every link it hands out) name `localhost`
because mbedTLS 2.28, the device build's TLS, does not match IP-address SANs.
"""
import argparse
import hashlib
import http.server
import json
import os
import re
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
# The test CA and server certificate come from the Wix emulator's helper (openssl CLI), so
# both loopback servers are trusted the same way.
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "wix-emulator"))
from wixemu import tls  # noqa: E402

EXECUTIONS = {"closed", "proceeding", "canceled", "scheduled", "rejected", "resumed",
              "downloaded", "download"}
FINISHED = {"success", "failure", "none"}
HANDLING = {"skip", "attempt", "forced"}
SLEEP_RE = re.compile(r"^[0-9]{2}:[0-5][0-9]:[0-5][0-9]$")
MAX_BODY = 1 << 20


class Action:
    def __init__(self, action_id, artifacts, version, download, update, module_id):
        self.id = action_id
        self.artifacts = artifacts  # [{"filename", "path", "size", "hashes"}]
        self.version = version
        self.download = download
        self.update = update
        self.module_id = module_id
        self.state = "open"  # open, cancel_requested, finished, canceled, cancel_rejected
        self.result = None


class State:
    """Everything the server knows; one lock, as handler threads run side by side."""

    def __init__(self, tenant, controller_id, token, sleep):
        self.lock = threading.RLock()  # handlers answer while holding it
        self.tenant = tenant
        self.controller_id = controller_id
        self.token = token
        self.sleep = sleep
        self.actions = []
        self.next_id = 1
        self.polls = []        # {"at": wall clock seconds, "mono": monotonic seconds}
        self.feedback = []     # {"action", "kind", "body", "at"}
        self.config_data = []  # bodies of PUT configData
        self.config_requested = True  # a new target has no attributes yet
        self.requests = []     # "METHOD path status" for debugging a failed test
        self.bodies = {}       # override: action id -> deployment JSON text (hostile tests)

    def open_action(self):
        for a in self.actions:
            if a.state in ("open", "cancel_requested"):
                return a
        return None


def _load_artifacts(spec):
    """Admin input: {"files": [{"filename", "path"} ...]} or {"dir": bundle folder}."""
    entries = []
    if "dir" in spec:
        root = spec["dir"]
        for base, _dirs, files in os.walk(root):
            for name in sorted(files):
                full = os.path.join(base, name)
                entries.append({"filename": os.path.relpath(full, root), "path": full})
    for f in spec.get("files", []):
        entries.append({"filename": f["filename"], "path": f["path"]})
    out = []
    for e in entries:
        with open(e["path"], "rb") as fh:
            data = fh.read()
        hashes = {"sha1": hashlib.sha1(data).hexdigest(), "md5": hashlib.md5(data).hexdigest(),
                  "sha256": hashlib.sha256(data).hexdigest()}
        hashes.update(spec.get("hash_overrides", {}).get(e["filename"], {}))
        out.append({"filename": e["filename"], "path": e["path"], "size": len(data),
                    "hashes": hashes})
    return out


def check_feedback(body):
    """The DDI feedback body: status.execution, status.result.finished, optional progress
    {cnt, of}, optional details (list of strings). Returns an error text or None."""
    if not isinstance(body, dict) or not isinstance(body.get("status"), dict):
        return "feedback needs an object 'status'"
    status = body["status"]
    if status.get("execution") not in EXECUTIONS:
        return "status.execution must be one of %s" % sorted(EXECUTIONS)
    result = status.get("result")
    if not isinstance(result, dict) or result.get("finished") not in FINISHED:
        return "status.result.finished must be one of %s" % sorted(FINISHED)
    progress = result.get("progress")
    if progress is not None and not (isinstance(progress, dict) and
                                     isinstance(progress.get("cnt"), int) and
                                     isinstance(progress.get("of"), int)):
        return "status.result.progress must be {cnt, of} integers"
    details = status.get("details", [])
    if not isinstance(details, list) or not all(isinstance(d, str) for d in details):
        return "status.details must be a list of strings"
    return None


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "hawkbit-ddi-test/1"

    def log_message(self, fmt, *args):  # quiet: tests read /_admin/requests instead
        pass

    @property
    def state(self):
        return self.server.state

    def _send(self, status, obj=None, raw=None, content_type="application/json"):
        data = raw if raw is not None else (b"" if obj is None else json.dumps(obj).encode())
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        with self.state.lock:
            self.state.requests.append("%s %s %d" % (self.command, self.path, status))

    def _error(self, status, message):
        self._send(status, {"exceptionClass": "test", "errorCode": "hawkbit.test.error",
                            "message": message})

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return None, "body too large"
        raw = self.rfile.read(length) if length else b""
        if not raw:
            return {}, None
        try:
            return json.loads(raw), None
        except ValueError as e:
            return None, "not JSON: %s" % e

    def do_GET(self):
        self._route("GET")

    def do_POST(self):
        self._route("POST")

    def do_PUT(self):
        self._route("PUT")

    def _route(self, method):
        url = urllib.parse.urlsplit(self.path)
        parts = [urllib.parse.unquote(p) for p in url.path.split("/") if p]
        if parts[:1] == ["_admin"]:
            return self._admin(method, parts[1:])
        # {tenant}/controller/v1/{controllerId}/...
        if len(parts) < 4 or parts[1:3] != ["controller", "v1"]:
            return self._error(404, "not a DDI path")
        if parts[0] != self.state.tenant:
            return self._error(404, "unknown tenant")
        if self.headers.get("Authorization") != "TargetToken " + self.state.token:
            return self._error(401, "missing or wrong TargetToken")
        if parts[3] != self.state.controller_id:
            return self._error(404, "unknown controller")
        self._ddi(method, parts[4:])

    # --- the device side (DDI v1) -------------------------------------------------------

    def _base_url(self):
        port = self.server.server_address[1]
        return "https://localhost:%d/%s/controller/v1/%s" % (port, self.state.tenant,
                                                            self.state.controller_id)

    def _ddi(self, method, rest):
        s = self.state
        base = self._base_url()
        if method == "GET" and rest == []:
            with s.lock:
                s.polls.append({"at": time.time(), "mono": time.monotonic()})
                links = {}
                action = s.open_action()
                if action is not None and action.state == "cancel_requested":
                    links["cancelAction"] = {"href": "%s/cancelAction/%s" % (base, action.id)}
                elif action is not None:
                    links["deploymentBase"] = {
                        "href": "%s/deploymentBase/%s?c=%d" % (base, action.id, int(action.id) * 7919 % 65536)}
                if s.config_requested:
                    links["configData"] = {"href": base + "/configData"}
                body = {"config": {"polling": {"sleep": s.sleep}}, "_links": links}
            return self._send(200, body)
        if method == "GET" and len(rest) == 2 and rest[0] == "deploymentBase":
            with s.lock:
                action = next((a for a in s.actions if a.id == rest[1]), None)
                override = s.bodies.get(rest[1])
            if action is None:
                return self._error(404, "no such action")
            if override is not None:
                return self._send(200, raw=override.encode())
            return self._send(200, self._deployment(action, base))
        if method == "POST" and len(rest) == 3 and rest[0] in ("deploymentBase", "cancelAction") \
                and rest[2] == "feedback":
            return self._feedback(rest[0], rest[1])
        if method == "GET" and len(rest) == 2 and rest[0] == "cancelAction":
            with s.lock:
                action = next((a for a in s.actions if a.id == rest[1]), None)
            if action is None or action.state != "cancel_requested":
                return self._error(404, "no cancel pending for this action")
            return self._send(200, {"id": action.id, "cancelAction": {"stopId": action.id}})
        if method == "PUT" and rest == ["configData"]:
            body, err = self._body()
            if err is None and not (isinstance(body, dict) and isinstance(body.get("data"), dict)
                                    and body.get("mode", "merge") in ("merge", "replace", "remove")
                                    and all(isinstance(v, str) for v in body["data"].values())):
                err = "configData needs {mode: merge|replace|remove, data: {string: string}}"
            if err is not None:
                return self._error(400, err)
            with s.lock:
                s.config_data.append(body)
                s.config_requested = False
            return self._send(200)
        if method == "GET" and len(rest) == 4 and rest[0] == "softwaremodules" and \
                rest[2] == "artifacts":
            with s.lock:
                action = next((a for a in s.actions if a.module_id == rest[1]), None)
            art = None if action is None else next(
                (x for x in action.artifacts if x["filename"] == rest[3]), None)
            if art is None:
                return self._error(404, "no such artifact")
            with open(art["path"], "rb") as fh:
                data = fh.read()
            return self._send(200, raw=data, content_type="application/octet-stream")
        return self._error(404, "no such DDI resource")

    def _deployment(self, action, base):
        artifacts = []
        for a in action.artifacts:
            quoted = urllib.parse.quote(a["filename"], safe="")
            href = "%s/softwaremodules/%s/artifacts/%s" % (base, action.module_id, quoted)
            artifacts.append({"filename": a["filename"], "hashes": dict(a["hashes"]),
                              "size": a["size"],
                              "_links": {"download": {"href": href},
                                         "md5sum": {"href": href + ".MD5SUM"}}})
        return {"id": action.id,
                "deployment": {"download": action.download, "update": action.update,
                               "chunks": [{"part": "os", "version": action.version,
                                           "name": "shelfnode", "artifacts": artifacts}]}}

    def _feedback(self, kind, action_id):
        body, err = self._body()
        if err is None:
            err = check_feedback(body)
        if err is not None:
            return self._error(400, err)
        s = self.state
        with s.lock:
            action = next((a for a in s.actions if a.id == action_id), None)
            if action is None:
                return self._error(404, "no such action")
            s.feedback.append({"action": action_id, "kind": kind, "body": body,
                               "at": time.time()})
            st = body["status"]
            if kind == "deploymentBase" and st["execution"] == "closed":
                action.state = "finished"
                action.result = st["result"]["finished"]
                if action.result == "success":
                    s.config_requested = True  # hawkBit asks again after a successful update
            elif kind == "cancelAction":
                if st["execution"] in ("canceled", "closed") and st["result"]["finished"] == "success":
                    action.state = "canceled"
                elif st["execution"] == "rejected":
                    action.state = "cancel_rejected"
        return self._send(200)

    # --- the test side -------------------------------------------------------------------

    def _admin(self, method, rest):
        s = self.state
        if method == "POST" and rest == ["actions"]:
            body, err = self._body()
            if err is not None or not isinstance(body, dict):
                return self._error(400, err or "object expected")
            try:
                artifacts = _load_artifacts(body)
            except (OSError, KeyError) as e:
                return self._error(400, "artifacts: %s" % e)
            download = body.get("download", "forced")
            update = body.get("update", "forced")
            if download not in HANDLING or update not in HANDLING:
                return self._error(400, "download/update must be skip, attempt or forced")
            with s.lock:
                action_id = str(s.next_id)
                s.next_id += 1
                s.actions.append(Action(action_id, artifacts, body.get("version", "1.0.0"),
                                        download, update, str(100 + int(action_id))))
                if "deployment_text" in body:
                    s.bodies[action_id] = body["deployment_text"]
            return self._send(201, {"id": action_id})
        if method == "POST" and len(rest) == 3 and rest[0] == "actions" and rest[2] == "cancel":
            with s.lock:
                action = next((a for a in s.actions if a.id == rest[1]), None)
                if action is None or action.state != "open":
                    return self._error(409, "only an open action can be cancelled")
                action.state = "cancel_requested"
            return self._send(200, {"id": action.id})
        if method == "PUT" and rest == ["sleep"]:
            body, err = self._body()
            sleep = body.get("sleep") if isinstance(body, dict) else None
            if err is not None or not isinstance(sleep, str) or not SLEEP_RE.match(sleep):
                return self._error(400, "sleep must be HH:MM:SS")
            with s.lock:
                s.sleep = sleep
            return self._send(200)
        if method == "POST" and rest == ["request-config"]:
            with s.lock:
                s.config_requested = True
            return self._send(200)
        if method == "GET" and rest == ["state"]:
            with s.lock:
                return self._send(200, {
                    "polls": list(s.polls), "feedback": list(s.feedback),
                    "config_data": list(s.config_data), "config_requested": s.config_requested,
                    "requests": list(s.requests),
                    "actions": [{"id": a.id, "state": a.state, "result": a.result}
                                for a in s.actions]})
        return self._error(404, "no such admin route")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--port", type=int, default=0, help="0 picks a free port")
    p.add_argument("--port-file", help="write the port here once listening")
    p.add_argument("--state-dir", required=True, help="test CA and certificate live here")
    p.add_argument("--tenant", default="DEFAULT")
    p.add_argument("--controller-id", default="shelfnode-test-01")
    p.add_argument("--token-file", required=True, help="the target's security token")
    p.add_argument("--sleep", default="00:05:00", help="config.polling.sleep, HH:MM:SS")
    args = p.parse_args(argv)
    if not SLEEP_RE.match(args.sleep):
        p.error("--sleep must be HH:MM:SS")
    with open(args.token_file) as f:
        token = f.read().strip()
    files = tls.ensure_certs(args.state_dir)
    server = Server(("127.0.0.1", args.port), Handler)
    server.state = State(args.tenant, args.controller_id, token, args.sleep)
    server.socket = tls.server_context(files).wrap_socket(server.socket, server_side=True)
    port = server.server_address[1]
    if args.port_file:
        with open(args.port_file, "w") as f:
            f.write("%d\n" % port)
    print("READY https://localhost:%d ca=%s" % (port, files["ca.pem"]), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
