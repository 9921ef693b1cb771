"""Bad input gets a clear Chinese error (ParseError), never a traceback."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest

from gongkai.reports.document import ReportData
from gongkai.reports.formats import get
from gongkai.reports.parse import ParseError, parse_bytes, parse_file
from gongkai.reports.render import render

DATA = Path(__file__).parent / "data"


def _pdf():
    fmt = get("2021")
    return render(ReportData("2021", 2023, "测试局", {k: 1 for k in fmt.cell_keys()}), "pdf")


def test_a_text_that_is_no_report_is_rejected():
    with pytest.raises(ParseError, match="不是政府信息公开年度报告"):
        parse_bytes("今天天气很好。\n我们去公园散步。\n".encode(), "note.txt")


def test_an_empty_file_is_rejected(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(ParseError, match="空文件"):
        parse_file(p)


def test_a_missing_file_is_rejected():
    with pytest.raises(ParseError, match="文件不存在"):
        parse_file("/nonexistent/report.pdf")


def test_an_encrypted_pdf_is_rejected():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf())))
    writer.encrypt(user_password="secret", owner_password="owner")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(ParseError, match="加密"):
        parse_bytes(buf.getvalue(), "enc.pdf")


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="poppler-utils not installed")
def test_an_image_only_pdf_is_rejected(tmp_path):
    from weasyprint import HTML

    (tmp_path / "r.pdf").write_bytes(_pdf())
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "40",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "r.pdf"),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    png = next(tmp_path.glob("p*.png"))
    scan = HTML(string=f'<img src="{png.as_uri()}" style="width:100%">').write_pdf()
    with pytest.raises(ParseError, match="没有文字层"):
        parse_bytes(scan, "scan.pdf")


def test_a_truncated_table_keeps_what_was_read_and_names_the_missing_rows():
    text = (DATA / "seed_2017.txt").read_text()
    whole = parse_bytes(text.encode(), "seed.txt")
    cut = text[: text.index("五、行政诉讼数量")]
    r = parse_bytes(cut.encode(), "cut.txt")
    assert r.exit_code == 1
    assert "五、行政诉讼数量" in r.missing
    assert any("五、行政诉讼数量" in p.message for p in r.problems if p.rule == "MISSING")
    # every row before the cut is still read, exactly as in the whole report
    assert r.cells["review.total"].status == "read"
    assert r.figures["review.total"] == whole.figures["review.total"]
    assert r.cells["suit.total"].status == "missing" and r.figures["suit.total"] is None
    assert r.cells["train.trainees"].status == "missing"


def test_a_file_that_claims_to_be_pdf_but_is_not_is_rejected():
    with pytest.raises(ParseError, match="不是有效的 PDF"):
        parse_bytes(b"hello world", "x.pdf")


def test_a_broken_docx_is_rejected():
    with pytest.raises(ParseError):
        parse_bytes(b"PK\x03\x04garbage word/ garbage", "x.docx")
