from django import template

from gongkai.hotline.analysis.document import pct

register = template.Library()


@register.filter
def percent(value):
    """A fraction as 85.0%, or — when undefined."""
    return pct(value)
