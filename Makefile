# The two commands: `make run` and `make test`. Everything else is a step they use.
VENV   := .venv
PYTHON := $(VENV)/bin/python
FLASK  := $(VENV)/bin/flask --app app
HOST   ?= 127.0.0.1
PORT   ?= 5000
PYBABEL  := $(VENV)/bin/pybabel
LOCALES  := en de sv sl hu zh_Hans
CATALOGS := $(foreach l,$(LOCALES),translations/$(l)/LC_MESSAGES/messages.po)
CATALOGS_COMPILED := $(CATALOGS:.po=.mo)
BABEL_KEYWORDS := -k _l -k lazy_gettext -k lazy_ngettext:1,2 -k lazy_pgettext:1c,2 \
                  -k lazy_npgettext:1c,2,3

.PHONY: run test lint pytest pytest-postgres system-deps install install-dev bench clean audit \
        i18n-extract i18n-update i18n-compile

# The app refuses the built-in development SECRET_KEY outside --debug (forum/guards.py):
# `make run` uses SECRET_KEY from the environment, else a random one made once for this
# checkout and kept in instance/ (so sign-ins survive a restart).
DEV_SECRET_KEY := instance/secret-key
run: export SECRET_KEY ?= $(file < $(DEV_SECRET_KEY))
run: install $(DEV_SECRET_KEY)
	$(FLASK) db upgrade
	$(FLASK) demo load
	$(FLASK) search rebuild
	$(FLASK) run --host $(HOST) --port $(PORT)

# The SQLite and the PostgreSQL runs side by side, one a core (each is one Python process):
# 7 minutes instead of 11; each run's output is printed whole when it ends.
test: install-dev system-deps lint
	@$(MAKE) --no-print-directory -j2 --output-sync=target pytest pytest-postgres

$(DEV_SECRET_KEY):
	@mkdir -p $(@D)
	@(umask 077 && python3 -c 'import secrets; print(secrets.token_hex(32))' > $@)

install: $(VENV)/.app-installed $(CATALOGS_COMPILED)
install-dev: $(VENV)/.dev-installed node_modules/.package-lock.json $(CATALOGS_COMPILED)

$(VENV)/bin/python:
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip

$(VENV)/.app-installed: requirements.txt | $(VENV)/bin/python
	$(PYTHON) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt requirements.txt | $(VENV)/bin/python
	$(PYTHON) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.app-installed $@

# The page checkers of the browser tests (axe-core, vnu-jar), exact versions from the lock.
# --ignore-scripts: vnu-jar's install script would download a Java; Debian's is used.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund

# The interface's catalogs (docs/i18n.md): extract the strings of the code into the template,
# merge it into each language's catalog, compile the catalogs the app reads (done by install;
# the compiled files are not kept in git).
i18n-extract: | $(VENV)/.app-installed
	$(PYBABEL) -q extract --ignore-dirs=".* __pycache__" --no-location --sort-output --omit-header -F babel.cfg \
	  $(BABEL_KEYWORDS) -o translations/messages.pot forum templates

i18n-update: i18n-extract
	$(PYBABEL) -q update --no-fuzzy-matching --ignore-pot-creation-date --ignore-obsolete \
	  -i translations/messages.pot -d translations

i18n-compile: $(CATALOGS_COMPILED)

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po | $(VENV)/.app-installed
	$(PYBABEL) -q compile --statistics -i $< -o $@

# Debian packages the tests drive: Chromium for the browser journeys, Java for the Nu Html
# Checker, PostgreSQL for the second run of the suite. Installed only when missing.
system-deps:
	@bash scripts/install-test-services.sh

# ruff, then the import contracts of pyproject.toml (docs/architecture.md, "Import contracts").
lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-logo

pytest:
	$(VENV)/bin/pytest -q

# The same suite against a real PostgreSQL server started by the tests themselves.
pytest-postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		$(VENV)/bin/pytest -q --postgres -m "not e2e"; \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL is required in CI but is not installed"; exit 1; \
	else \
		echo "Skipping the PostgreSQL run: PostgreSQL is not installed (Debian package 'postgresql')."; \
	fi

# Lighthouse on the demo forum (slow; not part of `make test`). docs/seo.md
audit: install-dev
	$(PYTHON) scripts/audit.py $(AUDIT_ARGS)

# Redress's pages next to a bare Flask page under gunicorn (a few minutes). bench/pages.py
bench: install-dev
	$(PYTHON) bench/pages.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .import_linter_cache
