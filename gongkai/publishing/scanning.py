"""The bridge between items and the privacy scanner of gongkai.rules.privacy."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from gongkai.rules.privacy import Finding, Scanner
from gongkai.rules.privacy import extract_text as _extract


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


def _xlsx_text(data: bytes) -> str:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    lines = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            lines.append("\t".join("" if c is None else str(c) for c in row))
    return "\n".join(lines)


def extract_text(data: bytes, extension: str) -> str:
    """Text of a PDF/DOCX/XLSX attachment for the scanner; images have none (no OCR)."""
    try:
        if extension == "xlsx":
            text = _xlsx_text(data)
        elif extension in ("pdf", "docx"):
            text = _extract(f"attachment.{extension}", data) or ""
        else:
            return ""
    except Exception:  # noqa: BLE001 - a damaged file is treated as having no text layer
        return ""
    return text.replace("\x00", "")


def scan_item(item) -> list[Hit]:
    allow = list(item.agency.published_contacts())
    scanner = Scanner(allow=allow)
    hits: list[Hit] = []
    for field in ("title", "summary", "body_text", "document_number", "keywords"):
        name = "body" if field == "body_text" else field
        for f in scanner.scan(getattr(item, field) or ""):
            hits.append(Hit(name, None, f, scanner.masked_value(f)))
    for att in item.attachments.all():
        for f in scanner.scan(att.text):
            hits.append(Hit("attachment", att.pk, f, scanner.masked_value(f)))
    return hits
