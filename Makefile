# The two commands of the README: `make demo` and `make test`. Everything else is a helper.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install system system-test lint typecheck pytest pytest-pg requirements bench bench-load

$(STAMP): requirements/base.txt requirements/dev.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/base.txt -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

system:
	./scripts/install-system-packages

system-test:
	./scripts/install-system-packages --test

demo: system install
	$(BIN)/rapor demo

lint: install
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

pytest-pg: install
	./scripts/with-postgres $(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS)

test: system-test install lint typecheck pytest pytest-pg

requirements:
	cd requirements && uv pip compile --generate-hashes --python-version 3.11 --no-header base.in -o base.txt
	cd requirements && uv pip compile --generate-hashes --python-version 3.11 --no-header dev.in -o dev.txt

bench: install
	$(BIN)/python bench/engine.py
	$(BIN)/python bench/planner.py
	$(BIN)/python bench/exchange.py
	$(BIN)/python bench/dashboard.py

# The production set-up under 50 simulated people, on SQLite then on a throwaway PostgreSQL
# (a few minutes each; docs/benchmarks.md).
bench-load: system-test install
	$(BIN)/python bench/load.py --database sqlite $(LOAD_ARGS)
	./scripts/with-postgres $(BIN)/python bench/load.py --database postgresql $(LOAD_ARGS)
