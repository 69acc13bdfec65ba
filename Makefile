# The one entry point: `make run` to use the site, `make test` to check it.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
SAMPLE := samples/engineering-2026.json

.PHONY: install run test lint format clean

# Reinstalls only when the dependencies change, so every target can depend on it.
$(INSTALLED): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev,postgres]'
	touch $(INSTALLED)

install: $(INSTALLED)

run: export DJANGO_DEBUG ?= 1
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_assessment $(SAMPLE)
	$(PY) manage.py runserver 127.0.0.1:8000

test: install
	$(PY) -m coverage erase
	$(PY) -m coverage run -m pytest -m "not load"
	$(PY) -m coverage report

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) .coverage htmlcov *.egg-info
