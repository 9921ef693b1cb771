"""The compute registry: each module's `figures.py` contributes keys for (bodies, year).

A contributor is `contribute(agency_ids: QuerySet | list[int], year: int, format_id: str) ->
(or `figures(...)` with the same signature)
dict[key, value]` and must answer with aggregate queries (never a Python loop over records).
It returns only the keys it knows; a key it leaves out is entered by hand.
"""

from __future__ import annotations

from importlib import import_module

# Order matters only for the provenance label when two modules claim one key (the later wins).
CONTRIBUTORS = [
    "gongkai.agencies.figures",
    "gongkai.publishing.figures",
    "gongkai.applications.figures",
    "gongkai.hotline.figures",
]


def _contributors():
    for path in CONTRIBUTORS:
        try:
            module = import_module(path)
        except ModuleNotFoundError as exc:
            if exc.name in (path, path.rsplit(".", 1)[0]):
                continue  # module not built yet
            raise
        # `contribute` is the documented name; `figures` is accepted as the same contract
        fn = getattr(module, "contribute", None) or getattr(module, "figures", None)
        if fn is not None:
            yield path, fn


def compute(agency_ids, year: int, format_id: str) -> dict[str, tuple[float | int | None, str]]:
    """{key: (value, contributing module)} for the keys that modules can compute."""
    from .formats import get

    keys = set(get(format_id).cell_keys())
    out: dict[str, tuple[float | int | None, str]] = {}
    for path, fn in _contributors():
        for key, value in fn(agency_ids, year, format_id).items():
            if key in keys:
                out[key] = (value, path)
    return out
