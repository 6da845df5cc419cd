"""The SDK's GET form of read calls with a body-like request.

Wix's SDK sends Query/Search/Count Inventory Items and V1 Query Products as
`GET <path>?.r=<base64url JSON of the request, no padding>` (`toURLSearchParams` in
`@wix/sdk-runtime`), and as a POST of the same JSON only when that URL would be too long
[SDK:inv3][SDK:prod1]. Both forms reach the same handler here.
"""
import base64
import binascii
import json

from . import sdk_requests
from .errors import validation_error


def _decode_r(value):
    padded = value + "=" * (-len(value) % 4)
    try:
        return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, UnicodeError, binascii.Error):
        # GUESS: Wix's answer to an unreadable `.r` is not documented.
        raise validation_error(".r", "must be the request as base64url JSON", "INVALID_REQUEST")


def get_or_post(handler):
    """A handler that takes its request from `.r` on GET, from the body on POST."""
    def wrapped(ctx):
        if ctx.method == "GET":
            values = ctx.query.get(".r")
            if ctx.body is not None:
                raise validation_error("", "a GET carries its request in `.r`, not a body",
                                       "INVALID_REQUEST")
            ctx.body = _decode_r(values[-1]) if values else {}
            if not isinstance(ctx.body, dict):
                raise validation_error(".r", "must be a JSON object", "INVALID_TYPE")
            sdk_requests.check(ctx.method, ctx.path, ctx.body)
        return handler(ctx)
    return wrapped
