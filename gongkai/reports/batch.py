"""Batch import of published annual reports: a folder or ZIP of TXT/HTML/PDF/DOCX files →
figures of the bodies in the tree, each cell with provenance "解析自 FILE".

A file is stored only when its body is certain (its code in the file name, or exactly one body
whose name or short name the report or the file name carries); the others go to a review list
with the likeliest bodies. Re-importing the same files changes nothing: a cell is written only
when its value or source differs, and never over a figure the platform computed or a person
entered.

Files are parsed in a pool of worker processes (one per core) and stored a chunk at a time,
each chunk in one transaction with bulk writes (`batch_store`): a killed import leaves whole
chunks, never half a report, and running it again completes it.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import tempfile
import unicodedata
import zipfile
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

from django.db import transaction
from rapidfuzz import fuzz, process

from gongkai.agencies.models import Agency
from gongkai.core import uploads

from .batch_store import Item, store_chunk
from .parse import ParseResult
from .parse.files import Ref, close_archives, parse_ref

SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".shtml", ".pdf", ".docx", ".json"}
CHUNK = 100  # files per transaction (a commit per file would cost SQLite a disk sync each)
POOL_FROM = 2 * CHUNK  # fewer files are parsed in this process (starting workers costs ~1 s)

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


@contextmanager
def on_disk(source: Path | bytes) -> Iterator[Path]:
    """A ZIP given in memory (tests, the API) goes to a temporary file like an upload does."""
    if not isinstance(source, bytes | bytearray):
        yield Path(source)
        return
    fd, tmp = tempfile.mkstemp(suffix=".zip", prefix="gongkai-import-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(source)
        yield Path(tmp)
    finally:
        close_archives()
        os.unlink(tmp)


def list_sources(source: Path, name: str = "") -> list[Ref]:
    """Every report file of a folder, a ZIP on disk (checked against the upload policy's bomb
    limits before any member is read) or a single file, as references read later one by one."""
    if source.is_dir():
        return [
            Ref(str(p.relative_to(source)), str(p), "", p.stat().st_size)
            for p in sorted(source.rglob("*"))
            if p.is_file() and _wanted(str(p.relative_to(source)))
        ]
    if source.is_file() and zipfile.is_zipfile(source):
        return _zip_refs(source, name or source.name)
    if source.is_file() and _wanted(source.name):
        return [Ref(source.name, str(source), "", source.stat().st_size)]
    if not source.exists():
        raise BatchError(f"找不到“{source}”：应为文件夹或 ZIP 文件。")
    raise BatchError(f"“{source}”不是文件夹，也不是 ZIP 文件。")


def _zip_refs(path: Path, name: str) -> list[Ref]:
    try:
        infos = uploads.check_archive(path, uploads.REPORT_IMPORT_ZIP, name)
    except uploads.UploadError as exc:
        raise BatchError(str(exc)) from None
    refs = [
        Ref(_zip_name(i), str(path), i.filename, i.file_size)
        for i in infos
        if not i.is_dir() and _wanted(_zip_name(i))
    ]
    return sorted(refs, key=lambda r: r.member)


def count_sources(source: Path | bytes) -> int:
    with on_disk(source) as path:
        return len(list_sources(path))


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
        self.by_name: dict[str, list[int]] = {}
        for i, a in self.bodies.items():
            for n in {_key(a["name"]), _key(a["short_name"])} - {""}:
                self.by_name.setdefault(n, []).append(i)
        self.names = sorted(self.by_name)

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


# --- importing -----------------------------------------------------------------------------


def _outcome(
    ref: Ref, r: ParseResult | None, why: str, matcher: BodyMatcher, year: int | None
) -> tuple[Outcome, int | None]:
    """What became of a parsed file before storing it, and its body when certain."""
    name = ref.name
    if r is None:
        return Outcome(name, UNREADABLE, why), None
    out = Outcome(name, COMPLETE if r.exit_code == 0 else PROBLEMS, format=r.format)
    out.cells_read = sum(c.status in ("read", "blank") for c in r.cells.values())
    out.cells_missing = sum(c.status == "missing" for c in r.cells.values())
    if r.exit_code:
        out.reason = _problem_reason(r)
    if year is not None and r.year is not None and r.year != year:
        out.status, out.reason, out.year = REVIEW, f"文件是 {r.year} 年的，不是 {year} 年", r.year
        return out, None
    out.year = r.year or year
    if out.year is None:
        out.status, out.reason = REVIEW, "无法识别年度（可用 --year 指定）"
        return out, None
    body, likely, _ = matcher.match(r.agency, name)
    if body is None:
        out.status, out.candidates = REVIEW, likely
        out.reason = f"机关“{r.agency or PurePosixPath(name).stem}”无法确定对应哪个机关"
        return out, None
    out.agency, out.agency_code = matcher.bodies[body]["name"], matcher.bodies[body]["code"]
    return out, body


def import_chunk(
    parsed: list[tuple[Ref, ParseResult | None, str]],
    matcher: BodyMatcher,
    year: int | None,
    actor,
) -> list[Outcome]:
    """Store one chunk of parsed files in one transaction; the outcomes in file order."""
    outcomes: list[Outcome] = []
    items: list[Item] = []
    for ref, r, why in parsed:
        out, body = _outcome(ref, r, why, matcher, year)
        outcomes.append(out)
        if body is not None and r is not None and out.year is not None:
            items.append(Item(out, body, out.year, r, ref.name))
    with transaction.atomic():
        store_chunk(items, actor)
    return outcomes


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


def default_workers() -> int:
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1))


def parsed_chunks(
    refs: list[Ref], workers: int
) -> Iterator[list[tuple[Ref, ParseResult | None, str]]]:
    """The files parsed, a chunk at a time, in order. With several workers the files are parsed
    in a pool of processes (started with "spawn": nothing of this process — threads, database
    connections, open files — is shared) while this process stores the previous chunk; at most
    three chunks are in flight, so memory stays bounded whatever the batch size."""
    chunks = [refs[i : i + CHUNK] for i in range(0, len(refs), CHUNK)]
    if workers <= 1 or len(refs) < POOL_FROM:
        for chunk in chunks:
            yield [parse_ref(ref) for ref in chunk]
        return
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(workers) as pool:
        pending: deque = deque()
        todo = iter(chunks)
        for chunk in todo:
            pending.append(pool.map_async(parse_ref, chunk, chunksize=4))
            if len(pending) == 3:
                break
        while pending:
            done = pending.popleft().get()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(pool.map_async(parse_ref, nxt, chunksize=4))
            yield done


def import_reports(
    source: Path | bytes,
    *,
    actor,
    under: Agency | None = None,
    year: int | None = None,
    progress: Callable[[Outcome], None] | None = None,
    name: str = "",
    workers: int | None = None,
) -> Summary:
    matcher = BodyMatcher(under)
    summary = Summary()
    with on_disk(source) as path:
        refs = list_sources(path, name)
        try:
            for parsed in parsed_chunks(refs, default_workers() if workers is None else workers):
                for outcome in import_chunk(parsed, matcher, year, actor):
                    summary.outcomes.append(outcome)
                    if progress is not None:
                        progress(outcome)
        finally:
            close_archives()
    return summary
