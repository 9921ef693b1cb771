"""One way to take an uploaded file: a policy per use, checked in bounded time and memory.

    from gongkai.core import uploads

    checked = uploads.check(upload, uploads.APPLICATION_ATTACHMENT)   # raises UploadError
    att.file.save(checked.name, checked.file, save=False)

`check` accepts a Django ``UploadedFile``, ``bytes`` or an open binary file. The size limit is
enforced while the request is read (``BoundedUploadHandler`` stops copying a file past the
largest policy's limit), files above ``FILE_UPLOAD_MAX_MEMORY_SIZE`` stream to disk, and the
SHA-256 is computed in chunks, so an upload of any size holds a few MB of memory at most. The
type is judged from the content (never from the name the browser sent); when the name has an
extension, it must agree with the content. ZIP-based formats (DOCX, XLSX, OFD) are refused on
their declared uncompressed size, compression ratio and entry count before anything parses
them (``zipfile`` never inflates a member past its declared size, so the declaration bounds
the work). Text extraction happens elsewhere under ``gongkai.core.limits``.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

import filetype
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

MB = 1024 * 1024
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Kind:
    extension: str
    content_type: str
    label: str


KINDS = {
    k.extension: k
    for k in (
        Kind("pdf", "application/pdf", "PDF"),
        Kind(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "DOCX",
        ),
        Kind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"),
        Kind("ofd", "application/ofd", "OFD"),
        Kind("png", "image/png", "PNG"),
        Kind("jpg", "image/jpeg", "JPG"),
        Kind("gif", "image/gif", "GIF"),
        Kind("zip", "application/zip", "ZIP"),
    )
}
ALIASES = {"jpeg": "jpg"}
ZIP_BASED = {"docx", "xlsx", "ofd"}


@dataclass(frozen=True)
class Policy:
    """What one use accepts. ``setting`` names the settings entry (in MB) that can override
    ``max_mb``; ``label`` is the Chinese noun used in messages."""

    name: str
    types: tuple[str, ...]
    max_mb: int
    label: str = "附件"
    max_files: int = 1
    setting: str = ""
    # an archive of many files (the report batch import): its own bomb limits, in place of the
    # GONGKAI_ZIP_* ones meant for one DOCX/XLSX/OFD; 0 = those global ones
    archive_entries: int = 0
    archive_total_mb: int = 0

    @property
    def max_bytes(self) -> int:
        limits = getattr(settings, "GONGKAI_UPLOAD_MAX_MB", {})
        return int(limits.get(self.setting or self.name, self.max_mb)) * MB

    @property
    def types_label(self) -> str:
        return "、".join(KINDS[t].label for t in self.types)


PUBLISHING_ATTACHMENT = Policy(
    "publishing_attachment", ("pdf", "docx", "xlsx", "ofd", "png", "jpg", "gif"), 20
)
SECTION_TWO_IMPORT = Policy("section_two_import", ("xlsx",), 5, label="导入文件")
APPLICATION_ATTACHMENT = Policy(
    "application_attachment", ("pdf", "jpg", "png", "docx", "ofd"), 10, max_files=5
)
HOTLINE_ATTACHMENT = Policy("hotline_attachment", ("pdf", "jpg", "png", "docx"), 10, max_files=5)
# A ZIP of published annual reports for batch import (gongkai.reports.imports checks members).
REPORT_IMPORT_ZIP = Policy(
    "report_import_zip",
    ("zip",),
    200,
    label="年报压缩包",
    archive_entries=20_000,
    archive_total_mb=2048,
)
POLICIES = (
    PUBLISHING_ATTACHMENT,
    SECTION_TWO_IMPORT,
    APPLICATION_ATTACHMENT,
    HOTLINE_ATTACHMENT,
    REPORT_IMPORT_ZIP,
)


class UploadError(ValueError):
    """A refused file; the message is Chinese and names the file."""


@dataclass
class CheckedUpload:
    name: str  # the browser's name, without directories, at most 200 characters
    extension: str  # from the content
    content_type: str
    size: int
    sha256: str
    file: BinaryIO  # positioned at 0, ready for FieldFile.save

    @property
    def stored_name(self) -> str:
        return f"{PurePath(self.name).stem[:150] or '附件'}.{self.extension}"


def hard_limit_bytes() -> int:
    """The largest policy's limit: no upload is read past this, whatever its use."""
    return max(p.max_bytes for p in POLICIES)


def _zip_limits(policy: Policy | None = None) -> tuple[int, int, int]:
    return (
        (policy.archive_total_mb if policy and policy.archive_total_mb else 0) * MB
        or int(getattr(settings, "GONGKAI_ZIP_MAX_UNCOMPRESSED_MB", 100)) * MB,
        int(getattr(settings, "GONGKAI_ZIP_MAX_RATIO", 100)),
        (policy.archive_entries if policy else 0)
        or int(getattr(settings, "GONGKAI_ZIP_MAX_ENTRIES", 5000)),
    )


def check_archive(source, policy: Policy, name: str = "") -> list[zipfile.ZipInfo]:
    """The members of a ZIP of many files (a path or an open binary file), after the bomb
    checks on its central directory — entry count, total uncompressed size, compression ratio
    of each member — so nothing is inflated before they pass. Reads only the directory."""
    shown = name or PurePath(str(getattr(source, "name", source))).name
    try:
        with zipfile.ZipFile(source) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise UploadError(f"{policy.label}“{shown}”不是有效的 ZIP 文件，无法读取") from None
    _bomb_checks(infos, shown, policy)
    return infos


def _bomb_checks(infos: list[zipfile.ZipInfo], name: str, policy: Policy | None = None) -> None:
    max_total, max_ratio, max_entries = _zip_limits(policy)
    if len(infos) > max_entries:
        raise UploadError(f"“{name}”包含的条目过多（{len(infos)}个），已拒收")
    total = sum(i.file_size for i in infos)
    if total > max_total:
        raise UploadError(
            f"“{name}”解压后达{total / MB:.0f}MB，超过{max_total // MB}MB的上限，已拒收"
        )
    for info in infos:
        if info.file_size > 1 * MB and info.file_size > max_ratio * max(info.compress_size, 1):
            raise UploadError(f"“{name}”的压缩比异常（疑似压缩炸弹），已拒收")


def _package_kind(fh: BinaryIO, name: str) -> str | None:
    """DOCX/XLSX/OFD from the package layout, after the bomb checks on the central directory."""
    try:
        fh.seek(0)
        with zipfile.ZipFile(fh) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise UploadError(f"“{name}”不是完整的压缩包格式文件（DOCX/XLSX/OFD），无法读取") from None
    _bomb_checks(infos, name)
    names = {i.filename for i in infos}
    if "[Content_Types].xml" in names:
        if any(n.startswith("word/") for n in names):
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return None


def _open(source) -> tuple[BinaryIO, int, str]:
    if isinstance(source, bytes | bytearray):
        return io.BytesIO(source), len(source), ""
    if isinstance(source, UploadedFile):
        if getattr(source, "too_large", False):
            return source.file, source.size, source.name or ""
        fh = source.file
        return fh, source.size, source.name or ""
    fh = source
    fh.seek(0, io.SEEK_END)
    size = fh.tell()
    return fh, size, getattr(fh, "name", "") or ""


def check(source, policy: Policy, name: str | None = None) -> CheckedUpload:
    """The file's facts, or UploadError with a Chinese message. Reads at most 8 KB plus the
    ZIP central directory into memory; the digest is computed in 64 KB chunks."""
    fh, size, source_name = _open(source)
    shown = PurePath(name if name is not None else source_name or "").name[:200] or "未命名文件"
    limit = policy.max_bytes
    if getattr(source, "too_large", False) or size > limit:
        raise UploadError(
            f"{policy.label}“{shown}”超过{limit // MB}MB的上限"
            + (f"（{size / MB:.1f}MB）" if not getattr(source, "too_large", False) else "")
        )
    if size == 0:
        raise UploadError(f"{policy.label}“{shown}”是空文件")
    fh.seek(0)
    head = fh.read(8192)
    guess = filetype.guess(head)
    ext = ALIASES.get(guess.extension, guess.extension) if guess else None
    if ext in ("zip", "docx", "xlsx"):
        # an archive of files (policy of zips only): its members are checked by its use
        ext = "zip" if policy.types == ("zip",) else _package_kind(fh, shown)
    suffix = PurePath(shown).suffix.lower().lstrip(".")
    suffix = ALIASES.get(suffix, suffix)
    if ext != suffix and suffix in policy.types:
        raise UploadError(
            f"{policy.label}“{shown}”的内容与扩展名.{suffix}不符（文件内容不是{KINDS[suffix].label}），"
            f"请上传真实的{policy.types_label}文件"
        )
    if ext not in policy.types:
        raise UploadError(
            f"{policy.label}“{shown}”的类型不允许（按文件内容判断），只接受{policy.types_label}文件"
        )
    if suffix and suffix != ext:
        raise UploadError(
            f"{policy.label}“{shown}”的扩展名.{suffix}与内容（{KINDS[ext].label}）不符，"
            f"请改用扩展名.{ext}"
        )
    digest = hashlib.sha256()
    fh.seek(0)
    for chunk in iter(lambda: fh.read(CHUNK), b""):
        digest.update(chunk)
    fh.seek(0)
    return CheckedUpload(shown, ext, KINDS[ext].content_type, size, digest.hexdigest(), fh)


def check_many(files, policy: Policy) -> list[CheckedUpload]:
    """Every file checked; one UploadError carrying every message (joined by "；")."""
    files = list(files)
    if len(files) > policy.max_files:
        raise UploadError(f"最多上传{policy.max_files}个{policy.label}，实际为{len(files)}个")
    checked, errors = [], []
    for f in files:
        try:
            checked.append(check(f, policy))
        except UploadError as exc:
            errors.append(str(exc))
    if errors:
        raise UploadError("；".join(errors))
    return checked


class TooLargeUpload(UploadedFile):
    """Stands in for a file cut off by BoundedUploadHandler; ``check`` refuses it by name."""

    too_large = True

    def __init__(self, name: str, content_type: str, size: int):
        super().__init__(io.BytesIO(b""), name, content_type, size)


class BoundedUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: passes chunks on until a file passes the hard limit,
    then swallows the rest, so no file is ever copied (to memory or disk) past the limit."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.seen = 0
        self.limit = hard_limit_bytes()

    def receive_data_chunk(self, raw_data: bytes, start: int):
        self.seen += len(raw_data)
        if self.seen > self.limit:
            return None
        return raw_data

    def file_complete(self, file_size: int):
        if self.seen > self.limit:
            return TooLargeUpload(self.file_name, self.content_type, self.seen)
        return None
