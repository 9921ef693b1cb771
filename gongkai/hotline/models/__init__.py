"""Records of the hotline, one module per aggregate."""

from gongkai.hotline.models.catalog import Category, DispatchRule, KnowledgeEntry
from gongkai.hotline.models.channel import Call, ChannelMessage, PartnerSystem  # noqa: E402
from gongkai.hotline.models.partner import Partner, Referral  # noqa: E402
from gongkai.hotline.models.selection import PublicReply
from gongkai.hotline.models.ticket import (
    Assignment,
    Callback,
    Notice,
    Ticket,
    hash_code,
)
from gongkai.hotline.models.topic import Response, Topic

__all__ = [
    "Assignment",
    "Call",
    "ChannelMessage",
    "Partner",
    "PartnerSystem",
    "PublicReply",
    "Referral",
    "Callback",
    "Category",
    "DispatchRule",
    "KnowledgeEntry",
    "Notice",
    "Response",
    "Ticket",
    "Topic",
    "hash_code",
]
