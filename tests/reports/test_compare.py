from gongkai.reports.compare import compare


def test_it_computes_difference_and_percentage():
    d = {x.key: x for x in compare({"pub.total": 200}, {"pub.total": 250}, "2014")}
    assert (d["pub.total"].diff, d["pub.total"].pct, d["pub.total"].flag) == (50, 25.0, "")


def test_it_flags_an_implausible_jump_but_not_small_counts():
    d = {
        x.key: x
        for x in compare(
            {"pub.total": 20, "req.received": 1}, {"pub.total": 2000, "req.received": 6}, "2014"
        )
    }
    assert d["pub.total"].flag == "jump"
    assert d["req.received"].flag == ""


def test_it_compares_across_formats_on_shared_keys():
    diffs = compare({"req.new.total": 5}, {"req.new.total": 9}, "2019", "2021")
    keys = {x.key for x in diffs}
    assert (
        "req.new.total" in keys and "req.other.total" not in keys and "pub.fees.amount" not in keys
    )
