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


def extract_text(data: bytes, extension: str) -> str:
    try:
        return _extract(f"attachment.{extension}", data) or ""
    except Exception:  # noqa: BLE001 - an unreadable file is scanned as empty, and said so
        return ""


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
