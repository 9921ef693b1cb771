"""The item page's attachment upload in chromium: a refused file brings the item page back with
the error summary (focused, linking to the file field), the error beside the field, axe clean,
and no attachment saved."""

from __future__ import annotations

import pytest

from gongkai.publishing.models import Attachment
from tests.applications.factories import html_as_pdf
from tests.e2e.test_form_errors_e2e import check_refused
from tests.e2e.test_portal_e2e import ARTIFACTS
from tests.e2e.test_staff_pages_e2e import staff_context
from tests.publishing.helpers import draft

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_refused_attachment_comes_back_on_the_item_page(
    browser, live_server, agency_a, officer_a
):
    out = ARTIFACTS / "form-errors" / "desktop"
    out.mkdir(parents=True, exist_ok=True)
    item = draft(agency_a, officer_a, title="关于做好政务公开工作的通知")
    bad = html_as_pdf()
    context = staff_context(browser, live_server, officer_a, "desktop")
    page = context.new_page()
    page.goto(f"/manage/publishing/items/{item.pk}/")
    form = page.locator("form:has(#id_file)")
    form.locator("#id_file").set_input_files(
        {"name": bad.name, "mimeType": "application/pdf", "buffer": bad.read()}
    )
    with page.expect_navigation():
        form.locator("[type=submit]").click()
    assert page.locator("h1").first.inner_text()  # the item's own page, not an error page
    assert "关于做好政务公开工作的通知" in page.content()
    problems = check_refused(page, "item-attachment", out, "desktop", ["id_file"])
    context.close()
    assert not problems, "\n".join(problems)
    assert not Attachment.objects.exists()
