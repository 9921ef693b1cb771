import re
import uuid

from gongkai.core import jsonbody, request_context
from gongkai.core.clientaddr import client_address, from_trusted_proxy

_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestIdMiddleware:
    """Gives every request an id and its client's address, kept for the audit ledger; the id
    is echoed in X-Request-ID. An incoming id is kept only from a trusted proxy (which made it
    for its own log): from anyone else it would let a client choose what the ledger says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        if from_trusted_proxy(request) and _REQUEST_ID.fullmatch(incoming):
            request_id = incoming
        else:
            request_id = uuid.uuid4().hex
        request.request_id = request_id
        request.client_address = client_address(request)
        token = request_context.set_request(request)
        try:
            response = self.get_response(request)
        finally:
            request_context.reset(token)
        response["X-Request-ID"] = request_id
        return response


class SecurityHeadersMiddleware:
    """Content-Security-Policy on every HTML page (scripts and styles only from our own
    files: no inline script, nothing from another host) and Permissions-Policy everywhere.
    HSTS comes from Django's SecurityMiddleware (SECURE_HSTS_SECONDS) and the nginx sample."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.csp = settings.GONGKAI_CONTENT_SECURITY_POLICY
        self.permissions = settings.GONGKAI_PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if self.csp and content_type.startswith("text/html"):
            response.headers.setdefault("Content-Security-Policy", self.csp)
        if self.permissions:
            response.headers.setdefault("Permissions-Policy", self.permissions)
        return response


class FieldKeyErrorMiddleware:
    """A personal field that cannot be decrypted (wrong or missing GONGKAI_FIELD_KEY) is a
    configuration fault, not a bug: the operator's log gets the reason, the visitor a Chinese
    503 without any detail (no traceback, no key id), and the API its usual error shape."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        import logging

        from django.http import HttpResponse, JsonResponse
        from django.template.loader import render_to_string

        from gongkai.core.crypto import FieldKeyError

        if not isinstance(exception, FieldKeyError):
            return None
        logging.getLogger("gongkai.crypto").error("无法解密个人信息：%s", exception)
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": UNAVAILABLE, "errors": {}},
                status=503,
                json_dumps_params={"ensure_ascii": False},
            )
        return HttpResponse(render_to_string("503.html", {"message": UNAVAILABLE}), status=503)


UNAVAILABLE = "系统暂时无法读取个人信息（加密密钥配置有误），已通知运维人员，请稍后再试。"


NUL_REFUSED = "提交的内容含有不允许的空字符（\\x00），请检查后重试。"
UNSTORABLE = "提交的内容含有无法保存的字符，请检查后重试。"


class NulCharacterMiddleware:
    """PostgreSQL cannot hold NUL (U+0000) in text: a parameter carrying one that reached a
    lookup (`?under=%00`, a raw `request.POST.get`) failed there as a 500. Such a request is
    refused before the view with a Chinese 400 (the API's error shape under /api/). Form bodies
    are read only where the CSRF check reads them anyway or where reading keeps the body
    (url-encoded): a CSRF-exempt view may still read a multipart body itself.

    Any other body that reads as JSON (the API, the CTI push, Open311's JSON form) is refused
    the same way when a key or string in it holds a NUL or a lone surrogate, which no text
    column can hold (gongkai.core.jsonbody), or nests too deep to be read: an answer in the
    API's error shape, 422 under /api/ as its other field errors, 400 elsewhere."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        fields = _fields_with_nul(request.GET)
        if request.method == "POST" and (
            not getattr(view_func, "csrf_exempt", False)
            or request.content_type == "application/x-www-form-urlencoded"
        ):
            fields += _fields_with_nul(request.POST)
        if "\x00" in request.path:
            fields.append("网址")
        if fields:
            return _refused(request, {f: [jsonbody.NUL] for f in fields}, html=True)
        try:
            problems = _json_body_problems(request)
        except jsonbody.TooDeep as exc:
            return _refused(request, {"__all__": [str(exc)]}, detail=str(exc), status=400)
        if problems:
            return _refused(request, problems)
        return None


def _json_body_problems(request) -> dict[str, list[str]]:
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return {}
    if request.content_type in FORM_TYPES or request.content_type.startswith("multipart/"):
        return {}
    from django.core.exceptions import RequestDataTooBig

    try:
        body = request.body
    except RequestDataTooBig:  # the view meets the same refusal (a 400) when it reads it
        return {}
    if not body:
        return {}
    data = jsonbody.parse(body)
    return jsonbody.unstorable(data) if data is not None else {}


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _refused(request, errors: dict, *, html: bool = False, detail: str = "", status: int = 0):
    from django.http import HttpResponse, JsonResponse
    from django.template.loader import render_to_string

    api = request.path.startswith("/api/")
    if html and not api:
        return HttpResponse(render_to_string("400.html", {"message": NUL_REFUSED}), status=400)
    return JsonResponse(
        {"detail": detail or ("提交的内容有误" if api else UNSTORABLE), "errors": errors},
        status=status or (422 if api else 400),
        json_dumps_params={"ensure_ascii": False},
    )


def _fields_with_nul(params) -> list[str]:
    return [
        key.replace("\x00", "")
        for key, values in params.lists()
        if "\x00" in key or any("\x00" in v for v in values)
    ]
