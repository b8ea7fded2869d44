# vendorflow — `make demo` runs it, `make test` tests it. Both set everything up first.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
SIM_PORT ?= 8765
TEST_POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/test
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: setup demo run worker simulator test test-sqlite test-postgres lint format typecheck bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: setup
	$(PY) -m vendorflow.cli migrate --noinput
	$(PY) -m vendorflow.cli seed_demo --simulator-url http://127.0.0.1:$(SIM_PORT)
	$(PY) -m vendorflow.cli demo --host $(HOST) --port $(PORT) --simulator-port $(SIM_PORT)

run: setup
	$(PY) -m vendorflow.cli migrate --noinput
	$(PY) -m vendorflow.cli runserver $(HOST):$(PORT)

worker: setup
	$(PY) -m vendorflow.cli run_huey

simulator: setup
	$(PY) -m vendorflow.cli simulator --port $(SIM_PORT)

# The whole suite on SQLite, then again on PostgreSQL when it is reachable
# (VENDORFLOW_REQUIRE_SERVICES=1 turns "not reachable" into a failure, as CI does).
test: setup
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: setup
	TEST_REDIS_URL=$(TEST_REDIS_URL) $(VENV)/bin/pytest

test-postgres: setup
	@if $(PY) tests/services.py postgres "$(TEST_POSTGRES_URL)"; then \
		DATABASE_URL=$(TEST_POSTGRES_URL) TEST_REDIS_URL=$(TEST_REDIS_URL) $(VENV)/bin/pytest -m "not browser"; \
	elif [ "$$VENDORFLOW_REQUIRE_SERVICES" = "1" ]; then \
		echo "PostgreSQL is required but not reachable at $(TEST_POSTGRES_URL)"; exit 1; \
	else \
		echo "SKIPPED: PostgreSQL run — no server reachable at $(TEST_POSTGRES_URL)"; \
	fi

lint: setup
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

format: setup
	$(VENV)/bin/ruff format src tests benchmarks
	$(VENV)/bin/ruff check --fix src tests benchmarks

typecheck: setup
	$(VENV)/bin/mypy src

bench: setup
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) data .pytest_cache
