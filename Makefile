# The README's commands. `make run` serves gongkai with the demo data on SQLite;
# `make test` installs what the tests need and runs them on SQLite and on PostgreSQL.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test test-sqlite test-postgres bench lint format install install-test clean

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "需要 Python 3.11 或更高版本")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test
	scripts/install-system-deps

# The demo personas log in with the password alone: two-factor login (on by default) is
# turned off for `make run` only; see docs/security.md.
run: install
	$(PY) -m gongkai demo
	GONGKAI_2FA_REQUIRED=false $(PY) -m gongkai serve --host $(HOST) --port $(PORT)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

test-sqlite: install-test
	$(PY) -m pytest -q -n 2 --dist loadfile $(PYTEST_ARGS)

test-postgres: install-test
	GONGKAI_DB_TESTS_ONLY=1 scripts/with-postgres $(PY) -m pytest -q -n 2 --dist loadfile $(PYTEST_ARGS)

test: lint test-sqlite test-postgres

bench: install-test
	scripts/install-system-deps --bench
	@for b in bench/*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
