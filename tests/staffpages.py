"""Every staff page type, from the URLconf: a sample URL for each named route under /manage/
that renders an HTML page, and an explicit list of the routes that do not (with the reason).

Used by the axe run (tests/e2e/test_staff_pages_e2e.py) and the internal-name check
(tests/portal/test_no_internal_names.py); tests/test_staff_pages_listed.py fails when a route is
in neither list, so a new staff page cannot go unvisited."""

from __future__ import annotations

import datetime as dt

from django.urls import URLPattern, URLResolver, get_resolver

# Named staff routes that are not pages a user reads: POST-only actions (they redirect back
# to a page that is visited), file downloads and machine-readable answers.
NOT_PAGES = {
    "manage:logout": "POST: ends the session",
    "manage:token_revoke": "POST: revokes a token, back to the token page",
    "manage:security_unlock": "POST: security administrator's action, back to the overview",
    "manage:security_reset_2fa": "POST: security administrator's action",
    "manage:security_end_sessions": "POST: security administrator's action",
    "agencies_manage:member_remove": "POST: removes a member, back to the body page",
    "agencies_manage:reading_point_delete": "POST: back to the body page",
    "workdays_manage:day_delete": "POST: back to the calendar",
    "publishing_manage:step": "POST: a workflow step, back to the item page",
    "publishing_manage:attach": "POST: an upload, back to the item page",
    "publishing_manage:attachment": "a file download",
    "publishing_manage:attachment_delete": "POST: back to the item page",
    "publishing_manage:finding_mask": "POST: back to the item page",
    "publishing_manage:finding_override": "POST: back to the item page",
    "publishing_manage:section_two_import": "POST: an upload, back to the section-two page",
    "publishing_manage:kiosk_delete": "POST: back to the kiosk catalogue",
    "applications_manage:action": "POST: a workflow step, back to the request page",
    "applications_manage:reveal": "POST: reveals a number with a reason, back to the request",
    "applications_manage:receipt": "a DOCX/PDF download",
    "applications_manage:letter": "a DOCX/PDF download",
    "applications_manage:attachment": "a file download",
    "applications_manage:notice_resend": "POST: back to the failed-notices page",
    "applications_manage:dispute_add": "POST: the form is on the request page",
    "applications_manage:dispute_edit": "POST: the form is on the request page",
    "hotline_manage:callers": "JSON: the caller's earlier tickets for the agent's screen",
    "reports_manage:step": "POST: a workflow step, back to the report page",
    "reports_manage:download": "a DOCX/PDF download",
    "hotline_manage:unmask": "POST: reveals a number, back to the ticket page",
    "hotline_manage:ticket_step": "POST: a workflow step, back to the ticket page",
    "hotline_manage:assignment_step": "POST: a workflow step, back to the assignment page",
    "hotline_manage:cti_next": "JSON for the telephony screen pop (polled by site.js)",
    "hotline_manage:topic_respond": "POST: back to the topic page",
    "hotline_manage:topic_merge": "POST: back to the topic page",
    "hotline_manage:topic_split": "POST: back to the topic page",
    "hotline_manage:topics_group": "POST: groups tickets into topics, back to the topic list",
    "supervision:check": "POST: runs the checks, back to the console",
    "supervision:bulletin": "POST: issues a bulletin, then its notice page (visited)",
    "supervision:reminders": "POST: issues reminders, back to the console",
    "supervision:notice_download": "a DOCX/PDF download",
}
# Who opens each page: nobody logged in, the security or the audit administrator (a
# superuser may not: separation of duties); every other page as the superuser.
VIEWER = {
    "manage:login": None,
    "manage:password_setup": None,
    "manage:security_admin": "security_admin",
    "audit_manage:ledger": "audit_admin",
}


# Pages whose form the axe run also submits empty (browser validation off), to check the page
# as it comes back with its errors; only forms that create or edit, never a workflow step.
FORM_PAGES = (
    "publishing_manage:create",
    "publishing_manage:edit",
    "publishing_manage:correct",
    "applications_manage:register",
    "hotline_manage:register",
    "hotline_manage:partner_new",
    "agencies_manage:create",
    "agencies_manage:member_add",
    "agencies_manage:reading_point_create",
    "workdays_manage:day_create",
    "workdays_manage:notice_add",
    "reports_manage:create",
    "reports_manage:import",
    "manage:password",
    "manage:issue_code",
)


def named_routes(patterns, namespace="", prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = (
                f"{namespace}:{entry.namespace}"
                if namespace and entry.namespace
                else (entry.namespace or namespace)
            )
            yield from named_routes(entry.url_patterns, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, prefix + str(entry.pattern)


def staff_routes() -> dict[str, str]:
    """URL name → route, for every named route under /manage/."""
    return {
        name: route
        for name, route in named_routes(get_resolver().url_patterns)
        if route.startswith("manage/")
    }


def viewer(name: str, w: dict):
    """The user who opens page `name` (None: nobody logged in)."""
    return w[VIEWER[name]] if VIEWER.get(name) else (None if name in VIEWER else w["admin"])


def world(agency_parent, agency_a, agency_b, officer_a, leader_a, supervisor, admin_user) -> dict:
    """One record of each kind a staff page shows, made through the services, and the users
    who open them."""
    from gongkai.accounts.roles import grant
    from gongkai.agencies.models import ReadingPoint, SystemRole
    from gongkai.applications.models import Dispute, Reason
    from gongkai.applications.reasons import ensure_default_reasons
    from gongkai.hotline.defaults import load_categories
    from gongkai.hotline.models import Category, Partner, Topic
    from gongkai.hotline.services import TICKET
    from gongkai.reports import services as reports
    from gongkai.reports.models import ImportBatch
    from gongkai.supervision import notices
    from gongkai.workdays.models import CalendarDay
    from tests.applications.factories import make_application
    from tests.factories import UserFactory
    from tests.hotline.helpers import new_ticket
    from tests.publishing.helpers import draft, published

    ensure_default_reasons(Reason)
    for agency, uscc in ((agency_a, "11370306999999998N"), (agency_b, "11370306999999971Y")):
        agency.uscc = uscc  # an index number (索引号) needs it when an item is signed
        agency.save(update_fields=["uscc"])
    load_categories(Category)  # a transactional test's flush removed the migration's rows
    app = make_application(agency_a).application
    ticket = new_ticket(agency_a, actor=officer_a).ticket
    TICKET.run("dispatch", ticket, {"body": agency_b.pk}, actor=officer_a)
    today = dt.date(2026, 11, 20)
    security, auditor = UserFactory(username="secadmin"), UserFactory(username="auditor")
    grant(security, SystemRole.SECURITY_ADMIN, actor=admin_user)
    grant(auditor, SystemRole.AUDIT_ADMIN, actor=admin_user)
    return {
        "item": draft(agency_a, officer_a, title="关于做好政务公开工作的通知"),
        "published": published(agency_a, officer_a, leader_a, title="关于印发工作要点的通知"),
        "application": app,
        "dispute": Dispute.objects.create(
            application=app, agency=agency_a, kind="review", filed_on=today, body="测试区人民政府"
        ),
        "report": reports.get_or_create_report(agency_a, 2025, actor=officer_a),
        "import": ImportBatch.objects.create(created_by=officer_a, file_name="年报.zip", year=2025),
        "ticket": ticket,
        "assignment": ticket.assignments.get(),
        "topic": Topic.objects.create(agency=agency_a, title="供暖", first_on=today, last_on=today),
        "partner": Partner.objects.create(
            agency=agency_a, kind=Partner.Kind.ENTERPRISE, name="安康居家养老服务公司"
        ),
        "notice": notices.issue_bulletin(agency_parent, 2025, "测政公开〔2026〕1号", supervisor),
        "day": CalendarDay.objects.get_or_create(
            day=dt.date(2026, 10, 1), defaults={"kind": "holiday", "name": "国庆节"}
        )[0],
        "point": ReadingPoint.objects.create(agency=agency_a, name="政务服务中心查阅点"),
        "agency": agency_a,
        "officer": officer_a,
        "admin": admin_user,
        "security_admin": security,
        "audit_admin": auditor,
    }


def page_urls(w: dict) -> dict[str, str]:
    """URL name → a URL of that page type, for every staff page (see NOT_PAGES for the rest)."""
    code = w["agency"].code
    item, pub = w["item"].pk, w["published"].pk
    return {
        "manage:home": "/manage/",
        "manage:login": "/manage/login/",
        "manage:password_setup": "/manage/password/setup/",
        "manage:password": "/manage/password/",
        "manage:two_factor": "/manage/two-factor/",
        "manage:tokens": "/manage/tokens/",
        "manage:issue_code": f"/manage/members/{w['officer'].pk}/setup-code/",
        "manage:security_admin": "/manage/security/",
        "audit_manage:ledger": "/manage/audit/",
        "audit_manage:history": f"/manage/audit/publishing.item/{item}/",
        "agencies_manage:list": "/manage/agencies/",
        "agencies_manage:create": "/manage/agencies/new/",
        "agencies_manage:detail": f"/manage/agencies/{code}/",
        "agencies_manage:edit": f"/manage/agencies/{code}/edit/",
        "agencies_manage:member_add": f"/manage/agencies/{code}/members/new/",
        "agencies_manage:reading_point_create": f"/manage/agencies/{code}/reading-points/new/",
        "agencies_manage:reading_point_edit": (
            f"/manage/agencies/{code}/reading-points/{w['point'].pk}/"
        ),
        "workdays_manage:index": "/manage/calendar/",
        "workdays_manage:year": "/manage/calendar/2026/",
        "workdays_manage:day_create": "/manage/calendar/days/new/",
        "workdays_manage:day_edit": f"/manage/calendar/days/{w['day'].pk}/",
        "workdays_manage:notice_add": "/manage/calendar/notices/new/",
        "publishing_manage:worklist": "/manage/publishing/",
        "publishing_manage:items": "/manage/publishing/items/?status=draft",
        "publishing_manage:create": "/manage/publishing/items/new/",
        "publishing_manage:item": f"/manage/publishing/items/{item}/",
        "publishing_manage:edit": f"/manage/publishing/items/{item}/edit/",
        "publishing_manage:correct": f"/manage/publishing/items/{pub}/correct/",
        "publishing_manage:channel_content": f"/manage/publishing/items/{pub}/channels/weibo/",
        "publishing_manage:section_two": "/manage/publishing/section2/",
        "publishing_manage:kiosk": "/manage/publishing/kiosk/",
        "applications_manage:worklist": "/manage/applications/",
        "applications_manage:register": "/manage/applications/new/",
        "applications_manage:detail": f"/manage/applications/{w['application'].pk}/",
        "applications_manage:disputes": "/manage/applications/disputes/",
        "applications_manage:notifications": "/manage/applications/notifications/",
        "applications_manage:failed_notices": "/manage/applications/notices/failed/",
        "reports_manage:list": "/manage/reports/",
        "reports_manage:create": "/manage/reports/new/",
        "reports_manage:rollup": "/manage/reports/rollup/",
        "reports_manage:detail": f"/manage/reports/{w['report'].pk}/",
        "reports_manage:import": "/manage/reports/import/",
        "reports_manage:import_detail": f"/manage/reports/import/{w['import'].pk}/",
        "reports_manage:org": f"/manage/reports/org/{code}/2025/",
        "hotline_manage:queue": "/manage/hotline/",
        "hotline_manage:register": "/manage/hotline/new/",
        "hotline_manage:ticket": f"/manage/hotline/{w['ticket'].pk}/",
        "hotline_manage:body_queue": "/manage/hotline/assignments/",
        "hotline_manage:assignment": f"/manage/hotline/assignments/{w['assignment'].pk}/",
        "hotline_manage:analysis": "/manage/hotline/analysis/?year=2026&month=11",
        "hotline_manage:partners": "/manage/hotline/partners/",
        "hotline_manage:partner_new": "/manage/hotline/partners/new/",
        "hotline_manage:partner_edit": f"/manage/hotline/partners/{w['partner'].pk}/",
        "hotline_manage:topics": "/manage/hotline/topics/",
        "hotline_manage:topic": f"/manage/hotline/topics/{w['topic'].pk}/",
        "supervision:console": "/manage/supervision/",
        "supervision:rollup": "/manage/supervision/rollup/",
        "supervision:findings": f"/manage/supervision/bodies/{code}/",
        "supervision:notice": f"/manage/supervision/notices/{w['notice'].pk}/",
    }
