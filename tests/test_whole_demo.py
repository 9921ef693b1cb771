"""Tests that read the whole demo (`gongkai demo`, i.e. `load_all` on an empty database).

A full demo load takes half a minute; the three read-only crawls and three checks of what the
demo feeds the reports each loaded their own. Here `load_all` runs once for the file, in a transaction rolled back when the
file is done, so no other file sees the demo; each test runs in a savepoint inside it (the
ordinary `db` fixture), so what one test writes (a second load, a login) is gone for the next.
`--dist loadfile` keeps the file on one worker. `gongkai demo` itself, from an empty database
and twice, is tested by tests/core/test_cli.py; the per-app loaders by each app's tests."""

from __future__ import annotations

import re
from collections import deque

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client, override_settings

from tests.conftest import overrides
from tests.core.test_form_layout_crawl import form_problems
from tests.portal.test_no_internal_names import MAX_PUBLIC, MAX_STAFF, crawl
from tests.portal.test_no_internal_names import SKIP as NAMES_SKIP
from tests.privacy import assert_no_personal_data, published_contacts


@pytest.fixture(scope="module")
def whole_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from gongkai.core.demodata import load_all

    media = tmp_path_factory.mktemp("demo") / "files"
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(**overrides(media)):  # as if loaded inside a test
            load_all(lambda *_: None)
        with django_db_blocker.block():
            yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(whole_demo, db):
    """The whole demo, as `load_all` left it (each test's own writes are rolled back)."""


# --- the public site: no personal data, no broken links -----------------------------------

MAX_PAGES = 400
PUBLIC_LINK = re.compile(r'href="(/(?:xxgk|api/v1)/[^"#?]*(?:\?[^"#]*)?)"')


@pytest.mark.slow
def test_no_public_page_of_the_demo_shows_personal_data(demo):
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
        for link in PUBLIC_LINK.findall(html):
            if link not in seen:
                referrer.setdefault(link.replace("&amp;", "&"), url)
                queue.append(link)
    assert len(seen) > 5


# --- no internal names (tests/portal/test_no_internal_names.py has the checker) -----------


@pytest.mark.slow
def test_no_page_shows_an_internal_name_to_a_visitor_officer_leader_or_supervisor(demo):
    bad = crawl(Client(), ["/xxgk/", "/xxgk/wzdt/"], "/xxgk/", MAX_PUBLIC)
    for username in ("zwfw_officer", "zwfw_leader", "zbzc_supervisor"):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        bad |= crawl(client, ["/manage/", "/manage/audit/"], "/manage/", MAX_STAFF)
    assert not bad, bad


# --- the shared form layout (tests/core/test_form_layout_crawl.py has the checker) --------

FORM_PAGES = 40
FORMS_SKIP = (*NAMES_SKIP, "/audit/", "page=")  # the ledger and further pages have no forms
FORM_STARTS = [
    "/manage/",
    "/manage/publishing/items/new/",
    "/manage/applications/",
    "/manage/applications/new/",
    "/manage/hotline/",
    "/manage/hotline/new/",
    "/manage/hotline/topics/",
    "/manage/reports/",
    "/manage/reports/new/",
    "/manage/reports/import/",
    "/manage/agencies/",
    "/manage/calendar/",
    "/manage/password/",
]


@pytest.mark.slow
def test_every_staff_form_a_persona_reaches_has_the_shared_layout(demo):
    bad: dict[str, list[str]] = {}
    for username in ("zwfw_officer", "zwfw_leader", "zbzc_supervisor"):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        found = crawl(
            client, FORM_STARTS, "/manage/", FORM_PAGES, check=form_problems, skip=FORMS_SKIP
        )
        bad |= {f"{username} {url}": problems for url, problems in found.items()}
    assert not bad, bad


# --- what the demo feeds the reports -------------------------------------------------------


def test_the_demo_year_covers_every_outcome_and_passes_every_rule(demo):
    """The demo body's year of requests makes a rich, balanced 2021 report."""
    from gongkai.agencies.models import Agency
    from gongkai.applications import figures
    from gongkai.applications.models import Application, Dispute
    from gongkai.core.demodata import load_all
    from gongkai.reports.validate import validate
    from tests.applications.test_figures import check_2014, check_2021

    agency = Agency.objects.get(code="zb-zrzyj")
    f = figures.contribute([agency.pk], 2025, "2021")
    check_2021(f)
    assert validate("2021", f) == []
    assert (
        f["req.new.total"] >= 300
        and f["req.carried.total"] > 0
        and f["req.carry_forward.total"] > 0
    )
    for row in figures.OUTCOME_ROWS:
        assert f[f"req.{row}.total"] > 0, row
    for column in figures.COLUMNS:
        assert f[f"req.new.{column}"] > 0, column
    for block in figures.APPEAL_BLOCKS:
        assert f[f"appeal.{block}.total"] > 0, block
    check_2021(figures.contribute([agency.pk], 2025, "2019"), split_other=False)
    check_2014(figures.contribute([agency.pk], 2025, "2014"))
    seed = Agency.objects.get(code="zbzc-zwfw")
    assert set(figures.contribute([seed.pk], 2017, "2014").values()) == {0}
    assert Application.objects.filter(agency=agency).open().exists()  # a current worklist
    counts = (Application.objects.count(), Dispute.objects.count())
    load_all(lambda line: None)
    assert (Application.objects.count(), Dispute.objects.count()) == counts


def test_the_report_engine_takes_the_2017_pub_figures_from_these_records(demo):
    from gongkai.agencies.models import Agency
    from gongkai.publishing.demo import SEED_AGENCY
    from gongkai.reports.compute import compute
    from tests.publishing.test_demo import SEED_PUB

    seed = Agency.objects.get(code=SEED_AGENCY)
    computed = compute([seed.pk], 2017, "2014")
    assert {
        k: v for k, (v, module) in computed.items() if module == "gongkai.publishing.figures"
    } == SEED_PUB


def test_gongkai_demo_loads_the_seed_report(demo):
    from gongkai.reports.models import Report

    report = Report.objects.get(agency__code="zbzc-zwfw", year=2017)
    assert report.figures.count() == 64 and len(report.sections) == 12
