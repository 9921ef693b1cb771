"""Crawl the public site built from the whole demo and scan every page for personal data."""

import re
from collections import deque

import pytest
from django.test import Client

from tests.privacy import assert_no_personal_data, published_contacts

MAX_PAGES = 400
LINK = re.compile(r'href="(/(?:xxgk|api/v1)/[^"#?]*(?:\?[^"#]*)?)"')


@pytest.mark.slow
@pytest.mark.django_db
def test_no_public_page_of_the_demo_shows_personal_data():
    from gongkai.core.demodata import load_all

    load_all(lambda *_: None)
    allow = published_contacts()
    client = Client()
    seen: set[str] = set()
    queue = deque(["/xxgk/"])
    referrer = {"/xxgk/": "(start)"}
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft().replace("&amp;", "&")
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        # every link the site prints leads somewhere: a 404 here is a broken link of our own
        assert response.status_code in (200, 301, 302), (url, response.status_code, referrer[url])
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        assert_no_personal_data(html, url, allow)
        for link in LINK.findall(html):
            if link not in seen:
                referrer.setdefault(link.replace("&amp;", "&"), url)
                queue.append(link)
    assert len(seen) > 5
