# The two commands of the README: `make demo` and `make test`. Each sets up
# .venv when it is missing, so a fresh clone needs nothing else.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint schemas docs bench mutate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/ikros validate examples/eksempel-kommune

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

test: lint
	$(BIN)/ikros schema --check --out schemas
	$(BIN)/python -m ikros.model.reference --check docs/formatreferanse.md
	$(BIN)/python -m pytest

schemas: $(STAMP)
	$(BIN)/ikros schema --out schemas

# The field tables of the format reference, generated from the models.
docs: $(STAMP)
	$(BIN)/python -m ikros.model.reference docs/formatreferanse.md

bench: $(STAMP)
	$(BIN)/python bench/bench_validate.py

# Mutation testing of the modules that decide verdicts (mutation/run.py),
# one module at a time, two test processes at most; not part of `make test`.
# `make mutate MODULES=src/ikros/due.py` mutates some only.
mutate: $(STAMP)
	$(BIN)/python mutation/run.py $(MODULES)

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
