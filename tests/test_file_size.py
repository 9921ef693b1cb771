"""No source file in gongkai/ over 600 lines (issue 10): a file that long does several jobs.

Data the code reads (the bundled calendar, the seed report's text) is not source and is not
counted; everything else a reader opens (Python, templates, scripts, styles) is."""

from pathlib import Path

LIMIT = 600
PACKAGE = Path(__file__).resolve().parents[1] / "gongkai"
SOURCE = {".py", ".html", ".txt", ".js", ".css", ".md", ".toml", ".cfg"}
SKIP = {"data", "demo_data", "__pycache__"}  # data files, not code; compiled files


def _sources():
    for path in sorted(PACKAGE.rglob("*")):
        parts = set(path.relative_to(PACKAGE).parts[:-1])
        if path.is_file() and path.suffix in SOURCE and not parts & SKIP:
            yield path


def test_no_source_file_is_over_600_lines():
    sizes = {p: len(p.read_text(encoding="utf-8").splitlines()) for p in _sources()}
    assert len(sizes) > 300  # the scan sees the package
    assert any(p.name == "steps.py" for p in sizes)
    too_long = {str(p.relative_to(PACKAGE.parent)): n for p, n in sizes.items() if n > LIMIT}
    assert too_long == {}
