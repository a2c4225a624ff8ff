# tagpage: two commands matter, `make demo` and `make test` (see README.md).
#
# Servers: DATABASE_URL / REDIS_URL when set; else 127.0.0.1:5432 / :6379 when they answer; else
# private ones under .run/ (stopped by `make down`). scripts/provision.sh does the work and writes
# the chosen URLs to .run/env, which every target below sources. Read replicas: `make replica`
# (or `make demo REPLICAS=1`) starts streaming standbys of the chosen primary under .run/, or
# DATABASE_REPLICA_URLS names existing ones.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_ENV := .run/env
PROVISION := scripts/provision.sh

DEMO_PROFILE ?= genonaut
DEMO_SCALE ?= 0.1
DEMO_SEED ?= 42
DEMO_HOST ?= 127.0.0.1
DEMO_PORT ?= 8000
REPLICAS ?= 0
PYTEST_ARGS ?=

.PHONY: help install venv services down migrate demo test check-extensions schema-dump replica

help:  ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 18

install:  ## system packages (apt, as root) and the .venv with tagpage[test,bench]
	@PYTHON=$(PYTHON) bash $(PROVISION) packages
	@$(MAKE) --no-print-directory venv

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	@touch $@

services:  ## reach or start PostgreSQL and Redis; write .run/env
	@bash $(PROVISION) services

down:  ## stop the private PostgreSQL / Redis and the standbys started under .run/ (a standby's copy is deleted)
	@bash $(PROVISION) down

replica: install services  ## streaming standby of the chosen primary (REPLICAS=n): copies its WHOLE cluster
	@VENV_PYTHON=$(BIN)/python REPLICAS=$(if $(filter 0,$(REPLICAS)),1,$(REPLICAS)) bash $(PROVISION) replica

migrate: install services  ## create the database if needed and upgrade it to head
	@source $(RUN_ENV) && $(BIN)/tagpage migrate

demo: install services migrate  ## migrate, load genonaut demo data (DEMO_SCALE), then serve (REPLICAS=n: reads on standbys)
	@source $(RUN_ENV) && $(BIN)/tagpage demo load --profile $(DEMO_PROFILE) --scale $(DEMO_SCALE) --seed $(DEMO_SEED)
	@if [ "$(REPLICAS)" != 0 ]; then VENV_PYTHON=$(BIN)/python REPLICAS=$(REPLICAS) bash $(PROVISION) replica; fi
	@source $(RUN_ENV) && \
	if $(BIN)/tagpage serve --help >/dev/null 2>&1; then \
		echo "serving http://$(DEMO_HOST):$(DEMO_PORT)/ (Ctrl-C stops)"; \
		exec $(BIN)/tagpage serve --host $(DEMO_HOST) --port $(DEMO_PORT); \
	else \
		echo "demo data loaded into $$DATABASE_URL; the web server (tagpage serve) is not available yet"; \
	fi

check-extensions: install services  ## fail loudly unless the server offers pgtap and plpython3u
	@source $(RUN_ENV) && VENV_PYTHON=$(BIN)/python bash $(PROVISION) extensions

schema-dump: install services  ## regenerate db/schema.sql (the DDL a fresh migration builds; commit it)
	@source $(RUN_ENV) && $(BIN)/tagpage schema-dump

test: install services check-extensions  ## the whole suite (pytest + pgTAP) on fresh databases
	@source $(RUN_ENV) && DATABASE_URL=$$TEST_DATABASE_URL $(BIN)/python -m pytest $(PYTEST_ARGS)

SOAK_SECONDS ?= 120
SOAK_CLIENTS ?= 16
.PHONY: soak
soak: install services  ## long load test: clients page through gunicorn while a writer changes data
	@source $(RUN_ENV) && DATABASE_URL=$$TEST_DATABASE_URL TAGPAGE_LOAD_SECONDS=$(SOAK_SECONDS) \
		TAGPAGE_LOAD_CLIENTS=$(SOAK_CLIENTS) $(BIN)/python -m pytest tests/web/test_load.py -s -q $(PYTEST_ARGS)

BENCH_PROFILE ?= genonaut
BENCH_SCALE ?= 0.1
BENCH_SEED ?= 42
BENCH_ARGS ?=
LADDER_FULL ?= 0
comma := ,
.PHONY: bench bench-ladder
bench: install services  ## legacy, upstream and tagpage, workload, planner regret (BENCH_PROFILE, BENCH_SCALE); JSON+PNG in bench/results/
	@source $(RUN_ENV) && $(BIN)/tagpage bench --profile $(BENCH_PROFILE) --scale $(BENCH_SCALE) \
		--seed $(BENCH_SEED) --plot $(BENCH_ARGS)

bench-ladder: install services  ## gallery requests + workload at scales 0.01, 0.1 (and 1 with LADDER_FULL=1)
	@source $(RUN_ENV) && $(BIN)/tagpage bench --profile $(BENCH_PROFILE) --seed $(BENCH_SEED) \
		--ladder "0.01,0.1$(if $(filter 1,$(LADDER_FULL)),$(comma)1,)" --no-regret --no-workload-legacy $(BENCH_ARGS)
