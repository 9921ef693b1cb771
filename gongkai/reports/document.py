"""The plain data object every renderer takes: no database needed to render a report."""

from __future__ import annotations

from dataclasses import dataclass, field

from .formats import Format, get
from .validate import Problem, validate


@dataclass
class ReportData:
    format: str
    year: int
    agency: str
    figures: dict[str, float | int | None]
    sections: list[tuple[str, str]] = field(default_factory=list)  # (heading, text)
    last_year: dict[str, float | int | None] | None = None

    @property
    def fmt(self) -> Format:
        return get(self.format)

    @property
    def title(self) -> str:
        return f"{self.agency}{self.year}年政府信息公开工作年度报告"

    def complete_figures(self) -> dict[str, float | int | None]:
        """Every key of the format, in format order (null where unknown)."""
        fmt = self.fmt
        return {k: fmt.coerce(k, self.figures.get(k)) for k in fmt.cell_keys()}

    def problems(self) -> list[Problem]:
        return validate(self.fmt, self.complete_figures(), self.last_year)

    def to_json(self) -> dict:
        return {
            "format": self.format,
            "year": self.year,
            "agency": self.agency,
            "figures": self.complete_figures(),
            "problems": [p.as_dict() for p in self.problems()],
        }

    def with_default_sections(self) -> ReportData:
        if not self.sections:
            from .narrative import default_sections

            self.sections = default_sections(self)
        return self
