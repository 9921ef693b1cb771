"""`gongkai check` lines about the working-day calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator


def checks() -> Iterator[tuple[str, str]]:
    from gongkai.workdays.models import OfficialYear

    years = set(OfficialYear.objects.values_list("year", flat=True))
    if years:
        yield (
            "OK",
            f"工作日历已录入 {min(years)}–{max(years)} 年的国务院放假通知（共 {len(years)} 年）",
        )
    this_year = dt.date.today().year
    for year in (this_year, this_year + 1):
        if year not in years:
            yield (
                "WARN",
                (
                    f"{year} 年工作日历尚未录入国务院放假通知：涉及该年的期限暂按周一至周五计算并标注为临时，"
                    "通知发布后请用 gongkai calendar import FILE --as 管理员用户名 录入"
                ),
            )
