"""Checks on uploaded files: type by content (never by name), size and count."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

import filetype

MAX_SIZE = 10 * 1024 * 1024
MAX_FILES = 5

# extension -> MIME types accepted for it, judged from the file's first bytes.
ALLOWED = {
    ".pdf": {"application/pdf"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".png": {"image/png"},
    ".docx": {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/zip",
    },
    ".ofd": {"application/zip"},
}
ALLOWED_LABEL = "PDF、JPG、PNG、DOCX、OFD"


@dataclass
class CheckedFile:
    name: str
    content_type: str
    size: int
    sha256: str


def check_upload(upload) -> CheckedFile:
    """Return the file's facts, or raise ValueError with a Chinese message naming the file."""
    name = PurePath(upload.name or "").name[:200] or "未命名文件"
    ext = PurePath(name).suffix.lower()
    if upload.size > MAX_SIZE:
        raise ValueError(
            f"附件“{name}”大小为{upload.size / 1024 / 1024:.1f}MB，超过{MAX_SIZE // 1024 // 1024}MB的上限"
        )
    if upload.size == 0:
        raise ValueError(f"附件“{name}”是空文件")
    if ext not in ALLOWED:
        raise ValueError(f"附件“{name}”的类型不允许，只接受{ALLOWED_LABEL}文件")
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if mime not in ALLOWED[ext]:
        raise ValueError(
            f"附件“{name}”的内容与扩展名{ext}不符（文件内容不是{ext[1:].upper()}），请上传真实的{ALLOWED_LABEL}文件"
        )
    digest = hashlib.sha256(head)
    for chunk in iter(lambda: upload.read(1 << 16), b""):
        digest.update(chunk)
    upload.seek(0)
    content_type = next(iter(sorted(ALLOWED[ext]))) if mime == "application/zip" else mime
    return CheckedFile(
        name=name, content_type=content_type, size=upload.size, sha256=digest.hexdigest()
    )
