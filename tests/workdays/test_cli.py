"""The `gongkai calendar|clock|fee|scan` commands: output and exit codes."""

import json

import pytest

from gongkai.cli import main


def run(capsys, *args):
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def test_is_workday_answers_yes_for_a_make_up_saturday(db, capsys):
    assert run(capsys, "calendar", "is-workday", "2026-10-10") == (0, "是\n", "")
    assert run(capsys, "calendar", "is-workday", "2026-10-07") == (0, "否\n", "")


def test_is_workday_says_when_the_year_is_provisional(db, capsys):
    code, out, _ = run(capsys, "calendar", "is-workday", "2027-10-10")
    assert (code, out) == (0, "否（临时：该年度未录入国务院放假通知）\n")


def test_add_prints_the_date_first_and_the_provisional_note_second(db, capsys):
    assert run(capsys, "calendar", "add", "2026-09-30", "20") == (0, "2026-11-03\n", "")
    code, out, _ = run(capsys, "calendar", "add", "2026-12-20", "20")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "2027-01-15"
    assert lines[1].startswith("（临时：2027年未录入国务院放假通知")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("calendar", "is-workday", "2026-02-30"), "错误：日期“2026-02-30”无效"),
        (("calendar", "add", "2026-13-01", "5"), "错误：日期“2026-13-01”无效"),
        (("calendar", "add", "2026-03-01", "-3"), "错误：工作日数不能小于0：-3"),
        (("fee", "per-page", "-1"), "错误：页数不能小于0：-1"),
        (("fee", "per-request", "十"), "错误：申请件数“十”不是整数"),
        (("calendar", "import", "/nonexistent.csv", "--as", "admin"), "错误：无法读取文件"),
        (("scan", "/nonexistent.txt"), "错误：文件不存在"),
    ],
)
def test_bad_input_exits_2_with_one_chinese_line(db, capsys, args, message):
    code, out, err = run(capsys, *args)
    assert code == 2
    assert err.startswith(message) and err.count("\n") == 1
    assert "Traceback" not in err


def test_fees_print_the_amount_then_the_breakdown(capsys):
    code, out, _ = run(capsys, "fee", "per-request", "45")
    assert code == 0
    assert out.splitlines() == [
        "5500元",
        "第1–10件：免费（10件）",
        "第11–30件：20件 × 100元/件 = 2000元",
        "第31–40件：10件 × 200元/件 = 2000元",
        "第41–45件：5件 × 300元/件 = 1500元",
    ]
    assert run(capsys, "fee", "per-page", "250")[1].splitlines()[0] == "4700元"
    assert run(capsys, "fee", "per-page", "30")[1] == "0元\n第1–30页：免费（30页）\n"


def test_import_reads_a_csv_notice(admin_user, capsys, tmp_path):
    path = tmp_path / "2027.csv"
    path.write_text(
        "date,kind,name\n2027-10-01,放假,国庆节\n2027-09-26,上班,国庆节\n", encoding="utf-8"
    )
    code, out, _ = run(capsys, "calendar", "import", str(path), "--as", admin_user.username)
    assert code == 0 and out.startswith("新增2天")
    from gongkai.audit.models import Event

    assert set(Event.objects.values_list("actor_name", flat=True)) == {admin_user.username}
    assert run(capsys, "calendar", "is-workday", "2027-09-26") == (0, "是\n", "")


def test_import_rejects_a_bad_line(admin_user, capsys, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("date,kind\n2027-01-05,上班\n", encoding="utf-8")
    code, _, err = run(capsys, "calendar", "import", str(path), "--as", admin_user.username)
    assert code == 2 and "2027-01-05 是星期二，本来就是工作日" in err


def _events(tmp_path, data):
    path = tmp_path / "events.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_clock_explain_prints_one_line_per_step(db, capsys, tmp_path):
    path = _events(
        tmp_path,
        [
            {"kind": "received", "on": "2026-03-02", "channel": "in_person"},
            {"kind": "replied", "on": "2026-03-20"},
        ],
    )
    code, out, _ = run(capsys, "clock", "explain", path)
    lines = out.splitlines()
    assert code == 0
    assert lines[1] == "2026-03-02 当面收到申请；次日起算，20个工作日内答复，截止 2026-03-30"
    assert "状态：已答复" in lines and "办结情况：按时办结" in lines


def test_clock_explain_json_with_options_and_today(db, capsys, tmp_path):
    path = _events(
        tmp_path,
        {
            "events": [
                {"kind": "received", "on": "2026-03-02", "channel": "in_person"},
                {"kind": "fee_notice", "on": "2026-03-10"},
                {"kind": "fee_paid", "on": "2026-03-20"},
            ],
            "today": "2026-03-23",
            "options": {"fee_pauses_clock": True},
        },
    )
    code, out, _ = run(capsys, "clock", "explain", path, "--json")
    data = json.loads(out)
    assert code == 0
    assert data["due_date"] == "2026-04-10"
    assert data["as_of"] == "2026-03-23"
    assert data["status"] == "open"
    assert data["calendar_version"] == "v1"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([{"kind": "received", "on": "2026-03-02", "channel": "pigeon"}], "未知的收件渠道“pigeon”"),
        (
            [
                {"kind": "received", "on": "2026-03-02", "channel": "in_person"},
                {"kind": "replied", "on": "2026-03-01"},
            ],
            "事件顺序错误",
        ),
        ({"events": [], "options": {"fast": True}}, "未知的选项：fast"),
        ({"no": "events"}, "JSON 应为事件数组"),
    ],
)
def test_clock_explain_rejects_bad_events(db, capsys, tmp_path, data, message):
    code, _, err = run(capsys, "clock", "explain", _events(tmp_path, data))
    assert code == 2 and message in err


def test_scan_exits_1_and_masks_what_it_finds(db, capsys, tmp_path):
    source = tmp_path / "page.html"
    source.write_text(
        "<html><body><p>申请人：张三，手机 138 1234 5678</p><p>咨询电话：0533-6418888</p></body></html>",
        encoding="utf-8",
    )
    masked = tmp_path / "masked.txt"
    code, out, _ = run(
        capsys, "scan", str(source), "--mask", str(masked), "--allow", "0533-6418888"
    )
    assert code == 1
    assert out.splitlines()[0] == "第1行第11列\t手机号码\t138****5678"
    assert "138****5678" in masked.read_text(encoding="utf-8")
    assert "13812345678" not in out


def test_scan_exits_0_on_a_clean_file(db, capsys, tmp_path):
    source = tmp_path / "clean.txt"
    source.write_text("索引号：000014349/2017-00110，发布日期：2026-03-02。", encoding="utf-8")
    assert run(capsys, "scan", str(source)) == (0, "未发现个人信息或密级标志\n", "")
