"""All mutable emulator state behind one lock: sites, keys, logs, faults, limiter.

Handlers run entirely under `State.lock` (one global lock, as in the brief): Wix state
changes are serialised, which also makes the applied-writes log a total order.
"""
import collections
import contextlib
import gc
import itertools
import threading

from . import fixture
from .clock import Clock, format_ms, parse_iso
from .faults import FaultBook
from .ratelimit import RateLimiter

DEFAULT_BEHAVIOUR = {
    # API.md §10 item 1: make the auth failure statuses configurable.
    "missingKeyStatus": 401,       # R9: 401 = missing/incorrect Authorization (R2 says 403)
    "unknownKeyStatus": 401,       # UNDOCUMENTED for unknown/revoked keys; 401 per API.md
    "permissionDeniedStatus": 403,
    "missingSiteStatus": 428,      # observed MISSING_METASITE_ID [GH:mcp9]
    "foreignSiteStatus": 403,      # GUESS: key not valid for the site named in wix-site-id
    "v3OnV1Status": 428,           # observed [GH:skills-v1query]
    "v1OnV3Status": 428,           # GUESS: UNDOCUMENTED
    "notInstalledStatus": 428,     # GUESS: store routes on a site without Wix Stores
}
REQUEST_LOG_MAX = 5000


@contextlib.contextmanager
def no_gc():
    """Building a 100,000-SKU catalog allocates millions of objects; cyclic GC passes
    over them during the build double the load time and free nothing."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class State:
    def __init__(self, fixture_docs, rate_limit=200, retry_after=False, clock=None):
        self.lock = threading.RLock()
        self.clock = clock or Clock()
        self.faults = FaultBook()
        self.limiter = RateLimiter(rate_limit, retry_after)
        self.requests = collections.deque(maxlen=REQUEST_LOG_MAX)
        self.writes = []
        self._req_ids = itertools.count(1)
        self._write_ids = itertools.count(1)  # never reset: write IDs stay unique
        self.current_request = None
        self.fixture_docs = list(fixture_docs)
        self.sites, self.keys, self.behaviour = {}, {}, {}
        self.load(self.fixture_docs)

    # -- fixtures -------------------------------------------------------------------
    def load(self, docs):
        with no_gc():
            sites, keys, behaviour, clock_cfg = fixture.load(docs)
        with self.lock:
            self.fixture_docs = list(docs)
            self.sites, self.keys = sites, keys
            self.behaviour = dict(DEFAULT_BEHAVIOUR)
            self.behaviour.update(behaviour)
            if clock_cfg:
                start = parse_iso(clock_cfg.get("start", "2026-02-01T00:00:00.000Z"))
                self.clock.set_deterministic(start, clock_cfg.get("stepMs", 1))
            self.requests.clear()
            self.writes.clear()
            self.faults.clear()
            self.limiter.reset()

    def reset(self):
        self.load(self.fixture_docs)

    def site_or_none(self, site_id):
        return self.sites.get(site_id)

    # -- logs -----------------------------------------------------------------------
    def next_request_id(self):
        return next(self._req_ids)

    def log_request(self, entry):
        with self.lock:
            self.requests.append(entry)

    def record_write(self, site, **fields):
        """One APPLIED inventory write. Tests use the unique `id` to prove a change was
        applied exactly once (e.g. after an apply-then-drop fault and a client retry)."""
        entry = {"id": "w-%06d" % next(self._write_ids), "siteId": site.id,
                 "at": format_ms(self.clock.peek_ms()),
                 "requestId": self.current_request}
        entry.update(fields)
        self.writes.append(entry)
        return entry
