"""`gongkai report import DIR|ZIP`: real published reports matched to the bodies of the tree,
stored with their file as provenance, a review list for the uncertain ones, idempotent."""

import io
import json
import zipfile
from pathlib import Path

import pytest

from gongkai.audit.models import Event
from gongkai.cli import main
from gongkai.reports.batch import import_reports
from gongkai.reports.models import Figure, Provenance, Report
from gongkai.reports.parse.files import parse_ref
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db
DEV = Path(__file__).parent / "data" / "reports-dev"


@pytest.fixture
def tree():
    root = AgencyFactory(code="root", name="测试省人民政府")
    huaian = AgencyFactory(code="huaian", name="淮安市人民政府", parent=root)
    return {
        "root": root,
        "huaian": huaian,
        "hongze": AgencyFactory(code="hongze", name="淮安市洪泽区人民政府", parent=huaian),
        "shanghai": AgencyFactory(code="sh-office", name="上海市人民政府办公厅", parent=root),
        "pingtan": AgencyFactory(code="pingtan", name="平潭综合实验区", parent=root),
        "elsewhere": AgencyFactory(code="other-tree", name="君山片区某局"),
    }


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _corpus_zip(tmp_path) -> Path:
    files = {
        f"报告/{n}.txt": (DEV / f"{n}.txt").read_bytes()
        for n in ("dev-01", "dev-02", "dev-04", "dev-06")
    }
    files["报告/说明.txt"] = "这不是年报。".encode()
    files["__MACOSX/._dev-01.txt"] = b"junk"
    path = tmp_path / "reports.zip"
    path.write_bytes(_zip(files))
    return path


def _run(capsys, *args):
    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def test_a_zip_of_real_reports_is_matched_stored_and_summarised(tree, tmp_path, capsys):
    officer = UserFactory(username="importer")
    path = _corpus_zip(tmp_path)
    code, out, _ = _run(
        capsys, "report", "import", str(path), "--under", "root", "--user", "importer", "--json"
    )
    data = json.loads(out)
    assert code == 1  # some files have problems or need review
    by_file = {f["file"]: f for f in data["files"]}
    assert by_file["报告/dev-01.txt"]["status"] == "complete"
    assert by_file["报告/dev-01.txt"]["agency_code"] == "huaian"
    assert by_file["报告/dev-02.txt"]["status"] == "problems"  # narrative says 17, table 95
    assert by_file["报告/dev-02.txt"]["agency_code"] == "hongze"
    assert by_file["报告/dev-04.txt"]["agency_code"] == "pingtan"
    # 君山片区管理局 is not under root: a review entry, nothing stored
    assert by_file["报告/dev-06.txt"]["status"] == "review"
    assert by_file["报告/说明.txt"]["status"] == "unreadable"
    assert "__MACOSX/._dev-01.txt" not in by_file
    report = Report.objects.get(agency=tree["huaian"], year=2024)
    fig = report.figures.get(key="req.new.total")
    assert (fig.value, fig.provenance, fig.source) == (
        3119,
        Provenance.IMPORTED,
        "解析自 报告/dev-01.txt",
    )
    money = Report.objects.get(agency=tree["pingtan"], year=2019).figures.get(
        key="pub.procurement.amount"
    )
    assert float(money.value) == 7539.443252  # six decimals kept
    assert not Report.objects.filter(agency=tree["elsewhere"]).exists()
    assert Event.objects.filter(action="reports.figures.import", actor=officer).count() == 3


def test_re_importing_the_same_files_changes_nothing(tree, tmp_path, capsys):
    path = _corpus_zip(tmp_path)
    import_reports(path, actor=None, under=tree["root"])
    figures = list(Figure.objects.order_by("pk").values_list("pk", "value", "updated_at"))
    events = Event.objects.count()
    summary = import_reports(path, actor=None, under=tree["root"])
    assert sum(o.changed for o in summary.outcomes) == 0
    assert list(Figure.objects.order_by("pk").values_list("pk", "value", "updated_at")) == figures
    assert Event.objects.count() == events


def test_a_figure_entered_by_hand_is_not_overwritten(tree, tmp_path):
    report = Report.objects.create(agency=tree["huaian"], year=2024, format="2021")
    Figure.objects.create(
        report=report, key="req.new.total", value=1, provenance=Provenance.ENTERED
    )
    import_reports(_corpus_zip(tmp_path), actor=None, under=tree["root"])
    assert report.figures.get(key="req.new.total").value == 1
    assert report.figures.get(key="req.new.person").value == 3001


def test_a_missing_row_never_overwrites_a_stored_figure(tree, tmp_path):
    text = (DEV / "dev-04.txt").read_text()
    import_reports(_write(tmp_path / "a", "pingtan.txt", text), actor=None, under=tree["root"])
    cut = "\n".join(ln for ln in text.split("\n") if not ln.startswith("行政处罚"))
    summary = import_reports(
        _write(tmp_path / "b", "pingtan.txt", cut), actor=None, under=tree["root"]
    )
    assert summary.outcomes[0].status == "problems"
    report = Report.objects.get(agency=tree["pingtan"], year=2019)
    assert report.figures.get(key="pub.penalty.decisions").value == 430


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir()
    (folder / name).write_text(text)
    return folder


def test_a_body_code_in_the_file_name_decides_and_gbk_names_are_read(tree, monkeypatch):
    data = (DEV / "dev-05.txt").read_bytes()  # 平潭综合实验区 2017, Fujian's old table
    buf = io.BytesIO()
    # write the name in GBK without the UTF-8 flag, as Chinese Windows tools do
    monkeypatch.setattr(
        zipfile.ZipInfo,
        "_encodeFilenameFlags",
        lambda self: (self.filename.encode("gb18030"), self.flag_bits),
    )
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo("pingtan_2017年报.txt"), data)
    monkeypatch.undo()
    summary = import_reports(buf.getvalue(), actor=None, name="x.zip")
    (o,) = summary.outcomes
    assert o.file == "pingtan_2017年报.txt"
    assert (o.agency_code, o.year, o.status) == ("pingtan", 2017, "complete")
    report = Report.objects.get(agency=tree["pingtan"], year=2017)
    assert report.figures.get(key="pub.total").value == 2122


def test_a_year_other_than_the_one_asked_for_goes_to_review(tree, tmp_path, capsys):
    folder = _write(tmp_path / "y", "dev-01.txt", (DEV / "dev-01.txt").read_text())
    summary = import_reports(folder, actor=None, year=2023)
    assert summary.outcomes[0].status == "review" and "2024" in summary.outcomes[0].reason
    assert not Report.objects.exists()


def test_the_cli_prints_a_summary_table_and_the_review_list(tree, tmp_path, capsys):
    code, out, _ = _run(capsys, "report", "import", str(_corpus_zip(tmp_path)), "--under", "root")
    assert code == 1
    assert "导入结果：共 5 个文件" in out and "待人工确认" in out and "无法读取" in out
    assert "dev-06.txt" in out


def test_a_folder_that_does_not_exist_exits_2(capsys, db):
    code, _, err = _run(capsys, "report", "import", "/nonexistent/folder")
    assert code == 2 and "找不到" in err


class _Crash(Exception):
    """The process dying in the middle of writing a chunk."""


def test_a_killed_import_leaves_whole_chunks_and_a_second_run_completes_it(
    tree, tmp_path, monkeypatch
):
    from gongkai.reports import batch, batch_store

    monkeypatch.setattr(batch, "CHUNK", 2)
    folder = tmp_path / "k"
    folder.mkdir()
    (folder / "1_huaian.txt").write_bytes((DEV / "dev-01.txt").read_bytes())
    (folder / "2_pingtan.txt").write_bytes((DEV / "dev-04.txt").read_bytes())
    (folder / "3_hongze.txt").write_bytes((DEV / "dev-02.txt").read_bytes())
    real = batch_store._insert
    calls = []

    def dies_in_the_second_chunk(rows, now):
        calls.append(len(rows))
        if len(calls) == 2:
            real(rows[: len(rows) // 2], now)  # half of the chunk is written, then the crash
            raise _Crash
        real(rows, now)

    monkeypatch.setattr(batch_store, "_insert", dies_in_the_second_chunk)
    with pytest.raises(_Crash):
        import_reports(folder, actor=None, under=tree["root"], workers=1)
    # the first chunk (two reports) is complete; nothing at all of the third report
    assert Report.objects.get(agency=tree["huaian"], year=2024).figures.count() == 200
    assert Report.objects.get(agency=tree["pingtan"], year=2019).figures.exists()
    assert not Report.objects.filter(agency=tree["hongze"]).exists()
    monkeypatch.setattr(batch_store, "_insert", real)
    summary = import_reports(folder, actor=None, under=tree["root"], workers=1)
    assert [o.changed for o in summary.outcomes][:2] == [0, 0]
    _, r, _ = parse_ref(batch.list_sources(folder)[2])
    cells = sum(c.status != "missing" for c in r.cells.values())
    assert summary.outcomes[2].changed == cells
    assert Report.objects.get(agency=tree["hongze"], year=2024).figures.count() == cells


def test_a_large_batch_is_parsed_by_worker_processes_with_the_same_result(
    tree, tmp_path, monkeypatch
):
    from gongkai.reports import batch

    monkeypatch.setattr(batch, "CHUNK", 3)
    monkeypatch.setattr(batch, "POOL_FROM", 4)
    folder = tmp_path / "many"
    folder.mkdir()
    for code, dev in (("huaian", "dev-01"), ("hongze", "dev-02"), ("sh-office", "dev-03")):
        (folder / f"{code}.txt").write_bytes((DEV / f"{dev}.txt").read_bytes())
    (folder / "pingtan.txt").write_bytes((DEV / "dev-04.txt").read_bytes())
    inline = [parse_ref(r) for r in batch.list_sources(folder)]
    pooled = import_reports(folder, actor=None, under=tree["root"], workers=2)
    assert [o.file for o in pooled.outcomes] == [r.name for r, _, _ in inline]
    assert [o.status for o in pooled.outcomes] == [
        "complete" if r.exit_code == 0 else "problems" for _, r, _ in inline
    ]
    for ref, r, _ in inline:  # what the workers read is what this process reads
        report = Report.objects.get(agency__code=ref.name[:-4], year=r.year)
        stored = {
            k: None if v is None else float(v)
            for k, v in report.figures.values_list("key", "value")
        }
        assert stored == {k: c.value for k, c in r.cells.items() if c.status != "missing"}
    again = import_reports(folder, actor=None, under=tree["root"], workers=2)
    assert sum(o.changed for o in again.outcomes) == 0


def test_two_files_of_one_body_in_one_chunk_are_applied_in_order(tree, tmp_path):
    folder = tmp_path / "two"
    folder.mkdir()
    text = (DEV / "dev-04.txt").read_text()
    (folder / "a_pingtan.txt").write_text(text)
    changed = text.replace("行政处罚\t2648\t0\t430", "行政处罚\t2648\t0\t431")
    assert changed != text
    (folder / "b_pingtan.txt").write_text(changed)
    summary = import_reports(folder, actor=None, under=tree["root"], workers=1)
    report = Report.objects.get(agency=tree["pingtan"], year=2019)
    fig = report.figures.get(key="pub.penalty.decisions")
    assert (fig.value, fig.source) == (431, "解析自 b_pingtan.txt")
    assert summary.outcomes[1].changed > 0
    assert Event.objects.filter(action="reports.figures.import").count() == 2
