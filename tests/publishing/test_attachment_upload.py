"""The item page's attachment upload: a refused file brings the item page back (400) with the
shared error summary and the error beside the file field; nothing is saved, no file on disk."""

from __future__ import annotations

import pytest

from gongkai.publishing.models import Attachment
from tests.applications.factories import html_as_pdf
from tests.core.test_form_layout_crawl import form_problems

from .helpers import draft
from .test_item_form import docx, files_on_disk

pytestmark = pytest.mark.django_db


def _url(item) -> str:
    return f"/manage/publishing/items/{item.pk}/attachments/"


def test_a_refused_upload_comes_back_on_the_item_page(client_for, officer_a, agency_a):
    item = draft(agency_a, officer_a)
    response = client_for(officer_a).post(_url(item), {"file": html_as_pdf()})
    html = response.content.decode()
    assert response.status_code == 400
    assert form_problems(html) == []  # the shared layout, also in the refused state
    assert "error-summary" in html and 'href="#id_file"' in html and "附件尚未上传" in html
    assert 'aria-invalid="true"' in html and item.title in html  # the item's own page
    assert not Attachment.objects.exists() and files_on_disk() == set()


def test_an_empty_upload_is_explained_beside_the_field(client_for, officer_a, agency_a):
    item = draft(agency_a, officer_a)
    response = client_for(officer_a).post(_url(item), {})
    html = response.content.decode()
    assert response.status_code == 400 and "请选择文件" in html and 'href="#id_file"' in html
    assert not Attachment.objects.exists()


def test_a_good_upload_is_saved(client_for, officer_a, agency_a):
    item = draft(agency_a, officer_a)
    response = client_for(officer_a).post(_url(item), {"file": docx("附件.docx")})
    assert response.status_code == 302
    assert [a.original_name for a in item.attachments.all()] == ["附件.docx"]
    assert len(files_on_disk()) == 1
