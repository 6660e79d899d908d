# Every target bootstraps what it needs: uv (installed with pip into .tools/ when missing), the
# project's .venv (bytecode compiled, synced from uv.lock) and DAGSTER_HOME (.dagster_home/).
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := $(or $(shell command -v uv 2>/dev/null),$(CURDIR)/.tools/bin/uv)
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
export UV_COMPILE_BYTECODE := 1
export UV_PYTHON_DOWNLOADS := never
PORT ?= 3000

.PHONY: install run test lint ui docs bench clean

$(CURDIR)/.tools/bin/uv:
	$(PYTHON) -m venv $(CURDIR)/.tools
	$(CURDIR)/.tools/bin/pip install --quiet uv==$(UV_VERSION)

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

$(DAGSTER_HOME)/dagster.yaml: pipelines/instance/dagster.yaml
	mkdir -p $(DAGSTER_HOME)
	cp $< $@

install: .venv/.synced $(DAGSTER_HOME)/dagster.yaml

run: install
	.venv/bin/python -m pipelines.run

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

test: lint
	.venv/bin/python -m pytest

ui: install
	.venv/bin/dagster instance concurrency set duckdb_write 1
	.venv/bin/dagster dev -w workspace.yaml -h 127.0.0.1 -p $(PORT)

docs: run
	.venv/bin/python -m checks.dictionary > docs/data_dictionary.md
	.venv/bin/python -m pipelines.questions

bench: install
	.venv/bin/python -m benchmarks.ingest_bench
	.venv/bin/python -m benchmarks.segmenter_bench
	.venv/bin/python -m benchmarks.offtopic_bench
	.venv/bin/python -m benchmarks.text_bench 5000
	.venv/bin/python -m benchmarks.timebank_bench
	.venv/bin/python -m benchmarks.quantity_bench
	.venv/bin/python -m benchmarks.facts_bench
	.venv/bin/python -m benchmarks.extraction_bench 5000
	.venv/bin/python -m benchmarks.incremental_bench 10000

clean:
	rm -rf .venv .tools data .dagster_home
