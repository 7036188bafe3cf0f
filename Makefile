# The two commands a newcomer needs: `make run` (the demo site) and `make test` (what CI checks).
# Nothing but Python 3.11+ is assumed; the targets install the rest into .venv/ and remember it
# with stamp files, so a second run installs nothing unless a requirements file changed.

.POSIX:

PYTHON ?= python3
PORT ?= 8000
BASE_URL ?= http://127.0.0.1:$(PORT)
RUNS ?= 50
SIZES ?= 1000
SEARCH_SIZES ?= 1000 10000
SQLITE_SEARCH_SIZES ?= 1000
BENCH_SECONDS ?= 8
BENCH_WORKERS ?= 2
PYTEST_ARGS ?=
TEST_WORKERS ?= 2
# `make test BROWSER_TESTS=no` leaves out the Chromium tests (.ci/run, on its second database).
BROWSER_TESTS ?= yes

VENV = .venv
BIN = $(VENV)/bin
MANAGE = $(BIN)/python manage.py
CHROMIUM = /usr/bin/chromium
DEV = DJANGO_SETTINGS_MODULE=config.settings.dev
# seed_demo points the Wagtail site at BASE_URL, so the demo's own links use the port it runs on.
RUN = $(DEV) BASE_URL=$(BASE_URL)
TEST = DJANGO_SETTINGS_MODULE=config.settings.test
# The templates' indentation. djhtml changes only the spaces that start a line, which HTML ignores (no
# template uses <pre> or <textarea>; every multi-line blocktrans is `trimmed`). `make format` fixes
# what `make test` finds; .pre-commit-config.yaml runs the same check.
TEMPLATE_CHECK = $(BIN)/djhtml --tabwidth 4 site/templates
# Keeps Django's locale walk out of the virtualenv (it would compile every package's catalogue).
MESSAGE_DIRS = --ignore=$(VENV) --ignore=var --ignore=node_modules

.PHONY: help run serve test format benchmark benchmark-serve benchmark-mixed benchmark-send benchmark-import benchmark-search benchmark-security messages compiled-messages chromium gettext clean

help:
	@echo "make run        install, migrate, load the demo content and serve it on http://127.0.0.1:$(PORT)/"
	@echo "make serve      production-like: gunicorn, PostgreSQL, Redis and db_worker on http://127.0.0.1:$(PORT)/"
	@echo "make test       lint, import and migration checks, the whole test suite (browser tests included)"
	@echo "make format     format the Python code (ruff) and re-indent the templates (djhtml)"
	@echo "make benchmark  render one page of every type and report time and queries (RUNS=$(RUNS))"
	@echo "make benchmark-serve  gunicorn with production settings: req/s of a static file, each page type kept and rendered, 304s"
	@echo "make benchmark-mixed  60 s of mixed visitors while an editor publishes and a kwartaalupdate goes out"
	@echo "make benchmark-send  render an issue and send it to 10,000 and 50,000 subscribers through a local SMTP sink"
	@echo "make benchmark-import  import 1,000 generated knowledge items, then again unchanged (SIZES=\"1000 10000\")"
	@echo "make benchmark-search  import 1,000 and 10,000 items, time searches (PostgreSQL with DATABASE_URL), then 1,000 on SQLite"
	@echo "make benchmark-security  gunicorn with production settings under a password and a rendition attack (needs wrk)"
	@echo "make messages   update and compile the Dutch and English translation files"
	@echo "make clean      remove .venv, node_modules and caches (keeps the database, media and mail in var/)"

$(VENV)/pyvenv.cfg:
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
	    echo "This project needs Python 3.11 or newer as '$(PYTHON)', which is not installed." >&2; \
	    echo "Install it, or name another: make run PYTHON=python3.12" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	    echo "This project needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)." >&2; \
	    echo "Install a newer one, or name it: make run PYTHON=python3.12" >&2; exit 1; }
	@echo "Creating $(VENV)/ with $$($(PYTHON) --version)"
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	    echo "Could not create $(VENV). On Debian or Ubuntu: apt-get install python3-venv" >&2; exit 1; }

$(VENV)/.installed-runtime: $(VENV)/pyvenv.cfg requirements.txt
	@echo "Installing requirements.txt into $(VENV)/ ..."
	@$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/pyvenv.cfg requirements.txt requirements-dev.txt
	@echo "Installing requirements-dev.txt into $(VENV)/ ..."
	@$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-runtime

# The compiled .mo files are committed, so a machine without gettext still shows English pages.
compiled-messages:
	@if command -v msgfmt >/dev/null 2>&1; then \
	    $(DEV) $(MANAGE) compilemessages -v 0 $(MESSAGE_DIRS); \
	else \
	    echo "msgfmt not found: using the committed translation files (apt-get install gettext to rebuild)."; \
	fi

run: $(VENV)/.installed-runtime compiled-messages
	@echo "Bringing the database up to date and loading the demo content..."
	@mkdir -p "$${VAR_DIR:-var}"
	$(RUN) $(MANAGE) migrate --noinput -v 0
	$(RUN) $(MANAGE) seed_demo
	@echo ""
	@echo "  Leefbaarheid Gelderland runs on  $(BASE_URL)/"
	@echo "  English:                         $(BASE_URL)/en/"
	@echo "  Editors log in at                $(BASE_URL)/admin/"
	@echo "  as the demo editor:              redacteur / leefbaar-demo"
	@echo "  or the editor-in-chief:          hoofdredacteur / leefbaar-demo"
	@echo "  Mail the site sends lands in var/mail/. Stop the server with Ctrl+C."
	@echo ""
	$(RUN) $(MANAGE) runserver 127.0.0.1:$(PORT)

# Production settings with gunicorn, PostgreSQL, Redis and the task worker; Ctrl+C stops them all
# (scripts/serve.sh says what it needs and uses; docs/deployment.md).
serve: $(VENV)/.installed-runtime compiled-messages
	PORT=$(PORT) scripts/serve.sh

# Playwright drives Debian's Chromium (tests/browser/conftest.py names the same path); install it
# where that is possible, say what to do elsewhere.
chromium:
	@if [ -x $(CHROMIUM) ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Chromium for the browser tests (apt-get install chromium)..."; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	    echo "The browser tests need Debian's Chromium at $(CHROMIUM)." >&2; \
	    echo "On Debian or Ubuntu: sudo apt-get install chromium   (then run make test again)" >&2; \
	    exit 1; \
	fi

# axe-core for the accessibility checks, at the version package-lock.json pins; the stamp file
# makes a second run install nothing unless package.json or the lock file changed.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	    echo "The accessibility checks need axe-core from npm, and npm is not installed." >&2; \
	    echo "On Debian or Ubuntu: sudo apt-get install nodejs npm   (then run make test again)" >&2; exit 1; }
	@echo "Installing axe-core (package-lock.json) into node_modules/ ..."
	@npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# makemigrations opens the database, and SQLite cannot create the folder its file lives in.
test: $(VENV)/.installed-dev node_modules/.installed chromium compiled-messages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(TEMPLATE_CHECK) --check
	@mkdir -p "$${VAR_DIR:-var}"
	$(TEST) $(MANAGE) makemigrations --check --dry-run
	$(BIN)/lint-imports --no-cache
	@# The model and view tests on both cores (a module stays on one, so its fixtures load once),
	@# then the browser tests, also on both: each worker seeds the demo site once for its own live
	@# server, and the accessibility results are appended under a file lock.
	$(TEST) $(BIN)/pytest -m "not browser" -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)
	@if [ "$(BROWSER_TESTS)" = yes ]; then \
	    echo "$(TEST) $(BIN)/pytest -m browser -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)"; \
	    $(TEST) $(BIN)/pytest -m browser -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS); \
	else \
	    echo "Browser tests not run here (BROWSER_TESTS=$(BROWSER_TESTS)): make test runs them by default."; \
	fi

format: $(VENV)/.installed-dev
	$(BIN)/ruff format .
	$(TEMPLATE_CHECK)

benchmark: $(VENV)/.installed-runtime compiled-messages
	$(BIN)/python tests/benchmarks/render_pages.py --runs $(RUNS)

# gunicorn with production settings, wrk against it (needs wrk): SQLite, or a database of its own on
# the PostgreSQL server DATABASE_URL names; Redis when it answers.
benchmark-serve: $(VENV)/.installed-dev compiled-messages
	@command -v wrk >/dev/null 2>&1 || { echo "benchmark-serve needs wrk: apt-get install wrk" >&2; exit 1; }
	$(BIN)/python tests/benchmarks/bench_serve.py --seconds $(BENCH_SECONDS) --workers $(BENCH_WORKERS)

benchmark-mixed: $(VENV)/.installed-dev compiled-messages
	@command -v wrk >/dev/null 2>&1 || { echo "benchmark-mixed needs wrk: apt-get install wrk" >&2; exit 1; }
	$(BIN)/python tests/benchmarks/bench_mixed.py --workers $(BENCH_WORKERS)

# PostgreSQL too when DATABASE_URL names a server (a database of its own there), then SQLite.
benchmark-send: $(VENV)/.installed-dev compiled-messages
	$(BIN)/python tests/benchmarks/send_issue.py

benchmark-import: $(VENV)/.installed-runtime compiled-messages
	$(BIN)/python tests/benchmarks/bench_import.py --sizes $(SIZES)

# PostgreSQL at SEARCH_SIZES when DATABASE_URL names a server (it makes and drops a database of its
# own there), then SQLite at SQLITE_SEARCH_SIZES in a temporary file.
benchmark-search: $(VENV)/.installed-runtime compiled-messages
	@if [ -n "$(DATABASE_URL)" ]; then \
	    $(BIN)/python tests/benchmarks/bench_search.py --sizes $(SEARCH_SIZES); \
	else echo "DATABASE_URL is not set: the PostgreSQL part is left out."; fi
	DATABASE_URL= $(BIN)/python tests/benchmarks/bench_search.py --sizes $(SQLITE_SEARCH_SIZES)

# Production settings under attack, on a throwaway database (SQLite, or a new one on the PostgreSQL
# server DATABASE_URL names) and Redis database 15 if Redis answers. Needs wrk (apt-get install wrk).
benchmark-security: $(VENV)/.installed-runtime compiled-messages
	@command -v wrk >/dev/null 2>&1 || { echo "benchmark-security needs wrk: apt-get install wrk" >&2; exit 1; }
	$(BIN)/python tests/benchmarks/bench_security.py --seconds $(BENCH_SECONDS) --workers $(BENCH_WORKERS)

messages: $(VENV)/.installed-runtime
	@command -v xgettext >/dev/null 2>&1 || { echo "makemessages needs gettext: apt-get install gettext" >&2; exit 1; }
	@# The mail templates are .mjml: makemessages reads only .html, .txt and .py unless told.
	$(DEV) $(MANAGE) makemessages -l nl -l en -e html,txt,py,mjml $(MESSAGE_DIRS)
	$(DEV) $(MANAGE) compilemessages $(MESSAGE_DIRS)

clean:
	rm -rf $(VENV) node_modules .ruff_cache .pytest_cache test-results var/static
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
