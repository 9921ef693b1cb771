"""The bridge between items and the privacy scanner of gongkai.rules.privacy."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from gongkai.rules import privacy

KIND_LABELS = {
    "resident_id": "身份证号码",
    "mobile": "手机号码",
    "bank_card": "银行卡号",
    "email": "电子邮箱",
}


@dataclass(frozen=True)
class Hit:
    field: str
    attachment_id: int | None
    kind: str
    value: str

    @property
    def fingerprint(self) -> str:
        raw = f"{self.field}|{self.attachment_id or ''}|{self.kind}|{self.value}"
        return hashlib.sha256(raw.encode()).hexdigest()

    @property
    def masked(self) -> str:
        return mask(self.kind, self.value)


def mask(kind: str, value: str) -> str:
    return privacy.mask_value(kind, value)


def scan_text(text: str, allow: list[str]) -> list[tuple[str, str]]:
    """(kind, value) of every finding in text, in order."""
    return [(f.kind, f.value) for f in privacy.scan(text or "", allow=allow)]


def extract_text(data: bytes, filename: str) -> str:
    return privacy.extract_text(data, filename) or ""


def scan_item(item) -> list[Hit]:
    allow = list(item.agency.published_contacts())
    hits: list[Hit] = []
    for field in ("title", "summary", "body_text", "document_number", "keywords"):
        name = "body" if field == "body_text" else field
        for kind, value in scan_text(getattr(item, field), allow):
            hits.append(Hit(name, None, kind, value))
    for att in item.attachments.all():
        for kind, value in scan_text(att.text, allow):
            hits.append(Hit("attachment", att.pk, kind, value))
    return hits
