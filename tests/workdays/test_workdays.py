import json
from datetime import date, timedelta

import pytest

from gongkai.audit.models import Event
from gongkai.core.jobs import claim_next, run_job
from gongkai.core.models import Job
from gongkai.rules.calendar import DayKind, default_calendar
from gongkai.workdays import actions
from gongkai.workdays.models import CalendarDay, OfficialYear
from gongkai.workdays.services import (
    CalendarInputError,
    DayRow,
    current_calendar,
    current_version,
    delete_day,
    import_calendar,
    parse_file,
    save_day,
)
from gongkai.workdays.signals import calendar_changed

NOTICE_2027 = "国务院办公厅关于2027年部分节假日安排的通知"


def test_a_fresh_database_is_seeded_with_the_bundled_notices(db):
    cal = current_calendar()
    assert cal.official_years == frozenset(range(2004, 2027))
    assert cal.version == "v1"
    bundled = default_calendar()
    d = date(2024, 1, 1)
    while d <= date(2026, 12, 31):
        assert cal.is_workday(d) == bundled.is_workday(d), d
        d += timedelta(days=1)


def test_the_calendar_is_built_once_per_version(db, django_assert_num_queries):
    current_calendar()
    with django_assert_num_queries(1):
        current_calendar()


def test_importing_a_years_notice_makes_it_official_audits_and_enqueues_a_recompute(db):
    events_before = Event.objects.count()
    rows = [
        DayRow(date(2027, 1, 1), DayKind.HOLIDAY, "元旦", NOTICE_2027),
        DayRow(date(2027, 2, 6), DayKind.WORKDAY, "春节", NOTICE_2027),
    ]
    result = import_calendar(rows, [2027], actor=None)
    assert (result.created, result.years, result.version) == (2, [2027], "v2")
    cal = current_calendar()
    assert cal.version == "v2"
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.is_workday(date(2027, 2, 6))
    assert not cal.is_provisional(date(2027, 6, 1))
    written = list(Event.objects.order_by("id").values_list("action", flat=True)[events_before:])
    assert written == [
        actions.DAY_CREATE,
        actions.DAY_CREATE,
        actions.YEAR_OFFICIAL,
        actions.CALENDAR_VERSION,
    ]
    assert Job.objects.filter(kind="workdays.recompute", done_at__isnull=True).count() == 1


def test_importing_the_same_notice_twice_changes_nothing(db):
    rows = [DayRow(date(2027, 1, 1), DayKind.HOLIDAY, "元旦", NOTICE_2027)]
    import_calendar(rows, [2027], actor=None)
    again = import_calendar(rows, [2027], actor=None)
    assert (again.created, again.updated, again.unchanged, again.years) == (0, 0, 1, [])
    assert again.version == "v2"


def test_replace_removes_days_the_notice_does_not_list(db):
    import_calendar(
        [
            DayRow(date(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
            DayRow(date(2027, 1, 4), DayKind.HOLIDAY, "元旦"),
        ],
        [2027],
        actor=None,
    )
    result = import_calendar(
        [DayRow(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")], [2027], replace=True, actor=None
    )
    assert result.deleted == 1
    assert list(CalendarDay.objects.filter(day__year=2027).values_list("day", flat=True)) == [
        date(2027, 1, 1)
    ]


def test_a_make_up_day_on_a_weekday_is_rejected(db):
    with pytest.raises(CalendarInputError, match="2027-01-05 是星期二，本来就是工作日"):
        save_day(DayRow(date(2027, 1, 5), DayKind.WORKDAY, "春节"), actor=None)
    assert current_version() == "v1"


def test_a_failed_import_leaves_nothing_behind(db):
    rows = [
        DayRow(date(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
        DayRow(date(2027, 1, 1), DayKind.WORKDAY, "元旦"),
    ]
    with pytest.raises(CalendarInputError, match="同时被登记为放假和调休上班"):
        import_calendar(rows, [2027], actor=None)
    assert not CalendarDay.objects.filter(day__year=2027).exists()
    assert not OfficialYear.objects.filter(year=2027).exists()


def test_editing_and_deleting_a_day_bump_the_version(db):
    save_day(DayRow(date(2026, 10, 9), DayKind.HOLIDAY, "国庆节"), actor=None)
    assert current_version() == "v2"
    assert not current_calendar().is_workday(date(2026, 10, 9))
    delete_day(CalendarDay.objects.get(day=date(2026, 10, 9)), actor=None)
    assert current_version() == "v3"
    assert current_calendar().is_workday(date(2026, 10, 9))
    assert Event.objects.filter(action=actions.DAY_DELETE).count() == 1


def test_the_worker_sends_calendar_changed_with_the_new_calendar(db):
    seen = []

    def receiver(sender, calendar, **kwargs):
        seen.append((calendar.version, calendar.is_workday(date(2027, 1, 1))))

    calendar_changed.connect(receiver)
    try:
        import_calendar([DayRow(date(2027, 1, 1), DayKind.HOLIDAY, "元旦")], [2027], actor=None)
        assert seen == []  # nothing is recomputed inside the editing request
        job = claim_next("test")
        assert job is not None and job.kind == "workdays.recompute"
        assert run_job(job)
    finally:
        calendar_changed.disconnect(receiver)
    assert seen == [("v2", False)]


def test_publishing_and_applications_listen_for_calendar_changes():
    # connected in their AppConfig.ready() under these dispatch_uids
    uids = {lookup_key[0] for lookup_key, *_ in calendar_changed.receivers}
    assert {
        "applications.recompute_open_deadlines",
        "publishing.recompute_publish_deadlines",
    } <= uids


def test_csv_and_json_files_are_read(tmp_path):
    csv_file = tmp_path / "2027.csv"
    csv_file.write_text(
        "date,kind,name,notice\n2027-01-01,放假,元旦,通知\n2027-02-06,调休上班,春节,通知\n",
        encoding="utf-8",
    )
    rows, years = parse_file(csv_file)
    assert years == [2027]
    assert [(r.day, r.kind) for r in rows] == [
        (date(2027, 1, 1), DayKind.HOLIDAY),
        (date(2027, 2, 6), DayKind.WORKDAY),
    ]
    json_file = tmp_path / "2027.json"
    json_file.write_text(
        json.dumps(
            {
                "official_years": [2027],
                "notice": NOTICE_2027,
                "days": [{"date": "2027-01-01", "kind": "holiday", "name": "元旦"}],
            }
        ),
        encoding="utf-8",
    )
    rows, years = parse_file(json_file)
    assert years == [2027] and rows[0].notice == NOTICE_2027


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("date,kind\n2027-02-30,放假\n", "第2行：日期“2027-02-30”无效"),
        ("date,kind\n2027-01-01,休息日\n", "第2行：类别“休息日”无效"),
        ("day,type\n2027-01-01,放假\n", "CSV 第一行应为表头"),
        ('{"days": 3}', "JSON 应为对象，包含 days 数组"),
        ('{"days": [', "JSON 格式错误"),
    ],
)
def test_bad_files_get_a_message_naming_the_problem(tmp_path, content, message):
    path = tmp_path / ("x.json" if content.startswith("{") else "x.csv")
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CalendarInputError, match=message):
        parse_file(path)


def test_clock_options_come_from_the_settings(settings):
    from gongkai.rules.clock import explain
    from gongkai.workdays.services import clock_options

    events = [
        {"kind": "received", "on": "2026-03-02", "channel": "in_person"},
        {"kind": "fee_notice", "on": "2026-03-10"},
        {"kind": "fee_paid", "on": "2026-03-20"},
    ]
    assert explain(events, options=clock_options()).due_date == date(2026, 3, 30)
    settings.GONGKAI_CLOCK_FEE_PAUSES = True
    assert clock_options().fee_pauses_clock
    assert explain(events, options=clock_options()).due_date == date(2026, 4, 10)
    # the pure engine has no hidden state: without options it reads the law conservatively
    assert explain(events).due_date == date(2026, 3, 30)
