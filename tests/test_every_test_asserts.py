"""A test that asserts nothing passes whatever the code does. Every test function must, in its
own body:

- have an `assert` statement, or
- call an assertion API: `pytest.raises` / `warns` / `fail`, pytest-django's
  `django_assert_num_queries` / `django_assert_max_num_queries`, Playwright's `expect`, or
- call a helper defined under tests/ that asserts by the same rule (e.g. `assert_access`,
  `check`, `assert_no_personal_data`); a helper name counts only if every function of that
  name under tests/ asserts.

The rule reads the source (AST): it catches the test that only "calls and hopes", not an
assertion that could never fail (review catches those).
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
RAISES = {
    "raises",
    "warns",
    "deprecated_call",
    "fail",
    "django_assert_num_queries",
    "django_assert_max_num_queries",
    "expect",
}


def _called_names(node: ast.AST) -> set[str]:
    names = set()
    for child in ast.walk(node):
        if isinstance(child, ast.Call):
            func = child.func
            if isinstance(func, ast.Name):
                names.add(func.id)
            elif isinstance(func, ast.Attribute):
                names.add(func.attr)
    return names


def _asserts_directly(node: ast.AST) -> bool:
    return any(isinstance(child, ast.Assert) for child in ast.walk(node)) or bool(
        _called_names(node) & RAISES
    )


def _functions() -> list[tuple[Path, ast.FunctionDef]]:
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        found.extend(
            (path, node)
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        )
    return found


def _asserting_helpers(functions) -> set[str]:
    by_name: dict[str, list] = {}
    for _, node in functions:
        if not node.name.startswith("test_"):
            by_name.setdefault(node.name, []).append(node)
    asserting: set[str] = set()
    changed = True
    while changed:  # a helper that calls an asserting helper asserts too
        changed = False
        for name, nodes in by_name.items():
            if name in asserting:
                continue
            if all(_asserts_directly(n) or _called_names(n) & asserting for n in nodes):
                asserting.add(name)
                changed = True
    return asserting


def test_every_test_asserts_something():
    functions = _functions()
    helpers = _asserting_helpers(functions)
    silent = [
        f"{path.relative_to(TESTS.parent)}::{node.name}"
        for path, node in functions
        if node.name.startswith("test_")
        and path.name.startswith("test_")
        and not (_asserts_directly(node) or _called_names(node) & helpers)
    ]
    assert silent == []


def test_the_rule_catches_a_silent_test():
    source = "def helper():\n    pass\n\ndef test_x():\n    helper()\n"
    (node,) = [n for n in ast.parse(source).body if n.name == "test_x"]
    assert not _asserts_directly(node)
    assert not _called_names(node) & _asserting_helpers(
        [(Path("x.py"), n) for n in ast.parse(source).body]
    )
