"""docs/architecture.md matches the code: every path it names exists, and it names every app."""

import re
from pathlib import Path

from gongkai.core.plugins import CONTRACTS, gongkai_apps

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def test_every_path_the_architecture_names_exists():
    paths = set(re.findall(r"`((?:gongkai|tests|docs)/[\w/.\-]+)`", DOC))
    assert len(paths) > 30
    assert [p for p in sorted(paths) if not (ROOT / p).exists()] == []


def test_the_architecture_names_every_app_and_every_plugin_module():
    for config in gongkai_apps():
        assert f"gongkai/{config.label}/" in DOC, config.label
    for kind in CONTRACTS:
        assert f"`{kind}`" in DOC or f"`{kind}.py`" in DOC, kind
