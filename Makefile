# Two commands for a fresh machine with Python 3.11+ and make:
#   make serve   build the demo site and serve it with live reload (make build: write it to site/)
#   make test    install with test extras and run the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Material prints a banner about MkDocs 2.0 on every build; the README covers the host question.
export NO_MKDOCS_2_WARNING := 1

.PHONY: build serve test check bench bench-links bench-claims mutation clean zensical properdocs

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# pip compiles an installed package's bytecode; an editable install is compiled on first
# import instead, which PYTHONDONTWRITEBYTECODE (set on some machines) stops: every run
# would compile the plugin again. Stale bytecode is never used (Python checks the source).
COMPILE := $(BIN)/python -m compileall -q plugins/explainers

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	$(COMPILE)
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml package.json
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

build: $(VENV)/.installed
	$(COMPILE)
	$(BIN)/mkdocs build --strict

serve: $(VENV)/.installed
	$(COMPILE)
	$(BIN)/mkdocs serve

# The demo on the other hosts (README: "Other hosts").
$(VENV)/.installed-hosts: $(VENV)/.installed pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[hosts]'
	@touch $@

zensical: $(VENV)/.installed-hosts
	$(BIN)/explainers pages content
	$(BIN)/zensical build --strict --clean

properdocs: $(VENV)/.installed-hosts
	$(BIN)/properdocs build --strict -f mkdocs.yml

# The demo: its content, then what it must hold that tests never read (checks/test_demo.py).
check: $(VENV)/.installed-test
	$(BIN)/explainers check --strict .
	$(BIN)/python -m pytest -q -p no:cacheprovider checks

test: $(VENV)/.installed-test
	bash scripts/install-test-tools.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

# Mutation testing of the core modules (see README, Development); slow, not part of CI.
mutation: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e '.[test,mutation]'
	ln -sfn plugins src  # mutmut names modules by path and knows only a src/ layout
	nice -n 15 $(BIN)/mutmut run --max-children 2; status=$$?; rm -f src; exit $$status
	$(BIN)/python scripts/mutation_score.py

# Build times, memory, `explainers check` and `serve --dirty` edits on the synthetic site,
# each against its goal (benchmarks/README.md); a desk's whole archive: N="500 1000".
N ?= 200 400
bench: $(VENV)/.installed-test
	$(COMPILE)
	$(BIN)/python benchmarks/bench_build.py $(N) $(BENCH_ARGS)

# `explainers links` on 2,000 sources over 50 loopback hosts; the per-host limit is
# measured on the servers' side (README, Performance).
bench-links: $(VENV)/.installed-test
	$(COMPILE)
	$(BIN)/python benchmarks/bench_links.py $(BENCH_ARGS)

# The claims index of a 10,000-claim archive: sizes fetched, time to the first filter.
CLAIMS ?= 10000
bench-claims: $(VENV)/.installed-test
	bash scripts/install-test-tools.sh
	$(BIN)/python benchmarks/bench_claims.py $(CLAIMS)

clean:
	rm -rf site site-zensical .cache .site.building* .site.old* .explainers_cache $(VENV) node_modules mutants
