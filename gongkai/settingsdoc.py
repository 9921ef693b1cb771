"""The table of every GONGKAI_* variable for docs/operator-guide.md, generated from settings.py:
`python -m gongkai.settingsdoc`."""

from __future__ import annotations

import gongkai.settings  # noqa: F401  (reading the settings declares the variables)
from gongkai.conf import VARIABLES


def table() -> str:
    """The Markdown table of every variable settings.py reads."""
    rows = ["| 变量 | 类型 | 默认值 | 说明 |", "|---|---|---|---|"]
    for variable in sorted(VARIABLES.values(), key=lambda v: v.name):
        default = f"`{variable.default}`" if variable.default else "（空）"
        rows.append(f"| `{variable.name}` | {variable.kind} | {default} | {variable.help} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(table(), end="")
