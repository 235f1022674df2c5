# Two commands a fresh machine needs: `make site` (seeds → built site/) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install browser site serve test eval bench lock clean

# Material for MkDocs prints a banner about MkDocs 2 on every build; it is not ours to act on.
export NO_MKDOCS_2_WARNING := 1

# --no-compile: Python compiles a module when it is first imported, so only the modules used
# are compiled, not every file of every package (that took half of pip's CPU time here).
# That needs Python to keep what it compiles: with PYTHONDONTWRITEBYTECODE set (some shells and
# CI images set it) every process (each test worker, each build a test runs) compiled every
# module it imported again: a fifth of the test suite's CPU time.
unexport PYTHONDONTWRITEBYTECODE
$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-compile -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

install: $(STAMP)

site: install                ## generate the briefings from seeds/ and build site/
	$(BIN)/python -m generator build --strict

serve: install               ## preview on http://127.0.0.1:8000, rebuilding when seeds change
	$(BIN)/python -m generator serve

browser:                     ## Debian's Chromium for the browser tests (never a downloaded browser)
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium >/dev/null; }

# On every core (pytest-xdist; the tests of a module stay on one worker, so its module-scoped
# fixtures are made once; the slow modules are handed out first, in the order tests/conftest.py
# sets), printing the slowest tests so that what the suite costs stays in sight.
test: install browser        ## the whole test suite (what .ci/run runs)
	$(BIN)/python -m pytest -n auto --dist loadscope --no-loadscope-reorder --durations=15

CONFLICT_DEV := $(foreach n,02 20 26 27 32 42 64 71,../shared/data/conflict/aja$(n).md)

eval: install                ## PolNeAR dev attribution, ISAF dev figures and events, conflict-dev gold, calibration
	../shared/tools/polnear_score.sh dev
	../shared/tools/isaf_score.sh
	tmp=$$(mktemp); $(BIN)/python -m generator extract ../shared/data/isaf/dev/*.txt --jsonl > $$tmp && \
	  $(BIN)/python ../shared/tools/isaf_events_eval.py $$tmp && \
	  $(BIN)/python scripts/event_types_report.py $$tmp; \
	  status=$$?; rm -f $$tmp; exit $$status
	-tmp=$$(mktemp); $(BIN)/python -m generator extract $(CONFLICT_DEV) --jsonl > $$tmp && \
	  $(BIN)/python ../shared/tools/score_gold.py $$tmp --gold ../shared/gold/conflict-dev.yaml; \
	  status=$$?; rm -f $$tmp; exit $$status
	$(BIN)/python scripts/calibrate.py report
	$(BIN)/python scripts/event_confidence_report.py

lock: install                ## re-pin requirements.txt from requirements.in
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --output-file requirements.txt requirements.in

clean:                       ## remove what builds make (briefings/ keeps its .gitkeep)
	rm -rf site .pytest_cache test-artifacts
	find briefings -mindepth 1 ! -name .gitkeep -delete
