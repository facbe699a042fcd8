# Everything a new machine needs, from Python 3.11+ alone: `make run`, `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test fuzz faults lint bench translations data reference clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installs relance (a regular, non-editable install, as a user gets it) and answers the
# canonical question.
run: $(BIN)/python
	$(BIN)/python -m pip install --quiet .
	$(BIN)/relance match --population 600000 --type dematerialisation

# relance with its development tools, installed editable: again only when pyproject.toml
# (dependencies, entry points) changed since, as code changes need no reinstall.
DEV := $(VENV)/.installed-dev
$(DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# Installs relance with its development tools, then lint, types and the whole test suite.
test: $(DEV)
	$(MAKE) --no-print-directory lint
	$(BIN)/python -m pytest

# Every Hypothesis property (the `fuzz` marker), long and randomised: 1,000 fresh examples each
# (RELANCE_FUZZ_EXAMPLES=N for more or fewer). `make test` checks each on a few fixed ones.
fuzz: $(DEV)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -m fuzz --no-cov --hypothesis-show-statistics

# The long fault profile: the kill-at-random import test (tests/test_faults.py), 200 runs
# per moment instead of the 3 of `make test` (RELANCE_FAULT_RUNS=N for more or fewer).
faults: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	RELANCE_FAULT_RUNS=$${RELANCE_FAULT_RUNS:-200} $(BIN)/python -m pytest --no-cov -q \
		tests/test_faults.py -k test_kill_at_random_moments_leaves_old_or_new_under_every_name

lint:
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools
	$(BIN)/mypy --strict src

# Medians and ratios to the floor, then the targets of issue #24, met or not (every timed
# output checked); `benchmarks/run.py --growth 1000,10000,50000` for growth. See
# benchmarks/README.md.
bench: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python benchmarks/run.py

# After changing messages: extract them, merge into the English catalog (translate the
# new or fuzzy entries in relance.po), then compile. A test fails until all is done.
LOCALE := src/relance_cli/locale
translations: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k ngettext:1,2 --no-location --sort-output \
		--project relance -o $(LOCALE)/relance.pot src/relance_cli
	$(BIN)/pybabel update -D relance -i $(LOCALE)/relance.pot -d $(LOCALE) \
		--width 100 --ignore-obsolete
	$(BIN)/pybabel compile -D relance -d $(LOCALE) --statistics
	$(BIN)/python tools/locale_formats.py

# The official geography shipped in the wheel, from the pinned npm package (needs npm;
# the generated file is committed, so `make run` and `make test` never need it).
GEOGRAPHY := @etalab/decoupage-administratif@6.0.0
data: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -rf build/geography && mkdir -p build/geography
	cd build/geography && npm pack --silent $(GEOGRAPHY) && tar xzf *.tgz
	$(BIN)/python tools/geography.py build/geography/package

# The generated parts of the docs: docs/commandes.md (each command's --help), the index of
# docs/README.md, the key lists of docs/json.md (from schemas/output.schema.json).
# tests/test_reference.py fails while they are stale.
reference: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python tools/reference.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .coverage build dist
