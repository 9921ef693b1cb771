"""Every staff URL (under /manage/) must appear in some module's permission table."""

import importlib
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

from tests.access import STAFF_EXEMPT


def _named_routes(patterns, namespace="", prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = (
                f"{namespace}:{entry.namespace}"
                if namespace and entry.namespace
                else (entry.namespace or namespace)
            )
            yield from _named_routes(entry.url_patterns, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield (
                (f"{namespace}:{entry.name}" if namespace else entry.name),
                prefix + str(entry.pattern),
            )


def _declared() -> set[str]:
    names: set[str] = set()
    for path in Path(__file__).parent.rglob("test_*permissions*.py"):
        module = importlib.import_module(
            ".".join(path.relative_to(Path(__file__).parent.parent).with_suffix("").parts)
        )
        names |= set(getattr(module, "COVERED_URL_NAMES", ()))
    return names


def test_every_staff_url_has_a_permission_table():
    staff = {
        name
        for name, route in _named_routes(get_resolver().url_patterns)
        if route.startswith("manage/")
    }
    uncovered = staff - _declared() - STAFF_EXEMPT
    assert not uncovered, f"staff URLs without a permission table: {sorted(uncovered)}"
