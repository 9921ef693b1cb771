"""The item body's HTML: the tags an officer may use, and the plain text the scanner reads."""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "span",
    "div",
    "hr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}


BLOCK = re.compile(r"<\s*(p|br|div|h[1-6]|ul|ol|li|table|blockquote)\b", re.I)


def paragraphs(value: str) -> str:
    """Text typed without markup keeps its layout: a blank line starts a paragraph, a line
    break stays a line break. Text that already has block markup is left as it is."""
    value = (value or "").replace("\r\n", "\n").strip()
    if not value or BLOCK.search(value):
        return value
    blocks = [b.strip() for b in re.split(r"\n\s*\n", value) if b.strip()]
    return "".join("<p>" + b.replace("\n", "<br>") + "</p>" for b in blocks)


def sanitize_html(value: str) -> str:
    return nh3.clean(
        paragraphs(value),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def html_to_text(value: str) -> str:
    # Block ends become line breaks so scanner positions and snippets do not glue words.
    spaced = (value or "").replace("</p>", "</p>\n").replace("<br>", "<br>\n")
    return html.unescape(nh3.clean(spaced, tags=set())).strip()
