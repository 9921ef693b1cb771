"""Worked scenarios of the statutory clock. Every expected date below was counted by hand on
the 2026/2025/2019/2018 notices (see the comment of each test)."""

from datetime import date

import pytest

from gongkai.rules.calendar import DayKind, Override, WorkCalendar, default_calendar
from gongkai.rules.clock import (
    ClockError,
    ClockInput,
    ClockOptions,
    ClockStatus,
    EventKind,
    ReceiptChannel,
    Regime,
    Timeliness,
    events_from_dicts,
    explain,
)

HEADER_2019 = "适用2019年修订的《政府信息公开条例》（国务院令第711号）：20个工作日内答复，经批准可延长，延长不超过20个工作日"
HEADER_2008 = "适用2008年施行的《政府信息公开条例》（国务院令第492号）：15个工作日内答复，经批准可延长，延长不超过15个工作日"


def run(*events, **kwargs):
    rows = []
    for e in events:
        kind, on, *rest = e
        row = {"kind": kind, "on": on}
        for extra in rest:
            row.update(extra)
        rows.append(row)
    return explain(rows, **kwargs)


def received(on, channel="in_person"):
    return ("received", on, {"channel": channel})


D = date.fromisoformat


# --- receipt and regime -----------------------------------------------------------------------


def test_in_person_receipt_gives_20_working_days_from_the_next_day():
    r = run(received("2026-03-02"))
    assert r.regime is Regime.R2019
    assert r.receipt_date == D("2026-03-02")
    assert r.due_date == D("2026-03-30")
    assert r.lines == [
        HEADER_2019,
        "2026-03-02 当面收到申请；次日起算，20个工作日内答复，截止 2026-03-30",
    ]
    assert r.status is ClockStatus.OPEN and not r.provisional


def test_receipt_on_a_sunday_counts_from_the_next_working_day():
    # 3/2 Mon is day 1 → day 20 is Fri 3/27.
    r = run(received("2026-03-01"))
    assert r.due_date == D("2026-03-27")
    assert r.lines[1] == (
        "2026-03-01 当面收到申请；当日为非工作日（星期日，周末），自下一工作日起算，"
        "20个工作日内答复，截止 2026-03-27"
    )


def test_receipt_on_a_holiday_names_the_holiday():
    # 2025-10-03 国庆节; 10/9 is day 1; 10/11 Sat is a make-up day (3) → 11/4 is day 20.
    r = run(received("2025-10-03"))
    assert r.due_date == D("2025-11-04")
    assert "当日为非工作日（星期五，国庆节放假），自下一工作日起算" in r.lines[1]


def test_online_application_counts_from_the_confirmation_day():
    # confirmed Mon 3/9 → 4/4–4/6 清明 off → day 20 is 4/7.
    r = run(received("2026-03-06", "online"), ("confirmed", "2026-03-09"))
    assert r.arrival_date == D("2026-03-06")
    assert r.receipt_date == D("2026-03-09")
    assert r.due_date == D("2026-04-07")
    assert r.lines[1:] == [
        "2026-03-06 通过互联网提交申请；以双方确认之日为收到申请之日（第三十一条），确认后起算",
        "2026-03-09 与申请人确认收到互联网申请，以确认之日为收到申请之日；次日起算，20个工作日内答复，截止 2026-04-07",
    ]


def test_fax_without_confirmation_has_no_due_date_yet():
    r = run(received("2026-03-06", "fax"))
    assert r.status is ClockStatus.AWAITING_CONFIRMATION
    assert r.due_date is None and r.receipt_date is None
    assert (
        r.lines[1]
        == "2026-03-06 通过传真提交申请；以双方确认之日为收到申请之日（第三十一条），确认后起算"
    )


def test_an_ordinary_letter_confirmed_late_is_warned_about():
    r = run(received("2026-03-02", "letter"), ("confirmed", "2026-03-04"))
    assert r.receipt_date == D("2026-03-04")
    assert r.due_date == D("2026-04-01")
    assert r.warnings == [
        "平常信函应于收到当日与申请人确认（第三十一条），收到 2026-03-02，确认 2026-03-04"
    ]
    assert "以与申请人确认收到之日为收到申请之日" in r.lines[1]


def test_signed_post_counts_from_the_signing_day():
    r = run(received("2026-03-02", "post_signed"))
    assert r.due_date == D("2026-03-30")
    assert r.lines[1].startswith("2026-03-02 签收邮寄的申请；次日起算")


def test_the_day_before_2019_05_15_follows_the_2008_regulation():
    # 2019-05-14 Tue: 15 working days → 6/4.
    r = run(received("2019-05-14"))
    assert r.regime is Regime.R2008
    assert r.due_date == D("2019-06-04")
    assert r.lines == [
        HEADER_2008,
        "2019-05-14 当面收到申请；次日起算，15个工作日内答复，截止 2019-06-04",
    ]


def test_2019_05_15_follows_the_2019_regulation():
    # 20 working days; 6/7 端午节 is off → 6/13.
    r = run(received("2019-05-15"))
    assert r.regime is Regime.R2019
    assert r.due_date == D("2019-06-13")
    assert r.lines[1] == "2019-05-15 当面收到申请；次日起算，20个工作日内答复，截止 2019-06-13"


def test_under_2008_an_online_application_counts_from_arrival():
    # 9/29 Sat and 9/30 Sun 2018 are make-up days; 10/1–10/7 off.
    r = run(received("2018-09-25", "online"))
    assert r.receipt_date == D("2018-09-25")
    assert r.due_date == D("2018-10-19")
    assert r.lines[1] == "2018-09-25 收到互联网申请；次日起算，15个工作日内答复，截止 2018-10-19"


def test_a_deadline_across_national_day_2025():
    # 9/28 Sun make-up (1), 9/29, 9/30, 10/9–10/11 (6), ... → 10/30.
    r = run(received("2025-09-26"))
    assert r.due_date == D("2025-10-30")
    assert r.lines[1] == "2025-09-26 当面收到申请；次日起算，20个工作日内答复，截止 2025-10-30"


# --- 补正 ---------------------------------------------------------------------------------------


def test_a_supplement_restarts_the_clock():
    r = run(
        received("2026-03-02"),
        ("supplement_sent", "2026-03-05", {"until": "2026-03-20"}),
        ("supplement_received", "2026-03-16"),
    )
    assert r.supplement_on_time is True
    assert r.supplement_notice_deadline == D("2026-03-11")
    assert r.start_date == D("2026-03-16")
    assert r.due_date == D("2026-04-14")
    assert r.lines[2:] == [
        "2026-03-05 发出补正通知（收到申请后第3个工作日，未超过7个工作日），补正期限至 2026-03-20；答复期限自收到补正材料之日重新起算",
        "2026-03-16 收到补正材料；答复期限重新起算，次日起20个工作日内答复，截止 2026-04-14",
    ]


def test_the_old_correction_codes_still_read_as_supplement():
    # JSON files and backups written before 补正 was stored as "supplement_*".
    assert EventKind("correction_sent") is EventKind.SUPPLEMENT_SENT
    old = run(
        received("2026-03-02"),
        ("correction_sent", "2026-03-05", {"until": "2026-03-20"}),
        ("correction_received", "2026-03-16"),
    )
    new = run(
        received("2026-03-02"),
        ("supplement_sent", "2026-03-05", {"until": "2026-03-20"}),
        ("supplement_received", "2026-03-16"),
    )
    assert old == new and old.due_date == D("2026-04-14")
    assert ClockInput.from_dict({"kind": "correction_lapsed", "on": "2026-03-20"}).to_dict() == {
        "kind": "supplement_lapsed",
        "on": "2026-03-20",
    }
    with pytest.raises(ClockError, match="未知的事件类型“correction”"):
        run(received("2026-03-02"), ("correction", "2026-03-05"))


def test_a_supplement_notice_after_7_working_days_is_flagged():
    r = run(received("2026-03-02"), ("supplement_sent", "2026-03-12"))
    assert r.supplement_on_time is False
    assert r.status is ClockStatus.AWAITING_SUPPLEMENT and r.due_date is None
    assert r.lines[2] == (
        "2026-03-12 发出补正通知（收到申请后第8个工作日，超过7个工作日的期限（应于 2026-03-11 前发出））；"
        "答复期限自收到补正材料之日重新起算"
    )


def test_no_supplement_means_the_application_is_abandoned():
    r = run(
        received("2026-03-02"),
        ("supplement_sent", "2026-03-04"),
        ("supplement_lapsed", "2026-03-20"),
    )
    assert r.status is ClockStatus.ABANDONED
    assert r.due_date is None and r.supplement_on_time is True
    assert r.lines[-1] == "2026-03-20 补正期限届满未补正，视为放弃申请（第三十条），不再处理"


def test_a_second_supplement_notice_is_rejected_under_2019():
    with pytest.raises(ClockError, match="补正通知应一次性发出"):
        run(
            received("2026-03-02"),
            ("supplement_sent", "2026-03-04"),
            ("supplement_sent", "2026-03-05"),
        )


def test_under_2008_a_supplement_does_not_restart_the_clock():
    r = run(
        received("2018-09-25"),
        ("supplement_sent", "2018-09-27"),
        ("supplement_received", "2018-10-10"),
    )
    assert r.due_date == D("2018-10-19")
    assert r.supplement_on_time is None
    assert r.lines[2] == (
        "2018-09-27 告知申请人更改、补充申请；2008年条例未规定重新起算，答复期限不变，截止 2018-10-19"
    )


# --- consultation -------------------------------------------------------------------------------


def test_third_party_consultation_time_is_not_counted():
    # (3/9, 3/20] excluded = 9 working days → 3/30 becomes 4/13.
    r = run(
        received("2026-03-02"),
        ("consultation_sent", "2026-03-09", {"party": "third_party"}),
        ("consultation_replied", "2026-03-20"),
    )
    assert r.due_date == D("2026-04-13")
    assert r.paused[0].workdays == 9
    assert r.lines[2:] == [
        "2026-03-09 向第三方发出征求意见书；征求意见期间不计入答复期限（第三十二条、第三十三条），第三方应在15个工作日内答复（至迟约 2026-03-30）；已用5个工作日，剩余15个工作日",
        "2026-03-20 收到第三方意见；次一工作日恢复计时，征求意见期间共扣除9个工作日，截止 2026-04-13",
    ]


def test_an_expired_consultation_excludes_its_15_working_days():
    r = run(
        received("2026-03-02"),
        ("consultation_sent", "2026-03-09"),
        ("consultation_expired", "2026-03-30"),
    )
    assert r.due_date == D("2026-04-21")
    assert r.lines[-1] == (
        "2026-03-30 第三方逾期未提出意见（由行政机关依法决定）；次一工作日恢复计时，"
        "征求意见期间共扣除15个工作日，截止 2026-04-21"
    )


def test_counting_the_reply_day_is_an_option():
    r = run(
        received("2026-03-02"),
        ("consultation_sent", "2026-03-09"),
        ("consultation_replied", "2026-03-20"),
        options=ClockOptions(consultation_reply_day_excluded=False),
    )
    assert r.due_date == D("2026-04-10")
    assert "当日恢复计时，征求意见期间共扣除8个工作日" in r.lines[-1]


def test_while_a_consultation_is_open_the_due_date_is_only_projected():
    r = run(received("2026-03-02"), ("consultation_sent", "2026-03-09"), today=D("2026-03-16"))
    assert r.status is ClockStatus.PAUSED
    assert r.due_date is None
    assert r.projected_due_date == D("2026-04-21")
    assert (r.days_used, r.days_left) == (5, 15)
    assert r.lines[-1].endswith("；已用5个工作日，剩余15个工作日")


def test_overlapping_consultations_are_not_counted_twice():
    # third party (3/9, 3/20], organ (3/16, 3/25] → union (3/9, 3/25] = 12 working days.
    r = run(
        received("2026-03-02"),
        ("consultation_sent", "2026-03-09", {"party": "third_party", "ref": "A"}),
        ("consultation_sent", "2026-03-16", {"party": "organ", "ref": "B"}),
        ("consultation_replied", "2026-03-20", {"ref": "A"}),
        ("consultation_expired", "2026-03-25", {"ref": "B"}),
    )
    assert r.due_date == D("2026-04-16")
    assert "有关机关逾期未提出意见（视为同意）" in r.lines[-1]


def test_under_2008_consulting_another_organ_does_not_stop_the_clock():
    r = run(
        received("2018-09-25"),
        ("consultation_sent", "2018-10-08", {"party": "organ"}),
    )
    assert r.due_date == D("2018-10-19")
    assert r.status is ClockStatus.OPEN
    assert "2008年条例只扣除征求第三方意见的时间，照常计时，截止 2018-10-19" in r.lines[-1]


def test_ambiguous_consultation_replies_are_rejected():
    with pytest.raises(ClockError, match="请用 ref 指明"):
        run(
            received("2026-03-02"),
            ("consultation_sent", "2026-03-09"),
            ("consultation_sent", "2026-03-10"),
            ("consultation_replied", "2026-03-20"),
        )


# --- extension, Art. 35, fee --------------------------------------------------------------------


def test_an_extension_adds_working_days_after_the_original_deadline():
    r = run(
        received("2026-03-02"),
        ("extended", "2026-03-25", {"days": 20}),
        ("replied", "2026-04-20"),
    )
    assert r.base_due_date == D("2026-03-30")
    assert r.due_date == D("2026-04-28")
    assert r.timeliness is Timeliness.EXTENDED
    assert r.lines[2] == (
        "2026-03-25 经政府信息公开工作机构负责人同意，延长答复期限20个工作日并告知申请人；"
        "截止 2026-04-28（原截止 2026-03-30）"
    )
    assert (
        r.lines[3]
        == "2026-04-20 作出答复；在延长后的答复期限 2026-04-28 内（第34个工作日），延期办结"
    )


def test_an_extension_beyond_20_working_days_is_rejected():
    with pytest.raises(ClockError, match="延长答复期限累计不得超过20个工作日"):
        run(
            received("2026-03-02"),
            ("extended", "2026-03-20", {"days": 10}),
            ("extended", "2026-03-25", {"days": 11}),
        )


def test_under_2008_the_extension_is_at_most_15_working_days():
    r = run(received("2019-05-14"), ("extended", "2019-06-03", {"days": 15}))
    assert r.due_date == D("2019-06-26")
    assert r.lines[-1] == (
        "2019-06-03 经政府信息公开工作机构负责人同意，延长答复期限15个工作日并告知申请人；"
        "截止 2019-06-26（原截止 2019-06-04）"
    )
    with pytest.raises(ClockError, match="不得超过15个工作日"):
        run(received("2019-05-14"), ("extended", "2019-06-03", {"days": 16}))


def test_the_fee_window_is_20_working_days_from_the_day_after_the_notice():
    r = run(
        received("2026-03-02"),
        ("fee_notice", "2026-03-10"),
        ("fee_paid", "2026-03-20"),
        ("replied", "2026-03-27"),
    )
    assert r.fee_payment_due == D("2026-04-08")
    assert r.due_date == D("2026-03-30")
    assert r.timeliness is Timeliness.ON_TIME
    assert r.lines[2] == (
        "2026-03-10 申请人收到收费通知；自次日起20个工作日内缴费，缴费期限 2026-04-08；"
        "缴费期间答复期限照常计算，截止 2026-03-30"
    )


def test_the_fee_window_can_be_configured_to_pause_the_clock():
    r = run(
        received("2026-03-02"),
        ("fee_notice", "2026-03-10"),
        ("fee_paid", "2026-03-20"),
        options=ClockOptions(fee_pauses_clock=True),
    )
    assert r.due_date == D("2026-04-10")
    assert r.lines[-1] == "2026-03-20 申请人缴纳信息处理费；截止 2026-04-10"


def test_an_unpaid_fee_means_the_application_is_abandoned():
    r = run(received("2026-03-02"), ("fee_notice", "2026-03-10"), ("fee_lapsed", "2026-04-09"))
    assert r.status is ClockStatus.ABANDONED
    assert r.fee_payment_due == D("2026-04-08") and r.due_date == D("2026-03-30")
    assert (
        r.lines[-1]
        == "2026-04-09 缴费期限（2026-04-08）届满未缴费，视为放弃申请（国办函〔2020〕109号），不再处理"
    )
    with pytest.raises(ClockError, match="尚未届满"):
        run(received("2026-03-02"), ("fee_notice", "2026-03-10"), ("fee_lapsed", "2026-04-08"))


def test_an_article_35_delayed_deadline_replaces_the_due_date():
    r = run(
        received("2026-03-02"),
        ("delayed", "2026-03-20", {"until": "2026-05-29"}),
        ("replied", "2026-05-20"),
    )
    assert r.due_date == D("2026-05-29")
    assert r.timeliness is Timeliness.EXTENDED
    assert (
        "依第三十五条确定延迟答复期限并告知申请人；截止 2026-05-29（原截止 2026-03-30）"
        in r.lines[2]
    )


def test_after_an_article_35_delay_the_days_left_count_to_the_new_date():
    r = run(
        received("2026-03-02"),
        ("delayed", "2026-03-20", {"until": "2026-04-30"}),
        today=D("2026-04-24"),
    )
    assert r.due_date == D("2026-04-30")
    assert r.days_left == 4  # 4/27, 4/28, 4/29, 4/30
    assert not r.overdue
    assert r.lines[-1] == (
        "2026-03-20 申请数量、频次明显超过合理范围，依第三十五条确定延迟答复期限并告知申请人；"
        "截止 2026-04-30（原截止 2026-03-30）"
    )


def test_article_35_does_not_exist_under_2008():
    with pytest.raises(ClockError, match="2008年条例没有第三十五条"):
        run(received("2018-09-25"), ("delayed", "2018-10-08", {"until": "2018-12-01"}))


# --- replies, withdrawal, progress --------------------------------------------------------------


def test_a_reply_on_the_spot_is_on_time():
    r = run(received("2026-03-02"), ("replied", "2026-03-02"))
    assert r.due_date == D("2026-03-30")
    assert r.timeliness is Timeliness.ON_TIME and r.status is ClockStatus.REPLIED
    assert r.lines[-1] == "2026-03-02 当场答复；按时办结"


def test_a_reply_on_the_last_day_is_on_time():
    r = run(received("2026-03-02"), ("replied", "2026-03-30"))
    assert r.due_date == D("2026-03-30")
    assert r.timeliness is Timeliness.ON_TIME
    assert r.lines[-1] == "2026-03-30 作出答复；在20个工作日的答复期限内（第20个工作日），按时办结"
    assert (r.days_used, r.days_left) == (20, 0)


def test_a_late_reply_says_by_how_many_working_days():
    r = run(received("2026-03-02"), ("replied", "2026-04-01"))
    assert r.due_date == D("2026-03-30")
    assert r.timeliness is Timeliness.LATE
    assert r.lines[-1] == "2026-04-01 作出答复；超过答复期限 2026-03-30，逾期2个工作日"


def test_a_withdrawn_application_stops():
    r = run(received("2026-03-02"), ("withdrawn", "2026-03-05"))
    assert r.due_date == D("2026-03-30")
    assert r.status is ClockStatus.WITHDRAWN
    assert r.lines[-1] == "2026-03-05 申请人撤回申请，终止办理"


def test_working_days_used_and_left_as_of_today():
    r = run(received("2026-03-02"), today=D("2026-03-16"))
    assert (r.days_used, r.days_left) == (10, 10)
    assert not r.overdue
    assert r.due_date == D("2026-03-30")
    assert r.lines[-1] == "2026-03-02 当面收到申请；次日起算，20个工作日内答复，截止 2026-03-30"


def test_an_open_application_past_its_due_date_is_overdue():
    r = run(received("2026-03-02"), today=D("2026-04-01"))
    assert r.overdue
    assert r.due_date == D("2026-03-30") and r.days_left == -2
    assert r.lines[-1] == "截至 2026-04-01 已超过答复期限 2026-03-30"


def test_a_deadline_in_a_year_without_a_notice_is_provisional():
    # 2026-12-20 Sun → 12/21 is day 1; 2027-01-01 counts as a weekday until the notice exists.
    r = run(received("2026-12-20"))
    assert r.due_date == D("2027-01-15")
    assert r.provisional_years == (2027,)
    assert r.lines[1] == (
        "2026-12-20 当面收到申请；当日为非工作日（星期日，周末），自下一工作日起算，20个工作日内答复，"
        "截止 2027-01-15（临时：2027年未录入国务院放假通知，暂按周一至周五为工作日计算，通知发布后将重新计算）"
    )


def test_entering_the_next_years_notice_moves_the_provisional_deadline():
    base = default_calendar()
    cal = WorkCalendar.build(
        list(base.overrides.values()) + [Override(D("2027-01-01"), DayKind.HOLIDAY, "元旦")],
        list(base.official_years) + [2027],
        "with-2027",
    )
    r = explain([{"kind": "received", "on": "2026-12-20", "channel": "in_person"}], calendar=cal)
    assert r.due_date == D("2027-01-18")
    assert not r.provisional
    assert r.lines[1].endswith("20个工作日内答复，截止 2027-01-18")
    assert r.calendar_version == "with-2027"


# --- validation ---------------------------------------------------------------------------------


def test_events_out_of_order_are_rejected_with_a_chinese_message():
    with pytest.raises(
        ClockError,
        match=r"事件顺序错误：第2个事件（作出答复 2026-03-01）早于前一事件（收到申请 2026-03-02）",
    ):
        run(received("2026-03-02"), ("replied", "2026-03-01"))


def test_unknown_kinds_and_channels_are_rejected():
    with pytest.raises(ClockError, match="未知的事件类型“posted”"):
        run(received("2026-03-02"), ("posted", "2026-03-03"))
    with pytest.raises(ClockError, match="未知的收件渠道“pigeon”"):
        run(received("2026-03-02", "pigeon"))
    with pytest.raises(ClockError, match="不是有效日期"):
        run(received("2026-02-30"))


def test_nothing_may_follow_a_reply():
    with pytest.raises(ClockError, match="已答复，其后不能再有事件"):
        run(
            received("2026-03-02"),
            ("replied", "2026-03-10"),
            ("extended", "2026-03-11", {"days": 5}),
        )


def test_the_first_event_must_be_the_receipt():
    with pytest.raises(ClockError, match="第一个事件必须是收到申请"):
        run(("replied", "2026-03-10"))


def test_events_round_trip_through_dicts():
    events = [
        ClockInput(EventKind.RECEIVED, D("2026-03-02"), channel=ReceiptChannel.ONLINE),
        ClockInput(EventKind.CONFIRMED, D("2026-03-03")),
        ClockInput(EventKind.EXTENDED, D("2026-03-20"), days=5, note="领导批准"),
    ]
    rebuilt = events_from_dicts([e.to_dict() for e in events])
    assert rebuilt == events
    assert explain(rebuilt).due_date == explain(events).due_date


def test_an_article_35_deadline_on_a_rest_day_moves_to_the_next_working_day():
    # 2026-05-30 is a Saturday: the period ends on Monday 2026-06-01 (民法典 Art. 203).
    r = run(
        received("2026-03-02"),
        ("delayed", "2026-03-20", {"until": "2026-05-30"}),
        today=D("2026-05-29"),
    )
    assert r.due_date == D("2026-06-01")
    assert "所定 2026-05-30 为休息日，依民法典第二百零三条顺延至 2026-06-01" in r.lines[-1]
    assert r.days_left == 1
