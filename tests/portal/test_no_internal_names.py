"""No page a user can reach shows an internal identifier (`publishing.item.create`, an object
shown as `#205`) or a Django message left untranslated. The crawl of the whole demo (the public
site as a visitor, the back office as the demo's officer, leader and supervisor) is in
tests/test_whole_demo.py, which loads the demo once for several tests."""

from __future__ import annotations

import re
from collections import deque

import pytest
from django.test import Client
from selectolax.lexbor import LexborHTMLParser as HTMLParser

MAX_PUBLIC = 200
MAX_STAFF = 80
LINK = re.compile(r'href="(/(?:xxgk|manage)/[^"#]*)"')
# Links that change state on GET would be bugs elsewhere; these just end the session or leave.
SKIP = ("/logout", "/django-admin/", ".docx", ".pdf", ".xlsx", ".xml", ".txt", ".json", "/files/")
INTERNAL_NAME = re.compile(r"(?<![\w@/.-])[a-z_]+\.[a-z_]+\.[a-z_]+(?![\w.-])")
DOMAIN_END = (".cn", ".com", ".net", ".org")
DJANGO_DEFAULTS = ("This field", "Enter a valid", "该变量", "This value", "Ensure this value")
ID_AS_TITLE = re.compile(r"^\s*#\d+\s*$")


def problems(html: str) -> list[str]:
    tree = HTMLParser(html)
    for node in tree.css("script, style, code, pre"):
        node.decompose()  # code samples (e.g. CLI commands in help) are not names shown as text
    text = tree.body.text(separator="\n") if tree.body else ""
    title = tree.css_first("title").text() if tree.css_first("title") else ""
    found = [m for m in INTERNAL_NAME.findall(text + "\n" + title) if not m.endswith(DOMAIN_END)]
    found += [d for d in DJANGO_DEFAULTS if d in text]
    for node in tree.css("h1, h2, h3, title, td, th, a"):
        if ID_AS_TITLE.match(node.text()):
            found.append(node.text().strip())
    return found


def crawl(
    client: Client, start: list[str], prefix: str, limit: int, check=problems, skip=SKIP
) -> dict[str, list[str]]:
    """{url: what `check` found on it} for the pages reached from `start` (breadth first)."""
    seen: set[str] = set()
    bad: dict[str, list[str]] = {}
    queue = deque(start)
    while queue and len(seen) < limit:
        url = queue.popleft().replace("&amp;", "&")
        if url in seen or any(s in url for s in skip) or not url.startswith(prefix):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if found := check(html):
            bad[url] = found
        queue.extend(link for link in LINK.findall(html) if link not in seen)
    assert len(seen) > 10, seen
    return bad


def test_the_checker_catches_what_it_is_for():
    assert problems("<html><body><td>publishing.item.create</td></body></html>")
    assert problems("<html><body><h1>#205</h1></body></html>")
    assert problems("<html><body><p>This field is required.</p></body></html>")
    assert not problems("<html><body><p>邮箱 zc@zibo.gov.cn，网址 www.gov.cn</p></body></html>")


def test_the_apply_form_speaks_chinese_on_empty_input_and_helps_autofill(agency_a):
    page = Client().get("/xxgk/body-a/ysqgk/").content.decode()
    assert re.search(r'<input[^>]*type="tel"[^>]*name="phone"|name="phone"[^>]*type="tel"', page)
    assert re.search(r'type="email"[^>]*name="email"|name="email"[^>]*type="email"', page)
    assert 'autocomplete="tel"' in page and 'autocomplete="name"' in page
    response = Client().post("/xxgk/body-a/ysqgk/", {})
    assert response.status_code == 200
    assert "提交未成功" in response.content.decode()
    assert not problems(response.content.decode())


@pytest.fixture
def staff_world(agency_parent, agency_a, agency_b, officer_a, leader_a, supervisor, admin_user):
    from tests.staffpages import world

    return world(agency_parent, agency_a, agency_b, officer_a, leader_a, supervisor, admin_user)


def test_no_staff_page_type_of_any_module_shows_an_internal_name(staff_world):
    """Every staff page type of every module (from the URLconf, tests/staffpages.py), hotline
    and supervision included, as the user who may open it."""
    from tests.staffpages import page_urls, viewer

    bad, wrong = {}, {}
    for name, url in page_urls(staff_world).items():
        client, user = Client(), viewer(name, staff_world)
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            wrong[name] = (url, response.status_code, response.get("Location"))
            continue
        if found := problems(response.content.decode()):
            bad[name] = found
    assert not wrong, "\n".join(f"{k}: {v}" for k, v in wrong.items())
    assert not bad, bad
