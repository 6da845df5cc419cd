"""Wix query filters (the platform's Mongo-like JSON) compiled into Python predicates.

Each endpoint declares its fields: how to read the value from a stored record and what
kind it is. A field that is not declared answers 400 "Field '<x>' is not declared as
filterable", the text Wix is observed to use [GH:skills-contacts][SDK:prod3], so client
code that filters on something Wix would refuse fails here too.
Kinds: str, int (int64 ids sent as strings, e.g. V1 numericId [R20]), num, bool, date
(ISO string or {"$date": ISO}, compared at millisecond precision), strs (list-valued).
"""
from . import clock


class QueryError(Exception):
    def __init__(self, field, description, rule="INVALID_FILTER"):
        super().__init__(description)
        self.field = field
        self.description = description
        self.rule = rule


class Field:
    __slots__ = ("get", "kind", "filterable", "sortable", "seq")

    def __init__(self, get, kind="str", filterable=True, sortable=True, seq=False):
        self.get = get
        self.kind = kind
        self.filterable = filterable
        self.sortable = sortable
        self.seq = seq  # the value IS the collection's natural-order key


def _coerce(kind, value, name):
    try:
        if kind in ("str", "strs"):
            if isinstance(value, (dict, list, bool)) or value is None:
                raise ValueError
            return str(value)
        if kind == "int":
            if isinstance(value, bool):
                raise ValueError
            return int(value)
        if kind == "num":
            if isinstance(value, bool):
                raise ValueError
            return float(value)
        if kind == "bool":
            if isinstance(value, bool):
                return value
            if value in ("true", "false"):
                return value == "true"
            raise ValueError
        if kind == "date":
            if isinstance(value, dict) and "$date" in value:
                value = value["$date"]
            return clock.parse_iso(value)
    except (TypeError, ValueError):
        pass
    raise QueryError(name, "Invalid value %s for field '%s'" % (_short(value), name),
                     "INVALID_VALUE")


def _short(value):
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."


def _is_ops(cond):
    return isinstance(cond, dict) and cond and all(k.startswith("$") for k in cond) \
        and set(cond) != {"$date"}


def _scalar_op(op, get, val, name, kind):
    if op == "$eq":
        return lambda r: get(r) == val
    if op == "$ne":
        return lambda r: get(r) != val
    if op in ("$gt", "$gte", "$lt", "$lte"):
        if kind == "bool":
            raise QueryError(name, "Operator %s is not supported for '%s'" % (op, name))
        if op == "$gt":
            return lambda r: (lambda x: x is not None and x > val)(get(r))
        if op == "$gte":
            return lambda r: (lambda x: x is not None and x >= val)(get(r))
        if op == "$lt":
            return lambda r: (lambda x: x is not None and x < val)(get(r))
        return lambda r: (lambda x: x is not None and x <= val)(get(r))
    if op in ("$in", "$hasSome"):
        return lambda r: get(r) in val
    if op == "$nin":
        return lambda r: get(r) not in val
    if op == "$startsWith":
        return lambda r: (lambda x: isinstance(x, str) and x.startswith(val))(get(r))
    if op == "$contains":
        low = val.lower()
        return lambda r: (lambda x: isinstance(x, str) and low in x.lower())(get(r))
    raise QueryError(name, "Operator %s is not supported for '%s'" % (op, name))


def _list_op(op, get, val, name):
    if op == "$eq":
        return lambda r: val in (get(r) or ())
    if op == "$ne":
        return lambda r: val not in (get(r) or ())
    if op in ("$in", "$hasSome"):
        return lambda r: any(x in val for x in (get(r) or ()))
    if op == "$nin":
        return lambda r: not any(x in val for x in (get(r) or ()))
    if op == "$hasAll":
        return lambda r: val.issubset(get(r) or ())
    if op == "$startsWith":
        return lambda r: any(x.startswith(val) for x in (get(r) or ()) if x)
    if op == "$contains":
        low = val.lower()
        return lambda r: any(low in x.lower() for x in (get(r) or ()) if x)
    raise QueryError(name, "Operator %s is not supported for '%s'" % (op, name))


def _field_pred(name, field, cond):
    ops = cond if _is_ops(cond) else {"$eq": cond}
    preds = []
    for op, raw in ops.items():
        if op == "$exists":
            want = bool(raw)
            get = field.get
            if field.kind == "strs":
                preds.append(lambda r, w=want: bool(get(r)) == w)
            else:
                preds.append(lambda r, w=want: (get(r) is not None) == w)
            continue
        if op in ("$in", "$nin", "$hasSome", "$hasAll"):
            if not isinstance(raw, list):
                raise QueryError(name, "Operator %s needs a list" % op, "INVALID_VALUE")
            val = frozenset(_coerce(field.kind, v, name) for v in raw)
        else:
            val = _coerce(field.kind, raw, name)
        if field.kind == "strs":
            preds.append(_list_op(op, field.get, val, name))
        else:
            preds.append(_scalar_op(op, field.get, val, name, field.kind))
    if len(preds) == 1:
        return preds[0]
    return lambda r: all(p(r) for p in preds)


def compile_filter(obj, fields):
    """Filter object -> predicate (None when it matches everything)."""
    if obj is None or obj == {}:
        return None
    if not isinstance(obj, dict):
        raise QueryError("filter", "filter must be an object", "INVALID_FILTER")
    preds = []
    for key, cond in obj.items():
        if key in ("$and", "$or"):
            if not isinstance(cond, list):
                raise QueryError("filter", "%s needs a list" % key)
            subs = [compile_filter(c, fields) or (lambda r: True) for c in cond]
            if key == "$and":
                preds.append(lambda r, s=subs: all(p(r) for p in s))
            else:
                preds.append(lambda r, s=subs: any(p(r) for p in s))
        elif key == "$not":
            sub = compile_filter(cond, fields) or (lambda r: True)
            preds.append(lambda r, s=sub: not s(r))
        else:
            field = fields.get(key)
            if field is None or not field.filterable:
                raise QueryError(key, "Field '%s' is not declared as filterable" % key,
                                 "FIELD_NOT_FILTERABLE")
            preds.append(_field_pred(key, field, cond))
    if len(preds) == 1:
        return preds[0]
    return lambda r: all(p(r) for p in preds)


def split_seq_bound(obj, fields):
    """Pull a top-level `$gt`/`$gte` on the natural-order field out of the filter.

    Lets the numericId crawl [R13] (sort numericId ASC, filter numericId > last) be answered
    with a binary search over a cached list instead of a scan per page.
    Returns (residual filter, (value, inclusive) or None).
    """
    if not isinstance(obj, dict):
        return obj, None
    for name, field in fields.items():
        if not field.seq or name not in obj or not _is_ops(obj[name]):
            continue
        cond = dict(obj[name])
        if "$gt" in cond:
            bound = (_coerce(field.kind, cond.pop("$gt"), name), False)
        elif "$gte" in cond:
            bound = (_coerce(field.kind, cond.pop("$gte"), name), True)
        else:
            return obj, None
        rest = dict(obj)
        if cond:
            rest[name] = cond
        else:
            del rest[name]
        return rest, bound
    return obj, None


def compile_sort(sort_list, fields):
    """[(fieldName, descending)] -> [(fieldName, Field, descending)], checked."""
    out = []
    for name, desc in sort_list:
        field = fields.get(name)
        if field is None or not field.sortable:
            raise QueryError(name, "Field '%s' is not declared as sortable" % name,
                             "FIELD_NOT_SORTABLE")
        out.append((name, field, desc))
    return out
