"""Paging over in-memory collections: offset (V1) and cursor (V3, eCom orders).

Every collection is a list kept in its natural order (ascending `seq`): V1 products by
numericId, everything else in fixture/creation order. GUESS: that is also the order of
a query without `sort` (Wix documents no default except orders' createdDate DESC), and
nulls sort first. A query first
builds the list of matching records in the requested order; that list is cached per site
until the next write (Site.touch), so walking 1000 pages costs one scan plus a binary
search and a slice per page - O(page), not O(N), per request.

V3 cursors are opaque to clients [SDK:inv3]; here a cursor is base64url JSON carrying
the filter, the sort and the sort key of the last record returned (keyset paging), so a
follow-up request needs nothing but the cursor, and inserts or updates between pages do
not shift later pages. Cursors stay far below Wix's 16000-character limit [SDK:inv3].
"""
import base64
import bisect
import functools
import json

from .filters import QueryError, compile_filter, compile_sort, split_seq_bound

_CACHE_SIZE = 16


def _cmp_values(specs):
    def cmp(a, b):
        for i, desc in enumerate(specs):
            x, y = a[i], b[i]
            if x == y:
                continue
            if x is None:
                r = -1
            elif y is None:
                r = 1
            else:
                r = -1 if x < y else 1
            return -r if desc else r
        return (a[-1] > b[-1]) - (a[-1] < b[-1])
    return functools.cmp_to_key(cmp)


class Query:
    """One resolved query over one collection of one site."""

    def __init__(self, site, coll, items, seq, fields, filter_obj, sort_list,
                 extra_pred=None, extra_token=""):
        self.site = site
        self.coll = coll
        self.items = items
        self.seq = seq
        self.filter_obj = filter_obj or {}
        self.sort_list = list(sort_list or [])
        residual, self.bound = split_seq_bound(self.filter_obj, fields)
        self.sort = compile_sort(self.sort_list, fields)
        if len(self.sort) == 1 and self.sort[0][1].seq and not self.sort[0][2]:
            self.sort = []  # ascending by the natural key is the natural order
        if self.sort:
            self.bound = None
            residual = self.filter_obj
        pred = compile_filter(residual, fields)
        if extra_pred is not None:
            pred = extra_pred if pred is None else (
                lambda r, a=pred, b=extra_pred: a(r) and b(r))
        self.pred = pred
        self.token = json.dumps([coll, residual, self.sort_list, extra_token],
                                sort_keys=True, separators=(",", ":"))
        self._key = _cmp_values([d for _, _, d in self.sort]) if self.sort else None

    def key_values(self, rec):
        if not self.sort:
            return [self.seq(rec)]
        return [f.get(rec) for _, f, _ in self.sort] + [self.seq(rec)]

    def _matching(self):
        cache = self.site.query_cache
        hit = cache.get(self.token)
        if hit is not None:
            cache.move_to_end(self.token)
            return hit
        if self.pred is None and not self.sort:
            lst = self.items
        else:
            lst = [r for r in self.items if self.pred(r)] if self.pred else list(self.items)
        keys = None
        if self.sort:
            decorated = [(self._key(self.key_values(r)), r) for r in lst]
            decorated.sort(key=lambda kr: kr[0])
            keys = [k for k, _ in decorated]
            lst = [r for _, r in decorated]
        cache[self.token] = (lst, keys)
        while len(cache) > _CACHE_SIZE:
            cache.popitem(last=False)
        return lst, keys

    def _start(self, lst, keys, after):
        start = 0
        if self.bound is not None:
            value, inclusive = self.bound
            finder = bisect.bisect_left if inclusive else bisect.bisect_right
            start = finder(lst, value, key=self.seq)
        if after is not None:
            if keys is None:
                start = max(start, bisect.bisect_right(lst, after[-1], key=self.seq))
            else:
                start = max(start, bisect.bisect_right(keys, self._key(after)))
        return start

    def offset_page(self, offset, limit):
        """-> (records, total matching)."""
        lst, keys = self._matching()
        start = self._start(lst, keys, None)
        total = len(lst) - start
        begin = start + offset
        return lst[begin:begin + limit], total

    def cursor_page(self, limit, after=None, before=None):
        """-> (records, has_next, has_prev)."""
        lst, keys = self._matching()
        if before is not None:
            lo = self._start(lst, keys, None)
            if keys is None:
                end = bisect.bisect_left(lst, before[-1], key=self.seq)
            else:
                end = bisect.bisect_left(keys, self._key(before))
            begin = max(lo, end - limit)
            return lst[begin:end], end < len(lst), begin > lo
        start = self._start(lst, keys, after)
        page = lst[start:start + limit]
        lo = self._start(lst, keys, None)
        return page, start + limit < len(lst), start > lo


def encode_cursor(query, key, direction, state=None):
    """`state`: request options that shape the result set besides filter/sort (e.g. a
    free-text search expression); it rides along so follow-ups need only the cursor."""
    doc = {"c": query.coll, "s": query.site.id, "f": query.filter_obj,
           "o": query.sort_list, "k": key, "d": direction, "x": state}
    raw = json.dumps(doc, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(text, coll, site_id):
    try:
        pad = "=" * (-len(text) % 4)
        doc = json.loads(base64.urlsafe_b64decode(text + pad))
        if doc["c"] != coll or doc["s"] != site_id or doc["d"] not in ("n", "p"):
            raise ValueError
        doc["o"] = [(n, bool(d)) for n, d in doc["o"]]
        return doc
    except (ValueError, KeyError, TypeError):
        raise QueryError("cursorPaging.cursor", "Invalid cursor", "INVALID_CURSOR")
