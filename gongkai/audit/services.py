"""Writing and checking the event ledger."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from gongkai.audit.actions import SYSTEM
from gongkai.audit.models import ChainHead, Event
from gongkai.audit.signing import head_signature_ok, sign_head
from gongkai.core import request_context

GENESIS = "0" * 64


def object_type_of(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def _json_safe(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_json_safe(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return value  # kept as float; JSON round trip keeps it
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "name") and hasattr(value, "url"):  # FieldFile
        return value.name or None
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """The object's concrete field values as JSON-safe data (foreign keys as ids)."""
    data = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        data[field.name] = _json_safe(getattr(obj, field.attname))
    return data


def record(
    action: str,
    obj: models.Model | None = None,
    *,
    actor,
    agency=None,
    before: dict | None = None,
    after: dict | None = None,
    object_type: str | None = None,
    object_id: str | int | None = None,
    actor_name: str = "",
) -> Event:
    """Append one event. Call it inside the transaction that makes the change, so that either
    both are stored or neither.

    `action` is a declared `Action` (`<app>.<object>.<verb>`); `actor` is the user who acted,
    always said explicitly: `None` only where the platform itself acts (the worker, a
    recomputation after a calendar change), and then the ledger names 系统."""
    if obj is not None:
        object_type = object_type or object_type_of(obj)
        object_id = object_id if object_id is not None else obj.pk
        if agency is None:
            agency = getattr(obj, "agency", None) if object_type != "agencies.agency" else obj
    if not object_type or object_id is None:
        raise ValueError("record() needs obj or object_type and object_id")
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None  # an anonymous visitor (the public applying online) is not a user
    # No savepoint of its own: the event belongs to the caller's transaction, and a failure
    # here fails that transaction anyway (two statements less for every audited change).
    with transaction.atomic(savepoint=False):
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        event = Event(
            created_at=timezone.now(),
            actor=actor,
            actor_name=(actor.get_username() if actor is not None else actor_name or SYSTEM),
            agency=agency,
            object_type=object_type,
            object_id=str(object_id),
            action=action,
            before=_json_safe(before) if before is not None else None,
            after=_json_safe(after) if after is not None else None,
            request_id=request_context.current_request_id(),
            source_address=request_context.current_client_address(),
            prev_hash=head.last_hash,
        )
        event.hash = event.compute_hash()
        event.save()
        ChainHead.objects.filter(pk=1).update(
            last_event_id=event.pk,
            last_hash=event.hash,
            count=head.count + 1,
            signature=sign_head(event.pk, event.hash, head.count + 1),
        )
    return event


@dataclass(frozen=True)
class Entry:
    """One event for record_many(): what record() takes, plus the time it happened (a bulk
    load of history, e.g. demo tickets of a past year, keeps each step's own date)."""

    action: str
    object_type: str
    object_id: str | int
    created_at: dt.datetime
    agency_id: int | None = None
    actor_name: str = ""
    before: dict | None = None
    after: dict | None = None


def record_many(entries, *, batch_size: int = 2000, by_user=None) -> int:
    """Append many events in one transaction, chained exactly as record() chains them: the head
    is locked once, each event's prev_hash is the hash before it, rows are inserted in batches in
    chain order, and the head moves to the last one. Returns how many were appended.

    For work the platform does by itself (bulk loads) the actor is 系统 or the `actor_name`
    given; a batch import a person started (`by_user`) names that person on every event. The ids must follow the chain order, which
    verify_chain() walks; that is checked after each batch (the database hands out ids in
    insertion order, and any other writer waits on the head's lock)."""
    entries = list(entries)
    if not entries:
        return 0
    # a batch import run by a person (`--user`) names that person, as record() would
    person = by_user if getattr(by_user, "is_authenticated", False) else None
    user_name = person.get_username() if person is not None else ""
    with transaction.atomic():
        head, _ = ChainHead.objects.select_for_update().get_or_create(pk=1)
        prev, last_id = head.last_hash, head.last_event_id
        for start in range(0, len(entries), batch_size):
            batch = []
            for e in entries[start : start + batch_size]:
                event = Event(
                    # in UTC, as stored and read back: the hash covers the ISO text of the time
                    created_at=e.created_at.astimezone(dt.UTC),
                    actor=person,
                    actor_name=user_name or e.actor_name or SYSTEM,
                    agency_id=e.agency_id,
                    object_type=e.object_type,
                    object_id=str(e.object_id),
                    action=str(e.action),
                    before=_json_safe(e.before) if e.before is not None else None,
                    after=_json_safe(e.after) if e.after is not None else None,
                    request_id="",
                    source_address="",
                    prev_hash=prev,
                )
                event.hash = prev = event.compute_hash()
                batch.append(event)
            Event.objects.bulk_create(batch)
            # Everything past last_id is this batch (other writers wait on the head's lock).
            stored = list(
                Event.objects.filter(id__gt=last_id).order_by("id").values_list("id", "hash")
            )
            if [h for _, h in stored] != [e.hash for e in batch]:
                raise RuntimeError("bulk ledger insert out of chain order")
            last_id = stored[-1][0]
        count = head.count + len(entries)
        ChainHead.objects.filter(pk=1).update(
            last_event_id=last_id,
            last_hash=prev,
            count=count,
            signature=sign_head(last_id, prev, count),
        )
    return len(entries)


def history_for(obj_or_type, object_id=None):
    if isinstance(obj_or_type, models.Model):
        object_type, object_id = object_type_of(obj_or_type), obj_or_type.pk
    else:
        object_type = obj_or_type
    return Event.objects.filter(object_type=object_type, object_id=str(object_id)).select_related(
        "actor"
    )


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    message: str
    event_id: int | None = None


def verify_chain(chunk_size: int = 2000) -> VerifyResult:
    """Walk the whole ledger in id order; name the first event that was edited, deleted or
    reordered."""
    prev_hash = GENESIS
    checked = 0
    last_id = 0
    for event in Event.objects.order_by("id").iterator(chunk_size=chunk_size):
        if event.prev_hash != prev_hash:
            return VerifyResult(
                False,
                checked,
                f"事件 #{event.pk} 的前序哈希不符：其前面的事件被删除、插入或调换了顺序",
                event.pk,
            )
        if event.compute_hash() != event.hash:
            return VerifyResult(
                False, checked, f"事件 #{event.pk} 的内容被修改过（哈希不符）", event.pk
            )
        prev_hash = event.hash
        last_id = event.pk
        checked += 1
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_hash != prev_hash or head.count != checked):
        return VerifyResult(
            False,
            checked,
            f"账本末尾的事件被删除：记录的最后事件为 #{head.last_event_id}，共 {head.count} 条，实际 {checked} 条",
            head.last_event_id,
        )
    if head is not None and not head_signature_ok(
        head.last_event_id, head.last_hash, head.count, head.signature
    ):
        return VerifyResult(
            False,
            checked,
            "账本末尾的签名不符：整条账本可能被改写并重新计算了哈希（或签名密钥已更换），"
            "请用 gongkai audit verify --anchors 对照导出的锚点",
            head.last_event_id,
        )
    return VerifyResult(
        True, checked, f"审计账本完整：共 {checked} 条事件，哈希链校验通过（最后一条 #{last_id}）"
    )
