from django import template

from gongkai.portal import regions

register = template.Library()


@register.simple_tag
def region_reports_link(agency):
    return regions.region_reports_link(agency)
