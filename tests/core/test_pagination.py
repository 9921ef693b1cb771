"""Both pagers keep the page's filters ({% querystring %}): page 2 of a filtered list is page 2
of the same filtered list."""

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


@pytest.mark.parametrize("template", ["manage/_pagination.html", "publishing/_pager.html"])
def test_the_pager_keeps_every_filter_and_changes_only_the_page(template):
    request = RequestFactory().get("/manage/applications/", {"show": "all", "q": "甲", "page": "2"})
    page = Paginator(range(120), 50).get_page(2)
    html = render_to_string(template, {"page": page}, request=request)
    assert 'href="?show=all&amp;q=%E7%94%B2&amp;page=1"' in html
    assert 'href="?show=all&amp;q=%E7%94%B2&amp;page=3"' in html


@pytest.mark.parametrize("template", ["manage/_pagination.html", "publishing/_pager.html"])
def test_a_single_page_has_no_pager(template):
    request = RequestFactory().get("/manage/applications/", {"q": "甲"})
    page = Paginator(range(3), 50).get_page(1)
    assert "page=" not in render_to_string(template, {"page": page}, request=request)
