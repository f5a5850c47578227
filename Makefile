# Two commands for a fresh machine: `make run` (install, then interview) and `make test`.
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run install install-dev test bench doctor

run: install
	$(VENV)/bin/interviewer

install:
	@bash scripts/install.sh

install-dev:
	@bash scripts/install.sh dev

test: install-dev
	@bash scripts/test-prereqs.sh
	$(PY) -m pytest

doctor: install
	$(VENV)/bin/interviewer doctor

bench: install
	$(PY) benchmarks/provider.py
