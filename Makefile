# The two commands of the README: `make run` and `make test`. Everything else is their parts.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

# Debian packages: WeasyPrint's libraries for PDF reports (run and test); servers and browser for tests;
# GNU gettext for the test that the English catalogue is complete (tests/test_translations.py).
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
TEST_PACKAGES := $(RUN_PACKAGES) postgresql redis-server chromium poppler-utils gettext

export DJANGO_SETTINGS_MODULE ?= jamlik.settings.local
# Locks name no index or find-links of this machine; their header says to run `make lock`.
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links

.PHONY: run test lint format messages setup assets migrate data bench bench-load bench-wrk lock clean
.DEFAULT_GOAL := run

# Python packages come from the locks: requirements*.txt pin every package with its hashes.
# pip itself is pinned too: the pip that `venv` brings (23.2 on Python 3.11) refuses a lock whose
# package asks for another one with extras (weasyprint's fonttools[woff]) once a newer release exists.
PIP_VERSION := 25.3
$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check pip==$(PIP_VERSION)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

# The dev lock holds the runtime packages too, at the same versions: installed alone.
$(VENV)/.dev: requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check pip==$(PIP_VERSION)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

## make lock: after changing requirements*.in, recompile both locks (pinned, with hashes) with pip-tools.
lock: $(VENV)/.dev
	$(PIP_COMPILE) --output-file=requirements.txt requirements.in
	$(PIP_COMPILE) --output-file=requirements-dev.txt requirements-dev.in

# Front-end assets come from the npm registry (package-lock.json), copied into static/vendor/:
# htmx, and Designsystemet's CSS (components + default theme; the city's colours are laid over it
# by /tema.css from settings.PORTAL_THEME). Nothing is loaded from a CDN.
DS := node_modules/@digdir/designsystemet-css
static/vendor/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --silent
	mkdir -p static/vendor/designsystemet
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js
	cp $(DS)/dist/src/index.css static/vendor/designsystemet/designsystemet.css
	cp $(DS)/dist/theme/designsystemet.css static/vendor/designsystemet/theme.css
	cp $(DS)/LICENSE static/vendor/designsystemet/LICENSE
	touch $@

assets: static/vendor/.installed

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
	$(VENV)/bin/lint-imports --no-cache

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djlint templates --reformat

## make messages: update the English catalogue after marking strings (needs GNU gettext), translate
## every new or fuzzy entry in locale/en/LC_MESSAGES/django.po, then run it again to compile the .mo.
messages: $(VENV)/.dev
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=tests --ignore=bench
	$(PY) manage.py compilemessages -l en --ignore=.venv --ignore=node_modules

## make bench: load the matrix page and a static file through gunicorn on loopback; prints req/s and percentiles.
bench: $(VENV)/.dev assets
	$(PY) bench/matris.py

## make bench-load: readers and reporting officials at once against gunicorn + PostgreSQL; counts reports afterwards.
bench-load: $(VENV)/.dev assets
	bash scripts/with-services.sh $(PY) bench/load.py $(BENCH_ARGS)

## make bench-wrk: every public page and API list through gunicorn -w 2 (production settings, PostgreSQL +
## Redis) with wrk: cache hit, 304 and miss next to a bare WSGI app; prints req/s, p50/p99, share of the bare app.
bench-wrk: $(VENV)/.dev assets
	bash scripts/system-packages.sh wrk $(TEST_PACKAGES)
	bash scripts/with-services.sh $(PY) bench/wrk.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules static/vendor var/staticfiles
