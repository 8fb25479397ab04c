PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared/data

.PHONY: setup demo test test-all lint bench clean

$(BIN)/eventwire: pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(BIN)/eventwire

setup: $(BIN)/eventwire

demo: setup
	$(BIN)/eventwire code examples/demo --out out/demo
	@if [ -d $(SHARED)/seeds ]; then $(BIN)/eventwire code $(SHARED)/seeds --out out/seeds; \
	else echo "($(SHARED)/seeds not found: seeds run skipped)"; fi

test: setup
	$(BIN)/python -m pytest -q

test-all: setup
	$(BIN)/python -m pytest -q -m ''

lint: setup
	$(BIN)/ruff check eventwire tests benchmarks

bench: setup
	$(BIN)/python benchmarks/throughput.py

clean:
	rm -rf out bench-out .pytest_cache
