"""Generate gongkai/rules/data/calendar-cn.json from chinesecalendar (run once per data update).

    /work/main/.venv/bin/python scripts/gen_calendar_data.py

The runtime reads the committed JSON, so it never hits chinesecalendar's "no data for year"
errors; the test suite compares the JSON with chinesecalendar day by day.
"""

from __future__ import annotations

import json
from pathlib import Path

from chinese_calendar import constants

OUT = Path(__file__).resolve().parent.parent / "gongkai" / "rules" / "data" / "calendar-cn.json"

NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def _notice(year: int) -> str:
    return f"国务院办公厅关于{year}年部分节假日安排的通知"


def _year_of_notice(day, name: str) -> int:
    # December days off or make-up days for 元旦 are announced in the next year's notice
    # (e.g. 2018-12-29..31 in the 2019 notice).
    if day.month == 12 and name in ("New Year's Day", "Spring Festival"):
        return day.year + 1
    return day.year


def main() -> None:
    years = sorted({d.year for d in constants.holidays} | {d.year for d in constants.workdays})
    days = []
    for kind, table in (("holiday", constants.holidays), ("workday", constants.workdays)):
        for day, holiday in table.items():
            label = str(holiday)
            days.append(
                {
                    "date": day.isoformat(),
                    "kind": kind,
                    "name": NAMES.get(label, label),
                    "notice": _notice(_year_of_notice(day, label)),
                }
            )
    days.sort(key=lambda r: r["date"])
    data = {
        "source": "chinesecalendar 1.11.0（据国务院办公厅历年部分节假日安排的通知）",
        "version": f"cn-{years[0]}-{years[-1]}-1",
        "official_years": years,
        "days": days,
    }
    # One day per line keeps diffs of a data update readable.
    head = json.dumps({k: v for k, v in data.items() if k != "days"}, ensure_ascii=False)
    rows = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in days)
    OUT.write_text(head[:-1] + ', "days": [\n' + rows + "\n]}\n", encoding="utf-8")
    print(f"{OUT}: {len(days)} days, years {years[0]}–{years[-1]}")


if __name__ == "__main__":
    main()
