"""The shared rate-limit cache (settings.CACHES["throttle"]): Django's database cache whose
set() is one upsert.

Django's DatabaseCache.set counts the whole table, then selects the key and updates or inserts
it inside a transaction: five statements for every public API request and search. Here it is
one `INSERT … ON CONFLICT DO UPDATE` (PostgreSQL and SQLite both have it), and the table is
counted and culled on every hundredth set of a process instead of on every one. Reads, deletes
and culling are Django's."""

from __future__ import annotations

import base64
import itertools
import pickle
from datetime import UTC, datetime

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.utils.timezone import now as tz_now

CULL_EVERY = 100
_sets = itertools.count(1)


class RateLimitCache(DatabaseCache):
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table = quote(self._table)
        expires = datetime.max if timeout is None else datetime.fromtimestamp(timeout, tz=UTC)
        expires = connection.ops.adapt_datetimefield_value(expires.replace(microsecond=0))
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        with connection.cursor() as cursor:
            if next(_sets) % CULL_EVERY == 0:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")
                count = cursor.fetchone()[0]
                if count > self._max_entries:
                    self._cull(db, cursor, tz_now().replace(microsecond=0), count)
            key_col, value_col, expires_col = (quote(c) for c in ("cache_key", "value", "expires"))
            cursor.execute(
                f"INSERT INTO {table} ({key_col}, {value_col}, {expires_col}) VALUES (%s, %s, %s) "
                f"ON CONFLICT ({key_col}) DO UPDATE SET {value_col} = EXCLUDED.{value_col}, "
                f"{expires_col} = EXCLUDED.{expires_col}",
                [key, encoded, expires],
            )
