"""Chinese error bodies for the API: {"detail": "...", "errors": {"field": ["message"]}}."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

PYDANTIC_MESSAGES = {
    "missing": "此项为必填项",
    "string_type": "应为文字",
    "string_too_short": "内容过短",
    "string_too_long": "内容过长",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "decimal_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "datetime_parsing": "应为日期时间（ISO 8601）",
    "literal_error": "取值不在允许范围内",
    "enum": "取值不在允许范围内",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "value_error": "取值无效",
    "json_invalid": "请求体不是有效的 JSON",
    "model_attributes_type": "请求体格式不正确",
    "dict_type": "请求体格式不正确",
}


def field_errors(errors: list[dict]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for error in errors:
        loc = [
            str(part)
            for part in error.get("loc", ())
            if part not in ("body", "query", "path", "payload", "data")
        ]
        field = ".".join(loc) or "__all__"
        kind = error.get("type", "")
        message = PYDANTIC_MESSAGES.get(kind)
        if message is None and kind == "value_error":
            message = str(error.get("ctx", {}).get("error", "")) or "取值无效"
        if message is None:
            message = PYDANTIC_MESSAGES.get(kind.split(".")[0], "取值无效")
        result.setdefault(field, []).append(message)
    return result


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def on_validation_error(request, exc: ValidationError):
        return api.create_response(
            request, {"detail": "提交的内容有误", "errors": field_errors(exc.errors)}, status=422
        )

    @api.exception_handler(AuthenticationError)
    def on_auth_error(request, exc):
        return api.create_response(request, {"detail": "未登录，或接口令牌无效"}, status=401)

    @api.exception_handler(PermissionDenied)
    def on_permission_denied(request, exc):
        return api.create_response(request, {"detail": str(exc) or "没有权限"}, status=403)

    @api.exception_handler(Http404)
    def on_not_found(request, exc):
        return api.create_response(request, {"detail": "未找到"}, status=404)
