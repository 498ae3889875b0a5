# The two commands a newcomer needs: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test venv system-deps lint types migrations-check test-pg test-sqlite check serve clean

$(STAMP): requirements/lock.txt requirements/base.in requirements/dev.in
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.in -c requirements/lock.txt
	touch $(STAMP)

venv: $(STAMP)

system-deps:
	bash scripts/system-deps.sh

demo: venv system-deps
	bash scripts/demo.sh

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: venv
	$(VENV)/bin/mypy

migrations-check: venv
	DATABASE_URL=sqlite:///:memory: $(PY) manage.py makemigrations --check --dry-run

# The whole suite against PostgreSQL (the running server, or a throwaway cluster).
test-pg: venv system-deps
	bash scripts/with-postgres.sh $(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

# Domain tests again on the embedded SQLite database, so the demo default stays honest.
test-sqlite: venv
	DATABASE_URL=sqlite:///:memory: $(PY) -m pytest -p no:cacheprovider zakupki -m "not postgres and not browser" $(PYTEST_ARGS)

check: lint types migrations-check

test: check test-pg test-sqlite

clean:
	rm -rf $(VENV) var/demo.sqlite3* var/pg-throwaway
