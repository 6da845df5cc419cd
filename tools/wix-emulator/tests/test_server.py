"""Process and wire behaviour: READY line, port file, TLS certificate (SANs, caching),
keep-alive, Content-Length, chunked bodies, plain HTTP, signals, generated catalogs."""
import http.client
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import unittest

from tests.emu import ROOT, V1_KEY, V1_SITE, Emulator

VERSION = "/stores/v3/provision/version"
AUTH = {"Authorization": V1_KEY, "wix-site-id": V1_SITE}


class ServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.emu = Emulator("--rate-limit", "0").start()

    @classmethod
    def tearDownClass(cls):
        cls.emu.stop()

    def test_ready_line_port_file_and_state_file(self):
        self.assertEqual(self.emu.ready_line, "READY https://localhost:%d ca=%s"
                         % (self.emu.port, self.emu.ca_file))
        with open(os.path.join(self.emu.state_dir, "emulator.json")) as f:
            info = json.load(f)
        self.assertEqual((info["port"], info["pid"], info["caFile"]),
                         (self.emu.port, self.emu.proc.pid, self.emu.ca_file))

    def test_certificate_names(self):
        for host in ("127.0.0.1", "localhost"):
            conn = self.emu.connection(host)
            try:
                resp = self.emu.request("GET", VERSION, headers=AUTH, conn=conn)
            finally:
                conn.close()
            self.assertEqual(resp.status, 200)
        text = subprocess.run(["openssl", "x509", "-noout", "-text", "-in",
                               os.path.join(self.emu.state_dir, "server.pem")],
                              capture_output=True, text=True).stdout
        self.assertIn("IP Address:127.0.0.1", text)
        self.assertIn("DNS:localhost", text)
        wrong = ssl.create_default_context()  # system CAs only: must not trust the test CA
        conn = http.client.HTTPSConnection("127.0.0.1", self.emu.port, context=wrong, timeout=5)
        with self.assertRaises(ssl.SSLError):
            conn.request("GET", VERSION, headers=AUTH)
        conn.close()

    def test_keep_alive_and_content_length(self):
        conn = self.emu.connection()
        try:
            resp = self.emu.request("GET", VERSION, headers=AUTH, conn=conn)
            sock = conn.sock
            for _ in range(5):
                for method, path, body in (("GET", VERSION, None),
                                           ("POST", "/stores/v1/products/query", {}),
                                           ("GET", "/nope", None)):
                    resp = self.emu.request(method, path, body, headers=AUTH, conn=conn)
                    self.assertEqual(int(resp.header("content-length")), len(resp.raw))
            self.assertIs(conn.sock, sock)  # the same TCP/TLS connection all along
        finally:
            conn.close()

    def test_chunked_request_body(self):
        conn = self.emu.connection()
        try:
            body = json.dumps({"query": {"paging": {"limit": 2}}}).encode()
            conn.putrequest("POST", "/stores/v1/products/query")
            for k, v in AUTH.items():
                conn.putheader(k, v)
            conn.putheader("Transfer-Encoding", "chunked")
            conn.endheaders()
            for part in (body[:10], body[10:]):
                conn.send(b"%x\r\n%s\r\n" % (len(part), part))
            conn.send(b"0\r\n\r\n")
            resp = conn.getresponse()
            self.assertEqual(len(json.loads(resp.read())["products"]), 2)
        finally:
            conn.close()

    def test_broken_tls_client_does_not_hurt(self):
        with socket.create_connection(("127.0.0.1", self.emu.port), timeout=5) as raw:
            raw.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")  # plain text to a TLS port
            raw.recv(100)
        self.assertEqual(self.emu.request("GET", VERSION, headers=AUTH).status, 200)


class LifecycleTest(unittest.TestCase):
    def test_sigterm_and_sigint_exit_cleanly_and_certs_are_reused(self):
        state = tempfile.mkdtemp(prefix="wixemu-state-")
        try:
            first = Emulator(state_dir=state).start()
            ca_mtime = os.path.getmtime(first.ca_file)
            first.proc.send_signal(signal.SIGTERM)
            self.assertEqual(first.proc.wait(10), 0)
            first.stop()
            started = time.monotonic()
            second = Emulator(state_dir=state).start()
            elapsed = time.monotonic() - started
            self.assertEqual(os.path.getmtime(second.ca_file), ca_mtime)
            self.assertLess(elapsed, 2.0)
            second.proc.send_signal(signal.SIGINT)
            self.assertEqual(second.proc.wait(10), 0)
            second.stop()
        finally:
            import shutil
            shutil.rmtree(state, ignore_errors=True)

    def test_plain_http(self):
        emu = Emulator(plain=True).start()
        try:
            self.assertTrue(emu.ready_line.startswith("READY http://localhost:"))
            self.assertNotIn("ca=", emu.ready_line)
            self.assertEqual(emu.request("GET", VERSION, headers=AUTH).status, 200)
            status, health = emu.admin("GET", "/health")
            self.assertFalse(health["tls"])
        finally:
            emu.stop()

    def test_bad_fixture_exits_with_config_error(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write('{"sites": [{"id": "x", "catalogVersion": "V9"}]}')
        try:
            proc = subprocess.run([sys.executable, os.path.join(ROOT, "emulator.py"),
                                   "--fixture", f.name, "--plain-http"],
                                  capture_output=True, text=True, timeout=20)
            self.assertEqual(proc.returncode, 78)
            self.assertIn("catalogVersion", proc.stderr)
        finally:
            os.unlink(f.name)

    def test_generator_cli_and_generated_sites(self):
        out = tempfile.NamedTemporaryFile(suffix=".json", delete=False).name
        try:
            subprocess.run([sys.executable, os.path.join(ROOT, "generate.py"), "--v3", "250",
                            "-o", out], check=True, capture_output=True, timeout=60)
            emu = Emulator("--fixture", out, "--generate-v1", "120", "--rate-limit", "0").start()
            try:
                from wixemu.generate import GEN_KEY, GEN_V1_SITE, GEN_V3_SITE
                resp = emu.call("POST", "/stores/v3/products/query-variants",
                                {"query": {"cursorPaging": {"limit": 1000}}},
                                key=GEN_KEY, site=GEN_V3_SITE)
                self.assertEqual(len(resp.json["variants"]), 250)
                resp = emu.call("POST", "/stores/v1/products/query", {},
                                key=GEN_KEY, site=GEN_V1_SITE)
                self.assertEqual(resp.json["totalResults"], 120)
            finally:
                emu.stop()
        finally:
            os.unlink(out)
