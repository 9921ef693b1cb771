"""The privacy check every public page passes: no unmasked ID, mobile or bank-card number,
no personal email. The bodies' own published contacts are allowed."""

from __future__ import annotations

from gongkai.agencies.models import Agency
from gongkai.rules.privacy import scan_html


def published_contacts() -> list[str]:
    allow: list[str] = []
    for agency in Agency.objects.all():
        allow.extend(agency.published_contacts())
    return allow


def assert_no_personal_data(html: str, url: str = "", allow: list[str] | None = None) -> None:
    findings = scan_html(html, allow=published_contacts() if allow is None else allow)
    assert not findings, f"personal data on public page {url}: {findings}"
