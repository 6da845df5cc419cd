"""Per-site request budget.

Wix documents 200 requests per minute per app instance and 429 as "resource exhausted"
[R45][R9]; how that is counted for API keys is UNDOCUMENTED. GUESS: one sliding
60-second window per site (the `wix-site-id` header), refused requests do not count, and
`Retry-After` is sent only when asked for (Wix documents no such header [R45]).
"""
import collections
import math
import threading
import time


class RateLimiter:
    def __init__(self, per_minute=200, retry_after=False, window_s=60.0):
        self._lock = threading.Lock()
        self._hits = collections.defaultdict(collections.deque)
        self.per_minute = per_minute
        self.retry_after = retry_after
        self.window_s = window_s

    def configure(self, per_minute=None, retry_after=None, window_s=None):
        with self._lock:
            if per_minute is not None:
                self.per_minute = int(per_minute)
            if retry_after is not None:
                self.retry_after = bool(retry_after)
            if window_s is not None:
                self.window_s = float(window_s)
            self._hits.clear()

    def reset(self):
        with self._lock:
            self._hits.clear()

    def check(self, bucket, now=None):
        """Count one request. Returns None if allowed, else seconds until a slot frees."""
        now = time.monotonic() if now is None else now
        with self._lock:
            if self.per_minute <= 0:
                return None
            hits = self._hits[bucket]
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return max(0.0, hits[0] + self.window_s - now)
            hits.append(now)
            return None

    def retry_after_header(self, wait_s):
        return str(max(1, int(math.ceil(wait_s))))

    def describe(self):
        return {"perMinute": self.per_minute, "retryAfter": self.retry_after,
                "windowSeconds": self.window_s}
