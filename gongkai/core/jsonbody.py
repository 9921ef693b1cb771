"""Text no database column can hold, inside a JSON body.

A form field never carries such text (Django decodes forms with replacement characters and its
CharField refuses NUL), but a JSON string can spell anything: "\\u0000" is a NUL, which
PostgreSQL refuses in text, and a lone "\\ud800" is a surrogate that cannot be encoded as
UTF-8 for either database. Both answered 500 wherever a view saved or looked up the value
(the CTI push, the public application API). NulCharacterMiddleware refuses them here, for every
JSON body, before any view reads it.
"""

from __future__ import annotations

import json
from typing import Any

NUL = "不能含有空字符"
SURROGATE = "含有无效的字符（不成对的 UTF-16 代理项）"
TOO_DEEP = "请求体的 JSON 嵌套过深"


class TooDeep(Exception):
    """The body nests deeper than the JSON reader can follow (a RecursionError inside it)."""


def parse(body: bytes) -> Any:
    """The body as JSON, or None when it is not JSON (the view answers that itself)."""
    try:
        return json.loads(body)
    except RecursionError:
        raise TooDeep(TOO_DEEP) from None
    except ValueError:  # not JSON, not UTF-8/16/32, a number past Python's digit limit
        return None


def _problem(text: str) -> str | None:
    if "\x00" in text:
        return NUL
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return SURROGATE
    return None


def unstorable(data: Any) -> dict[str, list[str]]:
    """{dotted path: [message]} for every key or string that no text column can hold.

    Walked without recursion: json.loads already accepted the depth, this must not fail on it."""
    found: dict[str, list[str]] = {}
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            if (message := _problem(value)) is not None:
                found.setdefault(path or "__all__", []).append(message)
        elif isinstance(value, dict):
            for key, sub in value.items():
                name = _printable(key)
                if (message := _problem(key)) is not None:
                    found.setdefault(_join(path, name), []).append(message)
                stack.append((_join(path, name), sub))
        elif isinstance(value, list):
            stack.extend((_join(path, str(i)), sub) for i, sub in enumerate(value))
    return found


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _printable(key: str) -> str:
    """A key as it can be shown back in the answer (itself JSON, encoded as UTF-8)."""
    return key.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
