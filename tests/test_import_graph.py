"""The layers of docs/architecture.md hold: import-linter's contracts in pyproject.toml (layers,
no cycles between sibling modules, pure rules) are checked against the code."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from importlinter.cli import lint_imports

from gongkai.core.plugins import gongkai_apps

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def _contracts() -> list[dict]:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def test_the_import_contracts_are_kept(capsys):
    code = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    report = capsys.readouterr().out
    assert code == 0, report
    assert "0 broken" in report


def test_every_app_has_a_place_in_the_layers():
    (layers,) = [c["layers"] for c in _contracts() if c["type"] == "layers"]
    placed = {name for line in layers for name in re.findall(r"\w+", line)}
    apps = {config.label for config in gongkai_apps()}
    assert apps <= placed, f"add {sorted(apps - placed)} to the layers in pyproject.toml"


# A migration runs against the models as they were; live code may later read fields that did
# not exist yet. Allowed: model modules (Django refers to field callables by path) and the
# bundled calendar data, which a fresh install should get at its newest; the encrypted field
# classes (referred to by path, like model modules) and the frozen helpers (gongkai/core/frozen,
# never changed once a migration uses them).
MIGRATION_MAY_IMPORT = re.compile(
    r"^gongkai\.(\w+\.models|rules\.calendar|core\.encrypted|core\.frozen(\.\w+)?)$"
)


def test_migrations_keep_frozen_copies_instead_of_calling_app_code():
    import ast

    root = PYPROJECT.parent / "gongkai"
    calls = []
    for path in sorted(root.glob("*/migrations/0*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            calls += [
                f"{path.relative_to(root)}: {name}"
                for name in names
                if name.startswith("gongkai") and not MIGRATION_MAY_IMPORT.match(name)
            ]
    assert calls == []
