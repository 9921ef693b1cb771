"""`gongkai demo`: each app's demo.py loads its own demo data, after the apps it names in AFTER."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from gongkai.core.plugins import found


def load_all(out: Callable[[str], None] = print) -> None:
    for plugin in found("demo"):
        with transaction.atomic():
            plugin.get("load")(out)
