# The one entry point: `make run` to use the site, `make test` to check it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
SAMPLE := samples/engineering-2026.json
# The same skills with groups, level texts, "not applicable" and roles (issue 13).
RICH_SAMPLE := samples/engineering-2026-levels.json
# The PostgreSQL the PostgreSQL targets use (Django tests in test_<name>), and the Redis
# the server tests use; point them elsewhere with e.g. `make test-postgres POSTGRES_URL=…`.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: install run serve test test-browser test-postgres test-load migrations-check lint ci format clean bench bench-scaling

# Reinstalls only when the dependencies change, so every target can depend on it.
$(INSTALLED): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,postgres]'
	touch $(INSTALLED)

install: $(INSTALLED) gettext
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --verbosity 0

# compilemessages and makemessages run Debian's gettext (msgfmt, xgettext, msgmerge).
.PHONY: gettext messages
gettext:
	@command -v msgfmt >/dev/null || (apt-get update -qq \
	  && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext)

# Refreshes locale/<lang>/LC_MESSAGES/django.po from the marked strings. --no-location keeps
# file:line comments out, so moving code does not rewrite every .po file (and merges stay small).
messages: $(INSTALLED) gettext
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l de -l fr -l es --no-location --no-obsolete \
	  --ignore=.venv --ignore=tests --ignore=bench --ignore=staticfiles

# backup/restore on PostgreSQL run pg_dump and pg_restore: Debian's client of the server's
# major version (bookworm: 15) comes with the postgresql package, or alone as postgresql-client.
.PHONY: pg-client
pg-client:
	@command -v pg_dump >/dev/null || (apt-get update -qq \
	  && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client)

run: export DJANGO_DEBUG ?= 1
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_assessment $(SAMPLE)
	$(PY) manage.py load_assessment $(RICH_SAMPLE)
	$(PY) manage.py runserver 127.0.0.1:8000

# The production stack on this machine: DEBUG off, gunicorn, WhiteNoise, and beside gunicorn the
# task worker that sends the emails (stopped with it). It speaks plain HTTP on 127.0.0.1, so the
# HTTPS redirect and secure-only cookies are off unless set, and its emails link here unless
# DJANGO_SITE_URL says otherwise.
serve: export DJANGO_DEBUG := 0
serve: export DJANGO_SECURE_SSL_REDIRECT ?= 0
serve: export DJANGO_SECURE_COOKIES ?= 0
serve: export DJANGO_SITE_URL ?= http://127.0.0.1:8000
serve: export DJANGO_DEFAULT_FROM_EMAIL ?= assessor@localhost
serve: install
	@if [ -z "$$DJANGO_SECRET_KEY" ]; then \
	  echo "make serve: DJANGO_SECRET_KEY is not set; using a throwaway key for this run" \
	    "(sign-ins end when it stops)."; \
	fi
	@export DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')}" \
	  && $(PY) manage.py migrate --noinput \
	  && $(PY) manage.py collectstatic --noinput --verbosity 0 \
	  && { $(PY) manage.py db_worker --no-reload & worker=$$!; \
	       trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	       $(VENV)/bin/gunicorn --config assessor/gunicorn.conf.py; }

test: install pg-client
	$(PY) -m coverage erase
	$(PY) -m coverage run -m pytest -m "not load"
	$(PY) -m coverage report

# Only the end-to-end tests in Chromium, without coverage: quick to rerun while fixing a page.
test-browser: install
	$(PY) -m pytest -m browser

# The same suite on PostgreSQL (starting the local server if it is down).
test-postgres: install pg-client
	.ci/ensure-postgres $(PY) $(POSTGRES_URL)
	DATABASE_URL=$(POSTGRES_URL) $(PY) -m pytest -m "not load"

# Real gunicorn servers: concurrent load on SQLite and PostgreSQL, a worker killed
# mid-run, two instances sharing one PostgreSQL and one Redis. -rP prints their figures.
test-load: install pg-client
	.ci/ensure-postgres $(PY) $(POSTGRES_URL)
	.ci/ensure-redis $(PY) $(TEST_REDIS_URL)
	POSTGRES_URL=$(POSTGRES_URL) TEST_REDIS_URL=$(TEST_REDIS_URL) $(PY) -m pytest -m load -rP

migrations-check: install
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# Benchmarks start their own gunicorn and databases (SQLite, and PostgreSQL next to
# POSTGRES_URL's database); wrk comes from Debian.
bench: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	.ci/ensure-postgres $(PY) $(POSTGRES_URL)
	POSTGRES_URL=$(POSTGRES_URL) $(PY) -m bench.run

bench-scaling: install
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	.ci/ensure-postgres $(PY) $(POSTGRES_URL)
	POSTGRES_URL=$(POSTGRES_URL) $(PY) -m bench.run --scaling

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

# What CI checks before any test runs: the style (ruff), the import contract between the apps
# (import-linter, in `lint`) and no model change without its migration.
ci: lint migrations-check

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) .coverage htmlcov *.egg-info .hypothesis test-artifacts
