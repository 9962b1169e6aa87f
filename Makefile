# Two commands for a newcomer who has only python3 (3.11+) and make:
#   make lab    set up .venv if needed, then open JupyterLab on the first lesson
#   make test   set up .venv (with the test tools) if needed, then run the whole suite
# The packages are the exact tested set in requirements.lock (used as pip constraints);
# the environment is brought up to date when pyproject.toml or requirements.lock changes.

PYTHON ?= python3
VENV := .venv
LOCK := requirements.lock
FIRST_LESSON := notebooks/00_introduction.ipynb
# In the conda environment of environment.yml (`conda activate comrades`) or on Binder,
# that environment already holds every package at the locked versions: make uses it and
# installs only the course itself. `make test ENV_PREFIX=/path/to/env` chooses another;
# `ENV_PREFIX=` forces the private .venv.
ENV_PREFIX ?= $(or $(if $(filter comrades,$(CONDA_DEFAULT_ENV)),$(CONDA_PREFIX)),$(NB_PYTHON_PREFIX))
ifeq ($(strip $(ENV_PREFIX)),)
BIN := $(VENV)/bin
STAMPS := $(VENV)
INSTALL := $(BIN)/python -m pip install --quiet -c $(LOCK) -e
else
BIN := $(ENV_PREFIX)/bin
STAMPS := build/env
INSTALL := $(BIN)/python -m pip install --quiet --no-deps -e
endif
# JupyterLab refuses to run as root unless told; containers and CI run as root.
# `make lab` serves the whole course folder (so links to exercises/ and data/ work) and
# opens the first lesson.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test test-hub lite test-lite lint exercises bench mutation binder-link hub-link \
	data-hashes lock graded-edition \
	clean help student-edition student-branch site handouts

help:
	@echo "make lab        open the course in JupyterLab (sets up .venv on first run)"
	@echo "make test       run every test: units, notebooks, data, browser (random order)"
	@echo "make test-hub   start a real JupyterHub on 127.0.0.1; two students pull the course"
	@echo "make lite       build the in-browser edition (JupyterLite) into build/lite/"
	@echo "make test-lite  build it, then run it offline in headless Chromium"
	@echo "make hub-link HUB=https://hub.example.edu   print the nbgitpuller link for a class hub"
	@echo "make lint       ruff over the package, tests and notebooks"
	@echo "make exercises  regenerate exercises/ from solutions/"
	@echo "make bench      measure what the course costs beyond Jupyter (bench/results.json)"
	@echo "make mutation   mutation-test the modules that guard students' data (long; not in CI)"
	@echo "make binder-link  print the Binder launch link of this clone's origin"
	@echo "make data-hashes  after editing a table in data/: record its size and hash, then validate"
	@echo "make lock       after changing a dependency: rewrite requirements.lock from .venv"
	@echo "make student-edition  build/student/: the course without solutions, guide or plain keys"
	@echo "make graded-edition   build/graded/: the student edition with your class's graded items"
	@echo "make student-branch   commit build/student/ to the student branch (for nbgitpuller)"
	@echo "make site       build/site/: an offline reading copy, every lesson run, charts as SVG"
	@echo "make handouts   build/handouts/: a printable PDF per lesson"
	@echo "make clean      remove .venv and build artefacts"

ifeq ($(strip $(ENV_PREFIX)),)
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "The course needs Python 3.11 or newer; found " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
else
$(BIN)/python:
	@echo "$(ENV_PREFIX) holds no bin/python: create it from environment.yml, or run make with ENV_PREFIX= to use .venv" >&2; exit 1
endif

# Every kernel of the environment then loads the course's messages for a NameError or a
# SyntaxError (comrades.friendly), even after a restart, before any course cell runs.
FRIENDLY := $(BIN)/python -m comrades.friendly --install
$(STAMPS)/.lab-installed: pyproject.toml $(LOCK) | $(BIN)/python
	$(INSTALL) '.[lab]'
	$(FRIENDLY)
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/.test-installed: pyproject.toml $(LOCK) | $(BIN)/python
	$(INSTALL) '.[lab,test]'
	$(FRIENDLY)
	@mkdir -p $(STAMPS) && touch $@ $(STAMPS)/.lab-installed

$(STAMPS)/.hub-installed: pyproject.toml $(LOCK) | $(BIN)/python
	$(INSTALL) '.[lab,test,hub]'
	$(FRIENDLY)
	@mkdir -p $(STAMPS) && touch $@ $(STAMPS)/.test-installed $(STAMPS)/.lab-installed

lab: $(STAMPS)/.lab-installed
	$(BIN)/jupyter lab --ip=127.0.0.1 $(ROOT_FLAG) --ServerApp.root_dir="$(CURDIR)" \
		--LabApp.default_url=/lab/tree/$(FIRST_LESSON)

# The tests run in a random order (pytest-randomly; the header prints the seed), so
# that none relies on another having run first. PYTEST_ARGS: extra pytest options, e.g.
# "--randomly-seed=N" to repeat an order or "-p no:randomly" for the files' own order.
test: $(STAMPS)/.test-installed
	$(BIN)/python -m pytest -p randomly $(PYTEST_ARGS)

test-hub: $(STAMPS)/.hub-installed
	$(BIN)/python -m pytest -s hub_tests

# The in-browser edition. Its build tools live in their own pinned environment,
# build/lite-venv (tools/lite/requirements-build.txt, every wheel checked by hash); none
# of them is a dependency of the course. The build reaches only PyPI and npm.
LITE_VENV := build/lite-venv
LITE_PYTHON := $(LITE_VENV)/bin/python
$(LITE_VENV)/.installed: tools/lite/requirements-build.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "make lite pins CPython 3.11 wheels; found " + sys.version.split()[0])'
	rm -rf $(LITE_VENV)
	$(PYTHON) -m venv $(LITE_VENV)
	$(LITE_PYTHON) -m pip install --quiet --disable-pip-version-check --no-deps \
		--require-hashes --only-binary=:all: -r tools/lite/requirements-build.txt
	@touch $@

lite: $(LITE_VENV)/.installed
	$(LITE_PYTHON) tools/lite/build.py --output build/lite

test-lite: lite $(STAMPS)/.test-installed
	COMRADES_TEST_LITE=1 $(BIN)/python -m pytest -s tests/test_lite.py

# The links are printed by comrades.hub, which needs only the standard library: no venv.
# HUB reaches it as an environment variable, never spliced into the shell command, and is
# taken verbatim ($(value)), so a value with quotes, `;` or `$(…)` is only ever an address.
COURSE_PY := PYTHONPATH="$(CURDIR)/src" $(PYTHON) -m comrades.hub
override HUB := $(value HUB)
export HUB
hub-link:
	@$(COURSE_PY) link --hub "$$HUB"

lint: $(STAMPS)/.test-installed
	$(BIN)/ruff check src tests hub_tests bench tools notebooks exercises solutions docs \
		conftest.py

exercises: $(STAMPS)/.lab-installed
	$(BIN)/python -m comrades.authoring

# Long on two cores, so never part of `make test` or CI: run it by hand, read its score.
# MODULES=untrusted lens  limits it to some of the modules of tools/mutation.py.
mutation:
	$(PYTHON) tools/mutation.py $(MODULES)

bench: $(STAMPS)/.test-installed
	$(BIN)/python bench/run.py

binder-link:
	@$(COURSE_PY) binder

data-hashes: $(STAMPS)/.lab-installed
	$(BIN)/python -m comrades.data --refresh-hashes

# The lock is the exact set installed in .venv with every extra, after `pip install`
# resolved pyproject.toml's ranges. Its comment lines are kept.
lock: $(STAMPS)/.hub-installed
	@test -z "$(strip $(ENV_PREFIX))" || { echo "make lock freezes .venv; run it with ENV_PREFIX=" >&2; exit 2; }
	@{ grep '^#' $(LOCK); echo; $(BIN)/python -m pip freeze --all --exclude-editable | \
		grep -v -E '^(pip|comrades)==' | LC_ALL=C sort -f; } > $(LOCK).new
	@mv $(LOCK).new $(LOCK) && echo "wrote $(LOCK); update environment.yml to match (make test checks)"

# The course's other editions (comrades.publish). The student edition needs only the
# package; the site and handouts run the lessons and need the site and test extras.
student-edition: $(STAMPS)/.lab-installed
	$(BIN)/python -m comrades.publish.student

# The student edition with this class's graded items (notebooks/graded.ipynb), made from
# the class secret kept in the teacher's configuration folder (created on first use).
graded-edition: $(STAMPS)/.lab-installed
	$(BIN)/python -m comrades.graded --dest build/graded

student-branch: $(STAMPS)/.lab-installed
	$(BIN)/python -m comrades.publish.student --branch

$(STAMPS)/.site-installed: pyproject.toml $(LOCK) | $(BIN)/python
	$(INSTALL) '.[lab,test,site]'
	$(FRIENDLY)
	@mkdir -p $(STAMPS) && touch $@ $(STAMPS)/.test-installed $(STAMPS)/.lab-installed

site: $(STAMPS)/.site-installed
	$(BIN)/python -m comrades.publish.site

handouts: $(STAMPS)/.site-installed
	$(BIN)/python -m comrades.publish.handouts

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache
