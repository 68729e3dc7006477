# Set-up and the two jobs the README names. Needs only python3.11 (with venv) and make.
PYTHON ?= python3.11
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast setup clean-venv evaluate

$(STAMP): pyproject.toml constraints.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found (set PYTHON=...)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

# The main job: code the bundled sample articles into SQLite, print their incidents, serve the page
# (on another port with `make demo PORT=8123`).
demo: $(STAMP)
	$(BIN)/tacitus demo --serve --port $(PORT)

# The tests (they need nothing outside this repository).
test: $(STAMP)
	$(BIN)/python -m pytest

# The tests without the slow ones (browser, PostgreSQL, fuzzing, crash): for while you work.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

# Quality figures on the shared fixtures, when they are beside the repo.
evaluate: $(STAMP)
	$(BIN)/tacitus evaluate tests/gold

clean-venv:
	rm -rf $(VENV)
