# Two commands for a newcomer who has only python3 (3.11+) and make:
#   make lab    set up .venv if needed, then open JupyterLab on the first lesson
#   make test   set up .venv (with the test tools) if needed, then run the whole suite
# The virtual environment is rebuilt only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FIRST_LESSON := notebooks/00_introduction.ipynb
# JupyterLab refuses to run as root unless told; containers and CI run as root.
# `make lab` serves the whole course folder (so links to exercises/ and data/ work) and
# opens the first lesson.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test test-hub lint exercises bench binder-link hub-link data-hashes clean help

help:
	@echo "make lab        open the course in JupyterLab (sets up .venv on first run)"
	@echo "make test       run every test: units, notebooks, data, browser"
	@echo "make test-hub   start a real JupyterHub on 127.0.0.1; two students pull the course"
	@echo "make hub-link HUB=https://hub.example.edu   print the nbgitpuller link for a class hub"
	@echo "make lint       ruff over the package, tests and notebooks"
	@echo "make exercises  regenerate exercises/ from solutions/"
	@echo "make bench      measure what the course costs beyond Jupyter (bench/results.json)"
	@echo "make binder-link  print the Binder launch link of this clone's origin"
	@echo "make data-hashes  after editing a table in data/: record its size and hash, then validate"
	@echo "make clean      remove .venv and build artefacts"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "The course needs Python 3.11 or newer; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.lab-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.lab-installed

$(VENV)/.hub-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,hub]'
	@touch $@ $(VENV)/.test-installed $(VENV)/.lab-installed

lab: $(VENV)/.lab-installed
	$(BIN)/jupyter lab --ip=127.0.0.1 $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/$(FIRST_LESSON)

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

test-hub: $(VENV)/.hub-installed
	$(BIN)/python -m pytest -s hub_tests

# The links are printed by comrades.hub, which needs only the standard library: no venv.
# HUB reaches it as an environment variable, never spliced into the shell command, and is
# taken verbatim ($(value)), so a value with quotes, `;` or `$(…)` is only ever an address.
COURSE_PY := PYTHONPATH="$(CURDIR)/src" $(PYTHON) -m comrades.hub
override HUB := $(value HUB)
export HUB
hub-link:
	@$(COURSE_PY) link --hub "$$HUB"

lint: $(VENV)/.test-installed
	$(BIN)/ruff check src tests hub_tests bench notebooks exercises solutions docs

exercises: $(VENV)/.lab-installed
	$(BIN)/python -m comrades.authoring

bench: $(VENV)/.test-installed
	$(BIN)/python bench/run.py

binder-link:
	@$(COURSE_PY) binder

data-hashes: $(VENV)/.lab-installed
	$(BIN)/python -m comrades.data --refresh-hashes

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
