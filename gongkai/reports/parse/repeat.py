"""The same table printed twice in one report (a web page carrying the table as text and again
as an attachment's extraction, a PDF with a draft page left in): keep the complete copy."""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from ..formats import Format
from .base import Cand
from .match import Spec

HIGH = 90.0
_UNIQUE: dict[tuple[str, str], list[bool]] = {}


def _unique(fmt: Format, specs: list[Spec]) -> list[bool]:
    """Specs whose label no other row shares (the old table repeats （一）维持具体行政行为数)."""
    key = (fmt.id, fmt.variant)
    if key not in _UNIQUE:
        owner = [j for j, s in enumerate(specs) if s.keyed for _ in s.choices]
        choices = [c for s in specs if s.keyed for c in s.choices]
        sim = cdist(choices, choices, scorer=fuzz.ratio, score_cutoff=HIGH) >= HIGH
        alike = set()
        for a, b in zip(*np.nonzero(sim), strict=True):
            if owner[a] != owner[b]:
                alike.add(owner[a])
        _UNIQUE[key] = [
            s.keyed and s.table.kind != "strip" and j not in alike for j, s in enumerate(specs)
        ]
    return _UNIQUE[key]


def drop_repeats(
    fmt: Format, specs: list[Spec], cands: list[Cand], m: np.ndarray
) -> tuple[list[int], int]:
    """Indices of the candidate rows to keep, and how many copies of a table were seen.

    A table is printed more than once when one of its rows (with a label no other row has)
    matches two rows with values. The copies start at those rows; the copy holding the most
    rows of the table is kept and the other copies' rows are left out."""
    unique = _unique(fmt, specs)
    has_vals = np.array([c.has_values for c in cands])
    keep = list(range(len(cands)))
    kept = np.ones(len(cands), dtype=bool)
    high = m >= HIGH
    copies_seen = 1
    for tid in dict.fromkeys(s.table.id for s in specs):
        cols = [j for j, s in enumerate(specs) if s.table.id == tid and unique[j]]
        starts: list[int] | None = None
        for j in cols:
            hits = list(np.flatnonzero(high[:, j] & has_vals & kept))
            if len(hits) >= 2:
                starts = hits
                break
        if not starts:
            continue
        bounds = [*starts[1:], len(cands)]
        spans = [(a, b) for a, b in zip(starts, bounds, strict=True)]
        counts = [int(high[a:b][:, cols].any(axis=0).sum()) for a, b in spans]
        best = max(range(len(spans)), key=lambda k: (counts[k], k))
        drop = {i for k, (a, b) in enumerate(spans) if k != best for i in range(a, b)}
        keep = [i for i in keep if i not in drop]
        kept[list(drop)] = False
        copies_seen = max(copies_seen, len(spans))
    return keep, copies_seen
