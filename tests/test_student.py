"""The student edition (`make student`, tools/student_edition.py) and the course template.

Every chapter's student notebook keeps the chapter's exercises, loses every solution and every
stored output, gets one answer cell per exercise id, and runs top to bottom without an error.
That last check runs all of them with the grader, through the very command that the course
template's CI workflow runs.
"""

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from gradbook.exercises import check, exercise_ids

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from student_edition import (  # noqa: E402
    ANSWER_TEMPLATE,
    StudentEditionError,
    student_notebook,
    write_student_editions,
)

sys.path.remove(str(ROOT / "tools"))

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
EXERCISE = re.compile(r"```\{exercise(?:-start)?\}[^\n]*\n:label: (\S+)")
CHECK_CALL = re.compile(r"""check\(\s*["']([^"']+)["']""")
SOLUTION = re.compile(r"\{solution(-start|-end)?\}")
WORKFLOW = ROOT / "course-template" / ".github" / "workflows" / "grade.yml"


def markdown(nb):
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def solution_code(nb):
    """The code cells between each {solution-start} and its {solution-end}, and their ids."""
    cells, ids, inside = [], [], False
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for marker in re.finditer(r"\{solution-(start|end)\}", cell.source):
                inside = marker.group(1) == "start"
        elif inside:
            cells.append(cell.source)
            ids += CHECK_CALL.findall(cell.source)
    return cells, list(dict.fromkeys(ids))


@pytest.fixture(scope="module")
def editions():
    """{chapter path: (chapter notebook, student notebook)}"""
    out = {}
    for path in CHAPTERS:
        chapter = nbformat.read(path, as_version=4)
        student, _ = student_notebook(chapter, path.stem)
        out[path] = (chapter, student)
    return out


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_same_exercises_as_the_chapter(editions, path):
    chapter, student = editions[path]
    labels = EXERCISE.findall(markdown(chapter))
    assert labels and EXERCISE.findall(markdown(student)) == labels


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_no_solution_left(editions, path):
    chapter, student = editions[path]
    assert not SOLUTION.search(markdown(student)), "a solution directive is left"
    removed, _ = solution_code(chapter)
    kept = {c.source for c in student.cells if c.cell_type == "code"}
    assert removed and not kept & set(removed), "a solution's code is left"
    # the solutions' prose is gone too: no sentence of it survives
    solution_text = re.findall(
        r"\{solution-start\}[^\n]*\n(?::[^\n]*\n)*```\n(.*?)(?=```\{solution-end\}|\Z)",
        markdown(chapter),
        re.S,
    )
    for text in solution_text:
        for sentence in re.findall(r"[A-Z][^.\n]{30,}\.", text):
            assert sentence not in markdown(student), sentence


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_no_stored_output(editions, path):
    _, student = editions[path]
    for cell in student.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None
    assert "Correct:" not in json.dumps(nbformat.writes(student))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_one_answer_cell_per_exercise_id_and_no_other_check(editions, path):
    chapter, student = editions[path]
    _, solved = solution_code(chapter)
    answers = [c for c in student.cells if c.metadata.get("gradbook", {}).get("answer")]
    assert [c.metadata["gradbook"]["answer"] for c in answers] == solved
    prefix = path.stem.replace("_", "-") + "/"
    assert set(solved) == {i for i in exercise_ids() if i.startswith(prefix)}
    for cell in student.cells:
        if cell.cell_type == "code" and cell not in answers:
            assert not CHECK_CALL.search(cell.source), f"a check is left in: {cell.source}"
    assert student.metadata["gradbook"]["chapter"] == prefix[:-1]


def test_an_answer_cell_says_not_attempted_and_checks_an_answer():
    exercise_id = "01-loss-vs-cost/squared-error"
    cell = ANSWER_TEMPLATE.format(id=exercise_id)
    for source, expected in [
        (cell, f"Not attempted yet: {exercise_id}."),
        (cell.replace("answer = ...", "answer = 0.25", 1), f"Correct: {exercise_id}."),
        (cell.replace("answer = ...", "answer = 0.3", 1), f"Not yet: {exercise_id}."),
    ]:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(source, {"check": check})
        assert printed.getvalue().startswith(expected), printed.getvalue()


def _notebook(cells):
    """A notebook from (kind, source, tags) triples."""
    nb = nbformat.v4.new_notebook()
    for kind, source, tags in cells:
        cell = (nbformat.v4.new_markdown_cell if kind == "md" else nbformat.v4.new_code_cell)(
            source
        )
        if tags:
            cell.metadata["tags"] = tags
        nb.cells.append(cell)
    return nb


EXERCISE_CELLS = [
    ("md", "# T\n\n```{exercise}\n:label: ex-x\n\nDo it.\n```\n\n"
     "```{solution-start} ex-x\n:class: dropdown\n```\n\nBecause.", None),
    ("code", 'secret = 0.25\ncheck("01-loss-vs-cost/squared-error", secret)', None),
    ("md", "```{solution-end}\n```\n\nAfter.", None),
]  # fmt: skip


def test_a_plumbing_cell_that_needs_a_solution_is_dropped():
    nb = _notebook([*EXERCISE_CELLS, ("code", "glue('s', secret)", ["remove-input"])])
    student, exercises = student_notebook(nb)
    assert exercises == [("ex-x", ["01-loss-vs-cost/squared-error"])]
    assert not any("secret" in c.source for c in student.cells)
    assert any(c.source == "After." for c in student.cells)


def test_a_visible_cell_that_needs_a_solution_is_an_error():
    nb = _notebook([*EXERCISE_CELLS, ("code", "print(secret)", None)])
    with pytest.raises(StudentEditionError, match="secret"):
        student_notebook(nb)


def test_a_name_the_chapter_defines_again_is_not_a_dependency():
    nb = _notebook([*EXERCISE_CELLS, ("code", "secret = 1\nprint(secret)", None)])
    student, _ = student_notebook(nb)
    assert student.cells[-1].source == "secret = 1\nprint(secret)"


def test_the_course_template_grades_every_student_notebook(tmp_path):
    """Each student notebook runs top to bottom without an error, all exercises unattempted.

    The notebooks run through the command in the course template's workflow, unchanged, in
    a folder laid out as a student's repository (the grader runs them two at a time).
    """
    workflow = yaml.safe_load(WORKFLOW.read_text())
    steps = workflow["jobs"]["grade"]["steps"]
    command = next(s["run"] for s in steps if s.get("name") == "Grade")
    assert "python -m gradbook.grade" in command and "--json grades.json" in command
    written = write_student_editions(CHAPTERS, tmp_path)
    assert len(written) == len(CHAPTERS)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(
        ["bash", "-c", command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 1, proc.stdout[-3000:] + proc.stderr[-3000:]  # nothing attempted
    results = json.loads((tmp_path / "grades.json").read_text())["notebooks"]
    assert [Path(r["path"]).name for r in results] == [p.name for p in CHAPTERS]
    for result in results:
        assert result["status"] == "ok", f"{result['path']}: {result['detail']}"
        assert set(result["exercises"].values()) == {"not attempted"}
        assert result["total"] >= 3
    assert (tmp_path / "grades.csv").read_text().count("not attempted") == sum(
        r["total"] for r in results
    )
