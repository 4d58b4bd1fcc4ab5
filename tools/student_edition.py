"""Write the student edition of the book's notebooks: `make student` runs this.

Each chapter keeps its text, code and exercises; each gated solution (the cells from a
``{solution-start}`` to its ``{solution-end}``, or a whole ``{solution}`` directive) is cut,
and in its place comes an answer cell per exercise id that the solution checked::

    answer = ...  # your answer to 01-loss-vs-cost/squared-error
    if answer is ...:
        print("Not attempted yet: 01-loss-vs-cost/squared-error.")
    else:
        check("01-loss-vs-cost/squared-error", answer)

Outputs are cleared, so the notebook shows no solution's "Correct". Everything is derived
from the notebooks themselves (the exercise labels, the ids the solutions check), so a new
chapter needs nothing here. A later cell that needs a name only a solution defined would
break the student's run: a plumbing cell (tagged ``remove-input``, ``remove-cell`` ...) that
does is dropped too, and a visible one is an error that names the cell, for its author.

Usage: python tools/student_edition.py [--out _build/student] NOTEBOOK...
(writes OUT/chapters/NN_name.ipynb for chapters/NN_name.ipynb)
"""

import argparse
import ast
import copy
import re
import sys
from pathlib import Path

import nbformat

CHECK_CALL = re.compile(r"""check\(\s*["']([^"']+)["']""")
# The opening line of a MyST directive fence: ```{name} args  or  :::{name} args
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|:{3,})\{(?P<name>[\w-]+)\}[ \t]*(?P<arg>.*)$")
LABEL = re.compile(r"^\s*:label:\s*(\S+)")
PLUMBING_TAGS = {"remove-input", "remove-cell", "remove-output", "hide-input", "hide-cell"}
ANSWER_TEMPLATE = """\
answer = ...  # your answer to {id}
if answer is ...:
    print("Not attempted yet: {id}.")
else:
    check("{id}", answer)"""
NOTE = """\
```{{note}}
Student edition of {title}: the solutions are removed. After each exercise an answer cell
waits for you: replace `...` with your answer and run the cell; `check` tells you whether it
is right. Run the notebook from the top, so that the names the exercises use exist.
```"""


class StudentEditionError(ValueError):
    """The notebook cannot be turned into a student edition that runs (the message says why)."""


def _source(cell):
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def _close_of(lines, start):
    """Index of the line closing the directive fence opened at ``lines[start]``."""
    opening = FENCE.match(lines[start])
    char, width = opening["fence"][0], len(opening["fence"])
    close = re.compile(rf"^\s*{re.escape(char)}{{{width},}}\s*$")
    depth = 0
    for index in range(start + 1, len(lines)):
        inner = FENCE.match(lines[index])
        if inner and inner["fence"][0] == char and len(inner["fence"]) >= width:
            depth += 1  # a nested directive with the same fence (MyST needs longer ones; be safe)
        elif close.match(lines[index]):
            if depth == 0:
                return index
            depth -= 1
    raise StudentEditionError(f"unclosed directive fence: {lines[start]!r}")


def _python(source):
    """The cell as plain Python (IPython magics turned into calls), or None if it does not parse."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        source = TransformerManager().transform_cell(source)
    except ImportError:  # pragma: no cover - IPython comes with ipykernel
        pass
    try:
        return ast.parse(source)
    except SyntaxError:
        return None


def _bound_names(tree):
    """Names a cell binds at module level (not the locals of its functions or comprehensions)."""
    names = set()

    def visit(node):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            return
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
            return
        if isinstance(
            node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
        ):
            return
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return names


def _loaded_names(tree):
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _names_used_before_bound(tree):
    """Names a cell reads before one of its own earlier statements binds them."""
    used, bound = set(), set()
    for statement in tree.body:
        used |= _loaded_names(statement) - bound
        bound |= _bound_names(statement)
    return used


class _Builder:
    """Walks a notebook's cells once, cutting solutions and placing answer cells."""

    def __init__(self, nb):
        self.nb = nb
        self.cells = []  # the student notebook's cells
        self.exercises = []  # (label, [ids]) in order
        self.exercise_text_ids = {}  # label -> ids named in the exercise's own text
        self.current_exercise = None
        self.solution = None  # label of the solution being cut, if any
        self.solution_ids = []
        self.solution_names = set()  # names bound only by cut code
        self.kept_names = set()  # names bound by kept code so far
        self.dropped = []  # plumbing cells dropped because they needed a solution's names
        self.n_answers = 0

    # -- markdown -------------------------------------------------------------------------
    def markdown(self, cell):
        lines = _source(cell).split("\n")
        kept, pieces, index = [], 0, 0
        while index < len(lines):
            line = lines[index]
            opening = FENCE.match(line)
            name = opening["name"] if opening else None
            if self.solution is None:
                if name in ("solution-start", "solution"):
                    close = _close_of(lines, index)
                    label = opening["arg"].split()[0] if opening["arg"].strip() else None
                    body = lines[index + 1 : close]
                    self._flush(cell, kept, pieces)
                    pieces += 1
                    kept = []
                    self._start_solution(label)
                    if name == "solution":  # one directive: its text is the whole solution
                        self.solution_ids += CHECK_CALL.findall("\n".join(body))
                        self._end_solution()
                    index = close + 1
                    continue
                if name in ("exercise", "exercise-start"):
                    close = _close_of(lines, index)
                    head = lines[index + 1 : close]
                    labels = [m[1] for m in map(LABEL.match, head) if m]
                    self.current_exercise = labels[0] if labels else None
                    self.exercise_text_ids.setdefault(self.current_exercise, [])
                if self.current_exercise is not None:
                    self.exercise_text_ids[self.current_exercise] += CHECK_CALL.findall(line)
                kept.append(line)
                index += 1
            else:
                if name == "solution-end":
                    close = _close_of(lines, index)
                    self._end_solution()
                    index = close + 1
                    continue
                index += 1  # solution text: cut
        self._flush(cell, kept, pieces)

    def _flush(self, cell, lines, piece):
        text = "\n".join(lines).strip("\n")
        if text.strip():
            new = copy.deepcopy(cell)
            new.source = text
            if piece:
                new.id = f"{cell.get('id', 'cell')}-{piece}"[:64]
            self.cells.append(new)

    # -- solutions --------------------------------------------------------------------------
    def _start_solution(self, label):
        self.solution = label or self.current_exercise or "unlabelled"
        self.solution_ids = []

    def _end_solution(self):
        label = self.solution
        ids = list(dict.fromkeys(self.solution_ids)) or list(
            dict.fromkeys(self.exercise_text_ids.get(label, []))
        )
        self.exercises.append((label, ids))
        for exercise_id in ids:
            self.n_answers += 1
            cell = nbformat.v4.new_code_cell(ANSWER_TEMPLATE.format(id=exercise_id))
            cell.id = f"answer-{self.n_answers}"
            cell.metadata["gradbook"] = {"answer": exercise_id, "exercise": label}
            self.cells.append(cell)
        self.kept_names.add("answer")
        self.solution = None
        self.current_exercise = None

    # -- code -------------------------------------------------------------------------------
    def code(self, cell, index):
        tree = _python(_source(cell))
        if self.solution is not None:
            self.solution_ids += CHECK_CALL.findall(_source(cell))
            if tree is not None:
                self.solution_names |= _bound_names(tree) - self.kept_names
            return
        if tree is not None:
            needs = (_names_used_before_bound(tree) & self.solution_names) - self.kept_names
            if needs:
                tags = set(cell.metadata.get("tags", []))
                if not tags & PLUMBING_TAGS:
                    raise StudentEditionError(
                        f"cell {index} (id {cell.get('id')}) is shown to the reader but uses "
                        f"{sorted(needs)}, which only a solution defines: define them outside "
                        "the solution, or tag the cell remove-input if it is plumbing"
                    )
                self.dropped.append(index)
                self.solution_names |= _bound_names(tree) - self.kept_names
                return
            self.kept_names |= _bound_names(tree)
            self.solution_names -= self.kept_names
        new = copy.deepcopy(cell)
        new.outputs = []
        new.execution_count = None
        new.metadata.pop("execution", None)
        self.cells.append(new)


def _title(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", _source(cell), re.M)
            if match:
                return match.group(1).strip()
    return fallback


def student_notebook(nb, name="this chapter"):
    """The student edition of a notebook (a new notebook; ``nb`` is left as it was).

    Returns the notebook and a list of ``(exercise label, [exercise ids])`` in order.
    """
    builder = _Builder(nb)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            builder.markdown(cell)
        elif cell.cell_type == "code":
            builder.code(cell, index)
        elif builder.solution is None:
            builder.cells.append(copy.deepcopy(cell))
    if builder.solution is not None:
        raise StudentEditionError(f"solution {builder.solution} is never closed")
    student = copy.deepcopy(nb)
    note = nbformat.v4.new_markdown_cell(NOTE.format(title=f"“{_title(nb, name)}”"))
    note.id = "student-edition-note"
    student.cells = [note] + builder.cells
    ids = [i for _, exercise_ids in builder.exercises for i in exercise_ids]
    chapter = sorted({i.split("/")[0] for i in ids})
    student.metadata["gradbook"] = {
        "edition": "student",
        "chapter": chapter[0] if len(chapter) == 1 else chapter,
        "exercises": ids,
    }
    student.metadata.pop("jupytext", None)
    return student, builder.exercises


def write_student_editions(notebooks, out):
    """Write OUT/<folder>/<name>.ipynb for each notebook; return the written paths."""
    written = []
    for path in map(Path, notebooks):
        nb = nbformat.read(path, as_version=4)
        try:
            student, exercises = student_notebook(nb, path.stem)
        except StudentEditionError as error:
            raise StudentEditionError(f"{path}: {error}") from None
        if not exercises:
            continue  # nothing to hand out (an appendix)
        target = Path(out) / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(student, target)
        written.append(target)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("_build/student"))
    args = parser.parse_args(argv)
    try:
        written = write_student_editions(args.notebooks, args.out)
    except StudentEditionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} student notebooks under {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
