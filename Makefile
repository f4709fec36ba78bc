# The two commands: `make run` and `make test`. Everything else is for developers and CI.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Django 6.1 needs Python 3.12 or newer; pyenv picks it through .python-version.
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& echo $$p && break; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
CHROMIUM ?= /usr/bin/chromium
# make test and make test-postgres run the suite on two processes (pytest-xdist), each with its
# own test database: serially it takes twice as long. PYTEST_ARGS="-n0" runs it in one process
# (faster for a single test, and pdb works). The modules that share costly fixtures (the demo data
# and its crawls) run whole on one worker each (tests/conftest.py, WHOLE_MODULES). The browser
# tests stay in one process: Chromium keeps both cores busy already (two workers measured no
# faster), and they share one Nu HTML checker run at the end of the session.
TEST_WORKERS ?= 2
XDIST := -n $(TEST_WORKERS)

.PHONY: help run test test-browser test-postgres lint messages translations check-translations clean python-check lock audit

help:
	@echo "make run           install, migrate, load demo data and serve on http://127.0.0.1:8000"
	@echo "make test          run the test suite on SQLite (browser tests aside), on two processes"
	@echo "make test-browser  run the browser tests in Chromium ($(CHROMIUM)) and the Nu HTML checker (Java)"
	@echo "make test-postgres run the suite against PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test)"
	@echo "make lint          ruff, the one-way layers of the apps (lint-imports), missing migrations"
	@echo "make lock          rewrite the lock files (with hashes) from the ranges in pyproject.toml"
	@echo "make audit         check the locked versions against known vulnerabilities (needs the network)"

python-check:
	@if [ -z "$(PYTHON)" ]; then \
		echo "ludgrupper needs Python 3.12 or newer (Django 6.1 requires it)."; \
		echo "Found: $$(python3 --version 2>&1 || echo 'no python3'). Install Python 3.12+ or select it with pyenv."; \
		exit 1; fi

# Installs exactly the versions in the lock file, each checked against its SHA-256 hash.
$(STAMP): requirements-dev.lock | python-check
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	@touch $(STAMP)

install: $(STAMP)

translations: $(STAMP)
	$(PY) manage.py compiletranslations

run: $(STAMP) translations
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP) translations
	$(VENV)/bin/pytest -m "not browser" $(XDIST) $(PYTEST_ARGS)

test-postgres: $(STAMP) translations
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(VENV)/bin/pytest -m "not browser" $(XDIST) $(PYTEST_ARGS)

test-browser: $(STAMP) translations
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "The browser tests need Chromium at $(CHROMIUM), and it is not there."; \
		echo "Install it with: apt-get install -y chromium   (or set CHROMIUM=/path/to/chromium)"; \
		exit 1; fi
	@if ! command -v java >/dev/null 2>&1; then \
		echo "The browser tests run the Nu HTML checker, which needs Java, and there is none."; \
		echo "Install it with: apt-get install -y default-jre-headless"; \
		exit 1; fi
	CHROMIUM=$(CHROMIUM) $(VENV)/bin/pytest -m browser $(PYTEST_ARGS)

messages: $(STAMP)
	$(PY) manage.py makemessages --locale sv --no-obsolete --add-location file

check-translations: messages
	$(PY) manage.py checktranslations

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py makemigrations --check --dry-run

# The ranges live in pyproject.toml; the lock files pin every package, with hashes, from PyPI
# itself (the machine's own pip configuration, such as local wheel folders, is ignored).
PIP_COMPILE := env -u PIP_FIND_LINKS PIP_CONFIG_FILE=/dev/null $(VENV)/bin/pip-compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(STAMP)
	$(PIP_COMPILE) --output-file requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra test --output-file requirements-dev.lock pyproject.toml

# --strict: a package that cannot be looked up (no network, no database) fails the audit
# instead of passing unchecked.
audit: $(STAMP)
	$(VENV)/bin/pip-audit --strict --disable-pip --require-hashes --requirement requirements.lock
	$(VENV)/bin/pip-audit --strict --disable-pip --require-hashes --requirement requirements-dev.lock

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
