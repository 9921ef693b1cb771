"""Batch import of published annual reports: a folder or ZIP of TXT/HTML/PDF/DOCX files →
figures of the bodies in the tree, each cell with provenance "解析自 FILE".

A file is stored only when its body is certain (its code in the file name, or exactly one body
whose name or short name the report or the file name carries); the others go to a review list
with the likeliest bodies. Re-importing the same files changes nothing: a cell is written only
when its value or source differs, and never over a figure the platform computed or a person
entered.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path, PurePosixPath

from django.db import connection, transaction
from django.utils import timezone
from rapidfuzz import fuzz, process

from gongkai.agencies.models import Agency
from gongkai.audit.services import record

from .actions import FIGURES_IMPORT
from .formats import get
from .models import Figure, Provenance, Report
from .parse import ParseError, ParseResult, parse_bytes

SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".shtml", ".pdf", ".docx", ".json"}
COMMIT_EVERY = 50
MAX_FILE = 50 * 1024 * 1024  # a member of a ZIP larger than this is not read (zip bombs)

COMPLETE, PROBLEMS, UNREADABLE, REVIEW, SKIPPED = (
    "complete",
    "problems",
    "unreadable",
    "review",
    "skipped",
)
STATUS_LABELS = {
    COMPLETE: "完整",
    PROBLEMS: "有问题",
    UNREADABLE: "无法读取",
    REVIEW: "待人工确认",
    SKIPPED: "未导入",
}


class BatchError(Exception):
    """The source as a whole cannot be read (not a folder, not a ZIP); one Chinese sentence."""


@dataclass
class Outcome:
    file: str
    status: str
    reason: str = ""
    agency: str = ""
    agency_code: str = ""
    year: int | None = None
    format: str = ""
    changed: int = 0
    cells_read: int = 0
    cells_missing: int = 0
    candidates: list[str] = field(default_factory=list)  # likely bodies, for the review list

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def counts(self) -> Counter:
        return Counter(o.status for o in self.outcomes)

    def reasons(self) -> Counter:
        """(status, reason) → number of files, for the summary table."""
        return Counter((o.status, o.reason) for o in self.outcomes if o.status != COMPLETE)

    @property
    def review(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == REVIEW]


# --- sources -----------------------------------------------------------------------------


def _zip_name(info: zipfile.ZipInfo) -> str:
    """Member name; Chinese Windows tools write GBK names without the UTF-8 flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _wanted(name: str) -> bool:
    p = PurePosixPath(name)
    if any(part.startswith(".") or part == "__MACOSX" for part in p.parts):
        return False
    return p.suffix.lower() in SUFFIXES


def iter_sources(source: Path | bytes, name: str = "") -> Iterator[tuple[str, bytes | None]]:
    """(file name, bytes or None when too large) of every report file in a folder or ZIP."""
    if isinstance(source, bytes | bytearray):
        yield from _iter_zip(bytes(source), name or "upload.zip")
        return
    if source.is_dir():
        for p in sorted(source.rglob("*")):
            if p.is_file() and _wanted(str(p.relative_to(source))):
                size = p.stat().st_size
                yield str(p.relative_to(source)), (p.read_bytes() if size <= MAX_FILE else None)
        return
    if source.is_file() and zipfile.is_zipfile(source):
        yield from _iter_zip(source.read_bytes(), source.name)
        return
    if source.is_file() and _wanted(source.name):
        yield source.name, source.read_bytes()
        return
    if not source.exists():
        raise BatchError(f"找不到“{source}”：应为文件夹或 ZIP 文件。")
    raise BatchError(f"“{source}”不是文件夹，也不是 ZIP 文件。")


def _iter_zip(data: bytes, name: str) -> Iterator[tuple[str, bytes | None]]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise BatchError(f"{name} 不是有效的 ZIP 文件。") from None
    with zf:
        for info in sorted(zf.infolist(), key=lambda i: i.filename):
            member = _zip_name(info)
            if info.is_dir() or not _wanted(member):
                continue
            yield member, (zf.read(info) if info.file_size <= MAX_FILE else None)


def count_sources(source: Path | bytes) -> int:
    if isinstance(source, bytes | bytearray):
        with zipfile.ZipFile(io.BytesIO(source)) as zf:
            return sum(1 for i in zf.infolist() if not i.is_dir() and _wanted(_zip_name(i)))
    if source.is_dir():
        return sum(
            1 for p in source.rglob("*") if p.is_file() and _wanted(str(p.relative_to(source)))
        )
    if source.is_file() and zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as zf:
            return sum(1 for i in zf.infolist() if not i.is_dir() and _wanted(_zip_name(i)))
    return 1 if source.is_file() else 0


# --- matching bodies -----------------------------------------------------------------------

_BRACKETS = re.compile(r"[（(][^）)]*[）)]")
_REPORT_WORDS = re.compile(r"\d{4}年?度?|政府信息公开|政务公开|工作|年度报告|报告|关于|的")


def _key(text: str) -> str:
    t = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"[\s\u3000]+", "", _BRACKETS.sub("", t))


class BodyMatcher:
    """Bodies of the tree (under one body, or all) by code, name and short name."""

    def __init__(self, under: Agency | None = None):
        qs = Agency.objects.subtree_of(under) if under is not None else Agency.objects.all()
        self.bodies = {
            a["id"]: a for a in qs.filter(is_active=True).values("id", "code", "name", "short_name")
        }
        self.by_code = {a["code"].lower(): i for i, a in self.bodies.items()}
        self._objects: dict[int, Agency] = {}
        self.by_name: dict[str, list[int]] = {}
        for i, a in self.bodies.items():
            for n in {_key(a["name"]), _key(a["short_name"])} - {""}:
                self.by_name.setdefault(n, []).append(i)
        self.names = sorted(self.by_name)

    def agency(self, pk: int) -> Agency:
        if pk not in self._objects:
            self._objects[pk] = Agency.objects.get(pk=pk)
        return self._objects[pk]

    def restrict(self, allowed: set[int]) -> None:
        """Only these bodies may be matched (the uploader's own scope)."""
        self.bodies = {i: a for i, a in self.bodies.items() if i in allowed}
        self.by_code = {c: i for c, i in self.by_code.items() if i in allowed}
        self.by_name = {
            n: [i for i in ids if i in allowed]
            for n, ids in self.by_name.items()
            if any(i in allowed for i in ids)
        }
        self.names = sorted(self.by_name)

    def match(self, agency: str | None, file_name: str) -> tuple[int | None, list[str], str]:
        """(body id when certain, likely bodies for the review list, how it was matched)."""
        stem = PurePosixPath(file_name).stem
        for token in re.split(r"[\s_\-—.·/]+", stem.lower()) + [stem.lower()]:
            if token in self.by_code:
                return self.by_code[token], [], "文件名中的机关代码"
        # names must match whole: a title containing a body's name may be a body below it
        # (平潭综合实验区君山片区管理局 is not 平潭综合实验区), and that is for a person to decide
        for text, how in ((agency, "报告标题中的机关名称"), (stem, "文件名中的机关名称")):
            for k in (_key(text or ""), _REPORT_WORDS.sub("", _key(text or ""))):
                ids = self.by_name.get(k) if k else None
                if ids is not None and len(ids) == 1:
                    return ids[0], [], how
        query = _REPORT_WORDS.sub("", _key(agency or stem))
        likely = process.extract(query, self.names, scorer=fuzz.WRatio, limit=3) if query else []
        return None, [self.bodies[self.by_name[n][0]]["name"] for n, s, _ in likely if s >= 60], ""


# --- storing -------------------------------------------------------------------------------


class _Skip(Exception):
    pass


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def store(agency: Agency, year: int, r: ParseResult, file_name: str, actor) -> int:
    """Write the parsed cells of one report; returns the number of cells changed."""
    source = f"解析自 {file_name}"[:300]
    report = Report.objects.filter(agency=agency, year=year).first()
    created = report is None
    if report is None:
        report = Report.objects.create(agency=agency, year=year, format=r.format)
    report.agency = agency  # the ledger reads it; no second query
    if report.format != r.format:
        raise _Skip(f"该机关 {year} 年的年报已按格式 {report.format} 编制，文件是格式 {r.format}")
    if report.is_frozen:
        raise _Skip("该年报已审定，统计数已冻结")
    fmt = get(r.format)
    existing = {} if created else {f.key: f for f in report.figures.all()}
    new: list[tuple] = []
    changed: list[Figure] = []
    now = timezone.now()
    for key, cell in r.cells.items():
        if cell.status == "missing":
            continue  # never overwrite a stored figure with "not found"
        value = _decimal(fmt.coerce(key, cell.value))
        src = source if cell.status != "inferred" else f"{source}（由勾稽关系推算）"[:300]
        f = existing.get(key)
        if f is None:
            new.append((report.pk, key, value, Provenance.IMPORTED.value, src))
        elif f.provenance == Provenance.IMPORTED and (f.value != value or f.source != src):
            f.value, f.source, f.updated_at = value, src, now
            changed.append(f)
    if new:
        _insert(new, now)
    if changed:
        Figure.objects.bulk_update(changed, ["value", "source", "updated_at"], batch_size=500)
    n = len(new) + len(changed)
    if n or created:
        after = {"source": source, "changed": n, "format": r.format}
        if created:
            after["created"] = True
        record(FIGURES_IMPORT, report, after=after, actor=actor)
    return n


def _insert(rows: list[tuple], now) -> None:
    """Many figure rows in one statement: the ORM's per-field preparation of bulk_create costs
    more than the database does for 200 rows."""
    table = connection.ops.quote_name(Figure._meta.db_table)
    stamp = connection.ops.adapt_datetimefield_value(now)
    q = connection.ops.quote_name
    columns = ", ".join(
        q(c) for c in ("report_id", "key", "value", "provenance", "source", "updated_at")
    )
    sql = f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s)"
    decimal_field = Figure._meta.get_field("value")
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                (
                    rid,
                    key,
                    connection.ops.adapt_decimalfield_value(
                        value, decimal_field.max_digits, decimal_field.decimal_places
                    ),
                    prov,
                    src,
                    stamp,
                )
                for rid, key, value, prov, src in rows
            ],
        )


def import_one(
    name: str,
    data: bytes | None,
    matcher: BodyMatcher,
    year: int | None,
    actor,
) -> Outcome:
    if data is None:
        return Outcome(name, UNREADABLE, "文件过大，未读取")
    try:
        r = parse_bytes(data, PurePosixPath(name).name)
    except ParseError as exc:
        return Outcome(name, UNREADABLE, _reason(str(exc)))
    out = Outcome(name, COMPLETE if r.exit_code == 0 else PROBLEMS, format=r.format)
    out.cells_read = sum(c.status in ("read", "blank") for c in r.cells.values())
    out.cells_missing = sum(c.status == "missing" for c in r.cells.values())
    if r.exit_code:
        out.reason = _problem_reason(r)
    if year is not None and r.year is not None and r.year != year:
        out.status, out.reason, out.year = REVIEW, f"文件是 {r.year} 年的，不是 {year} 年", r.year
        return out
    out.year = r.year or year
    if out.year is None:
        out.status, out.reason = REVIEW, "无法识别年度（可用 --year 指定）"
        return out
    body, likely, how = matcher.match(r.agency, name)
    if body is None:
        out.status, out.candidates = REVIEW, likely
        out.reason = f"机关“{r.agency or PurePosixPath(name).stem}”无法确定对应哪个机关"
        return out
    out.agency, out.agency_code = matcher.bodies[body]["name"], matcher.bodies[body]["code"]
    try:
        with transaction.atomic():
            out.changed = store(matcher.agency(body), out.year, r, name, actor)
    except _Skip as exc:
        out.status, out.reason = SKIPPED, str(exc)
    return out


def _reason(message: str) -> str:
    """The kind of failure, short enough to group files by (the first clause)."""
    return re.split(r"[：:（(]", message, maxsplit=1)[0].rstrip("。")


def _problem_reason(r: ParseResult) -> str:
    kinds = []
    if r.missing:
        kinds.append("缺行")
    if any(c.status == "inferred" for c in r.cells.values()):
        kinds.append("有推算")
    if any(p.rule.startswith("R") for p in r.problems):
        kinds.append("勾稽不符")
    if any(p.rule.startswith("TEXT") for p in r.problems):
        kinds.append("正文与表不符")
    return "、".join(kinds) or "有问题"


def import_reports(
    source: Path | bytes,
    *,
    actor,
    under: Agency | None = None,
    year: int | None = None,
    progress: Callable[[Outcome], None] | None = None,
    name: str = "",
) -> Summary:
    matcher = BodyMatcher(under)
    summary = Summary()
    files = iter_sources(source, name)
    while True:
        # one commit per chunk of files (each file still in its own savepoint): a commit per
        # file would cost SQLite a disk sync each
        with transaction.atomic():
            chunk = 0
            for file_name, data in files:
                outcome = import_one(file_name, data, matcher, year, actor)
                summary.outcomes.append(outcome)
                if progress is not None:
                    progress(outcome)
                chunk += 1
                if chunk == COMMIT_EVERY:
                    break
        if chunk < COMMIT_EVERY:
            return summary
