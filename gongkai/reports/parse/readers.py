"""File → (full text, candidate rows). One reader per file type."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

from .base import Cand, ParseError, cell_number
from .text import text_candidates

_UNITS = {"条", "件", "次", "篇", "个", "人", "人次", "万元", "元", "项"}


def _grid_cands(grid: list[list[str | None]], page: int = 0, table: int = 0) -> list[Cand]:
    """Rows of an expanded table (spans repeated) → candidates with positional cells."""
    cands = []
    for rno, row in enumerate(grid, 1):
        cells = [(c or "").strip() for c in row]
        # the label is every text cell before the trailing run of value cells; spans repeat a
        # text (HTML, DOCX) or leave it empty (pdfplumber), so keep each text once
        last_text = -1
        for i, c in enumerate(cells):
            if c and not cell_number(c)[0] and c not in _UNITS:
                last_text = i
        labels: list[str] = []
        for c in cells[: last_text + 1]:
            if c and (not labels or labels[-1] != c):
                labels.append(c)
        rest = cells[last_text + 1 :]
        units = [c for c in rest if c in _UNITS]
        values: list[str | None] = [c if c else None for c in rest if c not in _UNITS]
        label = "".join(labels)
        cands.append(
            Cand(
                label=label,
                leaf=labels[-1] if labels else "",
                cells=values,
                units=units,
                page=page,
                line=rno,
                table=table,
            )
        )
    for i, c in enumerate(cands):
        c.context = "".join(x.label for x in cands[max(0, i - 3) : i])
    return cands


def _expand(rows: list[list[tuple[str, int, int]]]) -> list[list[str | None]]:
    """HTML-style rows of (text, rowspan, colspan) → a full grid with spanned text repeated."""
    grid: dict[tuple[int, int], str] = {}
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for text, rs, cs in row:
            while (r, c) in grid:
                c += 1
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = text
            c += cs
            width = max(width, c)
    # a ragged row (no colspan on its label, as pages flattened by hand come) ends at its own
    # last cell: padding it to the table's width would shift its values to the left columns
    ends: dict[int, int] = {}
    for r, c in grid:
        ends[r] = max(ends.get(r, 0), c + 1)
    return [[grid.get((r, c)) for c in range(ends.get(r, 0))] for r in range(len(rows))]


def read_html(data: bytes) -> tuple[str, list[Cand]]:
    from selectolax.lexbor import LexborHTMLParser

    html = _decode(data)
    tree = LexborHTMLParser(html)
    for bad in tree.css("script, style"):
        bad.decompose()
    cands: list[Cand] = []
    n_tables = 0
    for table in tree.css("table"):
        if len(table.css("table")) > 1:
            continue  # layout table around a data table; the inner one is read itself
        rows = []
        for tr in table.css("tr"):
            row = []
            for td in tr.css("td, th"):
                text = td.text(separator="", strip=True)

                def _span(name: str, td=td) -> int:
                    try:
                        return max(1, min(100, int(td.attributes.get(name) or 1)))
                    except ValueError:
                        return 1

                row.append((text, _span("rowspan"), _span("colspan")))
            rows.append(row)
        cands.extend(_grid_cands(_expand(rows), table=n_tables))
        n_tables += 1
    body = tree.body
    text = body.text(separator="\n") if body is not None else tree.text(separator="\n")
    return text, cands


# The upload policy's bounds on a ZIP-based file (gongkai/core/uploads.py, 100 MB and 100 : 1
# by default) as plain numbers: this package runs in worker processes without Django settings.
# A DOCX inside a batch ZIP is stored at its compressed size, so the archive's own checks never
# see what it inflates to.
DOCX_MAX_UNCOMPRESSED = 100 * 1024 * 1024
DOCX_MAX_RATIO = 100


def _check_package(data: bytes) -> None:
    """Refuse a DOCX bomb from its central directory, before anything is inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ParseError("无法打开 Word 文件：文件已损坏或不是 DOCX 格式") from None
    total = sum(i.file_size for i in infos)
    if total > DOCX_MAX_UNCOMPRESSED or any(
        i.file_size > 1024 * 1024 and i.file_size > DOCX_MAX_RATIO * max(i.compress_size, 1)
        for i in infos
    ):
        raise ParseError(
            f"疑似压缩炸弹：Word 文件解压后达{total / 1024 / 1024:.0f}MB或压缩比异常，未读取"
        )


def read_docx(data: bytes) -> tuple[str, list[Cand]]:
    from docx import Document

    _check_package(data)
    try:
        doc = Document(io.BytesIO(data))
    except Exception:  # python-docx raises several types for broken packages
        raise ParseError("无法打开 Word 文件：文件已损坏或不是 DOCX 格式") from None
    text = "\n".join(p.text for p in doc.paragraphs)
    cands: list[Cand] = []
    for tno, table in enumerate(doc.tables):
        grid = [[cell.text for cell in row.cells] for row in table.rows]
        cands.extend(_grid_cands(grid, table=tno))
    return text, cands


def read_pdf(data: bytes) -> tuple[str, list[Cand]]:
    import pdfplumber
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ParseError("PDF 文件已加密（需要打开密码），无法读取；请提供未加密的文件。")
    except PdfReadError:
        raise ParseError("无法读取 PDF 文件：文件已损坏或不完整") from None
    texts: list[str] = []
    cands: list[Cand] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            n_chars = 0
            n_tables = 0
            for pno, page in enumerate(pdf.pages):
                n_chars += len(page.chars)
                texts.append(page.extract_text() or "")
                for table in page.extract_tables():
                    cands.extend(_grid_cands(table, page=pno, table=n_tables))
                    n_tables += 1
    except ParseError:
        raise
    except Exception:
        raise ParseError("无法读取 PDF 文件：文件已损坏或不完整") from None
    if n_chars == 0:
        raise ParseError(
            "PDF 没有文字层（可能是扫描图片），无法读取；请提供文字版 PDF 或先做文字识别。"
        )
    text = "\n".join(texts)
    if not any(c.has_values for c in cands):
        # no ruled tables: fall back to the text layer laid out in columns
        cands = text_candidates(pdf_layout_text(data))
    return text, cands


def pdf_layout_text(data: bytes) -> str:
    import pdfplumber

    layout = _pdftotext(data)
    if layout is None:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            layout = "\f".join(p.extract_text(layout=True) or "" for p in pdf.pages)
    return layout


def _pdftotext(data: bytes) -> str | None:
    exe = shutil.which("pdftotext")
    if not exe:
        return None
    try:
        out = subprocess.run(
            [exe, "-layout", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.stdout.decode("utf-8", "replace") if out.returncode == 0 else None


def _decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ParseError("无法识别文本编码（支持 UTF-8 和 GB18030）。")


def read_text(data: bytes) -> tuple[str, list[Cand]]:
    text = _decode(data)
    return text, text_candidates(text)


def sniff(path: Path, data: bytes) -> str:
    ext = path.suffix.lower()
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if ext in (".docx", "") or b"word/" in data[:2000]:
            return "docx"
        raise ParseError(f"不支持的文件类型：{path.name}（可读取 TXT、HTML、DOCX、PDF）")
    if ext == ".pdf":
        raise ParseError(f"{path.name} 不是有效的 PDF 文件。")
    if ext == ".docx":
        raise ParseError(f"{path.name} 不是有效的 Word（DOCX）文件。")
    if ext == ".doc" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ParseError("不支持旧版 Word（.doc）文件；请另存为 .docx 后再读取。")
    head = data[:2000].lower()
    if (
        ext in (".html", ".htm")
        or b"<html" in head
        or b"<table" in head
        or b"<!doctype html" in head
    ):
        return "html"
    if b"\x00" in data[:4000]:
        raise ParseError(f"不支持的文件类型：{path.name}（可读取 TXT、HTML、DOCX、PDF）")
    return "txt"


READERS = {"txt": read_text, "html": read_html, "docx": read_docx, "pdf": read_pdf}
