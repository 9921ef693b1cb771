"""E-mail into tickets: .eml files, a folder of them, or a maildir. Each message is taken once
by its Message-ID (a message without one is known by a hash of its content)."""

from __future__ import annotations

import email
import email.policy
import hashlib
import mailbox
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import parseaddr, parsedate_to_datetime
from pathlib import Path

from django.utils import timezone

from gongkai.hotline.channels.common import ChannelError, take_message
from gongkai.hotline.choices import TicketChannel, TicketType

MAX_MESSAGE_BYTES = 5 * 1024 * 1024


@dataclass
class MailImport:
    created: list[str] = field(default_factory=list)  # ticket numbers
    known: int = 0
    errors: list[str] = field(default_factory=list)


def messages_in(path: Path) -> Iterator[tuple[str, bytes]]:
    """(name, raw bytes) of each message: one .eml, every .eml of a folder, or a maildir."""
    if path.is_file():
        yield path.name, _read(path)
    elif (path / "cur").is_dir() and (path / "new").is_dir():
        box = mailbox.Maildir(path, factory=None, create=False)
        for key in sorted(box.keys()):
            yield key, box.get_bytes(key)
    elif path.is_dir():
        for item in sorted(path.glob("*.eml")):
            yield item.name, _read(item)
    else:
        raise ChannelError(f"找不到邮件文件或目录：{path}")


def _read(path: Path) -> bytes:
    if path.stat().st_size > MAX_MESSAGE_BYTES:
        raise ChannelError(f"{path.name} 超过 5 MB，不是一封诉求邮件")
    return path.read_bytes()


def _text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = part.get_content()
    if part.get_content_subtype() == "html":
        from selectolax.parser import HTMLParser

        content = HTMLParser(content).text(separator="\n")
    return content.strip()


def to_intake(raw: bytes) -> tuple[dict, str, str, object]:
    """(intake data, message id, sender address, received time) of one message."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    name, address = parseaddr(str(message.get("From", "")))
    subject = str(message.get("Subject", "")).strip()
    body = _text(message)
    content = f"{subject}\n{body}".strip() if subject and subject not in body else body
    msg_id = str(message.get("Message-ID", "")).strip() or (
        "sha256:" + hashlib.sha256(raw).hexdigest()
    )
    try:
        received = parsedate_to_datetime(str(message.get("Date", "")))
        if timezone.is_naive(received):
            received = timezone.make_aware(received)
    except (TypeError, ValueError, IndexError):
        received = None
    data = {"type": TicketType.OTHER, "content": content[:4000], "name": name[:50]}
    return data, msg_id[:255], address, received


def import_mail(agency, path: Path, actor) -> MailImport:
    result = MailImport()
    for name, raw in messages_in(path):
        try:
            data, msg_id, sender, received = to_intake(raw)
            receipt, ticket = take_message(
                agency,
                data,
                channel=TicketChannel.EMAIL,
                external_id=msg_id,
                sender=sender,
                actor=actor,
                received_at=received,
            )
        except ChannelError as exc:
            result.errors.append(f"{name}：{exc}")
            continue
        if receipt is None:
            result.known += 1
        else:
            result.created.append(ticket.ticket_no)
    return result
