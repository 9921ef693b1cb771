"""The typed input of each request step for the API and the CLI. A missing text is left to the
step's form, shared with the page, so both say the same Chinese "请填写…" message."""

from __future__ import annotations

from datetime import date

from ninja import Schema


class SupplementNoticeIn(Schema):
    text: str = ""
    days: int = 10


class SupplementIn(Schema):
    text: str = ""


class ConsultationIn(Schema):
    party_kind: str = "third_party"
    party: str = ""
    text: str = ""


class ExtensionIn(Schema):
    days: int = 20
    text: str = ""


class FeeNoticeIn(Schema):
    method: str = ""
    quantity: int | None = None


class Art35In(Schema):
    until: date | None = None
    text: str = ""


class ReplyIn(Schema):
    outcome: str = ""
    text: str = ""
    reason: int | None = None  # the id of a 理由
    legal_basis: str = ""


class WithdrawalIn(Schema):
    text: str = ""
