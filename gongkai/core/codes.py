"""Query codes: the short code a member of the public gets with a receipt (申请查询码, 工单查询码)
and its keyed hash, the only form in which it is stored.

One implementation for every app, so the applications and the hotline cannot drift apart.
The hash is an HMAC (SECRET_KEY) over the parts that bind the code to its record, joined by
NUL, then the code itself, trimmed and upper-cased (people type it back in lower case):

    code_hash(receipt_no, code=c)                 # applications
    code_hash("hotline", ticket_no, code=c)       # hotline: its own domain, so a ticket number
                                                  # can never collide with a receipt number

These are byte for byte the messages the apps hashed before this module existed, so stored
hashes stay valid (tests/core/test_codes.py proves it on a hash computed the old way).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

# No 0/O and 1/I: the code is read off paper and typed back in.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_code(length: int = 8) -> str:
    """A random code of `length` characters from ALPHABET (5 bits each, from `secrets`)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def code_hash(*parts: str, code: str) -> str:
    """HMAC-SHA256 (hex) of the code bound to `parts`; the code itself is never kept."""
    if not parts:
        raise ValueError("code_hash needs the record the code belongs to")
    message = "\x00".join([*parts, code.strip().upper()]).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def matches(stored: str, *parts: str, code: str) -> bool:
    """Whether `code` is the code whose hash is `stored` (constant time)."""
    return hmac.compare_digest(stored, code_hash(*parts, code=code))
