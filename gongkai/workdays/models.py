"""The working-day calendar as data: dated overrides, the years with an official notice, and a
version number bumped on every change (a computed deadline records the version it used)."""

from __future__ import annotations

from django.db import models

from gongkai.rules.calendar import DayKind


class DayKindChoices(models.TextChoices):
    HOLIDAY = DayKind.HOLIDAY.value, "放假"
    WORKDAY = DayKind.WORKDAY.value, "调休上班"


class CalendarDay(models.Model):
    day = models.DateField("日期", unique=True)
    kind = models.CharField("类别", max_length=10, choices=DayKindChoices.choices)
    name = models.CharField("节日", max_length=60, blank=True)
    notice = models.CharField("依据的通知", max_length=200, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["day"]
        verbose_name = "日历调整日"
        verbose_name_plural = "日历调整日"

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.name}{self.get_kind_display()}"


class OfficialYear(models.Model):
    """A year whose 国务院办公厅 notice has been entered; other years are provisional."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    notice = models.CharField("通知名称", max_length=200, blank=True)
    document_number = models.CharField("文号", max_length=60, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        ordering = ["year"]
        verbose_name = "已录入通知的年度"
        verbose_name_plural = "已录入通知的年度"

    def __str__(self) -> str:
        return f"{self.year}年"


class CalendarVersion(models.Model):
    """One row (pk=1). Bumped inside the transaction of every calendar change."""

    number = models.PositiveIntegerField(default=1)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "日历版本"
        verbose_name_plural = "日历版本"

    @property
    def label(self) -> str:
        return f"v{self.number}"

    def __str__(self) -> str:
        return self.label
