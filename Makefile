# credits-api — `make run` serves the demo, `make test` runs everything CI runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Every version pinned, every file's hash checked: dev = runtime + the dev and otel extras, bench
# adds its extra.
LOCK := requirements/dev.txt
BENCH_LOCK := requirements/bench.txt
BENCH_STAMP := $(VENV)/.bench-stamp
# Resolved for the Python and platform CI runs on.
UV_COMPILE := UV_CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/uv pip compile pyproject.toml \
	--python-version 3.11 --python-platform x86_64-unknown-linux-gnu --generate-hashes --quiet
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install lock run test lint typecheck test-sqlite test-postgres test-slow-paths services bench schema clean

install: $(STAMP)

# Exactly the locked versions (--no-deps: the lock is the whole set), then the project itself.
# `pip check` fails when pyproject.toml asks for something the lock does not hold.
$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@$(BIN)/python -m pip check || { echo "$(LOCK) is out of date with pyproject.toml: run make lock" >&2; exit 1; }
	@touch $(STAMP)

$(BENCH_STAMP): $(STAMP) $(BENCH_LOCK)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(BENCH_LOCK)
	@touch $(BENCH_STAMP)

# Resolves pyproject.toml's dependencies again and rewrites both lock files, keeping every pin
# that still fits (`make lock UPGRADE=--upgrade`: the newest versions the ranges allow); bench
# keeps dev's versions. uv comes from the lock itself, so a failed install (an out-of-date lock)
# still leaves it in place.
lock:
	@test -x $(BIN)/uv || $(MAKE) --no-print-directory install || test -x $(BIN)/uv
	$(UV_COMPILE) $(UPGRADE) --extra dev --extra otel -o $(LOCK)
	$(UV_COMPILE) --extra dev --extra otel --extra bench -c $(LOCK) -o $(BENCH_LOCK)

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

# The API, live and hardening tests again with every fast path off (GRAPHQL_FAST_PATHS=off):
# strawberry and graphql-core alone give the same answers. Tests of a fast path itself skip.
test-slow-paths: install
	GRAPHQL_FAST_PATHS=off TEST_BACKEND=postgres $(BIN)/pytest -q tests/api tests/live tests/hardening

test: browser lint typecheck test-sqlite test-postgres test-slow-paths

# Headless Chromium and its driver from Debian's packages, for the page tests (tests/pages/),
# installed when missing, as the services are (playwright's own browser download cannot run here).
.PHONY: browser
browser:
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver || { \
		SUDO=$$(test "$$(id -u)" -eq 0 || echo sudo); \
		$$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; }

# Starts local PostgreSQL and Redis if they are not running (CI's machine has them installed).
services:
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || redis-server --daemonize yes --port 6379 --save "" --appendonly no
	@pg_isready -h 127.0.0.1 -p 5432 >/dev/null 2>&1 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start

# wrk (a C load generator, Debian's package) measures beside the Python one; installed when missing.
bench: $(BENCH_STAMP)
	@command -v wrk >/dev/null || { \
		SUDO=$$(test "$$(id -u)" -eq 0 || echo sudo); \
		$$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
	$(BIN)/python -m bench.run --memory

schema: install
	$(BIN)/credits-api export-schema --output schema.graphql

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache data
