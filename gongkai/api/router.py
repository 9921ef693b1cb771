"""The one NinjaAPI of gongkai. Each app contributes a Router from its own api.py."""

import json

from django.http import HttpRequest
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from gongkai.api import errors
from gongkai.core.plugins import found


class ChineseJSONRenderer(JSONRenderer):
    """JSON with real Chinese characters, not \\u escapes."""

    def render(self, request: HttpRequest, data, *, response_status: int) -> str:
        return json.dumps(data, cls=NinjaJSONEncoder, ensure_ascii=False)


class ChineseNinjaAPI(errors.GongkaiAPI):
    """Field and schema titles of the OpenAPI document in Chinese (gongkai.api.openapi), and
    every operation's error responses documented (gongkai.api.errors)."""

    def get_openapi_schema(self, *args, **kwargs):
        from gongkai.api.openapi import translate

        return translate(super().get_openapi_schema(*args, **kwargs))


api = ChineseNinjaAPI(
    title="政府信息公开平台接口",
    version="1",
    description="政府信息公开平台接口",
    renderer=ChineseJSONRenderer(),
    urls_namespace="api",
)

errors.install(api)


def _mount() -> None:
    """Every app's `api.router` at /api/v1/, in INSTALLED_APPS order (gongkai.core.plugins)."""
    for plugin in found("api"):
        api.add_router("", plugin.get("router"))


_mount()
