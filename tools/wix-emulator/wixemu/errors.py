"""Wix's error bodies ([R9]) as one exception type the server turns into a response.

Standard body: {"message", "details": {"applicationError": {code, description, data}}}
or {"message", "details": {"validationError": {"fieldViolations": [...]}}}. System (5xx)
errors carry an empty message and empty details on purpose [R9].
"""


class WixError(Exception):
    def __init__(self, status, body, headers=None):
        super().__init__("%d %s" % (status, body.get("message", "")))
        self.status = status
        self.body = body
        self.headers = headers or {}


def app_error(status, code, message, description=None, data=None, headers=None):
    if description is None:
        description = message
    return WixError(status, {
        "message": message,
        "details": {"applicationError": {"code": code, "description": description,
                                         "data": data or {}}}}, headers)


def validation_error(field, description, rule="VALIDATION", data=None):
    # GUESS: Wix's exact message text for violations is not documented; the shape is [R9].
    return WixError(400, {
        "message": "%s: %s" % (field, description) if field else description,
        "details": {"validationError": {"fieldViolations": [{
            "field": field, "description": description, "violatedRule": rule,
            "ruleName": rule, "data": data or {}}]}}})


def system_error(status=500, headers=None):
    return WixError(status, {"message": "", "details": {}}, headers)


def not_found(code, message):
    return app_error(404, code, message)


def precondition(code, message):
    return app_error(428, code, message)
