"""Balance rules: right rule ids, Chinese messages with both sides and the difference."""

from gongkai.reports.formats import get
from gongkai.reports.validate import validate


def blank(fid):
    return {k: None for k in get(fid).cell_keys()}


def test_the_2021_message_names_both_sides_and_the_difference():
    f = blank("2021")
    f.update(
        {"req.new.person": 95, "req.new.total": 95, "req.total.total": 94, "req.total.person": 94}
    )
    f.update({"req.granted.person": 94, "req.granted.total": 94})
    problems = [p for p in validate("2021", f) if p.keys[0] == "req.new.total"]
    assert len(problems) == 1
    p = problems[0]
    assert p.rule == "R2021.1" and p.severity == "error"
    assert p.keys == [
        "req.new.total",
        "req.carried.total",
        "req.total.total",
        "req.carry_forward.total",
    ]
    assert p.message == "一+二（95+0）≠ 三（七）+四（94+0），差 1"


def test_a_row_whose_total_is_not_the_sum_of_its_columns_fails_r2021_3():
    f = blank("2021")
    f.update({"req.new.person": 3, "req.new.business": 2, "req.new.total": 4})
    f.update({"req.total.person": 3, "req.total.business": 2, "req.total.total": 4})
    f.update({"req.granted.person": 3, "req.granted.business": 2, "req.granted.total": 4})
    ids = {p.rule for p in validate("2021", f)}
    assert ids == {"R2021.3"}


def test_an_appeal_block_that_does_not_add_up_fails_r2021_4():
    f = blank("2019")
    f.update({"appeal.suit_direct.upheld": 1, "appeal.suit_direct.total": 3})
    problems = validate("2019", f)
    assert [p.rule for p in problems] == ["R2021.4"]
    assert "未经复议直接起诉" in problems[0].message and "差 2" in problems[0].message


def test_carried_must_equal_last_years_carry_forward_as_a_warning():
    this, last = blank("2021"), blank("2019")
    this.update(
        {
            "req.carried.person": 2,
            "req.carried.total": 2,
            "req.total.person": 2,
            "req.total.total": 2,
            "req.granted.person": 2,
            "req.granted.total": 2,
        }
    )
    last.update({"req.carry_forward.person": 3, "req.carry_forward.total": 3})
    assert validate("2021", this) == []
    problems = validate("2021", this, last_year=last)
    assert {p.rule for p in problems} == {"R2021.5"}
    assert all(p.severity == "warning" for p in problems)


def test_broken_2014_balances_get_their_rule_ids():
    f = blank("2014")
    f.update({"req.received": 5, "req.in_person": 1, "req.online": 2})  # R2014.1
    f.update({"org.staff": 2, "org.staff_full": 2, "org.staff_part": 1})  # R2014.7
    f.update({"pub.total": 10, "pub.website": 12})  # R2014.8
    f.update({"suit.total": 1})  # R2014.5
    problems = validate("2014", f)
    assert sorted({p.rule for p in problems}) == ["R2014.1", "R2014.5", "R2014.7", "R2014.8"]
    r1 = next(p for p in problems if p.rule == "R2014.1")
    assert "（5）≠" in r1.message and "差 2" in r1.message


def test_channels_summing_below_the_total_is_only_a_warning():
    f = blank("2014")
    f.update({"pub.total": 10, "pub.website": 4, "pub.wechat": 3})
    problems = validate("2014", f)
    assert [(p.rule, p.severity) for p in problems] == [("R2014.9", "warning")]


def test_null_counts_as_zero_in_sums():
    f = blank("2014")
    f.update({"review.total": 0})
    assert validate("2014", f) == []
