import pytest
from django.test import Client
from django.urls import reverse

from gongkai.publishing import services
from gongkai.publishing.models import KioskEntry, Term
from tests.privacy import assert_no_personal_data
from tests.publishing.helpers import VALID_ID, draft

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def live_item(agency_a, officer_a, reviewer_a, leader_a):
    category = Term.objects.get(scheme="category", code="20-01")
    item = draft(
        agency_a,
        officer_a,
        title="关于政务公开工作的通知",
        category=category,
        kind="normative",
        document_number="周政办发〔2026〕1号",
        body=f"<p>经办人身份证{VALID_ID}，手机13812345678，咨询电话{agency_a.phone}。</p>",
    )
    for finding in item.findings.all():
        services.mask_finding(finding, officer_a)
    services.add_attachment(item, officer_a, 'a"b\r\n.png', PNG)
    # an image the scanner cannot read: a person confirms it (issue 15, point 3)
    for finding in item.findings.filter(kind="unreadable"):
        services.override_finding(finding, officer_a, "已人工核对图片")
    services.submit(item, officer_a)
    services.approve(item, reviewer_a)
    return services.sign_off(item, leader_a, "同意")


def public_urls(item):
    code = item.agency.code
    return [
        reverse("portal:pub_columns", args=[code]),
        reverse("portal:pub_guide", args=[code]),
        reverse("portal:publishing_rules", args=[code]),
        reverse("portal:publishing_items", args=[code]),
        reverse("portal:pub_category", args=[code, "20-01"]),
        reverse("portal:pub_category_rss", args=[code, "20-01"]),
        reverse("portal:pub_category_atom", args=[code, "20-01"]),
        reverse("portal:item", args=[code, item.pk]),
        reverse("portal:pub_rss", args=[code]),
        reverse("portal:pub_atom", args=[code]),
        reverse("portal:pub_kiosk", args=[code]),
        reverse("portal:pub_led_text", args=[code]),
        reverse("portal:pub_led_json", args=[code]),
        reverse("portal:search") + "?q=政务",
        reverse("portal:sitemap"),
    ]


def test_every_public_page_shows_the_item_and_no_personal_data(live_item, agency_a):
    KioskEntry.objects.create(agency=agency_a, kind="phone", title="综合窗口", phone="0533-6180000")
    client = Client()
    for url in public_urls(live_item):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_personal_data(response.content.decode(), url)
    page = client.get(live_item.get_absolute_url()).content.decode()
    assert (
        live_item.index_number in page
        and "周政办发〔2026〕1号" in page
        and "行政规范性文件" in page
    )


def test_a_withdrawn_item_disappears_from_lists_feeds_search_and_sitemap(live_item, leader_a):
    client = Client()
    for url in public_urls(live_item):
        if url.endswith(("/zn/", "/zd/")):
            continue  # the guide and system columns list other kinds
        body = client.get(url).content.decode()
        assert live_item.title in body or f"/art/{live_item.pk}/" in body, url
    services.withdraw(live_item, leader_a, "内容有误")
    for url in public_urls(live_item):
        response = client.get(url)
        if url == live_item.get_absolute_url():
            assert response.status_code == 404
            continue
        body = response.content.decode()
        assert live_item.title not in body and f"/art/{live_item.pk}/" not in body, url


def test_drafts_are_not_public(agency_a, officer_a):
    item = draft(agency_a, officer_a)
    assert Client().get(reverse("portal:item", args=[agency_a.code, item.pk])).status_code == 404


def test_the_item_of_another_body_is_not_served_under_this_code(live_item, agency_b):
    assert (
        Client().get(reverse("portal:item", args=[agency_b.code, live_item.pk])).status_code == 404
    )


def test_attachments_are_served_as_downloads_with_a_safe_name(live_item):
    att = live_item.attachments.get()
    response = Client().get(
        reverse("portal:attachment", args=[live_item.agency.code, live_item.pk, att.pk])
    )
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert (
        disposition.startswith("attachment;")
        and "\n" not in disposition
        and "\r" not in disposition
    )
    assert (
        response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    )
    assert b"".join(response.streaming_content) == PNG


def test_uploads_are_checked_by_content_and_name(agency_a, officer_a):
    from gongkai.core.uploads import UploadError

    item = draft(agency_a, officer_a)
    with pytest.raises(UploadError, match="内容与扩展名.pdf不符"):
        services.add_attachment(item, officer_a, "报告.pdf", b"<script>alert(1)</script>")
    with pytest.raises(UploadError, match="超过20MB的上限"):
        services.add_attachment(item, officer_a, "报告.pdf", b"%PDF" + b"0" * (21 * 1024 * 1024))
    with pytest.raises(UploadError, match="扩展名.exe与内容"):
        services.add_attachment(item, officer_a, "报告.exe", PNG)
    att = services.add_attachment(item, officer_a, "", PNG)
    assert att.extension == "png" and att.original_name == "附件.png"


def test_files_are_stored_outside_the_static_root(live_item, settings):
    path = live_item.attachments.get().file.path
    assert str(settings.MEDIA_ROOT) in path and str(settings.STATIC_ROOT) not in path


def test_lists_paginate(agency_a, officer_a, leader_a):
    from django.utils import timezone

    from gongkai.publishing.models import Item

    for n in range(25):
        Item.objects.create(
            agency=agency_a,
            title=f"通知{n}",
            formed_on=timezone.localdate(),
            status="published",
            published_at=timezone.now(),
        )
    url = reverse("portal:publishing_items", args=[agency_a.code])
    first = Client().get(url).content.decode()
    second = Client().get(url + "?page=2").content.decode()
    assert "第 1 / 2 页" in first and first.count("/art/") == 20 and second.count("/art/") == 5


def test_search_page_filters_and_orders(live_item):
    client = Client()
    base = reverse("portal:search")
    body = client.get(
        base + f"?q=政务&agency={live_item.agency.code}&kind=normative&order=date"
    ).content.decode()
    assert "<mark>政务</mark>" in body and live_item.index_number in body
    assert "没有找到" in client.get(base + "?q=政务&kind=guide").content.decode()
    assert "未找到该机关" in client.get(base + "?q=政务&agency=nope").content.decode()


def test_led_json_is_real_chinese(live_item):
    response = Client().get(reverse("portal:pub_led_json", args=[live_item.agency.code]))
    assert live_item.title in response.content.decode()


def test_cached_pages_are_dropped_when_an_item_is_withdrawn(live_item, leader_a):
    url = reverse("portal:publishing_items", args=[live_item.agency.code])
    client = Client()
    assert live_item.title in client.get(url).content.decode()
    assert live_item.title in client.get(url).content.decode()  # now from the page cache
    services.withdraw(live_item, leader_a, "有误")
    assert live_item.title not in client.get(url).content.decode()


def test_logged_in_visitors_get_fresh_pages(live_item, officer_a, client_for):
    from gongkai.publishing import pagecache

    url = reverse("portal:publishing_items", args=[live_item.agency.code])
    Client().get(url)
    live_item.title = "直接改动的标题"
    live_item.save()  # bypasses services: the cache still holds the old page
    assert "直接改动的标题" not in Client().get(url).content.decode()
    assert "直接改动的标题" in client_for(officer_a).get(url).content.decode()
    pagecache.bump()
    assert "直接改动的标题" in Client().get(url).content.decode()
