# credits-api — `make run` serves the demo, `make test` runs everything CI runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test lint typecheck test-sqlite test-postgres services bench schema clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: install
	@$(BIN)/credits-api migrate
	@$(BIN)/credits-api seed-demo > $(VENV)/demo-tokens.txt
	@echo ""
	@echo "GraphiQL:  http://$(HOST):$(PORT)/graphql"
	@echo "Paste into GraphiQL's headers (demo owner of tenant acme):"
	@echo "  {\"Authorization\": \"Bearer $$(sed -n 's/^demo@example.com: //p' $(VENV)/demo-tokens.txt)\", \"X-Tenant\": \"acme\"}"
	@echo "Platform admin token: $$(sed -n 's/^admin@example.com: //p' $(VENV)/demo-tokens.txt)"
	@echo ""
	HOST=$(HOST) PORT=$(PORT) $(BIN)/credits-api serve

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: install
	$(BIN)/mypy

# The suite runs twice: on the embedded default (SQLite, in-process lock and bus) and on the
# production backends (PostgreSQL + Redis).
test-sqlite: install
	TEST_BACKEND=sqlite $(BIN)/pytest -q

test-postgres: install
	TEST_BACKEND=postgres $(BIN)/pytest -q

test: lint typecheck test-sqlite test-postgres

# Starts local PostgreSQL and Redis if they are not running (CI's machine has them installed).
services:
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || redis-server --daemonize yes --port 6379 --save "" --appendonly no
	@pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start

bench: install
	$(BIN)/python -m bench.run --memory

schema: install
	$(BIN)/credits-api export-schema --output schema.graphql

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache data
