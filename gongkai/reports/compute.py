"""The compute registry: each app's `figures.py` contributes keys for (bodies, year).

A contributor is `contribute(agency_ids: QuerySet | list[int], year: int, format_id: str) ->
dict[key, value]` and must answer with aggregate queries (never a Python loop over records).
It returns only the keys it knows; a key it leaves out is entered by hand. Contributors are
found by gongkai.core.plugins, in INSTALLED_APPS order; that order matters only for the
provenance label when two apps claim one key (the later wins).
"""

from __future__ import annotations

from gongkai.core.plugins import found


def compute(agency_ids, year: int, format_id: str) -> dict[str, tuple[float | int | None, str]]:
    """{key: (value, contributing module)} for the keys that modules can compute."""
    from .formats import get

    keys = set(get(format_id).cell_keys())
    out: dict[str, tuple[float | int | None, str]] = {}
    for plugin in found("figures"):
        for key, value in plugin.get("contribute")(agency_ids, year, format_id).items():
            if key in keys:
                out[key] = (value, plugin.path)
    return out
