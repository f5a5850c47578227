# Two commands for a fresh machine: `make run` (install, then interview) and `make test`.
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run install install-dev test lint eval-gate bench doctor

run: install
	$(VENV)/bin/interviewer

install:
	@bash scripts/install.sh

install-dev:
	@bash scripts/install.sh dev

# lint and types, the test suite, then the eval gate: scoring and interviewer suites on the embedded model
# vs the committed baselines
test: install-dev lint
	@bash scripts/test-prereqs.sh
	$(PY) -m pytest
	@bash scripts/eval-gate.sh

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

eval-gate: install-dev
	@bash scripts/eval-gate.sh

doctor: install
	$(VENV)/bin/interviewer doctor

bench: install
	$(PY) benchmarks/provider.py
