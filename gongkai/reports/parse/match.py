"""Candidate rows → figures: fuzzy label scores, then an order-preserving alignment.

Rows of a report come in the order of the format, so the best monotonic alignment of candidate
rows to the format's rows (a weighted LCS) resolves repeated labels such as （一）维持具体行政行为数
and survives misprints, wrapped labels and missing rows without guessing.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from ..formats import Format, Row, Table
from .base import UNREADABLE, Cand, norm, value_unit
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


_SPEC_CACHE: dict[tuple[str, str], list[Spec]] = {}


def specs_for(fmt: Format) -> list[Spec]:
    if (fmt.id, fmt.variant) in _SPEC_CACHE:
        return _SPEC_CACHE[(fmt.id, fmt.variant)]
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
    _SPEC_CACHE[(fmt.id, fmt.variant)] = specs
    return specs


def _queries(c: Cand) -> list[str]:
    p, n = c.prev, c.next
    qs = [c.leaf, c.label]
    # a label wrapped over up to three lines printed without numbers above this row
    before: list[Cand] = []
    while p is not None and not p.has_values and len(before) < 3:
        before.insert(0, p)
        qs += ["".join(x.leaf for x in before) + c.leaf, "".join(x.label for x in before) + c.label]
        p = p.prev
    if n is not None and not n.has_values:
        qs += [c.leaf + n.leaf, c.label + n.label]
        if before:
            qs += [before[-1].leaf + c.leaf + n.leaf, before[-1].label + c.label + n.label]
    out = []
    for q in qs:
        q = norm(q)
        # paragraphs of the narrative are never table labels; scoring them costs most of the time
        if q and len(q) <= 90 and q not in out:
            out.append(q)
    return out or ["\x00"]


class Scorer:
    """Label scores of the candidate rows against the choices of several formats at once (a
    format and its variants share most labels, so each pair is scored once)."""

    def __init__(self, cands: list[Cand], spec_lists: list[list[Spec]]):
        self.cands = cands
        unique: dict[str, int] = {}  # wrapped-label queries repeat across neighbouring rows
        rows: list[int] = []
        q_owner: list[int] = []
        for i, c in enumerate(cands):
            for q in _queries(c):
                rows.append(unique.setdefault(q, len(unique)))
                q_owner.append(i)
        self.index: dict[str, int] = {}
        for specs in spec_lists:
            for sp in specs:
                for ch in sp.choices or ["\x01"]:
                    self.index.setdefault(ch, len(self.index))
        # every use of a score compares it with THRESHOLD or more after scaling it down
        # (`_adjust`), so lower scores need not be computed: the cutoff lets rapidfuzz skip them
        m = cdist(
            list(unique),
            list(self.index),
            scorer=fuzz.ratio,
            dtype=np.float32,
            score_cutoff=THRESHOLD,
        )
        q_starts = np.flatnonzero(np.r_[True, np.diff(q_owner) != 0])
        self.base = np.maximum.reduceat(m[rows], q_starts, axis=0)

    def matrix(self, specs: list[Spec]) -> np.ndarray:
        cols: list[int] = []
        starts: list[int] = []
        for sp in specs:
            starts.append(len(cols))
            cols += [self.index[ch] for ch in sp.choices or ["\x01"]]
        m = np.maximum.reduceat(self.base[:, cols], starts, axis=1)
        return _adjust(m, self.cands, specs)


def score_matrix(cands: list[Cand], specs: list[Spec]) -> np.ndarray:
    return Scorer(cands, [specs]).matrix(specs)


def _strip_like(c: Cand) -> bool:
    """An unlabelled row of values right after the 复议/诉讼 headers (the strip table)."""
    n_vals = len(c.cells) if c.cells is not None else len(c.numbers)
    if n_vals < 1 or len(norm(c.label)) > 1:
        return False
    ctx = norm(c.context)
    return any(w in ctx for w in ("审结", "起诉", "维持", "纠正", "行政复议"))


def _adjust(m: np.ndarray, cands: list[Cand], specs: list[Spec]) -> np.ndarray:
    strip_cols = [j for j, s in enumerate(specs) if s.table.kind == "strip"]
    if strip_cols:
        col = np.array([95.0 if _strip_like(c) else 0.0 for c in cands], dtype=np.float32)
        for j in strip_cols:
            m[:, j] = col
    has_vals = np.array([c.has_values for c in cands])
    heading = np.array([not s.keyed for s in specs])
    # a row printed with numbers beats its own wrapped label line printed without them
    m[~has_vals, :] *= np.where(heading, 1.0, 0.85)[None, :]
    m[np.ix_(has_vals, heading)] *= 0.5
    return m


def align(m: np.ndarray, threshold: float = THRESHOLD) -> list[tuple[int, int]]:
    """Monotonic one-to-one matching of candidates (rows of m) to specs maximising total score."""
    # rows scoring below the threshold everywhere (the narrative) can never be matched; the
    # table of the dynamic programme over the other rows is the same, so leave them out
    live = np.flatnonzero((m >= threshold).any(axis=1))
    s = np.where(m[live] >= threshold, m[live], -np.inf)
    n_c, n_s = s.shape
    f = np.zeros((n_c + 1, n_s + 1), dtype=np.float64)
    g = np.empty(n_s + 1)
    for i in range(1, n_c + 1):
        prev = f[i - 1]
        g[0] = prev[0]
        np.maximum(prev[1:], prev[:-1] + s[i - 1], out=g[1:])
        np.maximum.accumulate(g, out=f[i])
    pairs = []
    i, j = n_c, n_s
    while i > 0 and j > 0:
        if f[i, j] == f[i, j - 1]:
            j -= 1
        elif f[i, j] == f[i - 1, j]:
            i -= 1
        else:
            pairs.append((int(live[i - 1]), j - 1))
            i -= 1
            j -= 1
    pairs.reverse()
    return pairs


CLEAR = 95.0  # a label this close to a row's own is that row


def drop_contradicted(
    m: np.ndarray, specs: list[Spec], pairs: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], set[str]]:
    """Pairs whose row is clearly another row of the format: two rows printed in each other's
    place ("二、上年结转" above "一、本年新收") align in order with each other's similar labels
    (two 80s beat one 100), which would swap their numbers. Such a pair is dropped — its cells
    are not found — rather than read under the wrong label. Also returns the keys of the rows
    involved: their numbers are printed somewhere, so they must not be inferred either."""
    keyed = np.array([sp.keyed for sp in specs])
    out: list[tuple[int, int]] = []
    blocked: set[str] = set()
    for ci, sj in pairs:
        if specs[sj].keyed:
            row = np.where(keyed, m[ci], 0.0)
            row[sj] = 0.0
            other = int(row.argmax())
            if row[other] >= CLEAR and row[other] - m[ci, sj] >= 10.0:
                for j in (sj, other):
                    r = specs[j].row
                    assert r is not None and r.key is not None
                    blocked.update(
                        specs[j].table.cell_key(r, col) for col in specs[j].table.columns
                    )
                continue
        out.append((ci, sj))
    return out, blocked


def printed_elsewhere(
    m: np.ndarray,
    specs: list[Spec],
    cands: list[Cand],
    pairs: list[tuple[int, int]],
    found: set[str],
) -> set[str]:
    """Cells of rows not found although a row printing values under their very label was left
    unmatched (out of order): the numbers are in the report, so they are never inferred."""
    matched = {ci for ci, _ in pairs}
    loose = [i for i, c in enumerate(cands) if i not in matched and c.has_values]
    out: set[str] = set()
    if not loose:
        return out
    for j, sp in enumerate(specs):
        r = sp.row
        if r is None or r.key is None or r.key in found:
            continue
        if (m[loose, j] >= CLEAR).any():
            out.update(sp.table.cell_key(r, col) for col in sp.table.columns)
    return out


def _n_values(c: Cand) -> int:
    return len(c.cells) if c.cells is not None else len(c.numbers)


def realign(m: np.ndarray, specs: list[Spec], cands: list[Cand], pairs: list[tuple[int, int]]):
    """Second chances after the global alignment, both structural, neither a guess of a value:

    - a table none of whose rows was placed (extraction can move a table out of order) is
      aligned on its own over the rows left unmatched;
    - where k rows of a table are missing between two placed rows and exactly k unmatched rows
      printing a full set of values sit between them, they are those rows, in order.
    """
    used_c = {ci for ci, _ in pairs}
    placed_tables = {specs[sj].table.id for _, sj in pairs if specs[sj].keyed}
    extra: list[tuple[int, int]] = []
    for tid in dict.fromkeys(s.table.id for s in specs):
        if tid in placed_tables:
            continue
        cols = [j for j, s in enumerate(specs) if s.table.id == tid]
        rows = [i for i in range(len(cands)) if i not in used_c]
        if not rows:
            continue
        sub = m[np.ix_(rows, cols)]
        for a, b in align(sub):
            extra.append((rows[a], cols[b]))
            used_c.add(rows[a])
    pairs = sorted(pairs + extra, key=lambda p: p[1])
    fills: list[tuple[int, int]] = []
    keyed = [(ci, sj) for ci, sj in pairs if specs[sj].keyed]
    for (c1, s1), (c2, s2) in zip(keyed, keyed[1:], strict=False):
        t = specs[s1].table
        if specs[s2].table is not t or c2 <= c1 + 1 or s2 <= s1 + 1:
            continue
        gap = [j for j in range(s1 + 1, s2) if specs[j].keyed]
        width = len(t.columns) if t.kind != "list" else 1
        loose = [
            i
            for i in range(c1 + 1, c2)
            if i not in used_c and _n_values(cands[i]) == width and cands[i].has_values
        ]
        if gap and len(gap) == len(loose):
            fills += list(zip(loose, gap, strict=True))
    return sorted(pairs + fills, key=lambda p: p[1]), {ci for ci, _ in fills}


@dataclass
class Assignment:
    figures: dict[str, float | int | None]  # every cell read or printed blank
    found_rows: set[str]  # row keys matched
    unplaced: list[dict]
    units: dict[str, list[str]]  # row key → unit cells seen
    where: dict[str, str]  # cell key → where in the source it was read
    cell_units: dict[str, str]  # cell key → unit printed inside the cell ("元")
    score: float = 0.0  # total alignment score (to choose between variants)
    copies: int = 1  # copies of a table found in the report
    blocked: set[str] = field(default_factory=set)  # printed but not placed: never inferred


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


def _printed_blank(text: str | None) -> bool:
    ok, value, unit = value_unit(text)
    return ok and value is None and unit != UNREADABLE


class _Out:
    def __init__(self) -> None:
        self.figures: dict[str, float | int | None] = {}
        self.where: dict[str, str] = {}
        self.cell_units: dict[str, str] = {}

    def put(self, key: str, text: str | None, c: Cand, how: str = "") -> None:
        _, value, unit = value_unit(text)
        if unit == UNREADABLE:
            self.figures.pop(key, None)  # printed but unreadable: not found, never blank
            return
        self.figures[key] = value
        self.where[key] = c.where() + how
        if unit:
            self.cell_units[key] = unit


def assign(
    fmt: Format,
    cands: list[Cand],
    specs: list[Spec],
    pairs: list[tuple[int, int]],
    m: np.ndarray | None = None,
    by_position: set[int] | None = None,
) -> Assignment:
    """Cells of the matched rows. A value is placed only where its column is certain; a row
    printing fewer values than columns, or a value between two columns, leaves those cells
    out (not found) rather than guessing."""
    out = _Out()
    found: set[str] = set()
    unplaced: list[dict] = []
    units: dict[str, list[str]] = {}
    pending: list[tuple[Cand, Spec]] = []
    anchors: dict[tuple[str, int], list[list[float]]] = {}
    score = 0.0
    for ci, sj in pairs:
        c, s = cands[ci], specs[sj]
        if m is not None:
            score += float(m[ci, sj]) * (1.0 if c.has_values else 0.5)
        if not s.keyed:
            continue
        t, r = s.table, s.row
        assert r is not None and r.key is not None
        found.add(r.key)
        units[r.key] = c.units
        keys = [t.cell_key(r, col) for col in t.columns]
        n = len(keys)
        if by_position and ci in by_position:
            # a row whose label the extraction lost, identified by its place between two rows
            vals = c.cells if c.cells is not None else [v for v, _ in c.numbers]
            for k, v in zip(keys, vals[-n:], strict=True):
                out.put(k, v, c, "（标签缺失，按行序对应）")
            continue
        if c.cells is not None:
            cells = list(c.cells)
            # a Markdown row with a stray empty cell after its last column (grid tables of
            # HTML/DOCX/PDF keep their empty cells: there a trailing empty cell is a blank)
            while c.table < 0 and len(cells) > n and cells[-1] is None and cells[0] is not None:
                cells.pop()
            if len(cells) >= n:
                for k, v in zip(keys, cells[-n:], strict=True):
                    out.put(k, v, c)
            elif all(_printed_blank(v) for v in cells):
                for k in keys:  # an empty row: every cell printed blank
                    out.put(k, None, c)
            else:
                unplaced.append(
                    {
                        "label": c.label,
                        "values": cells,
                        "reason": f"数值 {len(cells)} 个，少于栏目数 {n}，无法确定所在列",
                        "where": c.where(),
                    }
                )
        elif not c.numbers:
            # a label printed without values: blank when the row shows it is a complete row (a
            # unit cell, or a one-cell-per-line export); otherwise the values may have been lost
            # with a page break, so the cells stay not found rather than blank
            if c.units or c.tabbed:
                for k in keys:
                    if k not in out.figures:
                        out.put(k, None, c)
        elif t.kind == "list":
            out.put(keys[0], c.numbers[-1][0], c)
        elif len(c.numbers) >= n:
            if len(c.numbers) > n:
                unplaced.append(
                    {
                        "label": c.label,
                        "values": [v for v, _ in c.numbers[:-n]],
                        "reason": "多余的数值",
                        "where": c.where(),
                    }
                )
            use = c.numbers[-n:]
            for k, (v, _) in zip(keys, use, strict=True):
                out.put(k, v, c)
            anchors.setdefault((t.id, c.page), []).append([x for _, x in use])
        else:
            pending.append((c, s))
    index = {id(c): i for i, c in enumerate(cands)}
    for c, s in pending:
        t, r = s.table, s.row
        assert r is not None
        keys = [t.cell_key(r, col) for col in t.columns]
        rows = anchors.get((t.id, c.page))
        centres = (
            [statistics.median(col) for col in zip(*rows, strict=True)]
            if rows
            else _header_centres(t, cands, index[id(c)])
        )
        if not centres:
            unplaced.append(
                {
                    "label": c.label,
                    "values": [v for v, _ in c.numbers],
                    "reason": "无法确定数值所在的列",
                    "where": c.where(),
                }
            )
            continue
        placed: dict[int, str | None] = {}
        lost = False
        for v, x in c.numbers:
            order = sorted(range(len(centres)), key=lambda j: abs(centres[j] - x))
            j = order[0]
            # between two columns: leave it unplaced rather than guess
            ambiguous = len(order) > 1 and abs(centres[order[1]] - x) - abs(centres[j] - x) < 1.0
            if j in placed or ambiguous:
                unplaced.append(
                    {
                        "label": c.label,
                        "values": [v],
                        "reason": "无法确定数值所在的列",
                        "where": c.where(),
                    }
                )
                lost = True
                continue
            placed[j] = v
        for j, k in enumerate(keys):
            if j in placed:
                out.put(k, placed[j], c)
            elif not lost:
                out.put(k, None, c)  # nothing printed under this column
    matched = {ci for ci, _ in pairs}
    if pairs:
        lo, hi = min(ci for ci, _ in pairs), max(ci for ci, _ in pairs)
        for i in range(lo, hi + 1):
            c = cands[i]
            if i in matched or not c.has_values or not c.label:
                continue
            vals = c.cells if c.cells is not None else [v for v, _ in c.numbers]
            if not all(_printed_blank(v) for v in vals):
                unplaced.append(
                    {
                        "label": c.label,
                        "values": vals,
                        "reason": "未能对应到统计表的行",
                        "where": c.where(),
                    }
                )
    return Assignment(out.figures, found, unplaced, units, out.where, out.cell_units, score)
