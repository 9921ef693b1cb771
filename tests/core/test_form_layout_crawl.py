"""Every staff form is laid out the same way: `form_problems` checks each form that takes input
(POST) on a page — every control in a labelled
`.field` of the shared layout (or a cell of the report's figure grid, labelled by aria-label),
required fields marked, labels ending in a full-width colon, 请选择 instead of "---------",
long forms split into fieldsets — and that a bad submit of a step form comes back with the error
summary and the error beside its field. The crawl of the demo's back office as each persona,
checking every page reached, is in tests/test_whole_demo.py (one demo load for several tests)."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser

CONTROLS = "input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea"
# Forms of one control that are search boxes or one-line actions (a reason to reveal a number):
# a filter bar is laid out inline on purpose.
INLINE = ("inline", "filters", "search-form")
LONG_FORM = 7  # controls; a form longer than this is split into fieldsets


def form_problems(html: str) -> list[str]:
    tree = HTMLParser(html)
    found = []
    if "---------" in (tree.body.text() if tree.body else ""):
        found.append('shows "---------"')
    for form in tree.css("form"):
        if (form.attributes.get("method") or "get").lower() != "post":
            continue
        if any(c in (form.attributes.get("class") or "").split() for c in INLINE):
            continue
        controls = form.css(CONTROLS)
        if not controls:
            continue  # a button-only form (删除, 结束会话)
        action = form.attributes.get("action") or "(this page)"
        grid = [c for c in controls if _in(c, "table")]
        fields = [c for c in controls if c not in grid]
        for c in grid:
            if not c.attributes.get("aria-label"):
                found.append(f"{action}: grid cell {c.attributes.get('name')} without a label")
        for c in fields:
            name = c.attributes.get("name")
            box = _field_of(c)
            if box is None:
                found.append(f"{action}: {name} is not in the shared form layout")
                continue
            label = box.css_first(f'label[for="{c.attributes.get("id")}"], legend')
            if label is None:
                found.append(f"{action}: {name} has no label")
                continue
            text = label.text(deep=True)
            marked = label.css_first(".req") is not None
            if "required" in c.attributes and not marked:
                found.append(f"{action}: required {name} is not marked")
            if not re.search(r"[：？?]\s*(\*（必填）)?\s*$", text):
                found.append(f"{action}: label of {name} does not end in '：' ({text!r})")
        if len(fields) > LONG_FORM and not form.css_first("fieldset legend"):
            found.append(f"{action}: {len(fields)} fields and no fieldset")
    return found


def _in(node, tag: str) -> bool:
    parent = node.parent
    while parent is not None and parent.tag != "form":
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False


def _field_of(node):
    parent = node.parent
    while parent is not None and parent.tag != "form":
        if "field" in (parent.attributes.get("class") or "").split():
            return parent
        parent = parent.parent
    return None


def test_the_checker_catches_a_hand_laid_form():
    loose = '<form method="post"><label for="x">年度</label><input id="x" name="x" required></form>'
    assert form_problems(f"<html><body>{loose}</body></html>")
    select = '<form method="post"><div class="field"><label for="s">机关：</label>'
    select += '<select id="s" name="s"><option>---------</option></select></div></form>'
    assert form_problems(f"<html><body>{select}</body></html>") == ['shows "---------"']
    good = '<form method="post"><div class="field"><label for="y">年度：<span class="req">*'
    good += '</span><span>（必填）</span></label><input id="y" name="y" required></div></form>'
    assert form_problems(f"<html><body>{good}</body></html>") == []
