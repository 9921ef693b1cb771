"""JSON API of this module; gongkai.api.router mounts `router` under /api/v1/.

Public: published items (list/search and one item). Staff: the workflow steps, with the same
permission checks as the pages (gongkai.agencies.scope) and session authentication.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from gongkai.agencies.models import Agency
from gongkai.agencies.scope import Capability, get_scoped_or_404, scope_queryset
from gongkai.api.auth import staff_auth
from gongkai.core.paging import PageIn, SaneDateTime, page, year_field
from gongkai.publishing import search
from gongkai.publishing.models import Item, ItemStatus, Kind
from gongkai.publishing.steps import ITEM
from gongkai.workflow.api import step_routes
from gongkai.workflow.steps import StepError

router = Router(tags=["主动公开"])


class ItemOut(Schema):
    id: int
    索引号: str
    title: str
    agency: str
    agency_code: str
    kind: str
    kind_label: str
    document_number: str
    formed_on: dt.date | None
    published_at: dt.datetime | None
    validity: str
    url: str


class ItemDetailOut(ItemOut):
    summary: str
    keywords: str
    body_html: str
    category: str | None
    topic: str | None
    genre: str | None
    effective_on: dt.date | None
    repealed_on: dt.date | None
    correction_note: str
    attachments: list[dict]


class ItemListOut(Schema):
    count: int
    items: list[ItemOut]


class StaffItemOut(Schema):
    id: int
    title: str
    agency_code: str
    status: str
    status_label: str
    index_number: str
    due_on: dt.date | None
    last_comment: str


class StaffItemListOut(Schema):
    count: int
    items: list[StaffItemOut]


class CommentIn(Schema):
    comment: str = ""


class SignOffIn(Schema):
    comment: str = ""
    publish_at: SaneDateTime | None = None


class ReasonIn(Schema):
    reason: str


def _out(item: Item, request) -> dict:
    return {
        "id": item.pk,
        "索引号": item.index_number,
        "title": item.title,
        "agency": item.agency.name,
        "agency_code": item.agency.code,
        "kind": item.kind,
        "kind_label": item.get_kind_display(),
        "document_number": item.document_number,
        "formed_on": item.formed_on,
        "published_at": item.published_at,
        "validity": item.get_validity_display(),
        "url": request.build_absolute_uri(item.get_absolute_url()),
    }


@router.get("/items", response=ItemListOut, summary="检索已公开的信息")
def list_items(
    request,
    paging: Query[PageIn],
    agency: str = "",
    q: str = Query("", max_length=200),
    kind: str = "",
    year: int | None = year_field("发布年份"),
):
    limit, offset = paging.limit, paging.offset
    if kind and kind not in Kind.values:
        raise HttpError(400, f"未知的信息类型“{kind}”。可选：{'、'.join(Kind.values)}")
    agency_obj = None
    if agency:
        agency_obj = Agency.objects.filter(code=agency).first()
        if agency_obj is None:
            raise HttpError(400, f"未找到机关“{agency}”。")
    if q.strip():
        filters = {
            "kind": kind or None,
            "year": year,
            "agency_id": agency_obj.pk if agency_obj else None,
        }
        results = search.search(q, filters=filters, order="relevance", limit=limit, offset=offset)
        return {"count": results.total, "items": [_out(h.item, request) for h in results.hits]}
    qs = Item.objects.public().select_related("agency")
    if agency_obj:
        qs = qs.filter(agency=agency_obj)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        tz = timezone.get_current_timezone()
        qs = qs.filter(
            published_at__gte=dt.datetime(year, 1, 1, tzinfo=tz),
            published_at__lt=dt.datetime(year + 1, 1, 1, tzinfo=tz),
        )
    items = qs.order_by("-published_at", "-id")[offset : offset + limit]
    return {"count": qs.count(), "items": [_out(i, request) for i in items]}


@router.get("/items/{item_id}", response=ItemDetailOut, summary="一条已公开的信息")
def get_item(request, item_id: int):
    item = (
        Item.objects.public()
        .select_related("agency", "category", "topic", "genre")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise HttpError(404, "信息不存在或未公开。")
    return {
        **_out(item, request),
        "summary": item.summary,
        "keywords": item.keywords,
        "body_html": item.body,
        "category": item.category.name if item.category else None,
        "topic": item.topic.name if item.topic else None,
        "genre": item.genre.name if item.genre else None,
        "effective_on": item.effective_on,
        "repealed_on": item.repealed_on,
        "correction_note": item.correction_note,
        "attachments": [
            {
                "name": a.original_name,
                "size": a.size,
                "url": request.build_absolute_uri(a.get_absolute_url()),
            }
            for a in item.attachments.all()
        ],
    }


def _staff_out(item: Item) -> dict:
    return {
        "id": item.pk,
        "title": item.title,
        "agency_code": item.agency.code,
        "status": item.status,
        "status_label": item.get_status_display(),
        "index_number": item.index_number,
        "due_on": item.due_on,
        "last_comment": item.last_comment,
    }


@router.get(
    "/publishing/items",
    response=StaffItemListOut,
    auth=staff_auth,
    summary="工作人员：本人可见的信息（按状态）",
)
def staff_items(request, paging: Query[PageIn], status: str = ""):
    qs = scope_queryset(Item.objects.select_related("agency"), request.user, Capability.VIEW)
    if status:
        if status not in ItemStatus.values:
            raise HttpError(400, f"未知的状态“{status}”。")
        qs = qs.filter(status=status)
    count, rows = page(qs.order_by("-id"), paging)
    return {"count": count, "items": [_staff_out(i) for i in rows]}


# Every declared step of ITEM: GET …/{pk}/steps and POST …/{pk}/steps/{name} {"data": {…}}.
step_routes(router, ITEM, "/publishing/items", serialize=_staff_out, response=StaffItemOut)


def _take(request, item_id: int, name: str, data: dict | None = None) -> dict:
    """The named step routes of API v1 (kept for their clients): the same `ITEM.run` as the
    generic route; a refused step answers 409 as it always has."""
    item = get_scoped_or_404(
        Item.objects.select_related("agency"), request.user, Capability.VIEW, pk=item_id
    )
    try:
        ITEM.run(name, item, data, actor=request.user, validated=True)
    except StepError as exc:
        raise HttpError(409, str(exc)) from None
    item.refresh_from_db()
    return _staff_out(item)


@router.post(
    "/publishing/items/{item_id}/submit",
    response=StaffItemOut,
    auth=staff_auth,
    summary="提交审核",
)
def api_submit(request, item_id: int):
    return _take(request, item_id, "submit")


@router.post(
    "/publishing/items/{item_id}/approve",
    response=StaffItemOut,
    auth=staff_auth,
    summary="审核通过（保密审查）",
)
def api_approve(request, item_id: int, data: CommentIn):
    return _take(request, item_id, "approve", data.dict())


@router.post(
    "/publishing/items/{item_id}/reject",
    response=StaffItemOut,
    auth=staff_auth,
    summary="退回经办人",
)
def api_reject(request, item_id: int, data: CommentIn):
    return _take(request, item_id, "reject", data.dict())


@router.post(
    "/publishing/items/{item_id}/sign-off",
    response=StaffItemOut,
    auth=staff_auth,
    summary="签发（立即或定时发布）",
)
def api_sign_off(request, item_id: int, data: SignOffIn):
    return _take(request, item_id, "sign_off", data.dict())


@router.post(
    "/publishing/items/{item_id}/withdraw",
    response=StaffItemOut,
    auth=staff_auth,
    summary="撤回已发布的信息",
)
def api_withdraw(request, item_id: int, data: ReasonIn):
    return _take(request, item_id, "withdraw", data.dict())
