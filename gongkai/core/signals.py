"""Signals apps meet by without importing each other (DESIGN.md "Seams")."""

from __future__ import annotations

from django.dispatch import Signal

# An app made a document its body should publish (e.g. the hotline's monthly analysis report).
# Sent with agency, actor, title, summary, body, keywords and files [(name, bytes)]; the
# publishing app answers with the draft item it made, which then goes through review and
# sign-off like any other. `request_draft` sends it and returns that item.
draft_for_publication = Signal()


class NoPublisher(LookupError):
    """No installed app makes drafts for publication."""


def request_draft(sender, **document):
    for _receiver, draft in draft_for_publication.send(sender=sender, **document):
        if draft is not None:
            return draft
    raise NoPublisher("没有可以生成主动公开信息草稿的模块")
