"""Hostile values shared by the hypothesis tests of issue 15 (point 1): text of any kind, numbers
past every column (±2^64, 40 digits), NUL, dates out of range, huge strings, RTL and emoji,
markup. A value that reaches a page or a row must come back as a 4xx in Chinese or be stored
and shown as sent, never a 500."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import strategies as st

CHINESE = re.compile(r"[\u4e00-\u9fff]")
SCRIPT = "<script>alert(1)</script>"

hostile = st.one_of(
    st.text(max_size=200),
    st.integers(min_value=-(2**64), max_value=2**64).map(str),
    st.sampled_from(
        [
            "\x00",
            "1" * 40,
            "9999-12-31",
            "0000-01-01",
            "0001-01-01",
            "-1",
            str(2**63),
            "1e400",
            "NaN",
            "a" * 20000,
            "\u202eمرحبا😀",
            SCRIPT,
            "' OR 1=1 --",
            "２０２５",
            "",
        ]
    ),
)

BOUNDARY = "hostileBoUnDaRy7MA4YWxkTrZu0gW"


@dataclass(frozen=True)
class RawFile:
    """A file part sent with its name exactly as given (the test client would send only the
    basename): traversal, NUL, RTL and 300-character names reach the server's own parser."""

    name: str
    body: bytes


def multipart(values: dict) -> bytes:
    """A multipart/form-data body (boundary BOUNDARY); RawFile values become file parts."""
    parts: list[bytes | str] = []
    for key, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(f"--{BOUNDARY}")
            if isinstance(item, RawFile):
                parts += [
                    f'Content-Disposition: form-data; name="{key}"; filename="{item.name}"',
                    "Content-Type: application/octet-stream",
                    "",
                    item.body,
                ]
            else:
                parts += [f'Content-Disposition: form-data; name="{key}"', "", item]
    parts += [f"--{BOUNDARY}--", ""]
    return b"\r\n".join(
        p if isinstance(p, bytes) else p.encode("utf-8", "surrogatepass") for p in parts
    )
