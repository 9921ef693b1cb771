"""The names of ledger events: `<app>.<object>.<verb>`, each with a Chinese label.

Each app declares its actions as constants in its own `actions.py`:

    ITEM_SUBMIT = Action("publishing.item.submit", "提交审核")

An `Action` is a `str` (so it is stored and compared as its code) that also carries its label.
Declaring one registers it, so `label_for(code)` can show any stored event in Chinese, and a
test can check that every action written to the ledger was declared.
"""

from __future__ import annotations

import re

GRAMMAR = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$")
SYSTEM = "系统"  # the actor name of work the platform does by itself (the worker, migrations)

_registry: dict[str, Action] = {}
# Codes the append-only, hash-chained ledger stored before the grammar existed: never rewritten,
# only read, so each keeps the label of the action that replaced it.
_legacy: dict[str, Action] = {}


class Action(str):
    label: str

    def __new__(cls, code: str, label: str) -> Action:
        if not GRAMMAR.match(code):
            raise ValueError(f"audit action {code!r} does not follow <app>.<object>.<verb>")
        if not label:
            raise ValueError(f"audit action {code!r} needs a Chinese label")
        known = _registry.get(code)
        if known is not None and known.label != label:
            raise ValueError(f"audit action {code!r} declared twice with different labels")
        action = super().__new__(cls, code)
        action.label = label
        _registry[code] = action
        return action

    @property
    def app(self) -> str:
        return self.split(".", 1)[0]


def legacy(old: dict[str, Action]) -> None:
    """Declare stored codes of the past ({old code: the Action now written instead})."""
    for code, action in old.items():
        if code in _registry:
            raise ValueError(f"legacy code {code!r} is also a current action")
        if not isinstance(action, Action):
            raise TypeError(f"legacy code {code!r} must map to a declared Action")
        _legacy[code] = action


def label_for(code: str) -> str:
    """The Chinese label of an action code (current or legacy); an undeclared code is shown as
    其他操作, never raw."""
    action = _registry.get(code) or _legacy.get(code)
    return action.label if action is not None else "其他操作"


def legacy_codes() -> dict[str, Action]:
    return dict(_legacy)


def declared() -> dict[str, Action]:
    return dict(_registry)
