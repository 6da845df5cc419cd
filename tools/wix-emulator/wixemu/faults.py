"""Faults injected into the next N calls of a route, for tests of the client's
"outcome classes" (shelfnode DESIGN.md invariant 5): not sent, rejected, uncertain.

Kinds and whether the request is processed (its write applied) before the fault hits:
  latency              sleep `ms`, then answer normally                      (processed)
  429                  429 standard body, `Retry-After: retryAfter` if given (not processed)
  500 502 503 504      Wix system-error body {"message":"","details":{}} [R9] (not processed)
  http                 any `status` with a standard body                     (not processed)
  drop                 close the socket, no response                         (not processed)
  drop_after_apply     process fully, then close the socket, no response     (processed)
  reset_mid_response   process, send headers + half the body, then reset     (processed)
  truncated_json       process, answer with the body cut in half (Content-Length matches)
  html                 an HTML page (`status`, default 200) instead of JSON  (not processed)
  echo_auth            `status` (default 401) with a body that repeats the request's
                       Authorization header, as a careless server might: `format` "json"
                       (standard body, the key in message and description) or "html" (the
                       key split by a tag); `case` "as_is", "lower" or "upper". For tests
                       that the client never shows the key it sent          (not processed)
`apply: true|false` overrides the default for every kind but latency.
"""
import fnmatch
import itertools
import threading

KINDS = {
    "latency": True, "429": False, "500": False, "502": False, "503": False, "504": False,
    "http": False, "drop": False, "drop_after_apply": True, "reset_mid_response": True,
    "truncated_json": True, "html": False, "echo_auth": False,
}
ECHO_FORMATS = ("json", "html")
ECHO_CASES = ("as_is", "lower", "upper")


class FaultSpecError(ValueError):
    pass


class Fault:
    def __init__(self, fid, spec):
        kind = str(spec.get("kind", ""))
        if kind not in KINDS:
            raise FaultSpecError("kind must be one of: " + ", ".join(sorted(KINDS)))
        path = spec.get("path")
        if not isinstance(path, str) or not path.startswith("/"):
            raise FaultSpecError("path must be an absolute path (glob * allowed)")
        if path.startswith("/_emulator"):
            raise FaultSpecError("admin routes cannot be faulted")
        self.id = fid
        self.kind = kind
        self.path = path
        self.method = spec.get("method")
        self.method = self.method.upper() if self.method else None
        self.remaining = int(spec.get("count", 1))
        self.skip = int(spec.get("skip", 0))
        self.ms = int(spec.get("ms", 0))
        self.retry_after = spec.get("retryAfter")
        if kind in ("429", "500", "502", "503", "504"):
            self.status = int(kind)
        else:
            default = {"html": 200, "echo_auth": 401}.get(kind, 500)
            self.status = int(spec.get("status", default))
        self.format = str(spec.get("format", "json"))
        self.case = str(spec.get("case", "as_is"))
        if self.format not in ECHO_FORMATS or self.case not in ECHO_CASES:
            raise FaultSpecError("format must be json or html, case as_is, lower or upper")
        self.apply = bool(spec.get("apply", KINDS[kind])) if kind != "latency" else True
        if self.remaining < 1 or self.skip < 0 or self.ms < 0:
            raise FaultSpecError("count must be >= 1, skip and ms >= 0")

    def matches(self, method, path):
        if self.method and self.method != method:
            return False
        if "*" in self.path or "?" in self.path or "[" in self.path:
            return fnmatch.fnmatchcase(path, self.path)
        return path == self.path

    def describe(self):
        return {"id": self.id, "kind": self.kind, "path": self.path, "method": self.method,
                "remaining": self.remaining, "skip": self.skip, "ms": self.ms,
                "status": self.status, "retryAfter": self.retry_after, "apply": self.apply,
                "format": self.format, "case": self.case}


class FaultBook:
    def __init__(self):
        self._lock = threading.Lock()
        self._faults = []
        self._ids = itertools.count(1)

    def add(self, spec):
        with self._lock:
            fault = Fault("f-%d" % next(self._ids), spec)
            self._faults.append(fault)
            return fault

    def take(self, method, path):
        """The first matching fault consumes one use; faults fire in the order added."""
        with self._lock:
            for fault in self._faults:
                if not fault.matches(method, path):
                    continue
                if fault.skip > 0:  # the first matching fault owns the call
                    fault.skip -= 1
                    return None
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults.remove(fault)
                return fault
            return None

    def clear(self):
        with self._lock:
            self._faults.clear()

    def describe(self):
        with self._lock:
            return [f.describe() for f in self._faults]
