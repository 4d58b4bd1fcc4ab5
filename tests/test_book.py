"""Tests of the book itself: the table of contents, the exercises, and nbval's guard."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gradbook.exercises import exercise_ids

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
NOTEBOOKS = CHAPTERS + sorted((ROOT / "appendices").glob("*.ipynb"))
CHECK_CALL = re.compile(r"""check\(\s*["']([^"']+)["']""")


def toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [entry["file"] for entry in part["chapters"]]
    return files


def source(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def load(path):
    return json.loads(path.read_text())


def chapter_id(path):
    """`chapters/03_regression_losses.ipynb` -> `03-regression-losses`, its exercise ids' prefix."""
    return path.stem.replace("_", "-")


# --- table of contents ---


def test_every_chapter_is_in_the_toc_and_every_toc_entry_exists():
    listed = toc_files()
    assert len(listed) == len(set(listed)), "a file is listed twice in _toc.yml"
    on_disk = {f"chapters/{p.stem}" for p in CHAPTERS}
    in_toc = {f for f in listed if f.startswith("chapters/")}
    assert on_disk - in_toc == set(), f"chapters missing from _toc.yml: {sorted(on_disk - in_toc)}"
    assert in_toc - on_disk == set(), (
        f"_toc.yml lists chapters that do not exist: {sorted(in_toc - on_disk)}"
    )
    for entry in listed:
        assert any((ROOT / (entry + ext)).exists() for ext in (".md", ".ipynb")), (
            f"{entry} is in _toc.yml but not on disk"
        )


def test_chapters_are_numbered_in_toc_order():
    numbers = [int(Path(f).name[:2]) for f in toc_files() if f.startswith("chapters/")]
    assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers), numbers


# --- chapter structure ---


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_has_objectives_summary_label_and_three_exercises(path):
    markdown = "\n".join(source(c) for c in load(path)["cells"] if c["cell_type"] == "markdown")
    number = path.stem[:2]
    assert f"(ch{number})=" in markdown, f"{path.name} lacks its label (ch{number})="
    assert "Learning objectives" in markdown
    assert re.search(r"^## Summary", markdown, re.M), f"{path.name} lacks a ## Summary"
    exercises = re.findall(r"```\{exercise(?:-start)?\}[^\n]*\n:label: (\S+)", markdown)
    assert len(exercises) >= 3, f"{path.name} has {len(exercises)} exercises, fewer than 3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_executed_in_order_without_errors(path):
    nb = load(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code" and source(c).strip()]
    counts = [c["execution_count"] for c in code]
    assert None not in counts, f"{path.name} has cells that were never run"
    assert counts == list(range(1, len(code) + 1)), (
        f"{path.name} was not run top to bottom in one go"
    )
    for cell in code:
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"{path.name} stores an error"
            stderr = out["output_type"] == "stream" and out["name"] == "stderr"
            assert not stderr, (
                f"{path.name} stores stderr output (a warning or progress bar): "
                f"{''.join(out['text'])[:200]}"
            )


# --- exercises ---


def solutions(nb):
    """Map each exercise label to the ids that the code cells of its gated solution check."""
    found, current = {}, None
    for cell in nb["cells"]:
        text = source(cell)
        if cell["cell_type"] == "markdown":
            # one markdown cell may close a solution and open the next: take markers in order
            for marker in re.finditer(r"```\{solution-(start|end)\}[ \t]*(\S*)", text):
                current = marker.group(2) if marker.group(1) == "start" else None
                if current is not None:
                    found.setdefault(current, [])
        elif current is not None:
            found[current] += CHECK_CALL.findall(text)
    return found


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_every_exercise_has_a_solution_that_runs_a_registered_check(path):
    nb = load(path)
    markdown = "\n".join(source(c) for c in nb["cells"] if c["cell_type"] == "markdown")
    labels = re.findall(r"```\{exercise(?:-start)?\}[^\n]*\n:label: (\S+)", markdown)
    by_label = solutions(nb)
    registered = set(exercise_ids())
    prefix = chapter_id(path) + "/"
    used = set()
    for label in labels:
        ids = by_label.get(label)
        assert ids, f"exercise {label} in {path.name} has no gated solution calling check(...)"
        for exercise_id in ids:
            assert exercise_id in registered, (
                f"{exercise_id} (solution of {label}) is not registered"
            )
            assert exercise_id.startswith(prefix), f"{exercise_id} should start with {prefix}"
        used.update(ids)
    mine = {i for i in registered if i.startswith(prefix)}
    assert mine - used == set(), (
        f"registered but never checked in {path.name}: {sorted(mine - used)}"
    )
    # each solution's check printed "Correct" when the notebook was stored
    outputs = "".join(
        "".join(o.get("text", ""))
        for c in nb["cells"]
        if c["cell_type"] == "code"
        for o in c["outputs"]
    )
    for exercise_id in used:
        assert f"Correct: {exercise_id}." in outputs, (
            f"the stored solution of {exercise_id} does not pass its check"
        )


def test_every_registered_exercise_belongs_to_an_existing_chapter():
    chapters = {chapter_id(p) for p in CHAPTERS}
    for exercise_id in exercise_ids():
        assert exercise_id.split("/")[0] in chapters, f"{exercise_id} belongs to no chapter"


# --- nbval guards the stored numbers ---

GUARDED = ROOT / "chapters" / "01_loss_vs_cost.ipynb"


def _edit_first_output(nb, predicate, edit):
    for index, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
        for out in cell.get("outputs", []):
            if predicate(out):
                edit(out)
                return index
    raise AssertionError("no output matched")


def _change_a_digit(text):
    match = re.search(r"\d", text)
    assert match, text
    digit = str((int(match.group()) + 1) % 10)
    return text[: match.start()] + digit + text[match.end() :]


def _run_nbval(path):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", str(path)],
        capture_output=True,
        text=True,
        cwd=path.parent,
        timeout=300,
    )


@pytest.mark.slow
@pytest.mark.parametrize("where", ["printed", "glued"])
def test_nbval_fails_when_a_stored_number_is_edited(tmp_path, where):
    """A copy of chapter 1 with one stored number changed must fail nbval, in exactly that cell.

    "printed" edits a number a cell printed; "glued" edits a number that the prose quotes
    through myst-nb's glue, so this also shows that the numbers in the text are guarded.
    """
    nb = load(GUARDED)
    if where == "printed":

        def predicate(out):
            return out["output_type"] == "stream" and re.search(r"\d", "".join(out["text"]))

        def edit(out):
            out["text"] = _change_a_digit("".join(out["text"]))
    else:
        key = "application/papermill.record/text/plain"

        def predicate(out):
            return key in out.get("data", {}) and re.search(r"\d", out["data"][key])

        def edit(out):
            out["data"][key] = _change_a_digit(out["data"][key])

    _edit_first_output(nb, predicate, edit)
    copy = tmp_path / GUARDED.name
    copy.write_text(json.dumps(nb))
    result = _run_nbval(copy)
    assert result.returncode != 0, result.stdout[-2000:]
    assert re.search(r"\b1 failed\b", result.stdout), result.stdout[-2000:]


@pytest.mark.slow
def test_nbval_passes_an_unedited_copy(tmp_path):
    """The control for the test above: the same copy, unedited, passes."""
    copy = tmp_path / GUARDED.name
    shutil.copy(GUARDED, copy)
    result = _run_nbval(copy)
    assert result.returncode == 0, result.stdout[-2000:]


# --- library reference ---

MODULES = ["losses", "activations", "optim", "schedules", "nn", "gradcheck", "autodiff"]


@pytest.mark.parametrize("module", MODULES)
def test_every_public_name_is_in_the_library_reference_with_a_chapter(module):
    """The library appendix links each public function to the chapter that teaches it."""
    import importlib

    names = importlib.import_module(f"gradbook.{module}").__all__
    rows = [
        line
        for line in (ROOT / "appendices" / "library.md").read_text().splitlines()
        if line.startswith("| `") and f"| `{module}` |" in line
    ]
    listed = {name for row in rows for name in re.findall(r"`(\w+)`", row.split("|")[1])}
    assert set(names) - listed == set(), (
        f"not in the library reference: {sorted(set(names) - listed)}"
    )
    assert listed - set(names) == set(), f"listed but not public: {sorted(listed - set(names))}"
    assert all("{ref}`ch" in row for row in rows), "each row names a chapter"
