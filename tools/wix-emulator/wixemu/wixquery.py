"""Request-level query handling shared by the endpoints.

Catalog V1: `filter` and `sort` are JSON *strings* inside the body [R14][R15], paging is
offset-based with at most 100 per page [R15], and the sort may come in either of the two
shapes Wix pages show: `[{"numericId":"asc"}]` [R13][R15] or
`[{"fieldName":"name","order":"ASC"}]` [R14].
Catalog V3 / eCom: `filter` is an object, `sort` a list of {fieldName, order}, paging by
cursor; after the first page only the cursor is sent [SDK:inv3][GH:skills-inv3].
"""
import json

from .errors import validation_error
from .filters import QueryError
from .paging import Query, decode_cursor, encode_cursor


def page_limit(value, default, maximum, field):
    if value is None or value == 0:
        return default  # GUESS: 0 / absent means "use the default page size"
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise validation_error(field, "must be a non-negative integer", "INVALID_VALUE")
    if value > maximum:
        raise validation_error(field, "must be at most %d" % maximum, "MAX")
    return value


def _json_string(value, field, expect):
    if value is None or value == "":
        return expect()
    if not isinstance(value, str):
        raise validation_error(field, "must be a JSON string (Catalog V1 takes filter and "
                               "sort as JSON text, not objects)", "INVALID_TYPE")
    try:
        parsed = json.loads(value)
    except ValueError:
        raise validation_error(field, "is not valid JSON", "INVALID_JSON")
    if not isinstance(parsed, type(expect())):
        raise validation_error(field, "has the wrong JSON type", "INVALID_TYPE")
    return parsed


def parse_sort_entries(entries, field):
    """Both V1 shapes and the V3 shape -> [(fieldName, descending)]."""
    out = []
    if entries is None:
        return out
    if not isinstance(entries, list):
        raise validation_error(field, "must be a list", "INVALID_TYPE")
    for entry in entries:
        if not isinstance(entry, dict):
            raise validation_error(field, "entries must be objects", "INVALID_TYPE")
        if "fieldName" in entry:
            name, order = entry["fieldName"], entry.get("order", "ASC")
        elif len(entry) == 1:
            name, order = next(iter(entry.items()))
        else:
            raise validation_error(field, "unrecognised sort entry", "INVALID_SORT")
        order = str(order).upper()
        if order not in ("ASC", "DESC"):
            raise validation_error(field, "order must be ASC or DESC", "INVALID_SORT")
        out.append((name, order == "DESC"))
    return out


def v1_offset_query(site, coll, items, seq, fields, query_obj, *, extra_pred=None,
                    extra_token="", max_limit=100):
    """V1 `{query: {filter: str, sort: str, paging: {limit, offset}}}` -> (page, total, offset)."""
    query_obj = query_obj or {}
    if not isinstance(query_obj, dict):
        raise validation_error("query", "must be an object", "INVALID_TYPE")
    filt = _json_string(query_obj.get("filter"), "query.filter", dict)
    sort = parse_sort_entries(_json_string(query_obj.get("sort"), "query.sort", list),
                              "query.sort")
    paging = query_obj.get("paging") or {}
    # GUESS: the default V1 page size is not stated; 100 (the maximum) is assumed.
    limit = page_limit(paging.get("limit"), max_limit, max_limit, "query.paging.limit")
    offset = paging.get("offset") or 0
    if not isinstance(offset, int) or offset < 0:
        raise validation_error("query.paging.offset", "must be a non-negative integer")
    q = _query(site, coll, items, seq, fields, filt, sort, extra_pred, extra_token)
    page, total = q.offset_page(offset, limit)
    return page, total, offset


def object_offset_query(site, coll, items, seq, fields, q_obj, paging, *, max_limit,
                        default_limit, extra_pred=None, extra_token=""):
    """Object filter + `paging: {limit, offset}` (V1 variants query, V3 inventory query)."""
    filt = q_obj.get("filter") or {}
    sort = parse_sort_entries(q_obj.get("sort"), "query.sort")
    limit = page_limit(paging.get("limit"), default_limit, max_limit, "query.paging.limit")
    offset = paging.get("offset") or 0
    if not isinstance(offset, int) or offset < 0:
        raise validation_error("query.paging.offset", "must be a non-negative integer")
    q = _query(site, coll, items, seq, fields, filt, sort, extra_pred, extra_token)
    page, total = q.offset_page(offset, limit)
    return page, total, offset, limit


def _query(site, coll, items, seq, fields, filt, sort, extra_pred, extra_token):
    try:
        return Query(site, coll, items, seq, fields, filt, sort, extra_pred, extra_token)
    except QueryError as exc:
        raise validation_error(exc.field, exc.description, exc.rule)


def cursor_query(site, coll, items, seq, fields, q_obj, *, max_limit, default_limit,
                 default_sort=(), extra=None, extra_state=None, where="query"):
    """V3/eCom `{filter, sort, cursorPaging: {limit, cursor}}` -> (page, pagingMetadata).

    `extra(filter, state) -> (predicate, token)` adds implicit conditions: ones that depend
    on the filter (eCom hides INITIALIZED/PENDING/REJECTED orders [SDK:ord]) or on
    `extra_state` from the first request (a search expression), which the cursor keeps.
    """
    q_obj = q_obj or {}
    if not isinstance(q_obj, dict):
        raise validation_error(where, "must be an object", "INVALID_TYPE")
    cp = q_obj.get("cursorPaging") or {}
    limit = page_limit(cp.get("limit"), default_limit, max_limit,
                       where + ".cursorPaging.limit")
    cursor = cp.get("cursor")
    try:
        if cursor:
            # Follow-up pages carry only the cursor; filter/sort belong to the first
            # request [SDK:inv3][GH:skills-inv3]. GUESS: sending them again is a 400.
            if q_obj.get("filter") or q_obj.get("sort"):
                raise validation_error(where + ".cursorPaging.cursor",
                                       "filter and sort must not be sent with a cursor",
                                       "CURSOR_WITH_FILTER_OR_SORT")
            if not isinstance(cursor, str):
                raise QueryError(where + ".cursorPaging.cursor", "Invalid cursor")
            doc = decode_cursor(cursor, coll, site.id)
            filt, sort, key, direction = doc["f"], doc["o"], doc["k"], doc["d"]
            extra_state = doc.get("x")
        else:
            filt = q_obj.get("filter") or {}
            sort = parse_sort_entries(q_obj.get("sort"), where + ".sort") or list(default_sort)
            key, direction = None, "n"
        pred, token = extra(filt, extra_state) if extra else (None, "")
        q = Query(site, coll, items, seq, fields, filt, sort, pred, token)
    except QueryError as exc:
        raise validation_error(exc.field, exc.description, exc.rule)
    if key is None:
        page, has_next, has_prev = q.cursor_page(limit)
    elif direction == "n":
        page, has_next, has_prev = q.cursor_page(limit, after=key)
    else:
        page, has_next, has_prev = q.cursor_page(limit, before=key)
    nxt = encode_cursor(q, q.key_values(page[-1]), "n", extra_state) if has_next and page else None
    prv = encode_cursor(q, q.key_values(page[0]), "p", extra_state) if has_prev and page else None
    return page, {"count": len(page), "cursors": {"next": nxt, "prev": prv},
                  "hasNext": nxt is not None}
