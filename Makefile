# Every target bootstraps what it needs: uv (installed with pip into .tools/ when missing), the
# project's .venv (bytecode compiled, synced from uv.lock) and DAGSTER_HOME (.dagster_home/).
SHELL := /bin/bash
# The interpreter the environment is built with: the first of SUPPORTED_PYTHONS whose version is 3.11
# to 3.13, unless given (`make run PYTHON=python3.12`, or a path).
SUPPORTED_PYTHONS := python3.13 python3.12 python3.11 python3
SUPPORTED_VERSION_CHECK := import sys; sys.exit(not (3, 11) <= sys.version_info[:2] < (3, 14))
ifeq ($(origin PYTHON),undefined)
PYTHON := $(firstword $(foreach candidate,$(SUPPORTED_PYTHONS),$(shell command -v $(candidate) >/dev/null 2>&1 \
	&& $(candidate) -c '$(SUPPORTED_VERSION_CHECK)' 2>/dev/null && echo $(candidate))))
endif
UV_VERSION := 0.13.9
UV := $(or $(shell command -v uv 2>/dev/null),$(CURDIR)/.tools/bin/uv)
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
export UV_COMPILE_BYTECODE := 1
export UV_PYTHON_DOWNLOADS := never
PORT ?= 3000

# Run first in every recipe that builds with $(PYTHON): stop with a clear message unless it is supported.
define check_python
	@if [ -z "$(PYTHON)" ]; then \
	  echo "No supported Python found: Triangulate needs Python 3.11, 3.12 or 3.13, and none of" \
	    "$(SUPPORTED_PYTHONS) on the PATH is one. Install one, or name it: make run PYTHON=/path/to/python3.12" >&2; \
	  exit 1; \
	fi
	@$(PYTHON) -c '$(SUPPORTED_VERSION_CHECK)' 2>/dev/null || { \
	  echo "PYTHON=$(PYTHON) is not Python 3.11, 3.12 or 3.13 ($$($(PYTHON) --version 2>&1))." \
	    "Name a supported one, e.g. make run PYTHON=python3.12" >&2; \
	  exit 1; \
	}
endef

.PHONY: install run test lint ui docs bench clean

$(CURDIR)/.tools/bin/uv:
	$(check_python)
	$(PYTHON) -m venv $(CURDIR)/.tools
	$(CURDIR)/.tools/bin/pip install --quiet uv==$(UV_VERSION)

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(check_python)
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
