"""E-mail into tickets: .eml files, a folder of them, or a maildir. Each message is taken once
by its Message-ID (a message without one is known by a hash of its content)."""

from __future__ import annotations

import datetime as dt
import email
import email.errors
import email.message
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


def _without_nul(text: str) -> str:
    # PostgreSQL text cannot hold NUL, and no person writes one.
    return text.replace("\x00", "")


def _header(message: EmailMessage, fallback: email.message.Message, name: str) -> str:
    """A header as text; a header the strict parser rejects is taken as it was written."""
    try:
        return _without_nul(str(message.get(name, "")))
    except (email.errors.HeaderParseError, ValueError, IndexError, TypeError):
        return _without_nul(str(fallback.get(name, "")))


def _received(value: str):
    """The Date header as an aware time; None (the import time counts) when it is unreadable,
    or before 1990 or in the future: a forged date must not start a ticket's clock."""
    try:
        received = parsedate_to_datetime(value)
        if timezone.is_naive(received):
            received = timezone.make_aware(received)
        received = received.astimezone(dt.UTC)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if received.year < 1990 or received > timezone.now() + dt.timedelta(days=1):
        return None
    return received


def to_intake(raw: bytes) -> tuple[dict, str, str, object]:
    """(intake data, message id, sender address, received time) of one message."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    fallback = email.message_from_bytes(raw, policy=email.policy.compat32)
    name, address = parseaddr(_header(message, fallback, "From"))
    subject = _header(message, fallback, "Subject").strip()
    try:
        body = _without_nul(_text(message))
    except Exception as exc:  # noqa: BLE001 - any defect of a hostile message is a refusal, not a crash
        raise ChannelError("邮件正文无法读取（格式损坏或编码无法识别）") from exc
    content = f"{subject}\n{body}".strip() if subject and subject not in body else body
    msg_id = _header(message, fallback, "Message-ID").strip() or (
        "sha256:" + hashlib.sha256(raw).hexdigest()
    )
    received = _received(_header(message, fallback, "Date"))
    data = {"type": TicketType.OTHER, "content": content[:4000], "name": _without_nul(name)[:50]}
    return data, msg_id[:255], _without_nul(address), received


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
