"""Every staff route is either a page type that the axe run and the internal-name check visit
(tests/staffpages.py: page_urls) or listed, with its reason, as not a page (NOT_PAGES)."""

from __future__ import annotations

from django.urls import resolve

from tests.staffpages import FORM_PAGES, NOT_PAGES, VIEWER, page_urls, staff_routes


class _Any:
    pk = 1
    code = "body-a"


def test_every_staff_route_is_visited_or_explained():
    names = set(page_urls({k: _Any() for k in WORLD_KEYS}))
    assert set(VIEWER) <= names and set(FORM_PAGES) <= names
    routes = set(staff_routes())
    unlisted = routes - names - set(NOT_PAGES)
    assert not unlisted, f"staff pages neither visited nor explained: {sorted(unlisted)}"
    assert not (names & set(NOT_PAGES)), "a route cannot be both a page and not a page"
    assert not (names | set(NOT_PAGES)) - routes, "listed routes that no longer exist"


def test_each_sample_url_resolves_to_its_route():
    for name, url in page_urls({k: _Any() for k in WORLD_KEYS}).items():
        match = resolve(url.split("?")[0])
        assert match.view_name == name, (name, url, match.view_name)


WORLD_KEYS = (
    "item",
    "published",
    "application",
    "dispute",
    "report",
    "import",
    "ticket",
    "assignment",
    "topic",
    "partner",
    "notice",
    "day",
    "point",
    "agency",
    "officer",
)
