import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from gongkai.publishing import services
from gongkai.publishing.models import ChannelPost, FindingStatus, ItemStatus, ItemVersion
from tests.publishing.helpers import VALID_ID, draft, published

pytestmark = pytest.mark.django_db


def test_it_sanitises_the_body_and_keeps_plain_text(agency_a, officer_a):
    item = draft(agency_a, officer_a, body='<p onclick="x()">你好<script>alert(1)</script></p>')
    assert "script" not in item.body and "onclick" not in item.body
    assert item.body_text == "你好"


def test_it_tracks_the_art26_deadline_in_working_days(agency_a, officer_a):
    item = draft(agency_a, officer_a, formed_on=dt.date(2026, 11, 2))
    assert item.due_on is not None and item.due_on > dt.date(2026, 11, 2) + dt.timedelta(days=20)


def test_an_item_with_a_resident_id_cannot_be_submitted_until_masked(agency_a, officer_a):
    item = draft(agency_a, officer_a, body=f"<p>申请人身份证号{VALID_ID}。</p>")
    finding = item.findings.get()
    assert finding.status == FindingStatus.OPEN and VALID_ID not in finding.masked_value
    with pytest.raises(services.WorkflowError, match="个人信息"):
        services.submit(item, officer_a)
    services.mask_finding(finding, officer_a)
    item.refresh_from_db()
    assert VALID_ID not in item.body and VALID_ID[-3:] in item.body
    assert services.submit(item, officer_a).status == ItemStatus.REVIEW


def test_an_override_needs_a_written_reason(agency_a, officer_a, reviewer_a):
    item = draft(agency_a, officer_a, body="<p>联系人手机13812345678</p>")
    finding = item.findings.get()
    with pytest.raises(services.WorkflowError):
        services.override_finding(finding, reviewer_a, "  ")
    services.override_finding(finding, reviewer_a, "本人同意公开的工作手机")
    assert services.submit(item, officer_a).status == ItemStatus.REVIEW


def test_the_agencys_published_phone_is_not_a_finding(agency_a, officer_a):
    item = draft(agency_a, officer_a, body=f"<p>咨询电话：{agency_a.phone}</p>")
    assert not item.findings.exists()


def test_an_officer_cannot_sign_off(agency_a, officer_a, leader_a):
    item = draft(agency_a, officer_a)
    services.submit(item, officer_a)
    with pytest.raises(PermissionDenied):
        services.approve(item, officer_a)
    services.approve(item, leader_a)
    with pytest.raises(PermissionDenied):
        services.sign_off(item, officer_a)


def test_a_reviewer_approves_but_cannot_sign_off(agency_a, officer_a, reviewer_a):
    item = draft(agency_a, officer_a)
    services.submit(item, officer_a)
    services.approve(item, reviewer_a)
    with pytest.raises(PermissionDenied):
        services.sign_off(item, reviewer_a)


def test_body_b_cannot_touch_a_items(agency_a, officer_a, officer_b):
    item = draft(agency_a, officer_a)
    with pytest.raises(PermissionDenied):
        services.update_item(item, officer_b, title="改")
    with pytest.raises(PermissionDenied):
        services.submit(item, officer_b)


def test_a_supervisor_cannot_sign_off(agency_a, officer_a, leader_a, supervisor):
    item = draft(agency_a, officer_a)
    services.submit(item, officer_a)
    services.approve(item, leader_a)
    with pytest.raises(PermissionDenied):
        services.sign_off(item, supervisor)


def test_sign_off_publishes_with_an_index_number_and_the_website_channel(
    agency_a, officer_a, leader_a
):
    item = published(agency_a, officer_a, leader_a)
    assert item.status == ItemStatus.PUBLISHED and item.index_number
    assert item.published_at is not None and item.signed_off_by == leader_a
    assert ChannelPost.objects.filter(item=item, channel="website").count() == 1


def test_rejection_goes_back_to_the_officer_with_the_comment(agency_a, officer_a, leader_a):
    item = draft(agency_a, officer_a)
    services.submit(item, officer_a)
    with pytest.raises(services.WorkflowError):
        services.reject(item, leader_a, "")
    item = services.reject(item, leader_a, "请补充文号")
    assert item.status == ItemStatus.DRAFT and item.last_comment == "请补充文号"


def test_scheduled_publication_waits_for_its_time(agency_a, officer_a, reviewer_a, leader_a):
    from django.utils import timezone

    item = draft(agency_a, officer_a)
    services.submit(item, officer_a)
    services.approve(item, reviewer_a)
    when = timezone.now() + dt.timedelta(hours=2)
    item = services.sign_off(item, leader_a, publish_at=when)
    assert item.status == ItemStatus.SCHEDULED
    assert services.publish_scheduled(item.pk) is None
    later = services.publish_scheduled(item.pk, now=when + dt.timedelta(seconds=1))
    assert later.status == ItemStatus.PUBLISHED and later.published_at == when


def test_an_interpretation_is_published_with_its_document(
    agency_a, officer_a, reviewer_a, leader_a
):
    doc = draft(agency_a, officer_a, kind="normative", title="规范性文件")
    interp = draft(agency_a, officer_a, kind="interpretation", title="解读", interprets=doc)
    services.submit(interp, officer_a)
    services.approve(interp, reviewer_a)
    interp = services.sign_off(interp, leader_a)
    assert interp.status == ItemStatus.SCHEDULED
    services.submit(doc, officer_a)
    services.approve(doc, reviewer_a)
    services.sign_off(doc, leader_a)
    interp.refresh_from_db()
    assert interp.status == ItemStatus.PUBLISHED


def test_an_interpretation_needs_its_document(agency_a, officer_a):
    with pytest.raises(services.WorkflowError, match="解读"):
        draft(agency_a, officer_a, kind="interpretation")


def test_not_proactive_needs_a_reason(agency_a, officer_a):
    with pytest.raises(services.WorkflowError, match="理由"):
        draft(agency_a, officer_a, disclosure="withheld")


def test_a_correction_keeps_the_old_version_and_a_note(agency_a, officer_a, leader_a):
    item = published(agency_a, officer_a, leader_a)
    old_title = item.title
    item = services.correct(item, leader_a, "更正标题错字", title="更正后的标题")
    assert item.version == 2 and item.correction_note == "更正标题错字"
    assert ItemVersion.objects.get(item=item).title == old_title


def test_a_withdrawal_needs_a_reason(agency_a, officer_a, leader_a):
    item = published(agency_a, officer_a, leader_a)
    with pytest.raises(services.WorkflowError):
        services.withdraw(item, leader_a, "")
    item = services.withdraw(item, leader_a, "信息有误")
    assert item.status == ItemStatus.WITHDRAWN and item.withdrawn_reason == "信息有误"


def test_overdue_items_are_found(agency_a, officer_a):
    from gongkai.publishing.models import Item

    late = draft(agency_a, officer_a, formed_on=dt.date(2026, 1, 5))
    fresh = draft(agency_a, officer_a, formed_on=dt.date(2026, 11, 20))
    overdue = set(Item.objects.overdue(dt.date(2026, 11, 25)))
    assert late in overdue and fresh not in overdue


def _docx_with(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx_with(text: str) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = text
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("make, ext", [(_docx_with, "docx"), (_xlsx_with, "xlsx")])
def test_the_scanner_reads_attachments_and_blocks_until_overridden(
    agency_a, officer_a, reviewer_a, make, ext
):
    item = draft(agency_a, officer_a)
    att = services.add_attachment(item, officer_a, f"名单.{ext}", make(f"身份证 {VALID_ID}"))
    assert att.extension == ext
    finding = item.findings.get()
    assert finding.attachment_id == att.pk
    with pytest.raises(services.WorkflowError):
        services.mask_finding(finding, officer_a)
    with pytest.raises(services.WorkflowError):
        services.submit(item, officer_a)
    services.remove_attachment(att, officer_a)
    assert services.submit(item, officer_a).status == ItemStatus.REVIEW


def test_sign_off_without_a_body_code_fails_cleanly(agency_a, officer_a, reviewer_a, leader_a):
    agency_a.uscc = ""
    agency_a.save(update_fields=["uscc"])
    item = draft(agency_a, officer_a)
    services.submit(item, officer_a)
    services.approve(item, reviewer_a)
    with pytest.raises(services.WorkflowError, match="统一社会信用代码"):
        services.sign_off(item, leader_a)
    item.refresh_from_db()
    assert item.status == ItemStatus.SIGNOFF and not item.index_number
    assert not ChannelPost.objects.filter(item=item).exists()


def test_index_numbers_are_consecutive_per_body_and_year(agency_a, officer_a, leader_a):
    first = published(agency_a, officer_a, leader_a)
    second = published(agency_a, officer_a, leader_a)
    year = timezone.localdate(first.published_at).year
    assert first.index_number == f"11370306999999998N/{year}-00001"
    assert second.index_number == f"11370306999999998N/{year}-00002"


def test_a_calendar_change_recomputes_open_deadlines(agency_a, officer_a, leader_a):
    from gongkai.publishing.jobs import recompute_publish_deadlines
    from gongkai.rules.calendar import DayKind, Override, WorkCalendar

    open_item = draft(agency_a, officer_a, formed_on=dt.date(2026, 11, 2))
    done = published(agency_a, officer_a, leader_a, formed_on=dt.date(2026, 11, 2))
    old_due = open_item.due_on
    # A new holiday inside the 20 working days moves the deadline one working day later.
    calendar = WorkCalendar.build(
        [Override(dt.date(2026, 11, 10), DayKind.HOLIDAY, "测试假日")], range(2004, 2027), "v-test"
    )
    recompute_publish_deadlines(sender=None, calendar=calendar)
    open_item.refresh_from_db()
    done.refresh_from_db()
    assert open_item.due_on > old_due and open_item.due_calendar_version == "v-test"
    assert done.due_calendar_version != "v-test"


def test_publication_and_withdrawal_empty_the_nginx_cache(
    agency_a, officer_a, leader_a, tmp_path, settings, django_capture_on_commit_callbacks
):
    cached = tmp_path / "nginx-cache"
    (cached / "a" / "bc").mkdir(parents=True)
    settings.GONGKAI_NGINX_CACHE_DIR = str(cached)
    (cached / "a" / "bc" / "0123abc").write_text("old page")
    with django_capture_on_commit_callbacks(execute=True):
        item = published(agency_a, officer_a, leader_a)
    assert cached.is_dir() and list(cached.iterdir()) == []
    (cached / "x").write_text("old list")
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw(item, leader_a, "有误")
    assert list(cached.iterdir()) == []


def test_the_worker_publishes_a_scheduled_item_when_it_is_due(
    agency_a, officer_a, reviewer_a, leader_a
):
    import time_machine
    from django.utils import timezone as tz

    from gongkai.core.jobs import run_due

    item = draft(agency_a, officer_a)
    services.submit(item, officer_a)
    services.approve(item, reviewer_a)
    when = tz.now() + dt.timedelta(hours=3)
    services.sign_off(item, leader_a, publish_at=when)
    run_due()
    item.refresh_from_db()
    assert item.status == ItemStatus.SCHEDULED
    with time_machine.travel(when + dt.timedelta(minutes=1)):
        run_due()
    item.refresh_from_db()
    assert item.status == ItemStatus.PUBLISHED and item.index_number


def test_channel_ready_content_fits_the_platforms(agency_a, officer_a, leader_a):
    from gongkai.publishing.channels import PUBLISHERS, WEIBO_LIMIT

    item = published(agency_a, officer_a, leader_a, body="<p>" + "政务公开" * 1000 + "</p>")
    url = "https://example.gov.cn" + item.get_absolute_url()
    weibo = PUBLISHERS["weibo"].render(item, url)
    assert len(weibo) <= WEIBO_LIMIT and weibo.endswith(url) and item.title in weibo
    wechat = PUBLISHERS["wechat"].render(item, url)
    assert item.index_number in wechat and "<script" not in wechat


def test_recorded_channels_count_in_the_figures(agency_a, officer_a, leader_a):
    from gongkai.publishing import figures

    item = published(agency_a, officer_a, leader_a)
    services.record_channel(item, officer_a, "wechat", reference="公众号文章")
    services.record_channel(item, officer_a, "led")
    year = timezone.localdate(item.published_at).year
    f = figures.contribute([agency_a.pk], year, "2014")
    assert (f["pub.total"], f["pub.wechat"], f["pub.other"], f["pub.weibo"]) == (1, 1, 1, 0)
    with pytest.raises(services.WorkflowError):
        services.record_channel(item, officer_a, "fax")
