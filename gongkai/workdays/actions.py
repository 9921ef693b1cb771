"""Ledger actions of the work calendar (`workdays.<object>.<verb>`), with their labels, and the
codes the ledger stored before the grammar (kept so old events still read in Chinese)."""

from gongkai.audit.actions import Action, legacy

CALENDAR_VERSION = Action("workdays.calendar.version", "工作日历更新版本")
DAY_CREATE = Action("workdays.day.create", "登记放假或调休上班日")
DAY_UPDATE = Action("workdays.day.update", "修改放假或调休上班日")
DAY_DELETE = Action("workdays.day.delete", "删除放假或调休上班日")
YEAR_OFFICIAL = Action("workdays.year.official", "登记年度放假安排通知")
YEAR_UPDATE = Action("workdays.year.update", "修改年度放假安排通知")

legacy(
    {
        "calendar.version": CALENDAR_VERSION,
        "calendar.day_create": DAY_CREATE,
        "calendar.day_update": DAY_UPDATE,
        "calendar.day_delete": DAY_DELETE,
        "calendar.year_official": YEAR_OFFICIAL,
        "calendar.year_update": YEAR_UPDATE,
    }
)
