"""Figures store, compute registry, workflow with audit, roll-up, deadlines, the seed demo."""

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.agencies.models import (
    AgencyKind,
    ArchiveSubmission,
    OrgYear,
    ReadingPointVisits,
    TrainingClass,
    WorkMeeting,
)
from gongkai.audit.models import Event
from gongkai.cli import main
from gongkai.reports import services
from gongkai.reports.models import DeadlineRule, Figure, Provenance, Report, ReportStatus
from gongkai.reports.services import ReportError
from tests.factories import AgencyFactory, ReadingPointFactory
from tests.reports.test_seed import SEED_FIGURES

pytestmark = pytest.mark.django_db


# Keys no module computes for a body without org records (applications and publishing compute
# the req.* and pub.* rows as soon as they are installed).
def balanced_2014(n=3):
    return {"archive.total": n, "archive.paper": n, "archive.electronic": 0}


def test_null_and_zero_are_stored_apart(agency_a, officer_a):
    report = services.get_or_create_report(agency_a, 2017, actor=officer_a)
    services.enter_figures(report, {"org.units": 0, "org.visitors": None}, officer_a)
    values = dict(report.figures.values_list("key", "value"))
    assert values["org.units"] == Decimal("0") and values["org.visitors"] is None
    data = services.build(agency_a, 2017).data.complete_figures()
    assert data["org.units"] == 0 and data["org.visitors"] is None and data["org.staff"] is None


def test_hand_entry_records_who_and_an_audit_event(agency_a, officer_a):
    report = services.get_or_create_report(agency_a, 2017, actor=officer_a)
    services.enter_figures(report, {"org.units": 12}, officer_a)
    fig = report.figures.get(key="org.units")
    assert (fig.provenance, fig.entered_by) == (Provenance.ENTERED, officer_a)
    event = Event.objects.filter(action="reports.figures.enter").get()
    assert event.after == {"org.units": 12} and event.actor == officer_a


def test_keys_a_module_computes_cannot_be_entered(agency_a, officer_a):
    OrgYear.objects.create(agency=agency_a, year=2017, staff_full=1, staff_part=2)
    report = services.get_or_create_report(agency_a, 2017, actor=officer_a)
    with pytest.raises(ReportError, match="系统根据记录计算"):
        services.enter_figures(report, {"org.staff": 9}, officer_a)


def test_unknown_keys_and_negative_counts_are_refused(agency_a, officer_a):
    report = services.get_or_create_report(agency_a, 2021, actor=officer_a)
    with pytest.raises(ReportError, match="没有这些统计项"):
        services.enter_figures(report, {"pub.total": 1}, officer_a)
    with pytest.raises(ReportError, match="不能为负数"):
        services.enter_figures(report, {"pub.rules.issued": -1}, officer_a)


def test_org_records_give_figures_by_aggregate_queries(agency_a, django_assert_max_num_queries):
    OrgYear.objects.create(
        agency=agency_a, year=2017, units=1, staff_full=None, staff_part=2, budget=Decimal("1.5")
    )
    point = ReadingPointFactory(agency=agency_a)
    ReadingPointVisits.objects.create(reading_point=point, year=2017, visitors=40)
    ReadingPointVisits.objects.create(reading_point=point, year=2016, visitors=99)
    WorkMeeting.objects.create(agency=agency_a, date=dt.date(2017, 3, 1), title="专题会")
    TrainingClass.objects.create(
        agency=agency_a, date=dt.date(2017, 5, 1), title="培训", trainees=30
    )
    TrainingClass.objects.create(
        agency=agency_a, date=dt.date(2017, 9, 1), title="培训", trainees=12
    )
    ArchiveSubmission.objects.create(
        agency=agency_a, date=dt.date(2017, 12, 1), recipient="区档案馆", paper=3, electronic=5
    )
    from gongkai.agencies.figures import contribute

    with django_assert_max_num_queries(8):
        figs = contribute([agency_a.pk], 2017, "2014")
    assert figs["org.visitors"] == 40 and figs["org.reading_points"] == 1
    assert (figs["org.staff"], figs["org.staff_full"], figs["org.staff_part"]) == (2, None, 2)
    assert figs["org.budget"] == 1.5
    assert (figs["train.meetings"], figs["train.classes"], figs["train.trainees"]) == (1, 2, 42)
    assert (figs["archive.total"], figs["archive.paper"], figs["archive.electronic"]) == (8, 3, 5)
    assert contribute([agency_a.pk], 2021, "2021") == {}


def test_the_workflow_goes_draft_submitted_reviewed_approved_published_with_audit(
    agency_a, officer_a, reviewer_a, leader_a
):
    report = services.get_or_create_report(agency_a, 2017, actor=officer_a)
    services.enter_figures(report, balanced_2014(), officer_a)
    with pytest.raises(ReportError, match="保密审查"):
        services.transition(report, "approve", leader_a)
    report = services.transition(report, "submit", officer_a)
    with pytest.raises(ReportError, match="须先通过保密审查"):
        services.transition(report, "approve", leader_a)
    with pytest.raises(PermissionDenied):
        services.transition(report, "review", officer_a)  # the drafter does not review
    report = services.transition(report, "review", reviewer_a)
    assert report.status == ReportStatus.REVIEWED and report.reviewed_by == reviewer_a
    report = services.transition(report, "approve", leader_a)
    assert report.status == ReportStatus.APPROVED and report.approved_by == leader_a
    report = services.transition(report, "publish", leader_a)
    assert report.status == ReportStatus.PUBLISHED
    actions = list(
        Event.objects.filter(object_type="reports.report").values_list("action", flat=True)
    )
    for action in (
        "reports.report.submit",
        "reports.report.review",
        "reports.report.approve",
        "reports.report.publish",
    ):
        assert action in actions


def test_an_approved_report_is_frozen(agency_a, officer_a, leader_a):
    report = services.get_or_create_report(agency_a, 2017, actor=officer_a)
    services.enter_figures(report, balanced_2014(), officer_a)
    services.transition(report, "submit", officer_a)
    services.transition(report, "review", leader_a)
    report = services.transition(report, "approve", leader_a)
    with pytest.raises(ReportError, match="冻结"):
        services.enter_figures(report, {"org.units": 5}, officer_a)
    # records changing later do not change the approved figures
    OrgYear.objects.create(agency=agency_a, year=2017, staff_full=4, staff_part=0)
    figures = services.build(agency_a, 2017).data.complete_figures()
    assert figures["org.staff"] is None and figures["archive.total"] == 3
    assert report.figures.count() == 64  # every key stored at approval, blanks included


def test_a_report_with_balance_errors_cannot_be_approved(agency_a, officer_a, leader_a):
    report = services.get_or_create_report(agency_a, 2017, actor=officer_a)
    services.enter_figures(report, {"archive.total": 5, "archive.paper": 1}, officer_a)
    services.transition(report, "submit", officer_a)
    services.transition(report, "review", leader_a)
    with pytest.raises(ReportError, match="勾稽关系错误"):
        services.transition(report, "approve", leader_a)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.REVIEWED


def test_rollup_sums_the_subtree_and_lists_missing_bodies(
    agency_parent, agency_a, agency_b, officer_a
):
    child = AgencyFactory(parent=agency_a, name="甲局下属单位")
    for body, n in ((agency_a, 3), (child, 4)):
        services.enter_figures(
            services.get_or_create_report(body, 2017, actor=officer_a),
            {"archive.paper": n, "org.budget": 0.5, "org.visitors": None},
            None,
        )
    r = services.rollup(agency_parent, 2017)
    assert r.figures["archive.paper"] == 7 and r.figures["org.budget"] == 1.0
    assert r.figures["org.visitors"] is None and r.figures["org.units"] is None
    assert {a.pk for a in r.missing} == {agency_parent.pk, agency_b.pk}
    assert r.bodies == 4 and r.reported == 2
    assert services.rollup(agency_a, 2017).figures["archive.paper"] == 7


def test_rollup_takes_a_constant_number_of_queries(
    agency_parent, agency_a, agency_b, django_assert_max_num_queries
):
    for i in range(20):
        body = AgencyFactory(parent=agency_b, name=f"乙局下属{i}")
        services.enter_figures(
            services.get_or_create_report(body, 2017, actor=None), {"archive.paper": 1}, None
        )
    with django_assert_max_num_queries(6):
        r = services.rollup(agency_parent, 2017)
        assert r.figures["archive.paper"] == 20 and len(r.missing) == 3


def test_deadlines_follow_the_statute_unless_a_jurisdiction_sets_its_own(agency_parent, agency_a):
    assert agency_parent.kind == AgencyKind.GOVERNMENT
    assert services.deadline_for(agency_parent, 2023) == dt.date(2024, 3, 31)
    assert services.deadline_for(agency_a, 2023) == dt.date(2024, 1, 31)
    DeadlineRule.objects.create(agency=agency_parent, kind="", month=1, day=28)
    assert services.deadline_for(agency_a, 2023) == dt.date(2024, 1, 28)


def _run(capsys, *args):
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


@pytest.fixture
def demo(db):
    """The demo bodies and the reports demo, loaded twice (it must be idempotent)."""
    from gongkai.agencies import demo as agencies_demo
    from gongkai.reports import demo as reports_demo

    agencies_demo.load(lambda s: None)
    reports_demo.load(lambda s: None)
    reports_demo.load(lambda s: None)


def test_the_demo_builds_every_number_of_the_seed(demo, capsys):
    code, out, _ = _run(
        capsys,
        "report",
        "build",
        "--agency",
        "周村区政务服务中心管理办公室",
        "--year",
        "2017",
        "--format",
        "2014",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["figures"] == SEED_FIGURES and data["problems"] == []
    report = Report.objects.get(agency__code="zbzc-zwfw", year=2017)
    kinds = dict(report.figures.values_list("key", "provenance"))
    # the org rows come from records; whatever no module computes yet is entered from the seed
    assert kinds["org.staff"] == Provenance.COMPUTED
    from gongkai.reports.compute import compute

    computed = set(compute([report.agency_id], 2017, "2014"))
    assert {k for k, v in kinds.items() if v == Provenance.ENTERED} == set(SEED_FIGURES) - computed
    assert Figure.objects.filter(report=report).count() == 64


def test_the_seed_narrative_keeps_its_twelve_sections(demo):
    data = services.build(services.resolve_agency("zbzc-zwfw"), 2017).data
    assert len(data.sections) == 12
    assert data.sections[2][0] == "三、发布解读、回应社会关切以及互动交流情况"
    assert "18628" in data.sections[2][1]


@pytest.mark.parametrize("ext", ["docx", "pdf", "xlsx", "html", "txt", "json"])
def test_the_seed_report_builds_in_every_output_type(demo, capsys, tmp_path, ext):
    target = tmp_path / f"seed.{ext}"
    code, out, _ = _run(
        capsys, "report", "build", "--agency", "zbzc-zwfw", "--year", "2017", "--out", str(target)
    )
    assert code == 0 and target.stat().st_size > 500
    if ext in ("docx", "pdf", "html", "txt"):
        from gongkai.reports.parse import parse_file

        assert parse_file(target).figures == SEED_FIGURES


def test_rollup_cli_lists_missing_bodies(demo, capsys):
    code, out, _ = _run(capsys, "report", "rollup", "--agency", "zbzc", "--year", "2017", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["figures"]["pub.total"] == 204
    assert "周村区财政局" in [m["name"] for m in data["missing"]]


def test_compare_an_agency_year_with_a_file(demo, capsys):
    from tests.reports.test_seed import SEED

    code, out, _ = _run(capsys, "report", "compare", "zbzc-zwfw:2017", str(SEED))
    assert code == 0 and "完全相同" in out


@pytest.mark.parametrize(
    "args,message",
    [
        (["report", "build", "--agency", "不存在的机关", "--year", "2017", "--json"], "找不到机关"),
        (
            ["report", "build", "--agency", "zbzc-zwfw", "--year", "2017", "--out", "/tmp/x.exe"],
            "无法从扩展名判断",
        ),
        (["report", "build", "--agency", "zbzc-zwfw", "--year", "2017"], "--out"),
        (
            ["report", "rollup", "--agency", "zbzc", "--year", "2017", "--format", "1999"],
            "未知的年报格式",
        ),
        (["report", "compare", "zbzc-zwfw:2017", "nothing-here"], "找不到文件"),
    ],
)
def test_bad_cli_input_exits_2(demo, capsys, args, message):
    code, _, err = _run(capsys, *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_import_stores_a_published_report_with_its_file_as_provenance(agency_a, capsys):
    from tests.reports.test_seed import SEED

    code, out, _ = _run(capsys, "report", "import", str(SEED), "--agency", agency_a.code)
    assert code == 0 and "2017" in out
    report = Report.objects.get(agency=agency_a, year=2017)
    fig = report.figures.get(key="org.units")
    assert (fig.provenance, fig.source) == (Provenance.IMPORTED, "解析自 seed_2017.txt")
    assert report.figures.get(key="org.visitors").value is None
    assert Event.objects.filter(action="reports.figures.import").exists()
    # a frozen report refuses a second import
    report.status = ReportStatus.APPROVED
    report.save()
    code, _, err = _run(capsys, "report", "import", str(SEED), "--agency", agency_a.code)
    assert code == 2 and "冻结" in err
