"""Who may do what on every staff URL of the publishing module.

Expected results per persona: 200 page, 302 done (redirect back), 403 lacks the capability,
404 cannot even see the body, "login" anonymous redirect to the login page.
"""

import io

import pytest
from django.urls import reverse

from gongkai.publishing import services
from gongkai.publishing.models import Finding, ItemStatus, KioskEntry
from tests.access import outcome
from tests.publishing.helpers import draft, published

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _item(request, state):
    agency_a = request.getfixturevalue("agency_a")
    officer = request.getfixturevalue("officer_a")
    leader = request.getfixturevalue("leader_a")
    if state == "published":
        return published(agency_a, officer, leader)
    item = draft(
        agency_a,
        officer,
        body="<p>联系人手机13812345678</p>" if state == "finding" else "<p>正文</p>",
    )
    if state in ("review", "signoff"):
        Finding.objects.filter(item=item).delete()
        services.submit(item, officer)
    if state == "signoff":
        services.approve(item, leader)
    return item


def _attachment(request, item):
    return services.add_attachment(item, request.getfixturevalue("officer_a"), "图.png", PNG)


def _kiosk(request):
    return KioskEntry.objects.create(
        agency=request.getfixturevalue("agency_a"),
        kind="phone",
        title="综合窗口",
        phone="0533-6180001",
    )


def _step(request, state, name):
    return reverse("publishing_manage:step", args=[_item(request, state).pk, name])


# name: (method, url builder, post data, expected by persona)
ALL_STAFF = {
    "anonymous": "login",
    "citizen": 403,
    "officer_a": 200,
    "reviewer_a": 200,
    "leader_a": 200,
    "officer_b": 200,
    "supervisor": 200,
    "admin": 200,
}
VIEW_A = {
    "anonymous": "login",
    "citizen": 403,
    "officer_a": 200,
    "reviewer_a": 200,
    "leader_a": 200,
    "officer_b": 404,
    "supervisor": 200,
    "admin": 200,
}
EDIT_A = {
    "anonymous": "login",
    "citizen": 403,
    "officer_a": 302,
    "reviewer_a": 403,
    "leader_a": 403,
    "officer_b": 404,
    "supervisor": 403,
    "admin": 302,
}
REVIEW_A = {**EDIT_A, "officer_a": 403, "reviewer_a": 302, "leader_a": 302}
SIGN_A = {**EDIT_A, "officer_a": 403, "reviewer_a": 403, "leader_a": 302}
RESOLVE_A = {**EDIT_A, "reviewer_a": 302, "leader_a": 302}


def _page(d):
    return {k: (200 if v == 302 else v) for k, v in d.items()}


CASES = {
    "worklist": ("get", lambda r: reverse("publishing_manage:worklist"), None, ALL_STAFF),
    "items": ("get", lambda r: reverse("publishing_manage:items"), None, ALL_STAFF),
    "section_two": ("get", lambda r: reverse("publishing_manage:section_two"), None, ALL_STAFF),
    "kiosk": ("get", lambda r: reverse("publishing_manage:kiosk"), None, ALL_STAFF),
    "create": (
        "get",
        lambda r: reverse("publishing_manage:create"),
        None,
        {**_page(EDIT_A), "citizen": 403, "officer_b": 200},
    ),
    "item": (
        "get",
        lambda r: reverse("publishing_manage:item", args=[_item(r, "draft").pk]),
        None,
        VIEW_A,
    ),
    "edit": (
        "get",
        lambda r: reverse("publishing_manage:edit", args=[_item(r, "draft").pk]),
        None,
        _page(EDIT_A),
    ),
    "correct": (
        "get",
        lambda r: reverse("publishing_manage:correct", args=[_item(r, "published").pk]),
        None,
        _page(SIGN_A),
    ),
    "submit": (
        "post",
        lambda r: _step(r, "draft", "submit"),
        {},
        EDIT_A,
    ),
    "approve": (
        "post",
        lambda r: _step(r, "review", "approve"),
        {},
        REVIEW_A,
    ),
    "reject": (
        "post",
        lambda r: _step(r, "review", "reject"),
        {"comment": "请修改"},
        REVIEW_A,
    ),
    "sign_off": (
        "post",
        lambda r: _step(r, "signoff", "sign_off"),
        {},
        SIGN_A,
    ),
    "withdraw": (
        "post",
        lambda r: _step(r, "published", "withdraw"),
        {"reason": "有误"},
        SIGN_A,
    ),
    "channel": (
        "post",
        lambda r: _step(r, "published", "channel"),
        {"channel": "wechat", "reference": "微信文章"},
        EDIT_A,
    ),
    "channel_content": (
        "get",
        lambda r: reverse(
            "publishing_manage:channel_content", args=[_item(r, "published").pk, "weibo"]
        ),
        None,
        VIEW_A,
    ),
    "attach": (
        "post",
        lambda r: reverse("publishing_manage:attach", args=[_item(r, "draft").pk]),
        "file",
        EDIT_A,
    ),
    "attachment": (
        "get",
        lambda r: (
            lambda i: reverse("publishing_manage:attachment", args=[i.pk, _attachment(r, i).pk])
        )(_item(r, "draft")),
        None,
        VIEW_A,
    ),
    "attachment_delete": (
        "post",
        lambda r: (
            lambda i: reverse(
                "publishing_manage:attachment_delete", args=[i.pk, _attachment(r, i).pk]
            )
        )(_item(r, "draft")),
        {},
        EDIT_A,
    ),
    "finding_mask": (
        "post",
        lambda r: reverse(
            "publishing_manage:finding_mask", args=[_item(r, "finding").findings.get().pk]
        ),
        {},
        RESOLVE_A,
    ),
    "finding_override": (
        "post",
        lambda r: reverse(
            "publishing_manage:finding_override", args=[_item(r, "finding").findings.get().pk]
        ),
        {"reason": "工作电话"},
        RESOLVE_A,
    ),
    "section_two_import": (
        "post",
        lambda r: reverse("publishing_manage:section_two_import"),
        {},
        {
            **ALL_STAFF,
            "citizen": 403,
            "reviewer_a": 403,
            "leader_a": 403,
            "supervisor": 403,
            "officer_a": 302,
            "officer_b": 302,
            "admin": 302,
        },
    ),
    "kiosk_delete": (
        "post",
        lambda r: reverse("publishing_manage:kiosk_delete", args=[_kiosk(r).pk]),
        {},
        EDIT_A,
    ),
}


class _Rollback(Exception):
    pass


@pytest.mark.parametrize("case", sorted(CASES))
def test_staff_url_permissions(request, client_for, case):
    """Each persona runs against fresh data: the case is rebuilt inside a rolled-back savepoint."""
    from django.db import transaction

    users = request.getfixturevalue("personas")
    method, url_for, data, expected = CASES[case]
    got = {}
    for persona, user in users.items():
        try:
            with transaction.atomic():
                url = url_for(request)
                payload = data
                if data == "file":
                    payload = {"file": io.BytesIO(PNG)}
                    payload["file"].name = "图.png"
                client = client_for(user)
                response = client.get(url) if method == "get" else client.post(url, payload or {})
                got[persona] = outcome(response)
                raise _Rollback
        except _Rollback:
            pass
    assert got == expected


STEPS = {"submit", "approve", "reject", "sign_off", "withdraw", "channel"}
COVERED_URL_NAMES = {f"publishing_manage:{name}" for name in set(CASES) - STEPS} | {
    "publishing_manage:step"
}


def test_every_publishing_staff_url_and_step_is_in_the_permission_table():
    from gongkai.publishing import urls_manage
    from gongkai.publishing.steps import ITEM

    assert {p.name for p in urls_manage.urlpatterns} == set(CASES) - STEPS | {"step"}
    assert {s.name for s in ITEM.steps} == STEPS


def test_the_officer_cannot_sign_off_through_the_page(request, client_for, officer_a):
    item = _item(request, "signoff")
    client_for(officer_a).post(reverse("publishing_manage:step", args=[item.pk, "sign_off"]))
    item.refresh_from_db()
    assert item.status == ItemStatus.SIGNOFF
