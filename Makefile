# The two set-up commands of README.md. Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: site test lint bench clean

site: $(VENV)/.installed  ## build the sample site into output/
	$(BIN)/python build.py

test: $(VENV)/.installed lint  ## lint, type-check and run the whole test suite
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(VENV)/.installed  ## site_gen against Hugo and Pelican, 5,000 meetings (about 17 minutes on 2 cores)
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[search,test]'
	touch $@

clean:
	rm -rf $(VENV) output .pytest_cache .mypy_cache .ruff_cache .hypothesis
