from django.db.models import Q
from ninja import Query, Router, Schema

from gongkai.agencies.models import Agency
from gongkai.core.paging import PageIn

router = Router(tags=["机关"])


class AgencyOut(Schema):
    code: str
    name: str
    level: str
    kind: str
    parent: str | None


class AgencyList(Schema):
    count: int
    items: list[AgencyOut]


@router.get("/agencies", response=AgencyList, summary="查询机关", auth=None)
def list_agencies(request, paging: Query[PageIn], q: str = "", level: str = ""):
    """按名称（或简称、代码）的一部分查询机关；公开接口。"""
    limit, offset = paging.limit, paging.offset
    qs = Agency.objects.filter(is_active=True)
    if q.strip():
        term = q.strip()
        qs = qs.filter(Q(name__contains=term) | Q(short_name__contains=term) | Q(code=term))
    if level:
        qs = qs.filter(level=level)
    rows = qs.order_by("path").values("code", "name", "level", "kind", "parent__code")[
        offset : offset + limit
    ]
    items = [
        {
            "code": r["code"],
            "name": r["name"],
            "level": r["level"],
            "kind": r["kind"],
            "parent": r["parent__code"],
        }
        for r in rows
    ]
    return {"count": qs.count(), "items": items}
