"""Test harness: runs the emulator as a subprocess on 127.0.0.1, port 0, and talks to it
over HTTPS with the emulator's own CA. The process is always stopped by its PID."""
import http.client
import json
import os
import select
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EMULATOR = os.path.join(ROOT, "emulator.py")
FIXTURES = os.path.join(ROOT, "fixtures")

V1_SITE = "f9fbab61-c968-41d2-a177-78dc40ab8c1c"
V3_SITE = "fa8ea09c-d1a2-4dc9-956d-09e2ed90feb7"
NONE_SITE = "0b7e4c2a-9f13-4d58-a6e1-3c5b7d9f1a24"
V1_KEY = "IST.v1-full-access-3f9a"
V1_READ_KEY = "IST.v1-read-only-7c21"
V1_V3PERMS_KEY = "IST.v1-site-with-v3-permissions-5b04"
V3_KEY = "IST.v3-full-access-91d2"
V3_READ_KEY = "IST.v3-read-only-2a77"
V3_V1PERMS_KEY = "IST.v3-site-with-v1-permissions-e6a8"
ANY_KEY = "IST.account-wide-key-0c5e"
ZERO = "00000000-0000-0000-0000-000000000000"


class Response:
    def __init__(self, status, headers, raw):
        self.status = status
        self.headers = headers
        self.raw = raw

    @property
    def json(self):
        return json.loads(self.raw)

    def header(self, name):
        return self.headers.get(name.lower())


class Emulator:
    def __init__(self, *args, plain=False, state_dir=None):
        self.args = list(args)
        self.plain = plain
        self.tmp = tempfile.mkdtemp(prefix="wixemu-test-")
        self.state_dir = state_dir or os.path.join(self.tmp, "state")
        self.proc = None
        self.ready_line = None

    def start(self, timeout=20):
        port_file = os.path.join(self.tmp, "port")
        cmd = [sys.executable, EMULATOR, "--port", "0", "--port-file", port_file,
               "--state-dir", self.state_dir] + self.args
        if self.plain:
            cmd.append("--plain-http")
        self.stderr = open(os.path.join(self.tmp, "stderr.log"), "w")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            self.stop()
            raise RuntimeError("emulator did not start: " + self.stderr_text())
        self.ready_line = self.proc.stdout.readline().strip()
        if not self.ready_line.startswith("READY "):
            self.stop()
            raise RuntimeError("emulator failed: %r %s" % (self.ready_line, self.stderr_text()))
        with open(port_file) as f:
            self.port = int(f.read())
        self.ca_file = os.path.join(self.state_dir, "ca.pem")
        if not self.plain:
            self.ssl = ssl.create_default_context(cafile=self.ca_file)
        return self

    def stderr_text(self):
        self.stderr.flush()
        with open(self.stderr.name) as f:
            return f.read()

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        if self.proc is not None:
            self.proc.stdout.close()
            self.stderr.close()
        shutil.rmtree(self.tmp, ignore_errors=True)
        return self.proc.returncode if self.proc is not None else None

    def connection(self, host="127.0.0.1", timeout=15):
        if self.plain:
            return http.client.HTTPConnection(host, self.port, timeout=timeout)
        return http.client.HTTPSConnection(host, self.port, timeout=timeout, context=self.ssl)

    def request(self, method, path, body=None, headers=None, conn=None, raw=None):
        own = conn is None
        conn = conn or self.connection()
        try:
            data = raw if raw is not None else (None if body is None else json.dumps(body))
            hdrs = dict(headers or {})
            if data is not None:
                hdrs.setdefault("Content-Type", "application/json")
            conn.request(method, path, body=data, headers=hdrs)
            resp = conn.getresponse()
            payload = resp.read()
            return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, payload)
        finally:
            if own:
                conn.close()

    def call(self, method, path, body=None, key=V1_KEY, site=V1_SITE, headers=None, **kw):
        hdrs = {}
        if key is not None:
            hdrs["Authorization"] = key
        if site is not None:
            hdrs["wix-site-id"] = site
        hdrs.update(headers or {})
        return self.request(method, path, body, hdrs, **kw)

    def v1(self, method, path, body=None, **kw):
        return self.call(method, path, body, key=kw.pop("key", V1_KEY), site=V1_SITE, **kw)

    def v3(self, method, path, body=None, **kw):
        return self.call(method, path, body, key=kw.pop("key", V3_KEY), site=V3_SITE, **kw)

    def admin(self, method, path, body=None):
        resp = self.request(method, "/_emulator" + path, body)
        return resp.status, resp.json

    def truth(self, site, sku=None):
        path = "/inventory?site=%s" % site + ("&sku=%s" % sku if sku else "")
        return self.admin("GET", path)[1]["items"]

    def writes(self):
        return self.admin("GET", "/writes")[1]["writes"]


class EmulatorTestCase(unittest.TestCase):
    """One emulator per test class; state reset before every test."""
    emulator_args = ("--rate-limit", "0")
    plain = False

    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator(*cls.emulator_args, plain=cls.plain).start()

    @classmethod
    def tearDownClass(cls):
        cls.emu.stop()

    def setUp(self):
        status, _ = self.emu.admin("POST", "/reset")
        self.assertEqual(status, 200)

    def assertWixError(self, resp, status, code=None):
        self.assertEqual(resp.status, status, resp.raw[:500])
        self.assertTrue(resp.header("content-type").startswith("application/json"))
        body = resp.json
        self.assertIn("message", body)
        self.assertIn("details", body)
        if code is not None:
            self.assertEqual(body["details"]["applicationError"]["code"], code)
        return body

    def assertValidation(self, resp, field_fragment=None):
        body = self.assertWixError(resp, 400)
        violations = body["details"]["validationError"]["fieldViolations"]
        self.assertTrue(violations)
        if field_fragment:
            self.assertIn(field_fragment, violations[0]["field"] + violations[0]["description"])
        return violations[0]
