"""One settings module: every GONGKAI_* variable is read in settings.py through gongkai.conf,
app code reads django.conf.settings, and the operator guide lists every variable."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

from gongkai import conf
from gongkai.settingsdoc import table

ROOT = Path(__file__).resolve().parent.parent.parent
GUIDE = ROOT / "docs" / "operator-guide.md"
SETTINGS = ROOT / "gongkai" / "settings.py"
# Reading the process environment is settings' job; these set DJANGO_SETTINGS_MODULE, and the
# createadmin command takes its password option from GONGKAI_ADMIN_PASSWORD (input, not setting).
ENVIRONMENT_READERS = {
    "gongkai/conf.py",
    "gongkai/cli.py",
    "gongkai/wsgi.py",
    "gongkai/settingsdoc.py",
}


def test_the_operator_guide_lists_every_variable_as_settings_reads_it():
    text = GUIDE.read_text(encoding="utf-8")
    match = re.search(
        r"<!-- settings-table:start -->\n(.*?)<!-- settings-table:end -->", text, re.S
    )
    assert match, "docs/operator-guide.md lost its settings-table markers"
    assert match.group(1) == table(), "regenerate the table: python -m gongkai.settingsdoc"


def test_every_variable_is_described():
    assert len(conf.VARIABLES) >= 20
    assert [name for name, v in conf.VARIABLES.items() if not v.help] == []
    assert all(name.startswith("GONGKAI_") for name in conf.VARIABLES)


def test_no_app_module_reads_the_environment():
    offenders = []
    for path in sorted((ROOT / "gongkai").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in ENVIRONMENT_READERS or rel == "gongkai/settings.py":
            continue
        source = path.read_text(encoding="utf-8")
        if re.search(r"os\.environ|getenv\(|gongkai\.conf import|from gongkai import conf", source):
            offenders.append(rel)
    assert offenders == []


def test_the_letter_template_directory_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("GONGKAI_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("GONGKAI_LETTER_TEMPLATE_DIR", str(tmp_path / "letters"))
    monkeypatch.setenv("GONGKAI_CLOCK_FEE_PAUSES", "yes")
    monkeypatch.setenv("GONGKAI_NGINX_CACHE_DIR", "/var/cache/nginx/gongkai")
    read = runpy.run_path(str(SETTINGS))
    assert read["GONGKAI_LETTER_TEMPLATE_DIR"] == str(tmp_path / "letters")
    assert read["GONGKAI_CLOCK_FEE_PAUSES"] is True
    assert read["GONGKAI_NGINX_CACHE_DIR"] == "/var/cache/nginx/gongkai"
    assert read["GONGKAI_INDEX_PATTERN"] is None
