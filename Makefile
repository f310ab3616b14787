# Every target that needs the virtual environment builds it first, so `make test` alone works on a
# fresh machine. Override the interpreter with `make PYTHON=python3.12 ...`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NODE_STAMP := scripts/node_modules/.installed

.PHONY: install node redis test lint regenerate drift pull-spec bench demo clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Node tools (Prism, swagger2openapi) pinned in scripts/package.json; npm comes with Node.
node: $(NODE_STAMP)

$(NODE_STAMP): scripts/package.json
	cd scripts && npm install --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

# A real redis-server for the shared-budget tests (Debian package; they start it on a free
# loopback port themselves). Uses sudo only when not root and sudo exists.
SUDO := $(shell [ "$$(id -u)" = 0 ] || ! command -v sudo >/dev/null || echo sudo)

redis:
	@command -v redis-server >/dev/null || \
		( $(SUDO) apt-get update -qq && \
		  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends redis-server )

test: install node redis
	$(PY) -m pytest -q

# import-linter lives in a venv of its own inside .venv: it depends on click, and with click
# installed `import httpx` also imports httpx's CLI (click, rich, pygments: +50 ms per import,
# and `import peerclick` would load rich). It reads the source only (PYTHONPATH finds peerclick).
IMPORT_LINTER_VERSION := 2.16
LINT_VENV  := $(VENV)/lint
LINT_STAMP := $(LINT_VENV)/.installed-$(IMPORT_LINTER_VERSION)

$(LINT_STAMP): | $(STAMP)
	$(PYTHON) -m venv $(LINT_VENV)
	$(LINT_VENV)/bin/python -m pip install --quiet 'import-linter==$(IMPORT_LINTER_VERSION)'
	touch $(LINT_STAMP)

# ruff, mypy strict on peerclick/, and the import contracts in pyproject.toml ([tool.importlinter]:
# layers, resources never import the transports nor the client, transports never the resources).
lint: install $(LINT_STAMP)
	$(VENV)/bin/ruff check peerclick scripts tests
	$(VENV)/bin/ruff format --check peerclick scripts tests
	$(VENV)/bin/mypy
	PYTHONPATH=. $(LINT_VENV)/bin/lint-imports --no-logo --no-cache

regenerate: install
	$(PY) scripts/regenerate.py

drift: install
	$(PY) scripts/check_drift.py

# The vendor's spec into openapi/, found through developers.peerclick.com's docs page.
# `make pull-spec URL=<x>`: x is a spec's URL, or a docs page naming it (Swagger UI, ReDoc,
# <link rel=service-desc>, a link to a .json/.yaml file). Then: make regenerate drift.
pull-spec: install node
	$(PY) scripts/pull_spec.py $(if $(URL),--url '$(URL)',)

# Figures for issue 10's goals (budgets over HTTP, processes over SQLite and Redis, overhead,
# memory); a few minutes. `make bench BENCH_ARGS="--seconds 30"` for the issue's full runs.
bench: install redis
	$(PY) scripts/bench.py $(BENCH_ARGS)

# The main job: a real script through the public API against the local sandbox (a fake PeerClick
# on a free loopback port), or read-only against your account when PEERCLICK_ACCESS_ID/KEY are set.
demo: install
	$(PY) scripts/demo.py

clean:
	rm -rf $(VENV) scripts/node_modules .pytest_cache .mypy_cache
