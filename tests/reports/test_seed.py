"""The seed report (a real 2017 report in the 2014 format) reads back exactly, blanks as null."""

from pathlib import Path

from gongkai.reports.parse import parse_file

SEED = Path(__file__).parent / "data" / "seed_2017.txt"

# Written by reading the seed's 统计表 line by line; printed-blank cells are None.
SEED_FIGURES = {
    "pub.total": 204,
    "pub.normative": 5,
    "pub.normative_issued": 0,
    "pub.website": 204,
    "pub.weibo": 0,
    "pub.wechat": 61,
    "pub.other": 0,
    "resp.total": 2560,
    "resp.press": None,
    "resp.press_leader": None,
    "resp.interview": None,
    "resp.interview_leader": None,
    "resp.interpretation": None,
    "resp.social": None,
    "resp.other": 2560,
    **{
        k: 0
        for k in [
            "req.received",
            "req.in_person",
            "req.fax",
            "req.online",
            "req.letter",
            "req.other",
            "req.closed",
            "req.on_time",
            "req.extended",
            "req.answered",
            "req.already_public",
            "req.granted",
            "req.partial",
            "req.refused",
            "req.refused.state_secret",
            "req.refused.business_secret",
            "req.refused.privacy",
            "req.refused.security",
            "req.refused.not_gov_info",
            "req.refused.other_law",
            "req.not_this_agency",
            "req.nonexistent",
            "req.amend",
            "req.other_route",
            "review.total",
            "review.upheld",
            "review.corrected",
            "review.other",
            "suit.total",
            "suit.upheld",
            "suit.corrected",
            "suit.other",
            "complaint.total",
            "complaint.upheld",
            "complaint.corrected",
            "complaint.other",
            "archive.total",
            "archive.paper",
            "archive.electronic",
        ]
    },
    "org.units": 0,
    "org.reading_points": 3,
    "org.visitors": None,
    "org.staff": 1,
    "org.staff_full": None,
    "org.staff_part": 1,
    "org.budget": 0,
    "train.meetings": 0,
    "train.classes": 0,
    "train.trainees": 0,
}


def test_the_seed_parses_exactly_with_blanks_as_null():
    result = parse_file(SEED)
    assert result.format == "2014"
    assert result.year == 2017
    assert result.agency == "周村区政务服务中心管理办公室"
    assert result.figures == SEED_FIGURES
    assert list(result.figures) == list(SEED_FIGURES)  # every key, in format order
    assert result.unplaced == []


def test_the_seed_passes_every_rule():
    assert parse_file(SEED).problems == []


def test_blank_and_zero_stay_different_in_the_seed():
    figures = parse_file(SEED).figures
    assert figures["org.visitors"] is None
    assert figures["org.units"] == 0
