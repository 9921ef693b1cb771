"""Candidate rows → figures: fuzzy label scores, then an order-preserving alignment.

Rows of a report come in the order of the format, so the best monotonic alignment of candidate
rows to the format's rows (a weighted LCS) resolves repeated labels such as （一）维持具体行政行为数
and survives misprints, wrapped labels and missing rows without guessing.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from ..formats import Format, Row, Table
from .base import Cand, norm, number
from .text import _width

THRESHOLD = 72.0


@dataclass
class Spec:
    table: Table
    row: Row | None  # None: a row-group heading
    choices: list[str]

    @property
    def keyed(self) -> bool:
        return self.row is not None and self.row.key is not None


_SPEC_CACHE: dict[str, list[Spec]] = {}


def specs_for(fmt: Format) -> list[Spec]:
    if fmt.id in _SPEC_CACHE:
        return _SPEC_CACHE[fmt.id]
    specs: list[Spec] = []
    for t in fmt.tables:
        seen_groups: set[tuple[str, ...]] = set()
        for r in t.rows:
            for depth in range(1, len(r.group) + 1):
                g = r.group[:depth]
                if g not in seen_groups:
                    seen_groups.add(g)
                    specs.append(Spec(t, None, [norm(g[-1]), norm("".join(g))]))
            choices = {norm(r.label), *(norm(v) for v in r.variants)}
            if r.group:
                choices.add(norm("".join(r.group) + r.label))
                choices.add(norm(r.group[-1] + r.label))
            specs.append(Spec(t, r, sorted(c for c in choices if c)))
    _SPEC_CACHE[fmt.id] = specs
    return specs


def _queries(c: Cand) -> list[str]:
    p, n = c.prev, c.next
    qs = [c.leaf, c.label]
    if p is not None and not p.has_values:
        qs += [p.leaf + c.leaf, p.label + c.label]
    if n is not None and not n.has_values:
        qs += [c.leaf + n.leaf, c.label + n.label]
        if p is not None and not p.has_values:
            qs += [p.leaf + c.leaf + n.leaf, p.label + c.label + n.label]
    out = []
    for q in qs:
        q = norm(q)
        # paragraphs of the narrative are never table labels; scoring them costs most of the time
        if q and len(q) <= 90 and q not in out:
            out.append(q)
    return out or ["\x00"]


def score_matrix(cands: list[Cand], specs: list[Spec]) -> np.ndarray:
    queries: list[str] = []
    q_owner: list[int] = []
    for i, c in enumerate(cands):
        qs = _queries(c)
        queries += qs
        q_owner += [i] * len(qs)
    choices: list[str] = []
    c_owner: list[int] = []
    for j, s in enumerate(specs):
        choices += s.choices or ["\x01"]
        c_owner += [j] * max(1, len(s.choices))
    # scores far below the threshold are never used; the cutoff lets rapidfuzz stop early
    m = cdist(queries, choices, scorer=fuzz.ratio, dtype=np.float32, score_cutoff=THRESHOLD * 0.75)
    q_starts = np.flatnonzero(np.r_[True, np.diff(q_owner) != 0])
    c_starts = np.flatnonzero(np.r_[True, np.diff(c_owner) != 0])
    m = np.maximum.reduceat(m, q_starts, axis=0)
    m = np.maximum.reduceat(m, c_starts, axis=1)
    for j, s in enumerate(specs):
        if s.table.kind == "strip":
            col = np.zeros(len(cands), dtype=np.float32)
            for i, c in enumerate(cands):
                n_vals = len(c.cells) if c.cells is not None else len(c.numbers)
                ctx = norm(c.context)
                if (
                    len(norm(c.label)) <= 1
                    and n_vals >= 1
                    and any(w in ctx for w in ("审结", "起诉", "维持", "纠正", "行政复议"))
                ):
                    col[i] = 95.0
            m[:, j] = col
    has_vals = np.array([c.has_values for c in cands])
    heading = np.array([not s.keyed for s in specs])
    # a row printed with numbers beats its own wrapped label line printed without them
    m[~has_vals, :] *= np.where(heading, 1.0, 0.85)[None, :]
    m[np.ix_(has_vals, heading)] *= 0.5
    return m


def align(m: np.ndarray, threshold: float = THRESHOLD) -> list[tuple[int, int]]:
    """Monotonic one-to-one matching of candidates (rows of m) to specs maximising total score."""
    n_c, n_s = m.shape
    s = np.where(m >= threshold, m, -np.inf)
    f = np.zeros((n_c + 1, n_s + 1), dtype=np.float64)
    for i in range(1, n_c + 1):
        prev = f[i - 1]
        g = np.empty(n_s + 1)
        g[0] = prev[0]
        g[1:] = np.maximum(prev[1:], prev[:-1] + s[i - 1])
        f[i] = np.maximum.accumulate(g)
    pairs = []
    i, j = n_c, n_s
    while i > 0 and j > 0:
        if f[i, j] == f[i, j - 1]:
            j -= 1
        elif f[i, j] == f[i - 1, j]:
            i -= 1
        else:
            pairs.append((i - 1, j - 1))
            i -= 1
            j -= 1
    pairs.reverse()
    return pairs


@dataclass
class Assignment:
    figures: dict[str, float | int | None]
    found_rows: set[str]  # row keys matched
    unplaced: list[dict]
    units: dict[str, list[str]]  # row key → unit cells seen


def _value(text: str | None):
    return number(text)[1]


def _header_centres(t: Table, cands: list[Cand], at: int) -> list[float] | None:
    """Column centres from the header line above a row (`pdftotext -layout` centres both)."""
    for i in range(at - 1, max(-1, at - 12), -1):
        c = cands[i]
        if c.page != cands[at].page or not c.chunks:
            continue
        centres = []
        for col in t.columns:
            target = norm(col.label)
            best = max(c.chunks, key=lambda ch: fuzz.ratio(norm(ch[0]), target))
            if fuzz.ratio(norm(best[0]), target) < 80:
                break
            centres.append(best[1])
        else:
            if len(set(centres)) == len(centres):
                return centres
    return _fragment_centres(t, cands, at)


def _fragment_centres(t: Table, cands: list[Cand], at: int) -> list[float] | None:
    """Column centres from wrapped header cells: narrow columns print 结果/维持 on two lines, so
    collect the header fragments above the row and cluster their centres; use them only when
    exactly one cluster per column comes out."""
    labels = [norm(c.label) for c in t.columns]
    xs: list[float] = []
    for i in range(at - 1, max(-1, at - 9), -1):
        c = cands[i]
        if c.page != cands[at].page:
            break
        for text, x in c.chunks:
            # a chunk may hold two header words one space apart ("总计 结果")
            pos = x - _width(text) / 2
            for part in text.split(" "):
                frag = norm(part)
                if len(frag) >= 2 and any(frag in lbl for lbl in labels):
                    xs.append(pos + _width(part) / 2)
                pos += _width(part) + 1
    if not xs:
        return None
    xs.sort()
    clusters: list[list[float]] = [[xs[0]]]
    for x in xs[1:]:
        if x - clusters[-1][-1] <= 2.0:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    if len(clusters) != len(t.columns):
        return None
    return [statistics.median(c) for c in clusters]


def assign(
    fmt: Format, cands: list[Cand], specs: list[Spec], pairs: list[tuple[int, int]]
) -> Assignment:
    figures: dict[str, float | int | None] = {}
    found: set[str] = set()
    unplaced: list[dict] = []
    units: dict[str, list[str]] = {}
    pending: list[tuple[Cand, Spec]] = []
    anchors: dict[tuple[str, int], list[list[float]]] = {}
    for ci, sj in pairs:
        c, s = cands[ci], specs[sj]
        if not s.keyed:
            continue
        t, r = s.table, s.row
        assert r is not None and r.key is not None
        found.add(r.key)
        units[r.key] = c.units
        keys = [t.cell_key(r, col) for col in t.columns]
        n = len(keys)
        if c.cells is not None:
            cells = [x for x in c.cells]
            vals = cells[-n:] if len(cells) >= n else [None] * (n - len(cells)) + cells
            for k, v in zip(keys, vals, strict=True):
                figures[k] = _value(v)
        elif not c.numbers:
            for k in keys:
                figures.setdefault(k, None)
        elif t.kind == "list":
            figures[keys[0]] = _value(c.numbers[-1][0])
        elif len(c.numbers) >= n:
            if len(c.numbers) > n:
                unplaced.append(
                    {
                        "label": c.label,
                        "values": [v for v, _ in c.numbers[:-n]],
                        "reason": "多余的数值",
                    }
                )
            use = c.numbers[-n:]
            for k, (v, _) in zip(keys, use, strict=True):
                figures[k] = _value(v)
            anchors.setdefault((t.id, c.page), []).append([x for _, x in use])
        else:
            pending.append((c, s))
    for c, s in pending:
        t, r = s.table, s.row
        assert r is not None
        keys = [t.cell_key(r, col) for col in t.columns]
        rows = anchors.get((t.id, c.page))
        centres = (
            [statistics.median(col) for col in zip(*rows, strict=True)]
            if rows
            else _header_centres(t, cands, cands.index(c))
        )
        if not centres:
            unplaced.append(
                {
                    "label": c.label,
                    "values": [v for v, _ in c.numbers],
                    "reason": "无法确定数值所在的列",
                }
            )
            for k in keys:
                figures.setdefault(k, None)
            continue
        placed: dict[int, str | None] = {}
        for v, x in c.numbers:
            order = sorted(range(len(centres)), key=lambda j: abs(centres[j] - x))
            j = order[0]
            # between two columns: leave it unplaced rather than guess
            ambiguous = len(order) > 1 and abs(centres[order[1]] - x) - abs(centres[j] - x) < 1.0
            if j in placed or ambiguous:
                unplaced.append({"label": c.label, "values": [v], "reason": "无法确定数值所在的列"})
                continue
            placed[j] = v
        for j, k in enumerate(keys):
            figures[k] = _value(placed.get(j))
    matched = {ci for ci, _ in pairs}
    if pairs:
        lo, hi = pairs[0][0], pairs[-1][0]
        for i in range(lo, hi + 1):
            c = cands[i]
            if i in matched or not c.has_values or not c.label:
                continue
            vals = c.cells if c.cells is not None else [v for v, _ in c.numbers]
            if any(number(v)[1] is not None for v in vals):
                unplaced.append(
                    {"label": c.label, "values": vals, "reason": "未能对应到统计表的行"}
                )
    return Assignment(figures, found, unplaced, units)
