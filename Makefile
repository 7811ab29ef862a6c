# The two commands of the README: each builds .venv from nothing and runs.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e ".[test]"
	touch $(STAMP)

demo: $(STAMP) /usr/bin/chromium   # Chromium (rule below) prints the scheduled reports' PDFs
	$(BIN)/leadanalytics --db demo/leadanalytics.duckdb demo --out demo

# The headless-browser check of the reports needs Debian's Chromium (installed when missing).
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

test: $(STAMP) $(CHROMIUM)
	$(BIN)/ruff check leadanalytics pipelines tests benchmarks
	$(BIN)/lint-imports  # the layers of shared/architecture.md (pyproject.toml, [tool.importlinter])
	CI=$${CI:-true} $(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

lint: $(STAMP)
	$(BIN)/ruff check leadanalytics pipelines tests benchmarks
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) demo build *.egg-info
