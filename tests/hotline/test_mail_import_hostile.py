"""`gongkai hotline import-mail` on a hostile folder or maildir (issue 15, point 1): file names
that are not UTF-8, 250 bytes long or RTL; bodies empty, truncated, random, oversized; a
directory or a symlink (to /etc/passwd, to /dev/zero) where a message should be.

The command answers one Chinese line per file it could not take and a count line that matches
the tickets it made (exit 0, or 1 when some files were refused), or refuses the whole source
in Chinese with exit 2 and makes nothing. Never a traceback, never "内部错误", never a hang."""

from __future__ import annotations

import os
import re
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.hotline.channels.mail import MAX_MESSAGE_BYTES
from gongkai.hotline.models import Ticket
from tests.hostile import CHINESE

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=50, deadline=None, suppress_health_check=list(HealthCheck), database=None
)


def eml(n: int, body: str) -> bytes:
    message = EmailMessage()
    message["From"] = "王先生 <wang@example.cn>"
    message["Subject"] = "反映噪音扰民问题"
    message["Date"] = "Mon, 02 Nov 2026 08:30:00 +0800"
    message["Message-ID"] = f"<hostile-{n}@example.cn>"
    message.set_content(body)
    return message.as_bytes()


GOOD = eml(0, "夜间施工噪音很大，凌晨两点还在施工，请有关部门处理。")

# What stands where a message should: bytes, or a special kind made on disk.
contents = st.one_of(
    st.sampled_from([GOOD, b"", GOOD[: len(GOOD) // 2], "dir", "passwd", "zero", "big"]),
    st.binary(max_size=600),
    st.text(max_size=200).map(lambda t: eml(abs(hash(t)), t or "空")),
)
names = st.one_of(
    st.text(
        st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)),
        min_size=1,
        max_size=50,
    ),
    st.binary(min_size=1, max_size=60).map(lambda b: b.replace(b"/", b"_").replace(b"\x00", b"_")),
    st.sampled_from(["名" * 60, "\u202elme.exe", " ", "-rf", "--agency"]),
)


def _put(folder: Path, name: str | bytes, content) -> None:
    path = os.path.join(os.fsencode(folder), os.fsencode(name))
    if content == "dir":
        os.makedirs(path, exist_ok=True)
    elif content == "passwd":
        os.symlink("/etc/passwd", path)
    elif content == "zero":
        os.symlink("/dev/zero", path)
    elif content == "big":
        with open(path, "wb") as fh:
            fh.truncate(MAX_MESSAGE_BYTES + 1)  # sparse: costs no disk
    else:
        with open(path, "wb") as fh:
            fh.write(content)


def _source(root: Path, kind: str, entries: list) -> Path:
    if kind == "maildir":
        box = root / "Maildir"
        for sub in ("cur", "new", "tmp"):
            (box / sub).mkdir(parents=True)
        for i, (name, content) in enumerate(entries):
            _put(box / ("new" if i % 2 else "cur"), _unique(name, i), content)
        return box
    folder = root / "in"
    folder.mkdir()
    for i, (name, content) in enumerate(entries):
        _put(folder, _unique(name, i) + (b".eml" if isinstance(name, bytes) else ".eml"), content)
    return folder


def _unique(name: str | bytes, i: int) -> str | bytes:
    return (b"%d-" % i + name)[:200] if isinstance(name, bytes) else f"{i}-{name}"[:60]


def _run(capsys, *args) -> tuple[int, str, str]:
    from gongkai.cli import main

    with pytest.raises(SystemExit) as exc:
        main(list(args))
    out, err = capsys.readouterr()
    return exc.value.code, out, err


@HYPOTHESIS
@given(
    kind=st.sampled_from(["maildir", "folder"]),
    entries=st.lists(st.tuples(names, contents), max_size=5),
)
def test_a_hostile_folder_or_maildir_is_imported_or_refused_in_chinese(
    agency_a, officer_a, tmp_path_factory, capsys, kind, entries
):
    source = _source(tmp_path_factory.mktemp("mail"), kind, entries)
    before = Ticket.objects.count()
    code, out, err = _run(
        capsys, "hotline", "import-mail", str(source), "--agency", agency_a.code, "--as",
        officer_a.username,
    )  # fmt: skip
    made = Ticket.objects.count() - before
    assert "Traceback" not in out + err and "内部错误" not in err, err
    if code == 2:
        assert err.startswith("错误：") and CHINESE.search(err)
        assert made == 0, "a refused import made tickets"
        return
    counts = re.search(r"新建 (\d+) 件，已存在（未重复导入）(\d+) 件，错误 (\d+) 条", out)
    assert counts, out
    created, known, errors = map(int, counts.groups())
    assert created == made <= len(entries)
    assert code == (1 if errors else 0)
    assert all(CHINESE.search(line) for line in err.splitlines() if line.strip())
    assert not Ticket.objects.filter(content__contains="root:").exists(), "followed a symlink"
