"""The calendar is seeded by migration; this only re-seeds an emptied calendar."""

from __future__ import annotations

from collections.abc import Callable


def load(out: Callable[[str], None]) -> None:
    from gongkai.workdays.services import current_version, seed_bundled

    result = seed_bundled()
    if result is not None:
        out(f"工作日历：已载入随附的 2004–2026 年放假安排（{result.summary()}）")
    else:
        out(f"工作日历：已就绪（版本 {current_version()}）")
