"""Transfers from the upstream 12345 platform: the upstream number is kept, and importing the
same file twice creates nothing new."""

import json

import pytest
from django.utils import timezone

from gongkai.hotline.channels.upstream import import_upstream
from gongkai.hotline.choices import TicketChannel
from gongkai.hotline.models import Ticket
from gongkai.numbering.models import Sequence

pytestmark = pytest.mark.django_db

CSV = (
    "工单编号,受理时间,诉求类型,诉求分类,诉求内容,姓名,联系电话,地址\n"
    "SD12345-2026-0001,2026-11-02 09:15:00,投诉,housing-property,小区物业不清运垃圾已经一周,张三,13800001111,某小区\n"
    "SD12345-2026-0002,2026-11-02 10:20:00,咨询,,咨询社保卡补办需要哪些材料,李四,13800002222,\n"
)


def test_rows_become_tickets_with_their_upstream_numbers(agency_a, officer_a):
    result = import_upstream(agency_a, "zhuanban.csv", CSV, officer_a)
    assert len(result.created) == 2 and not result.errors
    first = Ticket.objects.get(upstream_no="SD12345-2026-0001")
    assert first.channel == TicketChannel.UPSTREAM and first.type == "complaint"
    assert first.category.code == "housing-property"
    assert timezone.localtime(first.received_at).hour == 9 and first.registered_by == officer_a


def test_importing_twice_creates_nothing_new(agency_a, officer_a):
    import_upstream(agency_a, "zhuanban.csv", CSV, officer_a)
    numbers = set(Ticket.objects.values_list("ticket_no", flat=True))
    again = import_upstream(agency_a, "zhuanban.csv", CSV, officer_a)
    assert again.created == [] and again.known == 2
    assert set(Ticket.objects.values_list("ticket_no", flat=True)) == numbers


def test_json_is_read_like_csv(agency_a, officer_a):
    data = json.dumps(
        {
            "tickets": [
                {
                    "upstream_no": "U-9",
                    "received_at": "2026-11-03",
                    "type": "suggestion",
                    "content": "建议在公园增加健身器材",
                    "phone": "13800003333",
                }
            ]
        },
        ensure_ascii=False,
    )
    result = import_upstream(agency_a, "x.json", data, officer_a)
    assert len(result.created) == 1 and Ticket.objects.get().type == "suggestion"


def test_a_bad_row_stops_the_file_and_uses_no_number(agency_a, officer_a):
    bad = CSV + "SD12345-2026-0003,不是时间,投诉,,内容足够长的诉求内容,王五,13800004444,\n"
    result = import_upstream(agency_a, "zhuanban.csv", bad, officer_a)
    assert result.created == [] and "第 4 行" in result.errors[0]
    assert (
        Ticket.objects.count() == 0
        and not Sequence.objects.filter(scope__startswith="hotline").exists()
    )
    partial = import_upstream(agency_a, "zhuanban.csv", bad, officer_a, skip_invalid=True)
    assert len(partial.created) == 2


def test_the_cli_imports_and_reports(agency_a, officer_a, tmp_path, capsys):
    from gongkai.cli import main

    path = tmp_path / "zhuanban.csv"
    path.write_text(CSV, encoding="utf-8")
    args = [
        "hotline",
        "import-upstream",
        str(path),
        "--agency",
        agency_a.code,
        "--as",
        officer_a.username,
    ]
    for expected in ("新建 2 件", "新建 0 件，已存在（未重复导入）2 件"):
        with pytest.raises(SystemExit) as done:
            main(args)
        assert done.value.code == 0 and expected in capsys.readouterr().out
    with pytest.raises(SystemExit) as missing:
        main(
            [
                "hotline",
                "import-upstream",
                str(tmp_path / "nope.csv"),
                "--agency",
                agency_a.code,
                "--as",
                officer_a.username,
            ]
        )
    assert missing.value.code == 2 and "文件不存在" in capsys.readouterr().err
