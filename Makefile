# The two commands of the README: `make run` and `make test`. Everything else is their parts.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

# Debian packages: WeasyPrint's libraries for PDF reports (run and test); servers and browser for tests.
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_PACKAGES := $(RUN_PACKAGES) postgresql redis-server chromium poppler-utils

export DJANGO_SETTINGS_MODULE ?= jamlik.settings.local

.PHONY: run test lint format setup assets migrate data bench bench-load clean
.DEFAULT_GOAL := run

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Front-end assets come from the npm registry (package-lock.json), copied into static/vendor/.
static/vendor/htmx.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --silent
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js

assets: static/vendor/htmx.min.js

setup: $(VENV)/.runtime assets
	bash scripts/system-packages.sh $(RUN_PACKAGES)

migrate: setup
	mkdir -p var
	$(PY) manage.py migrate --noinput -v0

data: migrate
	$(PY) manage.py load_plan
	$(PY) manage.py load_demo
	$(PY) manage.py load_demo_utvardering

## make run: set up everything on a fresh machine and serve the portal at http://$(HOST):$(PORT)
run: data
	$(PY) manage.py runserver $(HOST):$(PORT)

## make test: install what the tests need, start throwaway PostgreSQL and Redis, run everything.
test: $(VENV)/.dev assets
	bash scripts/system-packages.sh $(TEST_PACKAGES)
	$(MAKE) --no-print-directory lint
	DJANGO_SETTINGS_MODULE=jamlik.settings.test bash scripts/with-services.sh $(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint templates --reformat

## make bench: load the matrix page and a static file through gunicorn on loopback; prints req/s and percentiles.
bench: $(VENV)/.dev assets
	$(PY) bench/matris.py

## make bench-load: readers and reporting officials at once against gunicorn + PostgreSQL; counts reports afterwards.
bench-load: $(VENV)/.dev assets
	bash scripts/with-services.sh $(PY) bench/load.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules static/vendor var/staticfiles
