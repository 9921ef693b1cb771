"""Attachment checks: the type comes from the bytes, never from the name the browser sent."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

import filetype

MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024

# extension -> MIME type we serve it with
ALLOWED = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
    "gif": "image/gif",
}


class AttachmentError(ValueError):
    pass


@dataclass(frozen=True)
class CheckedFile:
    data: bytes
    extension: str
    content_type: str
    sha256: str


def _office_kind(data: bytes) -> str | None:
    # filetype only sees "a zip"; the package layout tells DOCX from XLSX.
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    return None


def check_upload(data: bytes, max_bytes: int = MAX_ATTACHMENT_BYTES) -> CheckedFile:
    if not data:
        raise AttachmentError("附件为空文件。")
    if len(data) > max_bytes:
        raise AttachmentError(f"附件超过大小限制（{max_bytes // (1024 * 1024)} MB）。")
    guess = filetype.guess(data)
    ext = guess.extension if guess else None
    if ext == "zip" or ext in ("docx", "xlsx"):
        ext = _office_kind(data)
    if ext == "jpeg":
        ext = "jpg"
    if ext not in ALLOWED:
        raise AttachmentError(
            "附件类型不允许：仅接受 PDF、DOCX、XLSX、PNG、JPG、GIF 文件（按文件内容判断）。"
        )
    return CheckedFile(data, ext, ALLOWED[ext], hashlib.sha256(data).hexdigest())
