"""Chinese for the few fixed English phrases typer prints in help and usage errors.

typer vendors click with its strings hard-coded (no gettext), so the text is translated on
its way out instead.
"""

from __future__ import annotations

import re

PHRASES = [
    ("Show this message and exit.", "显示本帮助并退出。"),
    ("Usage:", "用法："),
    ("Options:", "选项："),
    ("Commands:", "命令："),
    ("Arguments:", "参数："),
    ("[default: ", "[默认："),
    ("[required]", "[必填]"),
    ("[env var: ", "[环境变量："),
    ("Missing command.", "缺少子命令。"),
]

PATTERNS = [
    (re.compile(r"No such command '([^']*)'\."), r"没有命令“\1”。"),
    (re.compile(r"No such option: (\S+)"), r"没有选项 \1"),
    (re.compile(r"Missing argument '([^']*)'\."), r"缺少参数 \1。"),
    (re.compile(r"Missing option '([^']*)'\."), r"缺少选项 \1。"),
    (re.compile(r"Got unexpected extra arguments? \((.*)\)"), r"多余的参数：\1"),
    (re.compile(r"Option '([^']*)' requires an argument\."), r"选项 \1 需要一个值。"),
    (
        re.compile(r"Invalid value for '([^']*)': '([^']*)' is not a valid (integer|float)\."),
        r"\1 的值“\2”不是有效的数字。",
    ),
    (re.compile(r"Input should be a valid integer.*"), "应为整数"),
    (re.compile(r"Input should be a valid number.*"), "应为数字"),
    (re.compile(r"Invalid value for '([^']*)': (.*)"), r"\1 的值无效：\2"),
]


def translate(text: str) -> str:
    for english, chinese in PHRASES:
        text = text.replace(english, chinese)
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text
