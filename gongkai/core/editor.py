"""Long-text editors sized for what they hold (report sections, item bodies): as many rows as
the text's wrapped lines plus room to go on writing, resizable by the user (CSS `.editor`)."""

from __future__ import annotations

from django import forms

MIN_ROWS, MAX_ROWS = 6, 40


def rows_for(text: object, width: int = 60, least: int = MIN_ROWS) -> int:
    """Each line wrapped at about `width` characters (a CJK character is one), plus three."""
    lines = str(text or "").replace("\r\n", "\n").split("\n")
    wrapped = sum(max(1, -(-len(line) // width)) for line in lines)
    return max(least, min(MAX_ROWS, wrapped + 3))


class Editor(forms.Textarea):
    """A textarea whose height follows its content when the page is drawn."""

    def __init__(self, attrs: dict | None = None, least: int = MIN_ROWS):
        self.least = least
        attrs = dict(attrs or {})
        attrs["class"] = " ".join(filter(None, ["editor", attrs.get("class", "")]))
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["rows"] = rows_for(value, least=self.least)
        return context
