# Two commands: `make run` starts the product, `make test` runs lint, the fact-base check, the
# accuracy floors and the whole test suite. Each sets up its own virtual environment first.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
SEEDS ?= ../shared/seeds
SOURCES := $(if $(wildcard $(SEEDS)/*.txt),--sources $(SEEDS),)

.PHONY: run test bench install clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: $(VENV)/.installed
	$(PY) -m bot

test: $(VENV)/.installed
	$(PY) -m ruff check bot tests
	$(PY) -m ruff format --check bot tests
	$(PY) -m bot kb check $(SOURCES)
	$(PY) -m bot eval tests/eval/questions.yaml --min-answerable 0.995 --min-abstain 0.983
	$(PY) -m bot eval tests/eval/holdout.yaml
	$(PY) -m bot eval tests/eval/channel-train.yaml
	$(PY) -m bot eval tests/eval/channel-calibration.yaml
	$(PY) -m bot eval tests/eval/channel-train2.yaml
	$(PY) -m bot eval tests/eval/channel-train3.yaml
	$(PY) -m bot eval tests/eval/channel-train4.yaml
	$(PY) -m bot eval tests/eval/channel-train5.yaml
	$(PY) -m bot eval tests/eval/channel-train6.yaml
	$(PY) -m bot eval tests/eval/channel-train7.yaml
	$(PY) -m bot eval tests/eval/channel-train8.yaml
	$(PY) -m bot eval tests/eval/channel-holdout.yaml --min-answerable 0.95 --min-abstain 0.90
	$(PY) -m bot eval tests/eval/channel-holdout2.yaml --min-answerable 0.94 --min-abstain 0.91
	$(PY) -m bot eval tests/eval/channel-final.yaml --min-answerable 0.92 --min-abstain 0.93
	$(PY) -m bot eval tests/eval/channel-final2.yaml --min-answerable 0.92 --min-abstain 0.92
	$(PY) -m bot eval tests/eval/channel-final3.yaml --min-answerable 0.93 --min-abstain 0.96
	$(PY) -m bot eval tests/eval/channel-final4.yaml --min-answerable 0.92 --min-abstain 0.91
	$(PY) -m bot eval tests/eval/channel-final5.yaml --min-answerable 0.90 --min-abstain 0.87
	$(PY) -m bot eval tests/eval/channel-final6.yaml --min-answerable 0.90 --min-abstain 0.91
	$(PY) -m bot eval tests/eval/channel-final7.yaml --min-answerable 0.93 --min-abstain 0.94
	$(PY) -m bot eval tests/eval/channel-final8.yaml --min-answerable 0.95 --min-abstain 0.96
	$(PY) -m bot eval tests/eval/channel-final9.yaml --min-answerable 0.93 --min-abstain 0.93
	$(PY) -m bot eval tests/eval/conversations-train.yaml
	$(PY) -m bot eval tests/eval/conversations-holdout.yaml --min-correct 0.90
	$(PY) -m bot eval tests/eval/conversations-train2.yaml
	$(PY) -m bot eval tests/eval/conversations-holdout2.yaml --min-correct 0.87
	$(PY) -m bot eval tests/eval/conversations-final.yaml --min-correct 0.93
	$(PY) -m bot eval tests/eval/conversations-train3.yaml
	$(PY) -m bot eval tests/eval/conversations-final2.yaml --min-correct 0.93
	$(PY) -m bot eval tests/eval/conversations-final3.yaml --min-correct 0.93
	$(PY) -m bot eval tests/eval/conversations-train4.yaml
	$(PY) -m bot eval tests/eval/conversations-train5.yaml
	$(PY) -m bot eval tests/eval/conversations-train6.yaml
	$(PY) -m bot eval tests/eval/conversations-train7.yaml
	$(PY) -m bot eval tests/eval/conversations-train8.yaml
	$(PY) -m bot eval tests/eval/conversations-final4.yaml --min-correct 0.89
	$(PY) -m bot eval tests/eval/conversations-final5.yaml --min-correct 0.93
	$(PY) -m bot eval tests/eval/conversations-final6.yaml --min-correct 0.86
	$(PY) -m bot eval tests/eval/conversations-final7.yaml --min-correct 0.97
	$(PY) -m bot eval tests/eval/conversations-final8.yaml --min-correct 0.89
	$(PY) -m bot eval tests/eval/conversations-final9.yaml --min-correct 0.88
	$(PY) -m pytest -q -p no:cacheprovider

bench: $(VENV)/.installed
	$(PY) -m bot bench --json

clean:
	rm -rf $(VENV) var
