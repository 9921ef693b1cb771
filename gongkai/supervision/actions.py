"""Audit action names of this module, each with its Chinese label."""

from __future__ import annotations

from gongkai.audit.actions import Action

CHECK_RUN = Action("supervision.check.run", "网站自查")
NOTICE_ISSUE = Action("supervision.notice.issue", "印发通报")
REMINDER_SEND = Action("supervision.reminder.send", "发送督办提醒")
