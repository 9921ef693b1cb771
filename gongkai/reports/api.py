"""JSON API of this module; gongkai.api.router mounts `router` under /api/v1/."""

from ninja import Router

router = Router(tags=["reports"])
