# The two set-up commands of README.md (and make docs). Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: site test lint bench bench-quick corpus-recall clean chromium docs

site: $(VENV)/.installed  ## build the sample site into output/
	$(BIN)/python build.py

test: $(VENV)/.installed chromium lint  ## lint, type-check and run the whole test suite
	$(BIN)/python -m pytest

# The browser tests drive Debian's Chromium (Playwright downloads no browser here).
chromium:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else echo "note: no /usr/bin/chromium; install Debian's chromium or the browser tests skip"; fi

docs: $(VENV)/.installed  ## the documentation site into build/docs/ (tests/test_docs.py builds it too)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Hugo and Pelican are installed into a scratch environment in the work folder (default
# /tmp/site-gen-benchmark), never into .venv; the report is WORK/results.md (and .json).
bench: $(VENV)/.installed  ## issue 16's targets against Hugo and Pelican: 5,000 meetings, scaling to 20,000 (about 20 minutes on 2 cores)
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

bench-quick: $(VENV)/.installed  ## the same at 500 meetings, one round, no scaling (a few minutes): for developers
	$(BIN)/python -m benchmarks.run --meetings 500 --runs 1 --pelican-runs 1 --scaling "" $(BENCH_ARGS)

# Imports and builds every group of ../shared/corpus with site-gen and prints how much of the
# hand-labelled record (benchmarks/corpus_labels.yaml) the built sites recovered. Another
# corpus and labels: make corpus-recall RECALL_ARGS="CORPUS LABELS".
corpus-recall: $(VENV)/.installed  ## recall of real minutes through import and build (a few minutes)
	$(BIN)/python -m benchmarks.import_recall $(RECALL_ARGS)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[search,test]'
	touch $@

clean:
	rm -rf $(VENV) output .pytest_cache .mypy_cache .ruff_cache .hypothesis
