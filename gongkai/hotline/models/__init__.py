"""Records of the hotline, one module per aggregate."""

from gongkai.hotline.models.catalog import Category, DispatchRule, KnowledgeEntry
from gongkai.hotline.models.ticket import (
    Assignment,
    Callback,
    Notice,
    Ticket,
    TrackFailure,
    hash_code,
    new_code,
)
from gongkai.hotline.models.topic import Response, Topic

__all__ = [
    "Assignment",
    "Callback",
    "Category",
    "DispatchRule",
    "KnowledgeEntry",
    "Notice",
    "Response",
    "Ticket",
    "Topic",
    "TrackFailure",
    "new_code",
    "hash_code",
]
