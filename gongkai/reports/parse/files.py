"""Files of a batch import, as references a worker process can read and parse on its own.

Pure Python (no Django): a pool of worker processes started with "spawn" imports only this
package. A `Ref` names a file on disk or one member of a ZIP on disk; the bytes are read where
the file is parsed, one member at a time, so neither the archive nor the batch is ever held in
memory as a whole.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import ParseError, ParseResult, parse_bytes

MAX_FILE = 50 * 1024 * 1024  # a file (or ZIP member) larger than this is not read


@dataclass(frozen=True)
class Ref:
    name: str  # shown name: the path inside the folder or the ZIP
    path: str  # the file on disk, or the ZIP holding it
    member: str = ""  # ZipInfo.filename inside the ZIP ("" for a plain file)
    size: int = 0  # (uncompressed) size declared by the file system or the ZIP


_ARCHIVES: dict[str, tuple[int, zipfile.ZipFile]] = {}


def _archive(path: str) -> zipfile.ZipFile:
    """The open ZIP of this process (a forked child must not share its parent's file offset)."""
    pid = os.getpid()
    hit = _ARCHIVES.get(path)
    if hit is None or hit[0] != pid:
        _ARCHIVES[path] = hit = (pid, zipfile.ZipFile(path))
    return hit[1]


def close_archives() -> None:
    for pid, zf in _ARCHIVES.values():
        if pid == os.getpid():
            zf.close()
    _ARCHIVES.clear()


def read_ref(ref: Ref) -> bytes | None:
    """The file's bytes; None when it is larger than MAX_FILE (zipfile never inflates a member
    past its declared size, so the declaration bounds the work)."""
    if ref.size > MAX_FILE:
        return None
    if not ref.member:
        return Path(ref.path).read_bytes()
    with _archive(ref.path).open(ref.member) as fh:
        data = fh.read(MAX_FILE + 1)
    return None if len(data) > MAX_FILE else data


def reason(message: str) -> str:
    """The kind of failure, short enough to group files by (the first clause)."""
    return re.split(r"[：:（(]", message, maxsplit=1)[0].rstrip("。")


def parse_ref(ref: Ref) -> tuple[Ref, ParseResult | None, str]:
    """(ref, result, why not) — never raises: one bad file must not stop a batch of 10,000."""
    try:
        data = read_ref(ref)
    except (OSError, zipfile.BadZipFile, EOFError, ValueError):
        return ref, None, "文件无法读取（损坏或不完整）"
    if data is None:
        return ref, None, "文件过大，未读取"
    try:
        return ref, parse_bytes(data, PurePosixPath(ref.name).name), ""
    except ParseError as exc:
        return ref, None, reason(str(exc))
    except Exception:  # a file that trips the reader: counted as unreadable, batch goes on
        return ref, None, "读取时出错"
