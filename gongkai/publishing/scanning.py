"""The bridge between items and the privacy scanner of gongkai.rules.privacy."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from gongkai.core import ocr
from gongkai.core.limits import LimitExceeded, run_limited
from gongkai.rules.privacy import Finding, Scanner
from gongkai.rules.privacy import extract_text as _extract

IMAGES = ("png", "jpg", "gif")
UNREADABLE = "unreadable"
UNREADABLE_LABEL = "未能检查：扫描件/图片，需人工核对"


@dataclass(frozen=True)
class Hit:
    field: str
    attachment_id: int | None
    finding: Finding
    masked: str

    @property
    def kind(self) -> str:
        return self.finding.kind.value

    @property
    def label(self) -> str:
        return self.finding.kind.label

    @property
    def text(self) -> str:
        """The matched text as it appears in the field (what masking replaces)."""
        return self.finding.text

    @property
    def fingerprint(self) -> str:
        raw = f"{self.field}|{self.attachment_id or ''}|{self.kind}|{self.finding.value}"
        return hashlib.sha256(raw.encode()).hexdigest()


def scan_text(text: str, allow: list[str]) -> list[Finding]:
    return Scanner(allow=allow).scan(text or "")


def _xlsx_text(path: str) -> str:
    from openpyxl import load_workbook

    # a file object: openpyxl judges a path by its extension, and stored files have none
    book = load_workbook(open(path, "rb"), read_only=True, data_only=True)  # noqa: SIM115
    lines = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            lines.append("\t".join("" if c is None else str(c) for c in row))
    return "\n".join(lines)


def _text_of(path: str, extension: str) -> str:
    if extension == "xlsx":
        return _xlsx_text(path)
    with open(path, "rb") as fh:
        return _extract(f"attachment.{extension}", fh.read()) or ""


def extract_text(path: str, extension: str) -> str:
    """Text of a stored attachment for the scanner: PDF/DOCX/XLSX parsed in a child process
    under the limits of gongkai.core.limits; images and PDFs without a text layer (scans)
    through Chinese OCR when tesseract is installed. "" means the file could not be read:
    ``scan_item`` then reports it as unchecked, never as clean."""
    text = ""
    if extension in ("xlsx", "pdf", "docx"):
        try:
            text = run_limited(_text_of, str(path), extension)
        except (LimitExceeded, ValueError):  # a damaged or hostile file has no usable text
            text = ""
    if not text.strip() and extension in ("pdf", *IMAGES) and ocr.available():
        try:
            text = ocr.pdf_text(path) if extension == "pdf" else ocr.image_text(path)
        except ocr.OcrError:
            text = ""
    return text.replace("\x00", "")


@dataclass(frozen=True)
class UnreadableHit:
    """An attachment the scanner could not read: a person has to look at it."""

    attachment_id: int
    name: str
    field: str = "attachment"
    kind: str = UNREADABLE
    label: str = UNREADABLE_LABEL

    @property
    def masked(self) -> str:
        return self.name[:100]

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(f"attachment|{self.attachment_id}|{UNREADABLE}".encode()).hexdigest()


def scan_item(item) -> list[Hit | UnreadableHit]:
    allow = list(item.agency.published_contacts())
    scanner = Scanner(allow=allow)
    hits: list[Hit] = []
    for field in ("title", "summary", "body_text", "document_number", "keywords"):
        name = "body" if field == "body_text" else field
        for f in scanner.scan(getattr(item, field) or ""):
            hits.append(Hit(name, None, f, scanner.masked_value(f)))
    for att in item.attachments.all():
        if not att.text.strip():
            hits.append(UnreadableHit(att.pk, att.original_name))
        for f in scanner.scan(att.text):
            hits.append(Hit("attachment", att.pk, f, scanner.masked_value(f)))
    return hits
