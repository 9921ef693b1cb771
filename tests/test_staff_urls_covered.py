"""Every staff URL (under /manage/) must appear in some module's permission table."""

import importlib
from pathlib import Path

from django.urls import get_resolver

from tests.access import STAFF_EXEMPT
from tests.staffpages import named_routes


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
        for name, route in named_routes(get_resolver().url_patterns)
        if route.startswith("manage/")
    }
    uncovered = staff - _declared() - STAFF_EXEMPT
    assert not uncovered, f"staff URLs without a permission table: {sorted(uncovered)}"
