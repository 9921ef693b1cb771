"""Files written to storage inside a database transaction that then fails are deleted again.

A database rollback undoes the rows but not the files their `FileField`s saved, so a refused
second attachment would leave the first one's file on disk, attached to nothing. Code that
saves a file calls `saved(fieldfile)`; code that runs a unit of work wraps it in
`discard_on_error()`. When the block raises, every file saved inside it (at any depth) is
deleted before the exception goes on; when it ends normally the files stay.

    with filescope.discard_on_error(), transaction.atomic():
        ...
        att.file.save(name, content, save=False)
        filescope.saved(att.file)

Put `discard_on_error()` outside the outermost `atomic()` of the work: a file is only safe to
keep once nothing that encloses it can still roll back. Storage never overwrites (a second file
of the same name gets a new name), so the name deleted is always the one this work wrote.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextvars import ContextVar

from django.db.models.fields.files import FieldFile

log = logging.getLogger(__name__)

_scopes: ContextVar[tuple[list, ...]] = ContextVar("gongkai_file_scopes", default=())


def saved(fieldfile: FieldFile) -> None:
    """Remember a file just written, for every enclosing `discard_on_error` block."""
    for scope in _scopes.get():
        scope.append((fieldfile.storage, fieldfile.name))


@contextlib.contextmanager
def discard_on_error() -> Iterator[None]:
    scope: list = []
    token = _scopes.set((*_scopes.get(), scope))
    try:
        yield
    except BaseException:
        for storage, name in reversed(scope):
            try:
                storage.delete(name)
            except OSError as exc:  # the work failed already; say so and go on
                log.warning("could not delete %s after a failed transaction: %s", name, exc)
        raise
    finally:
        _scopes.reset(token)
