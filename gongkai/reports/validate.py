"""Balance rules of a report format, with Chinese messages naming the cells (pure Python)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass

from .formats import Check, Format, get

Figures = Mapping[str, float | int | None]


@dataclass(frozen=True)
class Problem:
    rule: str
    severity: str
    keys: list[str]
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


def fmt_number(v: float | int | None) -> str:
    """Print a figure the way a report does: integers bare, money without trailing zeros."""
    if v is None:
        return ""
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return f"{v:.6f}".rstrip("0").rstrip(".")
    return str(v)


def _num(v: float | int | None) -> float | int:
    return 0 if v is None else v


def _check(check: Check, left: Figures, right: Figures) -> tuple[bool, float, float]:
    lv = sum(_num(left.get(t.key)) for t in check.left)
    rv = sum(_num(right.get(t.key)) for t in check.right)
    # money sums: compare with a tolerance below the smallest printed unit
    if check.op == "=":
        ok = abs(lv - rv) < 1e-6
    elif check.op == "<=":
        ok = lv <= rv + 1e-6
    else:
        ok = lv >= rv - 1e-6
    return ok, lv, rv


_NOT = {"=": "≠", "<=": ">", ">=": "<"}


def _side(terms, figures: Figures) -> tuple[str, str]:
    names = "+".join(t.label for t in terms)
    values = "+".join(fmt_number(_num(figures.get(t.key))) for t in terms)
    return names, values


def describe(check: Check, left: Figures, right: Figures, lv: float, rv: float) -> str:
    ln, lvals = _side(check.left, left)
    rn, rvals = _side(check.right, right)
    diff = fmt_number(abs(lv - rv) if isinstance(lv - rv, int) else round(abs(lv - rv), 6))
    prefix = f"{check.scope}：" if check.scope else ""
    return f"{prefix}{ln}（{lvals}）{_NOT[check.op]} {rn}（{rvals}），差 {diff}"


def validate(
    format_id: str | Format,
    figures: Figures,
    last_year: Figures | None = None,
    unknown: Collection[str] = (),
) -> list[Problem]:
    """Every failing check of every rule; `last_year` enables the cross-year rules. Checks that
    involve an `unknown` cell (not found in a parsed report) are skipped, not failed."""
    fmt = format_id if isinstance(format_id, Format) else get(format_id)
    problems: list[Problem] = []
    for rule in fmt.rules:
        if rule.cross_year and last_year is None:
            continue
        for check in rule.checks:
            right = last_year if rule.cross_year else figures
            assert right is not None
            keys = [t.key for t in (*check.left, *check.right)]
            if unknown and any(k in unknown for k in keys):
                continue
            if rule.cross_year and all(right.get(t.key) is None for t in check.right):
                continue  # last year's report does not have this cell
            ok, lv, rv = _check(check, figures, right)
            if not ok:
                problems.append(
                    Problem(rule.id, rule.severity, keys, describe(check, figures, right, lv, rv))
                )
    return problems


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
