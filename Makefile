VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: help bootstrap demo test lint typecheck check clean

help:
	@echo "make demo       set up, then write and validate a test for every flow of the bundled demo app"
	@echo "make test       set up, then lint (ruff, mypy --strict) and run the test suite"
	@echo "make lint       ruff + mypy"
	@echo "make clean      remove generated tests, artifacts and local state"

bootstrap:
	@VENV=$(VENV) scripts/bootstrap.sh

demo: bootstrap
	$(BIN)/superagent demo run

test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: bootstrap
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

check: test

clean:
	rm -rf superagent-tests artifacts .superagent .pytest_cache
