"""What every outside channel does with one message: validate it like any other intake, make the
ticket once (a channel's own message id or upstream number guards against a second), and
answer with the receipt only after commit."""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction

from gongkai.core import csvtext
from gongkai.hotline.forms import IntakeForm
from gongkai.hotline.intake import Receipt, intake
from gongkai.hotline.models import ChannelMessage, Ticket


class ChannelError(ValueError):
    """A message that cannot become a ticket; the text says why, in Chinese."""


def clean_intake(data: dict) -> dict:
    form = IntakeForm(data)
    if not form.is_valid():
        raise ChannelError(
            "；".join(
                f"{form.fields[k].label if k in form.fields else k}：{v[0]}"
                for k, v in form.errors.items()
            )
        )
    return form.cleaned_data


def already_taken(agency, channel: str, external_id: str) -> Ticket | None:
    message = (
        ChannelMessage.objects.select_related("ticket")
        .filter(agency=agency, channel=channel, external_id=external_id)
        .first()
    )
    return message.ticket if message is not None else None


EXTERNAL_ID_MAX = 255  # ChannelMessage.external_id


def take_message(
    agency,
    data: dict,
    *,
    channel: str,
    external_id: str,
    sender: str = "",
    actor,
    received_at: datetime | None = None,
) -> tuple[Receipt | None, Ticket]:
    """(receipt, ticket) for a new message; (None, ticket) when this message was taken before."""
    if len(external_id) > EXTERNAL_ID_MAX or "\x00" in external_id:
        # Cut short, two messages could be taken for one; PostgreSQL refused it as a 500.
        raise ChannelError(f"消息标识无效（超过{EXTERNAL_ID_MAX}个字符或含有空字符）")
    earlier = already_taken(agency, channel, external_id)
    if earlier is not None:
        return None, earlier
    cleaned = clean_intake(data)
    try:
        with transaction.atomic():
            receipt = intake(agency, cleaned, channel=channel, actor=actor, received_at=received_at)
            ChannelMessage.objects.create(
                agency=agency,
                channel=channel,
                external_id=external_id,
                sender=sender[:255],
                ticket=receipt.ticket,
            )
    except IntegrityError:
        # The same message arrived twice at once; the other request made the ticket.
        earlier = already_taken(agency, channel, external_id)
        if earlier is None:
            raise
        return None, earlier
    return receipt, receipt.ticket


def read_csv(text: str) -> tuple[list[str], list[dict]]:
    """The header and rows of a CSV text (core.csvtext), refused as a ChannelError."""
    try:
        return csvtext.read_csv(text)
    except csvtext.CsvUnreadable as exc:
        raise ChannelError(str(exc)) from None
