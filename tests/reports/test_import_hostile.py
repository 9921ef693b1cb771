"""`gongkai report import ZIP` on a hostile archive (issue 15, point 1): member names that climb
out (`../../etc/passwd.txt`, `/abs`, `C:\\`), hidden, 300 characters or RTL; members empty,
truncated, random, GB18030 rather than UTF-8, a deflate bomb by ratio, a DOCX bomb inside the
ZIP, a broken DOCX, PDF junk; and the archive itself truncated or no ZIP at all.

The command prints its JSON list (exit 0, or 1 when some file was not complete) naming only
members of the archive, or refuses the whole source in Chinese with exit 2 having written
nothing (no report, no figure, no ledger event). Never a traceback or "内部错误"."""

from __future__ import annotations

import io
import json
import os
import tracemalloc
import zipfile
from functools import cache
from pathlib import Path
from time import perf_counter

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gongkai.agencies.models import Role
from gongkai.audit.models import Event
from gongkai.reports.batch import STATUS_LABELS, import_reports
from gongkai.reports.imports import run_chunk
from gongkai.reports.models import Figure, ImportBatch, Report
from tests.factories import MembershipFactory, UserFactory
from tests.hostile import BOUNDARY, CHINESE, RawFile, hostile, multipart
from tests.reports.test_batch_import import DEV, tree  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None
)
MB = 1024 * 1024


def docx(xml_bytes: int) -> bytes:
    """A real DOCX (python-docx's own package) whose document.xml inflates to about
    `xml_bytes`: one paragraph repeated, so it compresses several hundred to one."""
    from docx import Document

    blank = io.BytesIO()
    Document().save(blank)
    para = "<w:p><w:r><w:t>本机关全年主动公开政府信息。</w:t></w:r></w:p>".encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(blank) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>", 1)
                data = head + b"<w:body>" + para * (xml_bytes // len(para)) + tail
            zf.writestr(info.filename, data)
    return buf.getvalue()


@cache
def _report() -> bytes:
    return (DEV / "dev-01.txt").read_bytes()  # 淮安市人民政府 2024, a complete report


MEMBERS = {
    "report": lambda: _report(),
    "gb18030": lambda: _report().decode().encode("gb18030"),
    "truncated": lambda: _report()[: len(_report()) // 3],
    "empty": lambda: b"",
    "ratio-bomb": lambda: b"0" * (2 * MB),  # inflates 1000 : 1
    "docx-bomb": lambda: docx(3 * MB),
    "broken-docx": lambda: b"PK\x03\x04" + b"\x00" * 40,
    "pdf-junk": lambda: b"%PDF-1.7\n" + bytes(range(256)),
}
member_names = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60),
    st.sampled_from(
        [
            "../../etc/passwd.txt",
            "/abs/淮安市人民政府.txt",
            "a/../../b.html",
            "C:\\Windows\\x.pdf",
            ".hidden.txt",
            "__MACOSX/._x.txt",
            "名" * 300 + ".txt",
            "\u202etxt.exe",
            "huaian 2024.txt",
        ]
    ),
)
suffixes = st.sampled_from([".txt", ".html", ".pdf", ".docx", ".json", ".exe", ""])
member_bodies = st.one_of(st.sampled_from(sorted(MEMBERS)), st.binary(max_size=300))


def _zip(entries) -> bytes:
    buf = io.BytesIO()
    seen = set()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, suffix, body in entries:
            info = zipfile.ZipInfo(name + suffix)
            if not info.filename or info.filename in seen:
                continue
            seen.add(info.filename)
            zf.writestr(info, MEMBERS[body]() if isinstance(body, str) else body)
    return buf.getvalue()


def _written() -> tuple[int, int, int]:
    return Report.objects.count(), Figure.objects.count(), Event.objects.count()


def _run(capsys, *args) -> tuple[int, str, str]:
    from gongkai.cli import main

    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


def _import_answers(capsys, source: Path, names) -> list[dict] | None:
    """Runs the batch import of `source`: a refusal (exit 2) is one Chinese line and wrote
    nothing (None); otherwise the JSON list names only files of the source (`names()`) and the
    exit code says whether all were complete."""
    before = _written()
    code, out, err = _run(capsys, "report", "import", str(source), "--under", "root", "--json")
    assert "Traceback" not in out + err and "内部错误" not in err, err
    event(f"exit {code}")
    if code == 2:
        # The last line (rich's progress bar may leave a blank one before it).
        assert err.strip().splitlines()[-1].startswith("错误：") and CHINESE.search(err), err
        assert _written() == before, "a refused import wrote something"
        return None
    assert code in (0, 1), (code, err)
    files = json.loads(out)["files"]
    known = names()
    assert files and all(f["file"] in known and f["status"] in STATUS_LABELS for f in files)
    for f in files:
        event(f"{f['status']} {f['reason'][:12]}")
    assert code == (0 if all(f["status"] == "complete" for f in files) else 1)
    return files


ENTRIES = st.lists(
    st.one_of(
        st.just(("淮安 2024", ".txt", "report")),  # a file the import takes
        st.tuples(member_names, suffixes, member_bodies),
    ),
    max_size=6,
)
CUT = st.one_of(st.none(), st.integers(min_value=0, max_value=4000))  # the archive truncated


@pytest.mark.usefixtures("tree")
@HYPOTHESIS
@given(entries=ENTRIES, cut=CUT)
def test_a_hostile_zip_is_imported_or_refused_in_chinese(tmp_path_factory, capsys, entries, cut):
    data = _zip(entries)
    path = tmp_path_factory.mktemp("zip") / "年报.zip"
    path.write_bytes(data if cut is None else data[:cut])
    reports = set(Report.objects.values_list("agency__code", flat=True))
    files = _import_answers(capsys, path, lambda: set(zipfile.ZipFile(path).namelist()))
    if files is None:
        return
    stored = {f["agency_code"] for f in files if f["status"] in ("complete", "problems")}
    assert set(Report.objects.values_list("agency__code", flat=True)) - reports <= stored


def _on_disk(name: str) -> str:
    """A member name as a file of one folder: separators and NUL cannot be in a file name and
    a name is at most 255 bytes; what is left keeps its hostile part (RTL, dots, 300 chars)."""
    for bad in ("/", "\\", "\x00"):
        name = name.replace(bad, "_")
    while len(name.encode("utf-8", "surrogatepass")) > 240:
        name = name[:-1]
    return "" if name in ("", ".", "..") else name


@pytest.mark.usefixtures("tree")
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(entries=ENTRIES, link=st.sampled_from([None, "/dev/zero", "/etc/passwd", "missing"]))
def test_a_hostile_folder_is_imported_or_refused_in_chinese(
    tmp_path_factory, capsys, entries, link
):
    """The folder form of the same import: the same hostile files, plus a symlink named like a
    report that points at a device, a file outside, or nothing."""
    folder = tmp_path_factory.mktemp("folder")
    for name, suffix, body in entries:
        fname = _on_disk(name + suffix)
        if fname and not (folder / fname).exists():
            (folder / fname).write_bytes(MEMBERS[body]() if isinstance(body, str) else body)
    if link:
        (folder / "淮安市人民政府2024年报.txt").symlink_to(link)
    _import_answers(capsys, folder, lambda: {str(p.relative_to(folder)) for p in folder.rglob("*")})


@pytest.mark.usefixtures("tree")
def test_a_docx_bomb_inside_the_zip_is_not_inflated():
    """The archive's own checks see a DOCX member stored at its real size (already compressed);
    the DOCX itself, about 100 KB inflating to 20 MB of XML, is refused before python-docx opens it."""
    bomb = docx(20 * MB)
    assert len(bomb) * 100 < 20 * MB  # a ratio past the upload policy's 100 : 1
    tracemalloc.start()
    started = perf_counter()
    summary = import_reports(_zip([("淮安市人民政府2024年报", ".docx", bomb)]), actor=None)
    elapsed = perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    (outcome,) = summary.outcomes
    assert outcome.status == "unreadable" and "压缩炸弹" in outcome.reason
    assert elapsed < 1 and peak < 100 * MB
    assert not Report.objects.exists()


@pytest.fixture
def importer(tree):  # noqa: F811 - the fixture
    user = UserFactory(username="zip_importer")
    MembershipFactory(user=user, agency=tree["root"], role=Role.ADMIN)
    return user


def _files(root: Path) -> int:
    return sum(len(names) for _, _, names in os.walk(root))


PAGE_FIELDS = {
    # name: (plausible, hostile)
    "name": (st.just("年报.zip"), member_names),
    "under": (st.sampled_from(["", "root", "huaian"]), st.one_of(st.just("other-tree"), hostile)),
    "year": (st.sampled_from(["", "2024"]), hostile),
    "cut": (st.none(), CUT),
}


@HYPOTHESIS
@given(entries=ENTRIES, data=st.data())
def test_the_import_page_takes_or_refuses_any_zip(importer, client_for, settings, entries, data):
    """The staff page's upload: refused with the form again (400, Chinese) keeping nothing on
    disk, or kept and queued; the queued batch then runs to its end through the worker's own
    chunk function and lists only members of the archive."""
    # Which fields are hostile: none in about half the examples, so uploads are also taken.
    bad = data.draw(
        st.one_of(st.just(set()), st.sets(st.sampled_from(sorted(PAGE_FIELDS)), min_size=1))
    )
    name, under, year, cut = (
        data.draw(PAGE_FIELDS[f][f in bad], label=f) for f in ("name", "under", "year", "cut")
    )
    archive = _zip(entries)
    media = Path(settings.MEDIA_ROOT)
    before = ImportBatch.objects.count(), _files(media)
    response = client_for(importer).post(
        "/manage/reports/import/",
        multipart({"file": RawFile(name, archive if cut is None else archive[:cut]), "under": under,
                   "year": year}),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )  # fmt: skip
    assert response.status_code in (302, 400), response.status_code
    event(f"page {response.status_code}")
    if response.status_code == 400:
        assert CHINESE.search(response.content.decode())
        assert (ImportBatch.objects.count(), _files(media)) == before, "a refused upload was kept"
        return
    batch = ImportBatch.objects.latest("pk")
    for _ in range(10):
        if run_chunk(batch.pk):
            break
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE, batch.error
    names = set(zipfile.ZipFile(io.BytesIO(archive)).namelist())
    assert {o["file"] for o in batch.outcomes} <= names
    assert _files(media) == before[1], "the archive is deleted once imported"
