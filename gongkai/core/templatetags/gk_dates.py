from django import template

from gongkai.core import dates

register = template.Library()


@register.filter
def cn_date(value) -> str:
    """2025-12-01 in Asia/Shanghai, whatever the stored time zone."""
    return dates.full_date(value)


@register.filter
def cn_short_date(value) -> str:
    """12-01 this year, 2025-12-01 otherwise."""
    return dates.short_date(value)
