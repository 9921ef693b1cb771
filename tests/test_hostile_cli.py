"""The CLI's file readers with hostile files (issue 15, point 1): random bytes, a plausible file
cut short, GB18030 or UTF-16 instead of UTF-8, NUL, numbers of 5000 digits, a hostile value in
one field, a ZIP bomb where the format is a ZIP. Each answer is the command's own: exit 0, exit 1
with its report, or a Chinese line with exit 2 — never "内部错误" (the CLI's last resort for an
exception it did not expect) nor a traceback; a refused file writes nothing."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.cli import main
from gongkai.core.backup import FORMAT
from gongkai.hotline.models import Call, Ticket
from gongkai.workdays.models import CalendarDay
from tests.hostile import CHINESE, hostile

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None
)


def bomb() -> bytes:
    """A ZIP whose one member inflates 1000-fold (30 MB of zeros)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 30_000_000)
    return buffer.getvalue()


def contents(sample: str) -> st.SearchStrategy[bytes]:
    """`sample` (a plausible file with one slot `{}`) with a hostile value in the slot, cut
    short, in another encoding; or bytes that are no such file at all."""
    filled = hostile.map(lambda v: sample.replace("{}", v).encode("utf-8", "surrogatepass"))
    plain = sample.replace("{}", "1").encode()
    return st.one_of(
        filled,
        st.integers(0, len(plain)).map(lambda n: plain[:n]),
        st.sampled_from(
            [
                sample.replace("{}", "一").encode("gb18030"),
                sample.replace("{}", "一").encode("utf-16"),
                plain.replace(b"1", b"\x00"),
                sample.replace("{}", "9" * 5000).encode(),
            ]
        ),
        st.binary(max_size=300),
    )


def run(capsys, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    code = exit_info.value.code
    assert code in (0, 1, 2), (code, err)
    assert "内部错误" not in err and "Traceback" not in err + out, err
    if code == 2:  # every line in Chinese: no library's English warning before ours
        assert all(CHINESE.search(line) for line in err.splitlines() if line.strip()), err
    return code, err


def snapshot() -> tuple:
    return (
        sorted(Ticket.objects.values_list("pk", "content")),
        sorted(Call.objects.values_list("pk", "duration")),
        sorted(CalendarDay.objects.values_list("pk", "day", "kind")),
    )


UPSTREAM = (
    "工单编号,受理时间,诉求类型,诉求分类,诉求内容,姓名,联系电话,地址\n"
    "SD-1,2026-11-02 09:15:00,投诉,housing-property,小区物业不清运垃圾{},张三,13800001111,某小区\n"
)
UPSTREAM_JSON = json.dumps(
    [{"工单编号": "SD-2", "受理时间": "2026-11-02 09:15:00", "诉求类型": "咨询", "诉求内容": "{}"}],
    ensure_ascii=False,
)
CALLS = "call_id,started_at,caller,answered,duration,agent\nr1,2026-11-02 09:00:00,138,是,{},a\n"
CALENDAR = "date,kind,name\n2027-10-0{},放假,国庆节\n"
CALENDAR_JSON = '[{"date": "2027-10-01", "kind": "{}", "name": "国庆节"}]'

READERS = {
    "hotline import-upstream (CSV)": ("zhuanban.csv", UPSTREAM),
    "hotline import-upstream (JSON)": ("zhuanban.json", UPSTREAM_JSON),
    "hotline import-calls": ("calls.csv", CALLS),
    "calendar import (CSV)": ("2027.csv", CALENDAR),
    "calendar import (JSON)": ("2027.json", CALENDAR_JSON),
}


def _args(reader: str, path: str) -> list[str]:
    if reader.startswith("hotline import-upstream"):
        return ["hotline", "import-upstream", path, "--agency", "body-a", "--as", "officer_a"]
    if reader == "hotline import-calls":
        return ["hotline", "import-calls", path, "--agency", "body-a"]
    return ["calendar", "import", path, "--as", "admin_user"]


@pytest.mark.parametrize("reader", READERS)
def test_a_text_import_answers_any_file(
    reader, agency_a, officer_a, admin_user, capsys, tmp_path_factory
):
    name, sample = READERS[reader]

    @HYPOTHESIS
    @given(body=contents(sample))
    def check(body):
        path = tmp_path_factory.mktemp("in") / name
        path.write_bytes(body)
        before = snapshot()
        code, _ = run(capsys, *_args(reader, str(path)))
        if code != 0:
            assert snapshot() == before  # nothing half-written

    check()


@HYPOTHESIS
@given(data=st.one_of(hostile, st.binary(max_size=100).map(lambda b: b.decode("latin-1")),
                      st.dictionaries(hostile, hostile, max_size=3).map(json.dumps)))  # fmt: skip
def test_step_run_answers_any_data(agency_a, officer_a, capsys, data):
    from tests.publishing.helpers import draft

    item = draft(agency_a, officer_a)
    code, _ = run(
        capsys, "step", "run", "publishing.item", str(item.pk), "submit", "--as", "officer_a",
        "--data", data.replace("\x00", ""),  # a NUL cannot be an argument to a real process
    )  # fmt: skip
    if code != 0:
        item.refresh_from_db()
        assert item.status == "draft"


@HYPOTHESIS
@given(files=st.dictionaries(
    st.sampled_from(["anchor-1.json", "anchor-2026-12-01.json", "x.txt", "anchor-.json"]),
    st.one_of(st.binary(max_size=200), hostile.map(str.encode),
              st.builds(lambda h, n: json.dumps({"head": h, "count": n}).encode(), hostile,
                        st.integers(-(2**70), 2**70))),
    max_size=3,
))  # fmt: skip
def test_audit_verify_answers_any_anchor_folder(db, capsys, tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("anchors")
    for name, body in files.items():
        (folder / name).write_bytes(body)
    code, _ = run(capsys, "audit", "verify", "--anchors", str(folder))
    assert code in (1, 2)  # no file here is an anchor gongkai signed


SCANNED = {".txt": "身份证 {} 电话", ".html": "<p>{}</p>", ".docx": "", ".pdf": ""}


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(suffix=st.sampled_from(sorted(SCANNED)), body=st.data())
def test_scan_answers_any_file(db, capsys, tmp_path_factory, suffix, body):
    content = body.draw(
        contents(SCANNED[suffix])
        if SCANNED[suffix]
        else st.one_of(st.binary(max_size=300), st.just(bomb()))
    )
    path = tmp_path_factory.mktemp("scan") / f"f{suffix}"
    path.write_bytes(content)
    code, _ = run(capsys, "scan", str(path))
    if suffix in (".docx", ".pdf"):  # never "未发现" for a document that could not be read
        assert code != 0


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(
    body=st.one_of(st.binary(max_size=300), st.just(bomb()), st.just(b"PK\x03\x04" + b"\x00" * 40))
)
def test_section_two_import_answers_any_file(agency_a, officer_a, capsys, tmp_path_factory, body):
    from gongkai.publishing.models import SectionTwoEntry

    path = tmp_path_factory.mktemp("s2") / "第二部分.xlsx"
    path.write_bytes(body)
    code, _ = run(
        capsys,
        "publishing",
        "import-section2",
        str(path),
        "--agency",
        "body-a",
        "--user",
        "officer_a",
    )
    assert code != 0 and not SectionTwoEntry.objects.exists()


entries = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {
                "path": st.one_of(
                    hostile, st.sampled_from(["../x", "/etc/passwd", "db.sqlite3", "a\x00b"])
                )
            },
            optional={"size": st.one_of(st.integers(-(2**70), 2**70), hostile), "sha256": hostile},
        ),
        hostile,
        st.integers(),
    ),
    max_size=3,
)


@HYPOTHESIS
@given(manifest=st.one_of(
    st.binary(max_size=200),
    st.builds(lambda e, engine: {"format": FORMAT, "engine": engine, "entries": e},
              st.one_of(entries, hostile, st.integers(), st.dictionaries(hostile, hostile, max_size=2)),
              st.one_of(st.sampled_from(["sqlite", "postgresql"]), hostile))
    .map(lambda m: json.dumps(m).encode()),
))  # fmt: skip
def test_restore_answers_any_manifest(db, capsys, tmp_path_factory, manifest):
    """The test database is not empty: whatever the manifest says, the restore is refused."""
    folder = tmp_path_factory.mktemp("backup")
    (folder / "manifest.json").write_bytes(manifest)
    (folder / "db.sqlite3").write_bytes(b"SQLite format 3\x00")
    code, _ = run(capsys, "restore", str(folder))
    assert code == 2


def _report_sample() -> str:
    from pathlib import Path

    text = (Path(__file__).parent / "reports" / "data" / "seed_2017.txt").read_text(
        encoding="utf-8"
    )
    cut = len(text) // 2  # a figure in the tables gets the hostile value
    return text[:cut] + re.sub(r"\d+", "{}", text[cut:], count=1)


@settings(max_examples=16, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(command=st.sampled_from(["parse", "validate", "compare", "import"]), body=st.data())
def test_report_readers_answer_any_file(
    agency_a, officer_a, capsys, tmp_path_factory, command, body
):
    from gongkai.reports.models import Figure, Report

    content = body.draw(contents(_report_sample()))
    path = tmp_path_factory.mktemp("report") / "2017年报.txt"
    path.write_bytes(content)
    args = {
        "parse": ["report", "parse", str(path), "--json"],
        "validate": ["report", "validate", str(path)],
        "compare": ["report", "compare", str(path), str(path)],
        "import": ["report", "import", str(path), "--agency", "body-a", "--user", "officer_a"],
    }[command]
    before = (Report.objects.count(), Figure.objects.count())
    code, _ = run(capsys, *args)
    if code == 2:
        assert (Report.objects.count(), Figure.objects.count()) == before


@pytest.mark.parametrize("entries", ['"x"', '["x"]', "[1]", '[{"path": "a\\u0000b"}]', "{}"])
def test_a_manifest_whose_entries_are_no_list_of_files_is_refused_in_chinese(
    db, capsys, tmp_path, entries
):
    """Were AttributeError/TypeError/ValueError (embedded null byte): '内部错误', exit 1."""
    (tmp_path / "manifest.json").write_text(
        f'{{"format": {json.dumps(FORMAT)}, "entries": {entries}}}'
    )
    code, err = run(capsys, "restore", str(tmp_path))
    assert code == 2 and ("manifest.json" in err or "不在备份目录内" in err)


@pytest.mark.parametrize(
    "reader", ["hotline import-upstream (CSV)", "hotline import-calls", "calendar import (CSV)"]
)
def test_a_bare_carriage_return_in_a_csv_field_is_no_internal_error(
    reader, agency_a, officer_a, admin_user, capsys, tmp_path
):
    """Found on PostgreSQL's pass by the test above (any database): csv.Error "new-line
    character seen in unquoted field" was '内部错误' (exit 1); the CR now ends the line."""
    name, sample = READERS[reader]
    path = tmp_path / name
    path.write_bytes(sample.replace("{}", "1\r2").encode())
    code, _ = run(capsys, *_args(reader, str(path)))
    assert code in (0, 1, 2)
