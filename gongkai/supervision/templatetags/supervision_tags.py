"""The dashboard panel: reminders to the user's bodies, their self-check findings, and a
link to the console for supervisors. The dashboard only includes a template; the data comes
from `panel_context`, so the core module never imports this one."""

from __future__ import annotations

from django import template

from gongkai.supervision.dashboard import panel_context

register = template.Library()


@register.inclusion_tag("supervision/_dashboard_panel.html")
def supervision_panel(user) -> dict:
    return panel_context(user)
