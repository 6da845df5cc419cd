"""Per-site rate limiting: 429 with Wix's standard body, Retry-After optional."""
import time

from tests.emu import EmulatorTestCase

VERSION = "/stores/v3/provision/version"


class RateLimitFromCliTest(EmulatorTestCase):
    emulator_args = ("--rate-limit", "3")

    def test_limit_per_site_without_retry_after(self):
        for _ in range(3):
            self.assertEqual(self.emu.v1("GET", VERSION).status, 200)
        resp = self.emu.v1("GET", VERSION)
        body = self.assertWixError(resp, 429, "TOO_MANY_REQUESTS")
        self.assertTrue(body["details"]["applicationError"]["description"])
        self.assertIsNone(resp.header("retry-after"))
        self.assertEqual(self.emu.v3("GET", VERSION).status, 200)  # other site, own budget
        # Admin routes are never limited.
        self.assertEqual(self.emu.admin("GET", "/health")[0], 200)

    def test_admin_route_changes_limit_and_window(self):
        status, cfg = self.emu.admin("POST", "/rate-limit", {"perMinute": 2, "retryAfter": True,
                                                             "windowSeconds": 1})
        self.assertEqual((status, cfg["perMinute"], cfg["retryAfter"]), (200, 2, True))
        try:
            self.emu.v1("GET", VERSION)
            self.emu.v1("GET", VERSION)
            resp = self.emu.v1("GET", VERSION)
            self.assertEqual(resp.status, 429)
            self.assertGreaterEqual(int(resp.header("retry-after")), 1)
            time.sleep(1.05)
            self.assertEqual(self.emu.v1("GET", VERSION).status, 200)
            self.emu.admin("POST", "/rate-limit", {"perMinute": 0})
            for _ in range(10):
                self.assertEqual(self.emu.v1("GET", VERSION).status, 200)
        finally:
            self.emu.admin("POST", "/rate-limit", {"perMinute": 3, "retryAfter": False,
                                                   "windowSeconds": 60})


class RetryAfterFromCliTest(EmulatorTestCase):
    emulator_args = ("--rate-limit", "1", "--retry-after")

    def test_retry_after_header(self):
        self.assertEqual(self.emu.v1("GET", VERSION).status, 200)
        resp = self.emu.v1("GET", VERSION)
        self.assertEqual(resp.status, 429)
        self.assertTrue(1 <= int(resp.header("retry-after")) <= 60)
        log = self.emu.admin("GET", "/requests")[1]["requests"]
        self.assertEqual([r["status"] for r in log], [200, 429])
