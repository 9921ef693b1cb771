"""The workbench's to-do list: each app says what waits for a user (its `todos.py`, found by
gongkai.core.plugins), the dashboard only collects. Counts come from one aggregate query per
app, so the workbench costs the same whatever the number of records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gongkai.core import plugins


@dataclass(frozen=True)
class Todo:
    """One line of the workbench: `count` things under `label`, listed at `url`."""

    area: str  # the module heading: 主动公开, 依申请公开, …
    label: str
    count: int
    url: str
    urgent: bool = False  # a legal limit has passed (shown in red)


@dataclass(frozen=True)
class Area:
    title: str
    todos: tuple[Todo, ...]

    @property
    def total(self) -> int:
        return sum(t.count for t in self.todos)


def collect(user) -> list[Area]:
    """Every app's to-dos for `user`, grouped by area in INSTALLED_APPS order."""
    grouped: dict[str, list[Todo]] = {}
    for plugin in plugins.found("todos"):
        items: Iterable[Todo] = plugin.get("todos")(user)
        for todo in items:
            grouped.setdefault(todo.area, []).append(todo)
    return [Area(title, tuple(todos)) for title, todos in grouped.items()]
