"""The one NinjaAPI of gongkai. Each module contributes a Router from its own api.py."""

import json

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from gongkai.api import errors


class ChineseJSONRenderer(JSONRenderer):
    """JSON with real Chinese characters, not \\u escapes."""

    def render(self, request: HttpRequest, data, *, response_status: int) -> str:
        return json.dumps(data, cls=NinjaJSONEncoder, ensure_ascii=False)


api = NinjaAPI(
    title="gongkai API",
    version="1",
    description="政府信息公开平台接口",
    renderer=ChineseJSONRenderer(),
    urls_namespace="api",
)

errors.install(api)

# Each entry: (prefix, "module.path") whose `router` is mounted at /api/v1/<prefix>.
ROUTERS = [
    ("", "gongkai.agencies.api"),
    ("", "gongkai.publishing.api"),
    ("", "gongkai.applications.api"),
    ("", "gongkai.reports.api"),
]


def _mount() -> None:
    from importlib import import_module

    for prefix, module_path in ROUTERS:
        api.add_router(prefix, import_module(module_path).router)


_mount()
