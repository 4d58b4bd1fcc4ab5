"""Each notebook and its MyST twin agree, so CI catches a forgotten `make sync`.

Authors edit the twin (`sources/chapters/NN_name.md`); the notebook (`chapters/NN_name.ipynb`)
keeps the outputs that the build renders and nbval guards. `jupytext.toml` pairs the two.
"""

from pathlib import Path

import jupytext
import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("chapters", "appendices")
NOTEBOOKS = sorted(p for folder in FOLDERS for p in (ROOT / folder).glob("*.ipynb"))
TWINS = sorted(p for folder in FOLDERS for p in (ROOT / "sources" / folder).glob("*.md"))


def twin_of(notebook):
    return ROOT / "sources" / notebook.parent.name / f"{notebook.stem}.md"


def notebook_of(twin):
    return ROOT / twin.parent.name / f"{twin.stem}.ipynb"


def cells(path):
    """Each cell's type, source and tags: what a reader sees and what the build does with it."""
    notebook = jupytext.read(path)
    return [
        (cell.cell_type, cell.source.strip(), sorted(cell.metadata.get("tags", [])))
        for cell in notebook.cells
    ]


def test_every_notebook_has_a_twin_and_every_twin_a_notebook():
    assert NOTEBOOKS, "no notebooks found"
    assert [p for p in NOTEBOOKS if not twin_of(p).exists()] == []
    assert [p for p in TWINS if not notebook_of(p).exists()] == []


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_and_twin_have_the_same_cells(notebook):
    ours, theirs = cells(notebook), cells(twin_of(notebook))
    for i, (a, b) in enumerate(zip(ours, theirs, strict=False)):
        assert a == b, (
            f"cell {i} of {notebook.name} differs from its twin {twin_of(notebook).name}: "
            f"run `make sync`.\nnotebook: {a!r:.300}\ntwin:     {b!r:.300}"
        )
    assert len(ours) == len(theirs), (
        f"{notebook.name} has {len(ours)} cells, its twin {len(theirs)}: run `make sync`"
    )


def test_the_check_fails_on_an_edited_twin(tmp_path):
    """The guard itself: a one-word edit of a twin is caught."""
    notebook = NOTEBOOKS[0]
    text = twin_of(notebook).read_text()
    edited = tmp_path / twin_of(notebook).name
    edited.write_text(text.replace("the", "teh", 1))
    assert cells(edited) != cells(notebook)
