"""Audit action names of this module, each with its Chinese label."""

from __future__ import annotations

CHECK_RUN = "supervision.check.run"
NOTICE_ISSUE = "supervision.notice.issue"
REMINDER_SEND = "supervision.reminder.send"

LABELS = {
    CHECK_RUN: "网站自查",
    NOTICE_ISSUE: "印发通报",
    REMINDER_SEND: "发送督办提醒",
}
