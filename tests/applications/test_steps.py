"""Each step is a determination that changes the clock as the law says, makes its letter and
writes an audit event; the stored due date always equals the rules engine's."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied

from gongkai.applications import actions, clock, letters, services
from gongkai.applications.choices import (
    LETTER_TEMPLATES,
    ApplicationChannel,
    ApplicationStatus,
    DeterminationKind,
    Outcome,
)
from gongkai.applications.models import Application, Determination, Reason
from gongkai.audit.models import Event
from gongkai.rules import clock as rules
from gongkai.rules.clock import EventKind

from .factories import make_application, person_data

pytestmark = pytest.mark.django_db

RECEIVED = date(2025, 3, 3)  # a Monday


def engine_due(app: Application) -> date | None:
    return rules.explain(
        clock.events_of(app), clock.current_calendar(), today=date(2026, 1, 1)
    ).due_date


def fresh(app):
    return Application.objects.get(pk=app.pk)


def test_an_online_request_is_due_twenty_working_days_after_receipt(agency_a):
    app = make_application(agency_a, RECEIVED).application
    assert app.received_on == RECEIVED
    assert app.due_on == engine_due(app) == date(2025, 3, 31)
    assert app.regime == "2019"
    assert Event.objects.filter(action=actions.REQUEST_SUBMIT, object_id=str(app.pk)).exists()


def test_a_request_received_before_may_2019_follows_the_2008_regime(agency_a):
    app = make_application(agency_a, date(2019, 3, 4)).application
    assert app.regime == "2008"
    assert clock.extension_limit(app) == 15
    assert app.due_on == engine_due(app)


def test_an_ordinary_letter_counts_from_the_confirmation_date(agency_a):
    receipt = services.submit(
        agency_a,
        person_data(),
        channel=ApplicationChannel.ORDINARY_LETTER,
        arrived_at=datetime(2025, 3, 4, 10, tzinfo=UTC),
        confirmed_on=date(2025, 3, 5),
        actor=None,
    )
    app = receipt.application
    assert app.received_on == date(2025, 3, 5)
    assert [e.kind for e in app.clock_events.all()] == [EventKind.RECEIVED, EventKind.CONFIRMED]
    assert app.due_on == engine_due(app)


def test_supplement_notice_stops_the_clock_and_the_supplement_restarts_it(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    det = services.notify_supplement(
        app, text="请写明文件名称", days=10, actor=officer_a, on=date(2025, 3, 6)
    )
    app = fresh(app)
    assert app.status == ApplicationStatus.SUPPLEMENT
    assert app.due_on is None  # no due date while waiting for the applicant
    assert det.letter and "补正" in letters.docx_text(det.letter.read())
    services.receive_supplement(app, text="文件名称为……", on=date(2025, 3, 12), actor=officer_a)
    app = fresh(app)
    assert app.status == ApplicationStatus.OPEN
    assert (
        app.due_on
        == engine_due(app)
        == rules.explain(
            [
                rules.ClockInput(
                    rules.EventKind.RECEIVED,
                    date(2025, 3, 12),
                    channel=rules.ReceiptChannel.IN_PERSON,
                )
            ],
            clock.current_calendar(),
        ).due_date
    )
    assert Event.objects.filter(action=actions.SUPPLEMENT_RECEIVE, object_id=str(app.pk)).exists()


def test_supplement_notice_after_seven_working_days_is_refused(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    with pytest.raises(services.StepError, match="7个工作日"):
        services.notify_supplement(
            app, text="请补正", days=10, actor=officer_a, on=date(2025, 3, 13)
        )
    assert not Determination.objects.filter(application=app).exists()


def test_supplement_notice_can_be_sent_only_once(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    services.notify_supplement(app, text="请补正", days=5, actor=officer_a, on=date(2025, 3, 4))
    services.receive_supplement(app, text="补正", on=date(2025, 3, 5), actor=officer_a)
    with pytest.raises(services.StepError, match="一次性"):
        services.notify_supplement(app, text="再补正", days=5, actor=officer_a, on=date(2025, 3, 6))


def test_no_supplement_in_time_closes_as_other_handling_1(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    notice = services.notify_supplement(
        app, text="请补正", days=5, actor=officer_a, on=date(2025, 3, 4)
    )
    with pytest.raises(services.StepError, match="补正期限至"):
        services.lapse_supplement(app, actor=officer_a, on=notice.until)
    with pytest.raises(services.StepError, match="待缴费"):
        services.fee_lapse(app, actor=officer_a, on=date(2025, 3, 20))
    det = services.lapse_supplement(app, actor=officer_a, on=date(2025, 3, 20))
    app = fresh(app)
    assert app.status == ApplicationStatus.CLOSED and app.outcome == Outcome.OTHER_NO_SUPPLEMENT
    assert det.letter and "视为放弃" in letters.docx_text(det.letter.read())
    assert Event.objects.filter(action=actions.SUPPLEMENT_LAPSE).count() == 1


def test_consultation_pauses_the_clock_and_the_reply_resumes_it(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    before = fresh(app).due_on
    with pytest.raises(services.StepError, match="写明征求意见的政府信息"):
        services.start_consultation(app, party="某公司", actor=officer_a, on=date(2025, 3, 10))
    assert fresh(app).status == ApplicationStatus.OPEN
    services.start_consultation(
        app, party="某公司", text="某公司的合同", actor=officer_a, on=date(2025, 3, 10)
    )
    assert fresh(app).status == ApplicationStatus.CONSULTING
    services.end_consultation(app, replied=True, actor=officer_a, on=date(2025, 3, 17))
    app = fresh(app)
    assert app.status == ApplicationStatus.OPEN
    assert app.due_on == engine_due(app)
    assert app.due_on > before


def test_consultation_expiry_needs_fifteen_working_days(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    det = services.start_consultation(
        app, party="某局", party_kind="organ", text="会签文件", actor=officer_a, on=date(2025, 3, 4)
    )
    with pytest.raises(services.StepError, match="届满后"):
        services.end_consultation(app, replied=False, actor=officer_a, on=det.until)
    services.end_consultation(app, replied=False, actor=officer_a, on=date(2025, 3, 26))
    assert fresh(app).due_on == engine_due(fresh(app))


def test_extension_needs_the_head_of_the_office(agency_a, officer_a, leader_a):
    app = make_application(agency_a, RECEIVED).application
    with pytest.raises(PermissionDenied):
        services.extend(
            app,
            days=20,
            text="需要检索档案",
            approved_by=officer_a,
            on=date(2025, 3, 20),
            actor=officer_a,
        )
    det = services.extend(
        app,
        days=20,
        text="需要检索档案",
        approved_by=leader_a,
        on=date(2025, 3, 20),
        actor=leader_a,
    )
    app = fresh(app)
    assert det.approved_by == leader_a
    assert app.due_on == engine_due(app) == clock.add_workdays(date(2025, 3, 31), 20)
    assert "延长" in letters.docx_text(det.letter.read())


def test_extension_is_at_most_twenty_working_days_and_only_once(agency_a, leader_a):
    app = make_application(agency_a, RECEIVED).application
    with pytest.raises(services.StepError, match="20个工作日"):
        services.extend(
            app, days=21, text="x", approved_by=leader_a, on=date(2025, 3, 20), actor=leader_a
        )
    services.extend(
        app, days=10, text="x", approved_by=leader_a, on=date(2025, 3, 20), actor=leader_a
    )
    with pytest.raises(services.StepError, match="已延期"):
        services.extend(
            app, days=5, text="x", approved_by=leader_a, on=date(2025, 3, 21), actor=leader_a
        )


def test_extension_under_the_2008_regime_is_at_most_fifteen_days(agency_a, leader_a):
    app = make_application(agency_a, date(2019, 3, 4)).application
    with pytest.raises(services.StepError, match="15个工作日"):
        services.extend(
            app, days=16, text="x", approved_by=leader_a, on=date(2019, 3, 6), actor=leader_a
        )


def test_fee_notice_amount_comes_from_the_rules_engine_and_lapse_closes_as_other_handling_2(
    agency_a, officer_a
):
    app = make_application(agency_a, RECEIVED).application
    det = services.fee_notice(
        app, method="per_page", quantity=250, actor=officer_a, on=date(2025, 3, 10)
    )
    assert det.amount == 4700
    assert fresh(app).status == ApplicationStatus.FEE
    with pytest.raises(services.StepError, match="缴费期限至"):
        services.fee_lapse(app, actor=officer_a, on=det.until)
    with pytest.raises(services.StepError, match="待补正"):
        services.lapse_supplement(app, actor=officer_a, on=date(2025, 4, 15))
    services.fee_lapse(app, actor=officer_a, on=date(2025, 4, 15))
    app = fresh(app)
    assert app.status == ApplicationStatus.CLOSED and app.outcome == Outcome.OTHER_UNPAID
    assert Event.objects.filter(action=actions.FEE_LAPSE).count() == 1


def test_a_paid_fee_lets_the_request_continue(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    services.fee_notice(
        app, method="per_request", quantity=15, actor=officer_a, on=date(2025, 3, 10)
    )
    services.fee_paid(app, actor=officer_a, on=date(2025, 3, 12))
    app = fresh(app)
    assert app.status == ApplicationStatus.OPEN and app.due_on == engine_due(app)


def test_a_fee_of_zero_is_not_noticed(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    with pytest.raises(services.StepError, match="0元"):
        services.fee_notice(
            app, method="per_page", quantity=10, actor=officer_a, on=date(2025, 3, 10)
        )


def test_article_35_sets_a_later_deadline(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    services.art35(
        app,
        until=date(2025, 6, 30),
        text="申请数量明显超过合理范围",
        actor=officer_a,
        on=date(2025, 3, 10),
    )
    app = fresh(app)
    assert app.due_on == date(2025, 6, 30) == engine_due(app)


def test_a_reply_closes_the_request_with_its_outcome_reason_and_remedies(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    reason = Reason.objects.get(outcome="partial")
    det = services.reply(
        app,
        outcome=Outcome.PARTIAL,
        reason=reason,
        text="提供可以公开的部分。",
        actor=officer_a,
        on=date(2025, 3, 20),
    )
    app = fresh(app)
    assert (
        app.status == ApplicationStatus.CLOSED
        and app.outcome == Outcome.PARTIAL
        and app.reason == reason
    )
    assert app.closed_on == date(2025, 3, 20) and not app.extended and not app.closed_late
    text = letters.docx_text(det.letter.read())
    assert "部分公开" in text and "第三十七条" in text
    assert "60日内" in text and "行政复议" in text and "6个月内" in text and "行政诉讼" in text
    assert Event.objects.filter(action=actions.REQUEST_REPLY, object_id=str(app.pk)).exists()
    with pytest.raises(services.StepError, match="已办结"):
        services.withdraw(app, on=date(2025, 3, 21), actor=officer_a)


def test_a_late_reply_is_marked_late(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    services.reply(
        app, outcome=Outcome.GRANTED, text="予以公开", actor=officer_a, on=date(2025, 4, 10)
    )
    assert fresh(app).closed_late


def test_a_reply_after_extension_is_an_extended_closure(agency_a, officer_a, leader_a):
    app = make_application(agency_a, RECEIVED).application
    services.extend(
        app, days=20, text="x", approved_by=leader_a, on=date(2025, 3, 25), actor=leader_a
    )
    services.reply(
        app, outcome=Outcome.GRANTED, text="予以公开", actor=officer_a, on=date(2025, 4, 10)
    )
    app = fresh(app)
    assert app.extended and not app.closed_late


def test_a_withdrawal_counts_as_other_handling_3(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    services.withdraw(app, text="申请人来电撤回", actor=officer_a, on=date(2025, 3, 5))
    app = fresh(app)
    assert app.status == ApplicationStatus.CLOSED and app.outcome == Outcome.OTHER_OTHER


def test_a_reason_of_another_outcome_is_refused(agency_a, officer_a):
    app = make_application(agency_a, RECEIVED).application
    with pytest.raises(services.StepError, match="不一致"):
        services.reply(
            app,
            outcome=Outcome.GRANTED,
            reason=Reason.objects.get(outcome="partial"),
            text="x",
            actor=officer_a,
            on=date(2025, 3, 20),
        )
    assert fresh(app).status == ApplicationStatus.OPEN


def test_a_calendar_change_recomputes_open_due_dates_and_logs_them(agency_a):
    from gongkai.core.jobs import run_due
    from gongkai.rules.calendar import DayKind
    from gongkai.workdays.services import DayRow, save_day

    app = make_application(agency_a, RECEIVED).application
    closed = make_application(agency_a, RECEIVED).application
    services.withdraw(closed, on=date(2025, 3, 4), actor=None)
    assert app.due_on == date(2025, 3, 31)
    save_day(DayRow(date(2025, 3, 14), DayKind.HOLIDAY, "测试假日"), actor=None)
    run_due()
    app = fresh(app)
    assert app.due_on == date(2025, 4, 1) == engine_due(app)
    assert app.calendar_version == clock.current_calendar().version
    event = Event.objects.filter(action=actions.REQUEST_DUE_RECOMPUTE, object_id=str(app.pk)).get()
    assert event.before["due_on"] == "2025-03-31" and event.after["due_on"] == "2025-04-01"
    assert not Event.objects.filter(
        action=actions.REQUEST_DUE_RECOMPUTE, object_id=str(closed.pk)
    ).exists()


def test_determination_kinds_with_letters_all_have_templates():
    for kind in letters.LETTER_KINDS:
        assert letters.template_path(LETTER_TEMPLATES[kind]).is_file()
    assert DeterminationKind.REPLY in letters.LETTER_KINDS


def test_a_confirmation_before_arrival_is_refused(agency_a):
    with pytest.raises(services.StepError, match="确认"):
        services.submit(
            agency_a,
            person_data(),
            channel=ApplicationChannel.FAX,
            arrived_at=datetime(2025, 3, 4, 10, tzinfo=UTC),
            confirmed_on=date(2025, 3, 3),
            actor=None,
        )
    assert not Application.objects.exists()
