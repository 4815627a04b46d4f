# Developer tasks. The README's two commands need nothing but python3 and git; these need make.
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: check lint types test quick format bench fuzz

check: lint types test

$(BIN)/pytest:
	python3 -m venv $(VENV) && $(BIN)/pip install -q -e '.[test]'

lint: $(BIN)/pytest
	$(BIN)/ruff check scrutui tests bench
	$(BIN)/ruff format --check scrutui tests bench
	$(BIN)/lint-imports --no-cache

types: $(BIN)/pytest
	$(BIN)/mypy

test: $(BIN)/pytest
	$(BIN)/pytest

format: $(BIN)/pytest
	$(BIN)/ruff format scrutui tests bench
	$(BIN)/ruff check --fix scrutui tests bench

quick: $(BIN)/pytest
	$(BIN)/pytest -m "not slow"

# The loading path under tens of thousands of generated files and data (hypothesis).
fuzz: $(BIN)/pytest
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/test_fuzz.py tests/test_papers_markdown.py -q

# 10,000 records, 30,000 commits: each figure next to its floor (bench/README.md). ~5 min.
bench: $(BIN)/pytest
	$(BIN)/python -m bench.run --readme
