"""The DDI test server's own tests: it runs as a subprocess on 127.0.0.1 (port 0) and is
stopped by its PID. Run: python3 -m unittest discover -s tools/hawkbit-ddi/tests -t tools/hawkbit-ddi"""
import hashlib
import http.client
import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER = os.path.join(os.path.dirname(HERE), "ddi_server.py")
TOKEN = "target-token-5c1e"
BASE = "/DEFAULT/controller/v1/dev-01"


class DdiServerTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="ddi-test-")
        token = os.path.join(cls.dir, "token")
        with open(token, "w") as f:
            f.write(TOKEN + "\n")
        cls.proc = subprocess.Popen(
            [sys.executable, SERVER, "--port", "0", "--state-dir", os.path.join(cls.dir, "state"),
             "--token-file", token, "--controller-id", "dev-01", "--sleep", "00:00:02"],
            stdout=subprocess.PIPE, text=True)
        line = cls.proc.stdout.readline().split()
        assert line and line[0] == "READY", line
        cls.port = int(line[1].rsplit(":", 1)[1])
        cls.ctx = ssl.create_default_context(cafile=line[2][len("ca="):])
        cls.files = os.path.join(cls.dir, "bundle")
        os.makedirs(os.path.join(cls.files, "bin"))
        for name, data in (("manifest.json", b"{}"), ("manifest.json.sig", b"sig"),
                           ("bin/shelfnode", b"binary")):
            with open(os.path.join(cls.files, name), "wb") as f:
                f.write(data)

    @classmethod
    def tearDownClass(cls):
        cls.proc.terminate()
        cls.proc.wait(10)
        cls.proc.stdout.close()
        shutil.rmtree(cls.dir, ignore_errors=True)

    def call(self, method, path, body=None, token=TOKEN):
        conn = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.ctx, timeout=10)
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = "TargetToken " + token
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body))
        conn.request(method, path, body=data, headers=headers)
        r = conn.getresponse()
        raw = r.read()
        conn.close()
        try:
            return r.status, json.loads(raw) if raw else None
        except ValueError:
            return r.status, raw

    def new_action(self, **extra):
        spec = {"dir": self.files, "version": "1.4.0"}
        spec.update(extra)
        status, body = self.call("POST", "/_admin/actions", spec, token=None)
        self.assertEqual(status, 201, body)
        return body["id"]

    def close(self, action_id):
        self.call("POST", BASE + "/deploymentBase/%s/feedback" % action_id,
                  {"status": {"execution": "closed", "result": {"finished": "success"}}})

    def test_wrong_or_missing_token_is_401(self):
        self.assertEqual(self.call("GET", BASE, token="wrong")[0], 401)
        self.assertEqual(self.call("GET", BASE, token=None)[0], 401)

    def test_unknown_controller_and_tenant_are_404(self):
        self.assertEqual(self.call("GET", "/DEFAULT/controller/v1/other")[0], 404)
        self.assertEqual(self.call("GET", "/OTHER/controller/v1/dev-01")[0], 404)

    def test_base_has_sleep_and_links_under_the_controller(self):
        action = self.new_action()
        status, body = self.call("GET", BASE)
        self.assertEqual(status, 200)
        self.assertRegex(body["config"]["polling"]["sleep"], r"^\d\d:\d\d:\d\d$")
        href = body["_links"]["deploymentBase"]["href"]
        self.assertIn(BASE + "/deploymentBase/" + action + "?c=", href)
        self.close(action)

    def test_deployment_lists_each_file_with_hashes_and_serves_it(self):
        action = self.new_action()
        status, body = self.call("GET", BASE + "/deploymentBase/" + action)
        self.assertEqual(status, 200)
        self.assertEqual(body["id"], action)
        self.assertEqual(body["deployment"]["download"], "forced")
        chunk = body["deployment"]["chunks"][0]
        self.assertEqual(chunk["version"], "1.4.0")
        names = sorted(a["filename"] for a in chunk["artifacts"])
        self.assertEqual(names, ["bin/shelfnode", "manifest.json", "manifest.json.sig"])
        art = next(a for a in chunk["artifacts"] if a["filename"] == "bin/shelfnode")
        self.assertEqual(art["size"], 6)
        self.assertEqual(art["hashes"]["sha256"], hashlib.sha256(b"binary").hexdigest())
        href = art["_links"]["download"]["href"]
        path = href.split(str(self.port), 1)[1]
        self.assertEqual(self.call("GET", path), (200, b"binary"))
        self.assertEqual(self.call("GET", path, token="wrong")[0], 401)
        self.close(action)

    def test_feedback_is_checked_and_logged_and_closing_ends_the_action(self):
        action = self.new_action()
        url = BASE + "/deploymentBase/%s/feedback" % action
        self.assertEqual(self.call("POST", url, {"status": {"execution": "finished"}})[0], 400)
        self.assertEqual(self.call("POST", url, {"status": {"execution": "proceeding",
                                                            "result": {"finished": "none",
                                                                       "progress": {"cnt": 1, "of": 3}},
                                                            "details": ["downloading"]}})[0], 200)
        self.assertEqual(self.call("POST", url, {"status": {"execution": "closed",
                                                            "result": {"finished": "failure"},
                                                            "details": ["bad signature"]}})[0], 200)
        _, state = self.call("GET", "/_admin/state", token=None)
        mine = [f for f in state["feedback"] if f["action"] == action]
        self.assertEqual([f["body"]["status"]["execution"] for f in mine], ["proceeding", "closed"])
        self.assertEqual(next(a for a in state["actions"] if a["id"] == action)["result"], "failure")
        _, base = self.call("GET", BASE)
        self.assertNotIn("deploymentBase", base["_links"])

    def test_cancel_replaces_the_deployment_link_until_confirmed(self):
        action = self.new_action()
        self.assertEqual(self.call("POST", "/_admin/actions/%s/cancel" % action, token=None)[0], 200)
        _, base = self.call("GET", BASE)
        self.assertNotIn("deploymentBase", base["_links"])
        self.assertIn("/cancelAction/" + action, base["_links"]["cancelAction"]["href"])
        status, body = self.call("GET", BASE + "/cancelAction/" + action)
        self.assertEqual((status, body), (200, {"id": action, "cancelAction": {"stopId": action}}))
        self.call("POST", BASE + "/cancelAction/%s/feedback" % action,
                  {"status": {"execution": "canceled", "result": {"finished": "success"}}})
        _, base = self.call("GET", BASE)
        self.assertNotIn("cancelAction", base["_links"])
        _, state = self.call("GET", "/_admin/state", token=None)
        self.assertEqual(next(a for a in state["actions"] if a["id"] == action)["state"], "canceled")

    def test_config_data_is_checked_and_clears_the_request(self):
        self.call("POST", "/_admin/request-config", token=None)
        _, base = self.call("GET", BASE)
        self.assertIn("configData", base["_links"])
        self.assertEqual(self.call("PUT", BASE + "/configData", {"data": {"v": 1}})[0], 400)
        self.assertEqual(self.call("PUT", BASE + "/configData",
                                   {"mode": "merge", "data": {"version": "1.0.0"}})[0], 200)
        _, base = self.call("GET", BASE)
        self.assertNotIn("configData", base["_links"])

    def test_sleep_can_be_set_and_polls_are_logged(self):
        self.assertEqual(self.call("PUT", "/_admin/sleep", {"sleep": "1:00"}, token=None)[0], 400)
        self.assertEqual(self.call("PUT", "/_admin/sleep", {"sleep": "00:00:01"}, token=None)[0], 200)
        _, before = self.call("GET", "/_admin/state", token=None)
        _, base = self.call("GET", BASE)
        self.assertEqual(base["config"]["polling"]["sleep"], "00:00:01")
        _, after = self.call("GET", "/_admin/state", token=None)
        self.assertEqual(len(after["polls"]), len(before["polls"]) + 1)
        self.call("PUT", "/_admin/sleep", {"sleep": "00:00:02"}, token=None)

    def test_hash_override_makes_a_lying_controller(self):
        action = self.new_action(hash_overrides={"bin/shelfnode": {"sha256": "0" * 64}})
        _, body = self.call("GET", BASE + "/deploymentBase/" + action)
        art = next(a for a in body["deployment"]["chunks"][0]["artifacts"]
                   if a["filename"] == "bin/shelfnode")
        self.assertEqual(art["hashes"]["sha256"], "0" * 64)
        self.close(action)


if __name__ == "__main__":
    unittest.main()
