"""One error shape for the whole API, in Chinese: {"detail": "...", "errors": {"field": ["..."]}}.

Every failure an endpoint can meet is turned into that shape here (validation, missing or
wrong credentials, permission, not found, conflict, rate limit, HttpError raised by a view), and
``GongkaiAPI`` documents the matching responses on every operation of the OpenAPI schema, so a
client (and schemathesis) knows what to expect without reading each view.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from gongkai.core import throttle

PYDANTIC_MESSAGES = {
    "missing": "此项为必填项",
    "string_type": "应为文字",
    "string_too_short": "内容过短",
    "string_too_long": "内容过长",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "float_parsing": "应为数字",
    "decimal_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "datetime_parsing": "应为日期时间（ISO 8601）",
    "datetime_from_date_parsing": "应为日期时间（ISO 8601）",
    "literal_error": "取值不在允许范围内",
    "enum": "取值不在允许范围内",
    "greater_than_equal": "数值过小",
    "greater_than": "数值过小",
    "less_than_equal": "数值过大",
    "less_than": "数值过大",
    "value_error": "取值无效",
    "json_invalid": "请求体不是有效的 JSON",
    "model_attributes_type": "请求体格式不正确",
    "dict_type": "请求体格式不正确",
}

NINJA_UNPARSABLE = "Cannot parse request body"

STATUS_DETAIL = {
    400: "请求有误",
    401: "未登录，或接口令牌无效",
    403: "没有权限",
    404: "未找到",
    409: "当前状态不允许此操作",
    422: "提交的内容有误",
    429: "请求过于频繁，请稍后再试",
}


class ErrorOut(Schema):
    """Every error of the API."""

    detail: str
    errors: dict[str, list[str]] = {}


def _bound_message(kind: str, ctx: dict) -> str | None:
    if kind in ("greater_than_equal", "greater_than") and ("ge" in ctx or "gt" in ctx):
        return f"不能小于{ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than") and ("le" in ctx or "lt" in ctx):
        return f"不能大于{ctx.get('le', ctx.get('lt'))}"
    return None


def field_errors(errors: list[dict]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for error in errors:
        loc = [
            str(part)
            for part in error.get("loc", ())
            if part not in ("body", "query", "path", "payload", "data", "filters")
        ]
        field = ".".join(loc) or "__all__"
        kind = error.get("type", "")
        ctx = error.get("ctx") or {}
        message = _bound_message(kind, ctx)
        if message is None and kind == "value_error":
            message = str(ctx.get("error", "")) or "取值无效"
        if message is None:
            message = PYDANTIC_MESSAGES.get(kind) or PYDANTIC_MESSAGES.get(
                kind.split(".")[0], "取值无效"
            )
        result.setdefault(field, []).append(message)
    return result


def body(detail: str, errors: dict[str, list[str]] | None = None) -> dict:
    return {"detail": detail, "errors": errors or {}}


def install(api: NinjaAPI) -> None:
    def respond(request, status: int, detail: str, errors=None):
        return api.create_response(request, body(detail, errors), status=status)

    @api.exception_handler(ValidationError)
    def on_validation_error(request, exc: ValidationError):
        return respond(request, 422, STATUS_DETAIL[422], field_errors(exc.errors))

    @api.exception_handler(AuthenticationError)
    def on_auth_error(request, exc):
        return respond(request, 401, STATUS_DETAIL[401])

    @api.exception_handler(PermissionDenied)
    def on_permission_denied(request, exc):
        return respond(request, 403, str(exc) or STATUS_DETAIL[403])

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return respond(request, 404, STATUS_DETAIL[404])

    @api.exception_handler(ObjectDoesNotExist)
    def on_missing(request, exc):
        return respond(request, 404, STATUS_DETAIL[404])

    @api.exception_handler(HttpError)
    def on_http_error(request, exc: HttpError):
        status = exc.status_code
        message = str(exc)
        if message.startswith(NINJA_UNPARSABLE):  # django-ninja's own words for a bad body
            message = PYDANTIC_MESSAGES["json_invalid"]
        return respond(request, status, message or STATUS_DETAIL.get(status, "请求有误"))

    @api.exception_handler(throttle.Throttled)
    def on_throttled(request, exc: throttle.Throttled):
        response = respond(request, 429, str(exc))
        response["Retry-After"] = str(exc.retry_after)
        return response


def _error_response(status: int) -> dict:
    return {
        "description": STATUS_DETAIL[status],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
    }


def document_errors(schema: dict) -> dict:
    """Add the error responses each operation can give (same shape everywhere)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ErrorOut"] = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    for ops in schema.get("paths", {}).values():
        for method, op in ops.items():
            codes = {429}
            params = op.get("parameters", [])
            if params or "requestBody" in op:
                codes |= {400, 422}
            if any(p.get("in") == "path" for p in params):
                codes.add(404)
            if op.get("security"):
                codes |= {401, 403}
            if method == "post":
                codes |= {400, 409}
            responses = op.setdefault("responses", {})
            for code in sorted(codes):
                responses.setdefault(code, _error_response(code))
    return schema


class GongkaiAPI(NinjaAPI):
    """NinjaAPI whose schema documents every error response (see ``document_errors``)."""

    def get_openapi_schema(self, *args, **kwargs):
        return document_errors(super().get_openapi_schema(*args, **kwargs))
