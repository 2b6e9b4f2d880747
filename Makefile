# Two commands matter: `make run` (the demo on SQLite) and `make test` (every check CI runs).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TTDN := $(BIN)/ttdn
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha1sum | cut -c1-12)
export TTDN_VAR_DIR ?= $(CURDIR)/var
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install static run worker test lint typecheck migrations-check pytest test-services \
        lock openapi messages system-packages clean monitor-eval

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	rm -f $(VENV)/.installed-* && touch $@

# Debian tools the project uses: msgfmt (translations), Chromium (browser tests), LibreOffice,
# pdftoppm and Times-compatible fonts (PDF export of reports, optional at run time; the tests
# convert reports to PDF and PNG pages).
system-packages:
	@missing=""; command -v msgfmt >/dev/null || missing="$$missing gettext"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	fc-list | grep -q "Liberation Serif" || missing="$$missing fonts-liberation"; \
	if [ -n "$$missing" ]; then echo "apt-get install$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

messages: install
	@command -v msgfmt >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; }
	cd src/ttdn && TTDN_DEBUG=1 ../../$(TTDN) compilemessages --ignore='.venv' -v 0

static: install messages
	TTDN_DEBUG=1 $(TTDN) collectstatic --noinput -v 0

run: static
	TTDN_DEBUG=1 $(TTDN) migrate --noinput -v 0
	TTDN_DEBUG=1 $(TTDN) demo
	@echo "TTĐN: http://$(HOST):$(PORT)/  (dừng: Ctrl+C)"
	@export TTDN_DEBUG=1; \
	$(TTDN) worker & worker=$$!; \
	$(TTDN) scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(TTDN) runserver $(HOST):$(PORT) --noreload

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install
	$(BIN)/mypy src/ttdn/text src/ttdn/press/workdays src/ttdn/monitoring/nlp

migrations-check: install
	TTDN_DEBUG=1 DATABASE_URL= REDIS_URL= $(TTDN) makemigrations --check --dry-run

# The whole suite on SQLite, then again on PostgreSQL + Redis when DATABASE_URL/REDIS_URL are set.
pytest: install system-packages messages
	DATABASE_URL= REDIS_URL= $(BIN)/pytest -q
	@if [ -n "$$DATABASE_URL" ] || [ -n "$$REDIS_URL" ]; then \
	  echo "== PostgreSQL/Redis: DATABASE_URL=$$DATABASE_URL REDIS_URL=$$REDIS_URL"; \
	  $(BIN)/pytest -q -p no:cacheprovider; fi

# The press-monitoring quality figures on the shared labelled news, when that folder exists.
monitor-eval: install
	@dev=../shared/samples/news/dev.jsonl; if [ -f $$dev ]; then \
	  TTDN_DEBUG=1 DATABASE_URL= REDIS_URL= $(TTDN) monitor eval $$dev; \
	else echo "monitor eval: $$dev absent, skipped"; fi

test: lint typecheck migrations-check pytest monitor-eval

lock:
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==0.13.8
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
	  --python-platform x86_64-manylinux_2_28 -o requirements.lock -q

openapi: install
	TTDN_DEBUG=1 $(TTDN) openapi --output docs/openapi.json

clean:
	rm -rf $(VENV) var/static
