"""Rotating the key of the encrypted personal fields (`gongkai fieldkey status|rotate`).

Rotation: the operator puts a new key on the first line of GONGKAI_FIELD_KEY_FILE and keeps the
old one on a later line; from then on new values are written with the new key, and `rotate`
rewrites every existing row with it, batch by batch, recomputing the search hashes (their key is
derived from the current key too). When `status` shows no row under the old key id, the old
line can go. Until `rotate` has finished, exact search does not find rows still hashed with the
old key (docs/security.md).

The models are found through Django's registry (every concrete field that is encrypted), so
this module does not import the apps that own them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

from django.apps import apps
from django.db import connection, transaction

from gongkai.core import crypto
from gongkai.core.encrypted import EncryptedMixin, SearchHash

BATCH = 500


def encrypted_models() -> Iterator[tuple[type, list, list]]:
    """(model, encrypted fields, search hash fields) of every model holding personal fields."""
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedMixin)]
        if fields:
            hashes = [f for f in model._meta.concrete_fields if isinstance(f, SearchHash)]
            yield model, fields, hashes


def status() -> dict[str, Counter]:
    """Per model label, how many stored values each key id encrypted (from the raw columns:
    nothing is decrypted, so this works even when a key is missing)."""
    quote = connection.ops.quote_name
    out: dict[str, Counter] = {}
    with connection.cursor() as cursor:
        for model, fields, _ in encrypted_models():
            counts: Counter = Counter()
            for field in fields:
                column = quote(field.column)
                cursor.execute(
                    f"SELECT SUBSTR({column}, 5, 8), COUNT(*) FROM {quote(model._meta.db_table)} "
                    f"WHERE {column} <> '' GROUP BY SUBSTR({column}, 5, 8)"
                )
                counts.update(dict(cursor.fetchall()))
            out[model._meta.label] = counts
    return out


def rotate(progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Rewrite every row of every model with the current key; returns rows per model label.
    Each batch is its own transaction: an interrupted run is resumed by running it again."""
    done: dict[str, int] = {}
    for model, fields, hashes in encrypted_models():
        names = [f.name for f in fields] + [f.name for f in hashes]
        label, last, count = model._meta.label, 0, 0
        while True:
            with transaction.atomic():
                rows = list(
                    model._base_manager.select_for_update()
                    .filter(pk__gt=last)
                    .order_by("pk")
                    .only("pk", *names)[:BATCH]
                )
                if not rows:
                    break
                for row in rows:
                    for field in hashes:
                        field.pre_save(row, add=False)
                model._base_manager.bulk_update(rows, names)
            last, count = rows[-1].pk, count + len(rows)
            if progress:
                progress(label, count)
        done[label] = count
    return done


def current_key_id() -> str:
    return crypto.keyring().current.kid
