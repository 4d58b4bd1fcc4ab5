# The two commands of the README: `make book` and `make test`. Both create .venv and install
# the pinned requirements first (only when requirements.txt or pyproject.toml changed).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard chapters/*.ipynb appendices/*.ipynb))
# The MyST twins that authors edit (jupytext.toml pairs sources/chapters/NN.md with chapters/NN.ipynb).
TWINS  := $(sort $(wildcard sources/chapters/*.md sources/appendices/*.md))
NBVAL  := --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=120 -p no:cacheprovider
JOBS   ?= 2

.PHONY: help install book test lint test-lib test-notebooks test-browser sync notebooks bench test-latest test-torch clean

help:
	@echo "make book        build the site into _build/html (warnings are errors)"
	@echo "make test        every test: lint, library, book, notebooks (nbval), browser"
	@echo "make lint        ruff: the declared style over the library, tests, tools and notebooks"
	@echo "make sync        bring each notebook and its MyST twin in sources/ into step (authors)"
	@echo "make notebooks   re-execute every notebook in place (authors; NOTEBOOKS=path for one)"
	@echo "make bench       speed against references (scipy, scikit-learn, PyTorch if installed)"
	@echo "make test-latest the tests against the newest releases of requirements.in"
	@echo "make test-torch  the tests in .venv-torch, with PyTorch: the comparisons that skip without it"
	@echo "                 (then \`make bench VENV=.venv-torch\` times PyTorch beside gradbook)"

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

book: $(STAMP)
	rm -rf _build/html
	$(BIN)/jupyter-book build . -W -n --keep-going

# The library's tests and doctests, the book's own tests, nbval over every notebook,
# then the browser test against the built site.
test: $(STAMP) lint test-lib test-notebooks test-browser

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-lib: $(STAMP)
	$(BIN)/pytest -n $(JOBS) -q tests lib/gradbook -m "not browser"

test-notebooks: $(STAMP)
	$(BIN)/pytest -n $(JOBS) --dist loadfile -q $(NBVAL) $(NOTEBOOKS)

test-browser: book
	$(BIN)/pytest -q tests/test_browser.py -m browser -rs

# The newer file of each pair gives the text; the notebook keeps its stored outputs.
# A new twin with no notebook yet gets one (then `make notebooks` executes it).
sync: $(STAMP)
	$(BIN)/jupytext --quiet --sync $(NOTEBOOKS) $(TWINS)

notebooks: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py $(NOTEBOOKS)

bench: $(STAMP)
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Drift check, not part of CI: the newest releases of the direct dependencies in a separate venv.
test-latest:
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --upgrade -r requirements.in -e .
	.venv-latest/bin/pytest -q tests lib/gradbook -m "not browser"
	.venv-latest/bin/pytest -q $(NBVAL) $(NOTEBOOKS)
	.venv-latest/bin/jupyter-book build . -W -n --keep-going --path-output _build/latest

# PyTorch comparisons, not part of CI: the pinned requirements plus PyTorch in a separate venv.
# torch==2.13.0 is PyTorch's CPU build where a copy of its wheel lies on the machine's disk (pip
# takes it from there); elsewhere pip downloads PyPI's wheel, which on x86_64 pulls CUDA libraries.
TORCH := torch==2.13.0
test-torch:
	test -x .venv-torch/bin/python || $(PYTHON) -m venv .venv-torch
	.venv-torch/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt $(TORCH)
	.venv-torch/bin/pytest -q tests -m "not browser" -rs

clean:
	rm -rf _build
