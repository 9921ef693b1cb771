"""E-mail into tickets: .eml files, a folder of them, or a maildir. Each message is taken once
by its Message-ID (a message without one is known by a hash of its content)."""

from __future__ import annotations

import datetime as dt
import email
import email.errors
import email.message
import email.policy
import hashlib
import stat
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


def messages_in(path: Path) -> Iterator[tuple[str, Path]]:
    """(shown name, file) of each message: one .eml, every .eml of a folder, or every message
    of a maildir (its new/ and cur/, as the mailbox module reads them). The files are read
    one by one by `read_message`, so one bad file is one error line, not the end of the run."""
    if path.is_file():
        # Named by the operator: a link given explicitly is followed (to a regular file only).
        yield _shown(path.name), path.resolve()
    elif (path / "cur").is_dir() and (path / "new").is_dir():
        for sub in ("new", "cur"):
            for item in sorted((path / sub).iterdir()):
                if not item.name.startswith("."):
                    yield _shown(f"{sub}/{item.name}"), item
    elif path.is_dir():
        for item in sorted(path.glob("*.eml")):
            yield _shown(item.name), item
    else:
        raise ChannelError(f"找不到邮件文件或目录：{_shown(str(path))}")


def _shown(name: str) -> str:
    """A file name as it can be printed on one line: bytes that are not UTF-8 become U+FFFD,
    control characters (a newline would forge a line of the report) are written escaped."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def read_message(path: Path) -> bytes:
    """The bytes of one message file, at most MAX_MESSAGE_BYTES read whatever the file claims.
    Only a regular file is read: a symlink could pull /etc/passwd into a ticket, and a device
    or a FIFO would never end (/dev/zero) or never answer."""
    try:
        info = path.lstat()
    except OSError:
        raise ChannelError("文件无法读取") from None
    if not stat.S_ISREG(info.st_mode):
        raise ChannelError("不是普通文件（目录、链接或设备），未读取")
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_MESSAGE_BYTES + 1)
    except OSError:
        raise ChannelError("文件无法读取") from None
    if len(raw) > MAX_MESSAGE_BYTES:
        raise ChannelError("超过 5 MB，不是一封诉求邮件")
    return raw


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
    for name, file in messages_in(path):
        try:
            data, msg_id, sender, received = to_intake(read_message(file))
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
