"""Report figures: every rule of the formats holds, and one change moves exactly its cells."""

from datetime import date

import pytest

from gongkai.applications import figures, services
from gongkai.applications.choices import ApplicationChannel, Outcome
from gongkai.applications.models import Reason

from .factories import make_application, org_data, person_data

pytestmark = pytest.mark.django_db
COLS = figures.COLUMNS


def check_2021(f: dict, split_other: bool = True) -> None:
    rows = [r for r in figures.OUTCOME_ROWS if split_other or not r.startswith("other.")]
    if not split_other:
        rows.append("other")
    for c in COLS + ["total"]:
        assert (
            f[f"req.new.{c}"] + f[f"req.carried.{c}"]
            == f[f"req.total.{c}"] + f[f"req.carry_forward.{c}"]
        ), c  # R2021.1
        assert f[f"req.total.{c}"] == sum(f[f"req.{r}.{c}"] for r in rows), c  # R2021.2
    for r in ["new", "carried", *rows, "total", "carry_forward"]:
        assert f[f"req.{r}.total"] == sum(f[f"req.{r}.{c}"] for c in COLS), r  # R2021.3
    for b in figures.APPEAL_BLOCKS:  # R2021.4
        assert f[f"appeal.{b}.total"] == sum(
            f[f"appeal.{b}.{c}"] for c in ("upheld", "corrected", "other", "pending")
        )


def check_2014(f: dict) -> None:
    assert f["req.received"] == sum(
        f[k] for k in ("req.in_person", "req.fax", "req.online", "req.letter", "req.other")
    )
    assert f["req.closed"] == f["req.on_time"] + f["req.extended"]
    assert f["req.answered"] == sum(f[k] for k in figures.ROWS_2014_ANSWER)
    assert f["req.refused"] == sum(f[k] for k in figures.REFUSED_2014)
    for p in ("review", "suit", "complaint"):
        assert f[f"{p}.total"] == f[f"{p}.upheld"] + f[f"{p}.corrected"] + f[f"{p}.other"]


@pytest.fixture
def year_of_requests(agency_a, officer_a, leader_a):
    made = {}
    carried = make_application(agency_a, date(2024, 12, 20)).application
    services.reply(
        carried, outcome=Outcome.GRANTED, text="x", actor=officer_a, on=date(2025, 1, 10)
    )
    made["carried"] = carried
    open_at_end = make_application(agency_a, date(2025, 12, 22), data=org_data("legal")).application
    made["open"] = open_at_end
    a = make_application(agency_a, date(2025, 3, 3)).application
    services.reply(
        a,
        outcome=Outcome.PARTIAL,
        reason=Reason.objects.get(outcome="partial"),
        text="x",
        actor=officer_a,
        on=date(2025, 3, 20),
    )
    made["partial"] = a
    b = make_application(
        agency_a, date(2025, 4, 1), channel=ApplicationChannel.FAX, data=org_data("business")
    ).application
    services.extend(
        b, days=10, text="x", approved_by=leader_a, on=date(2025, 4, 20), actor=leader_a
    )
    services.reply(
        b,
        outcome=Outcome.WITHHELD_THIRD_PARTY,
        reason=Reason.objects.get(outcome="withheld.third_party", title__contains="个人隐私"),
        text="x",
        actor=officer_a,
        on=date(2025, 5, 6),
    )
    made["withheld"] = b
    c = make_application(
        agency_a, date(2025, 5, 6), channel=ApplicationChannel.IN_PERSON
    ).application
    services.withdraw(c, actor=officer_a, on=date(2025, 5, 7))
    d = make_application(agency_a, date(2025, 6, 3), data=org_data("nonprofit")).application
    services.notify_supplement(d, text="x", days=5, actor=officer_a, on=date(2025, 6, 4))
    services.lapse_supplement(d, actor=officer_a, on=date(2025, 6, 20))
    services.save_dispute(
        a,
        {
            "kind": "review",
            "filed_on": date(2025, 4, 1),
            "result": "upheld",
            "decided_on": date(2025, 5, 1),
        },
        actor=officer_a,
    )
    services.save_dispute(
        b,
        {
            "kind": "suit_direct",
            "filed_on": date(2025, 6, 1),
            "result": "corrected",
            "decided_on": date(2026, 2, 1),
        },
        actor=officer_a,
    )
    services.save_dispute(
        b,
        {
            "kind": "complaint",
            "filed_on": date(2025, 7, 1),
            "result": "other",
            "decided_on": date(2025, 7, 9),
        },
        actor=officer_a,
    )
    return made


def test_the_2021_figures_balance_and_count_each_path(agency_a, year_of_requests):
    f = figures.contribute([agency_a.pk], 2025, "2021")
    check_2021(f)
    assert f["req.new.total"] == 5 and f["req.carried.total"] == 1
    assert f["req.carry_forward.legal"] == 1 and f["req.carry_forward.total"] == 1
    assert f["req.granted.person"] == 1 and f["req.partial.person"] == 1
    assert f["req.withheld.third_party.business"] == 1
    assert f["req.other.other.person"] == 1 and f["req.other.no_supplement.nonprofit"] == 1
    assert f["appeal.review.upheld"] == 1
    # decided after the year end: still pending in the 2025 report
    assert f["appeal.suit_direct.pending"] == 1 and f["appeal.suit_direct.corrected"] == 0
    assert all(v >= 0 for v in f.values())


def test_the_carry_forward_of_one_year_is_the_carried_of_the_next(agency_a, year_of_requests):
    assert (
        figures.contribute([agency_a.pk], 2024, "2021")["req.carry_forward.total"]
        == figures.contribute([agency_a.pk], 2025, "2021")["req.carried.total"]
        == 1
    )
    assert (
        figures.contribute([agency_a.pk], 2025, "2021")["req.carry_forward.total"]
        == figures.contribute([agency_a.pk], 2026, "2021")["req.carried.total"]
    )


def test_the_2019_format_has_one_other_row(agency_a, year_of_requests):
    f = figures.contribute([agency_a.pk], 2025, "2019")
    check_2021(f, split_other=False)
    assert f["req.other.total"] == 2 and "req.other.no_supplement.total" not in f


def test_the_2014_figures_follow_the_mapping_and_balance(agency_a, year_of_requests):
    f = figures.contribute([agency_a.pk], 2025, "2014")
    check_2014(f)
    assert (
        f["req.received"] == 5
        and f["req.fax"] == 1
        and f["req.in_person"] == 1
        and f["req.online"] == 3
    )
    assert f["req.closed"] == 5 and f["req.extended"] == 1
    assert f["req.refused.privacy"] == 1 and f["req.refused"] == 1
    assert f["req.answered"] == 4  # the withdrawal is closed but not answered
    assert f["review.upheld"] == 1 and f["suit.other"] == 1 and f["complaint.other"] == 1


def test_changing_one_outcome_moves_exactly_the_expected_cells(
    agency_a, officer_a, year_of_requests
):
    before = figures.contribute([agency_a.pk], 2025, "2021")
    services.correct_outcome(
        year_of_requests["partial"], outcome=Outcome.UNAVAILABLE_NOT_HELD, actor=officer_a
    )
    after = figures.contribute([agency_a.pk], 2025, "2021")
    moved = {k: after[k] - before[k] for k in before if after[k] != before[k]}
    assert moved == {
        "req.partial.person": -1,
        "req.partial.total": -1,
        "req.unavailable.not_held.person": 1,
        "req.unavailable.not_held.total": 1,
    }
    check_2021(after)


def test_an_agency_without_requests_has_zero_not_blank(agency_b, year_of_requests):
    f = figures.contribute([agency_b.pk], 2025, "2021")
    assert set(f.values()) == {0}


def test_figures_take_a_constant_number_of_queries(
    agency_a, year_of_requests, django_assert_max_num_queries
):
    for _ in range(20):
        make_application(agency_a, date(2025, 9, 1), data=person_data())
    with django_assert_max_num_queries(6):
        figures.contribute([agency_a.pk], 2025, "2021")


@pytest.mark.parametrize("format_id", ["2014", "2019", "2021"])
def test_the_keys_are_exactly_the_formats_cells_of_this_module_and_the_validator_agrees(
    agency_a, year_of_requests, format_id
):
    from gongkai.reports.formats import get
    from gongkai.reports.validate import validate

    fmt = get(format_id)
    mine = figures.contribute([agency_a.pk], 2025, format_id)
    prefixes = (
        ("req.", "review.", "suit.", "complaint.") if format_id == "2014" else ("req.", "appeal.")
    )
    expected = {k for k in fmt.cell_keys() if k.startswith(prefixes)}
    assert set(mine) == expected
    assert validate(format_id, mine) == []


def test_a_queryset_of_bodies_gives_the_same_figures_as_their_ids(
    agency_a, agency_b, year_of_requests
):
    from gongkai.agencies.models import Agency

    by_ids = figures.contribute([agency_a.pk, agency_b.pk], 2025, "2021")
    assert (
        figures.contribute(Agency.objects.filter(code__in=["body-a", "body-b"]), 2025, "2021")
        == by_ids
    )
    assert (
        figures.contribute(
            Agency.objects.filter(code="body-a").values_list("pk", flat=True), 2025, "2021"
        )
        == by_ids
    )
