# The funding tracker's everyday commands. `make` alone lists them.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
export ALLOWED_HOSTS ?= 127.0.0.1,localhost,[::1],$(HOST)

.DEFAULT_GOAL := help
.PHONY: help run dev test lint format bench messages clean

help: ## List the commands
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@ $(VENV)/.installed

prepare: $(VENV)/.installed
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_admin

run: prepare ## Serve the app as deployed (gunicorn, DEBUG off) at http://127.0.0.1:8000 (HOST, PORT)
	$(BIN)/python manage.py collectstatic --no-input --verbosity 0
	@echo "Serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	DEBUG=false $(BIN)/gunicorn tracker.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile -

dev: prepare ## Run the auto-reloading development server
	DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.dev-installed ## Run the whole test suite (SQLite, or DATABASE_URL)
	$(BIN)/pytest

lint: $(VENV)/.dev-installed ## Check style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-installed ## Reformat the code with ruff
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

BENCH_DATABASE_URL ?= sqlite:///bench.sqlite3
bench: $(VENV)/.installed ## Time the pages on a generated database (ROUNDS=1000000; BENCH_DATABASE_URL)
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py migrate --no-input --verbosity 0
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py bench --rounds $(or $(ROUNDS),100000)

messages: $(VENV)/.dev-installed ## Refresh and compile the French translation catalog
	$(BIN)/python manage.py makemessages --locale fr --ignore .venv --ignore staticfiles --ignore 'tests/*' --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore .venv

clean: ## Remove the virtualenv and collected static files (keeps your database)
	rm -rf $(VENV) staticfiles .pytest_cache
