"""`gongkai demo`: each module loads its own demo data, in dependency order."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from django.db import transaction

DEMO_MODULES = [
    "gongkai.agencies.demo",
    "gongkai.workdays.demo",
    "gongkai.publishing.demo",
    "gongkai.applications.demo",
    "gongkai.reports.demo",
]


def load_all(out: Callable[[str], None] = print) -> None:
    for module_path in DEMO_MODULES:
        try:
            module = import_module(module_path)
        except ModuleNotFoundError as exc:
            if exc.name != module_path:
                raise
            continue
        with transaction.atomic():
            module.load(out)
