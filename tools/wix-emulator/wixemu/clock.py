"""Timestamps in Wix's wire format and a clock that never repeats itself.

Wix sends ISO-8601 UTC with milliseconds and a `Z` ([R20]: `2020-08-31T20:05:40.348Z`).
Incremental pulls filter on `updatedDate > last seen`, so every change must get a strictly
later timestamp than the one before it, even inside one millisecond; the clock therefore
hands out max(real, last + 1 ms). The deterministic mode starts at a fixed instant and
advances by a fixed step per timestamp, so test output is reproducible.
"""
import calendar
import functools
import re
import threading
import time

_ISO = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?"
    r"(Z|[+-]\d{2}:?\d{2})?$")


def parse_iso(text):
    """ISO-8601 string -> epoch milliseconds. Raises ValueError on anything else."""
    if not isinstance(text, str):
        raise ValueError("timestamp must be a string")
    m = _ISO.match(text.strip())
    if not m:
        raise ValueError("not an ISO-8601 timestamp: %r" % text)
    y, mo, d, h, mi, s, frac, tz = m.groups()
    secs = calendar.timegm((int(y), int(mo), int(d), int(h or 0), int(mi or 0),
                            int(s or 0), 0, 0, 0))
    ms = int((frac or "0").ljust(3, "0")[:3])
    if tz and tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        digits = tz[1:].replace(":", "")
        secs -= sign * (int(digits[:2]) * 3600 + int(digits[2:]) * 60)
    return secs * 1000 + ms


@functools.lru_cache(maxsize=8192)  # pages repeat the same product timestamps
def format_ms(ms):
    """Epoch milliseconds -> `YYYY-MM-DDTHH:MM:SS.mmmZ`."""
    secs, rem = divmod(int(ms), 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(secs)) + ".%03dZ" % rem


class Clock:
    def __init__(self, start_ms=None, step_ms=1):
        self._lock = threading.Lock()
        self.deterministic = start_ms is not None
        self.step_ms = max(1, int(step_ms))
        self._last = int(start_ms) - self.step_ms if self.deterministic else 0

    def now_ms(self):
        """A fresh timestamp, strictly later than every one handed out before."""
        with self._lock:
            if self.deterministic:
                self._last += self.step_ms
            else:
                self._last = max(int(time.time() * 1000), self._last + 1)
            return self._last

    def peek_ms(self):
        with self._lock:
            if self.deterministic:
                return self._last + self.step_ms
            return max(int(time.time() * 1000), self._last + 1)

    def set_deterministic(self, start_ms, step_ms=None):
        with self._lock:
            if step_ms is not None:
                self.step_ms = max(1, int(step_ms))
            self.deterministic = True
            # Never go back in time: updatedDate must keep increasing.
            self._last = max(int(start_ms) - self.step_ms, self._last)

    def advance(self, ms):
        with self._lock:
            self._last += max(0, int(ms))

    def set_real(self):
        with self._lock:
            self.deterministic = False

    def describe(self):
        return {"now": format_ms(self.peek_ms()), "deterministic": self.deterministic,
                "stepMs": self.step_ms}
