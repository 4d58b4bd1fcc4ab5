"""The book as one PDF, `_build/pdf/gradbook.pdf` (`make pdf`; `make test-pdf` makes and tests it).

Marked `browser` like the site's browser test: Chromium prints the PDF. Skips, saying why, when
there is no PDF (no Chromium to make one, or `make pdf` not run).
"""

import re
import unicodedata
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
PDF = ROOT / "_build" / "pdf" / "gradbook.pdf"


def _flat(text):
    """Text without ligatures (ﬁ), line breaks or hyphenation, for searching."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(\w)-\s+(\w)", r"\1-\2", text)  # "cross-" at the end of a line
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def pdf():
    if not PDF.exists():
        pytest.skip(f"no PDF at {PDF}: run `make pdf` (needs Chromium)")
    from pypdf import PdfReader

    reader = PdfReader(PDF)
    pages = [_flat(page.extract_text()) for page in reader.pages]
    return reader, pages


def chapter_titles():
    """(number, title) of each numbered chapter, from the notebooks' first heading."""
    import nbformat

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    titles = []
    for part in toc["parts"]:
        for entry in part["chapters"]:
            path = ROOT / (entry["file"] + ".ipynb")
            if not path.exists():
                path = path.with_suffix(".md")
                text = path.read_text()
            else:
                nb = nbformat.read(path, as_version=4)
                text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
            title = re.search(r"^# (.+)$", text, re.M).group(1).strip()
            titles.append((part.get("numbered", False), title))
    return titles


def test_every_chapter_and_appendix_title_is_in_the_pdf(pdf):
    _, pages = pdf
    text = " ".join(pages)
    number = 0
    for numbered, title in chapter_titles():
        title = _flat(title)
        if numbered:
            number += 1
            assert f"{number}. {title}" in text, f"chapter {number}, {title!r}, is not in the PDF"
        else:
            assert title in text, f"{title!r} is not in the PDF"


def test_the_contents_give_each_chapter_its_page(pdf):
    reader, pages = pdf
    contents = next(i for i, p in enumerate(pages[:6]) if p.startswith("Contents"))
    number = 0
    for numbered, title in chapter_titles():
        if not numbered:
            continue
        number += 1
        heading = f"{number}. {_flat(title)}"
        match = re.search(re.escape(heading) + r" (\d+)", pages[contents] + pages[contents + 1])
        assert match, f"{heading!r} is not in the contents with a page number"
        page = int(match.group(1))
        assert pages[page - 1].startswith(heading), f"page {page} does not start {heading!r}"
    assert len(reader.outline) >= 4, "the PDF has no bookmarks"


def test_no_raw_tex_and_numbered_figures(pdf):
    _, pages = pdf
    text = " ".join(pages)
    for raw in (r"\frac", "$$", r"\begin{", r"\mathbf", r"\sum_", "\\(", "\\["):
        assert raw not in text, f"raw TeX {raw!r} in the PDF: MathJax did not typeset it"
    assert re.search(r"Fig\. 1\.1\b", text) and re.search(r"Fig\. 15\.\d\b", text)
    assert len(pages) > 100
