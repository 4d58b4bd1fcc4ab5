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

.PHONY: help install book test lint test-lib test-notebooks test-browser test-pdf sync notebooks bench test-latest test-torch clean lab student grade pdf

help:
	@echo "make book        build the site into _build/html (warnings are errors)"
	@echo "make test        every test: lint, library, book, notebooks (nbval), browser, PDF"
	@echo "make lint        ruff: the declared style over the library, tests, tools and notebooks"
	@echo "make sync        bring each notebook and its MyST twin in sources/ into step (authors)"
	@echo "make notebooks   re-execute every notebook in place (authors; NOTEBOOKS=path for one)"
	@echo "make bench       speed against references (scipy, scikit-learn, PyTorch if installed)"
	@echo "make test-latest the tests against the newest releases of requirements.in"
	@echo "make test-torch  the tests in .venv-torch, with PyTorch: the comparisons that skip without it"
	@echo "                 (then \`make bench VENV=.venv-torch\` times PyTorch beside gradbook)"
	@echo "make lab         JupyterLab from the project venv on the book's notebooks"
	@echo "make student     the student edition: _build/student/chapters/*.ipynb, no solutions"
	@echo "make grade       grade notebooks: make grade SUBMISSIONS='path/*.ipynb' (teachers)"
	@echo "make pdf         the whole book as one PDF: _build/pdf/gradbook.pdf"

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

book: $(STAMP)
	rm -rf _build/html
	$(BIN)/jupyter-book build . -W -n --keep-going

# The library's tests and doctests, the book's own tests, nbval over every notebook,
# then the browser test against the built site, then the PDF.
test: $(STAMP) lint test-lib test-notebooks test-browser test-pdf

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test-lib: $(STAMP)
	$(BIN)/pytest -n $(JOBS) -q tests lib/gradbook -m "not browser"

test-notebooks: $(STAMP)
	$(BIN)/pytest -n $(JOBS) --dist loadfile -q $(NBVAL) $(NOTEBOOKS)

test-browser: book
	$(BIN)/pytest -q tests/test_browser.py -m browser -rs

# Without Chromium there is no PDF to make, and the test skips saying so (as the browser test).
test-pdf: $(STAMP)
	if [ -x "$${GRADBOOK_CHROMIUM:-/usr/bin/chromium}" ]; then $(MAKE) pdf; fi
	$(BIN)/pytest -q tests/test_pdf.py -m browser -rs

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
# torchvision is not installed: its PyPI wheels link against the CUDA build of torch, so with the
# CPU build its operators fail to load. The one torchvision comparison (chapter 7's focal loss)
# therefore stays skipped here, and `-rs` prints why; it runs wherever torchvision imports.
TORCH := torch==2.13.0
test-torch:
	test -x .venv-torch/bin/python || $(PYTHON) -m venv .venv-torch
	.venv-torch/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt $(TORCH)
	GRADBOOK_REQUIRE_TORCH=1 .venv-torch/bin/pytest -q tests -m "not browser" -rs
# JupyterLab (pinned) from the venv, rooted at the book: chapters/, sources/ (the MyST twins
# open as notebooks through jupytext) and, after `make student`, _build/student/. A busy port
# is not an error: Jupyter tries the next ones and prints the URL it chose. LAB_ARGS="--port 8890".
# No browser under CI; as root (a container), Jupyter must be told that this is meant.
LAB_ARGS ?=
lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=. $(if $(CI),--no-browser) \
		$(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

student: $(STAMP)
	$(BIN)/python tools/student_edition.py --out _build/student $(filter chapters/%,$(NOTEBOOKS))

# The grader runs the notebooks it is given with your rights: see the book's teaching appendix.
SUBMISSIONS ?= _build/student/chapters/*.ipynb
grade: $(STAMP)
	$(BIN)/python -m gradbook.grade --jobs $(JOBS) $(SUBMISSIONS)

# One HTML page of the whole book, printed by Debian's Chromium (no TeX needed); then a copy
# beside the site, where the site's download menu links to it.
pdf: $(STAMP)
	rm -rf _build/singlehtml
	$(BIN)/jupyter-book build . --builder singlehtml -W -n --keep-going
	$(BIN)/python tools/make_pdf.py _build/singlehtml/index.html _build/pdf/gradbook.pdf
	if [ -d _build/html ]; then cp _build/pdf/gradbook.pdf _build/html/gradbook.pdf; fi

clean:
	rm -rf _build
