"""Filters of the shared form templates (gongkai/core/formrender.py)."""

from __future__ import annotations

from django import template

from gongkai.core.editor import rows_for

register = template.Library()


@register.filter
def label_text(label) -> str:
    """The label with one full-width colon (labels typed with ':' or '：' keep only one)."""
    text = str(label or "").rstrip().rstrip(":：")
    if not text or text.endswith(("？", "?")):
        return text
    return f"{text}："


@register.filter
def sections(form) -> list[tuple[str, list]]:
    """(legend, visible bound fields) per declared fieldset; undeclared fields follow in a
    section without legend, so a form without `fieldsets` renders as before."""
    visible = {bf.name: bf for bf in form.visible_fields()}
    out: list[tuple[str, list]] = []
    for legend, names in getattr(form, "fieldsets", None) or ():
        fields = [visible.pop(name) for name in names if name in visible]
        if fields:
            out.append((legend, fields))
    rest = [bf for bf in form.visible_fields() if bf.name in visible]
    if rest:
        out.append(("", rest))
    return out


@register.filter
def error_entries(form) -> list[tuple[str, str, str]]:
    """(id to link to, label, message) for the error summary (gk/error_summary.html): errors of
    the whole form first, then each visible field's in the order of the page."""
    if not form.is_bound or not form.errors:
        return []
    out = [("", "", str(e)) for e in form.non_field_errors()]
    for bf in form.hidden_fields():
        out += [("", "", str(e)) for e in bf.errors]
    for _legend, group in sections(form):
        for bf in group:
            label = str(bf.label or "").rstrip(":：")
            out += [(bf.id_for_label or "", label, str(e)) for e in bf.errors]
    return out


@register.filter
def editor_rows(text) -> int:
    """Rows for a long-text editor written by hand in a template (gongkai/core/editor.py)."""
    return rows_for(text)
