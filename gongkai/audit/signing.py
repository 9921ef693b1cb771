"""Signing the chain head with a key that is not in the database.

With database access alone one can rewrite every event and recompute every hash; the chain
then verifies by itself. What such a person cannot do without the key is produce the HMAC of
the new head, nor of the anchors exported earlier (gongkai.audit.anchors).
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def head_message(last_event_id: int, last_hash: str, count: int) -> bytes:
    return f"gongkai-audit-head:{last_event_id}:{last_hash}:{count}".encode("ascii")


def sign_head(last_event_id: int, last_hash: str, count: int) -> str:
    key = settings.GONGKAI_AUDIT_KEY.encode("utf-8")
    return hmac.new(key, head_message(last_event_id, last_hash, count), hashlib.sha256).hexdigest()


def head_signature_ok(last_event_id: int, last_hash: str, count: int, signature: str) -> bool:
    return hmac.compare_digest(sign_head(last_event_id, last_hash, count), signature or "")
