# Two commands on a fresh machine: `make demo` and `make test`.
# Both create or reuse .venv and install exactly what requirements.lock pins (hash-checked).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= claimledger.db

.PHONY: demo test install lint clean lock

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/claimledger --db $(DB) ingest examples/manifest.jsonl
	$(BIN)/claimledger --db $(DB) documents
	$(BIN)/claimledger --db $(DB) summary
	$(BIN)/claimledger --db $(DB) report --format html -o briefing.html
	@echo "briefing written to briefing.html; explore with: $(BIN)/claimledger --db $(DB) serve"

test: $(STAMP)
	sh scripts/system-deps.sh
	$(BIN)/ruff check src tests eval bench scripts
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests eval bench scripts
	$(BIN)/mypy

# Regenerate the lock (developers only; needs network to the package index).
lock:
	$(BIN)/python -m pip install --quiet uv==0.13.8
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra scale --generate-hashes --python-version 3.11 --no-header -o requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info
