"""Pieces shared by fixture loading, order building and the generator."""
from .clock import parse_iso

# Default timestamps for fixture records that give none (deterministic on purpose).
BASE_MS = parse_iso("2026-01-05T09:00:00.000Z")


class FixtureError(ValueError):
    pass


def guid(rng):
    """A version-4 GUID string from a seeded `rng`, so the same fixture always yields the
    same IDs (formatted by hand: uuid.UUID is slow for a 100,000-SKU catalog)."""
    n = rng.getrandbits(128)
    n = (n & ~(0xF000 << 64)) | (0x4000 << 64)   # version 4
    n = (n & ~(0xC000 << 48)) | (0x8000 << 48)   # RFC 4122 variant
    h = "%032x" % n
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])
