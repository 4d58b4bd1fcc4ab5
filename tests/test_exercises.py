"""Every exercise registry: each registered right answer passes, each typical wrong one fails.

The rule for the registry tests:

- This file covers every registry ``lib/gradbook/exercises/chNN_*.py``: each right answer (the
  expected value or formula, and any ``right_examples``) passes, and each exercise lists at
  least two typical wrong answers, each refused.
- A chapter has its own ``tests/test_exercises_chNN.py`` exactly when its registry holds code or
  a formula: an exercise with a custom ``checker``, or an expected ``formula`` (or SymPy value).
  That file names each such exercise and meets it with the library or an independent reference:
  the checker accepts the library's own function or number (or SciPy's) and refuses a typical
  mistake with its message; the hand-written formula gives the library's values at points. It
  may also meet the registry's plain values with the library.
- A registry of plain values only has no file of its own: the generic tests here refuse its
  typical mistakes, and the chapter's gated solutions, which nbval runs, pass its checks.

``test_a_registry_has_its_own_tests_exactly_when_it_holds_code_or_a_formula`` enforces the rule.
How ``check`` reads each kind of answer is tested in tests/test_exercise_checker.py.
"""

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

from gradbook import exercises
from gradbook.exercises import _answers, _is_sympy, check, exercise_ids

IDS = exercise_ids()
TESTS = Path(__file__).resolve().parent
REGISTRIES = {
    info.name[2:4]: info.name
    for info in pkgutil.iter_modules(exercises.__path__)
    if re.fullmatch(r"ch\d\d_\w+", info.name)
}
OWN_TESTS = {
    p.stem.removeprefix("test_exercises_ch"): p for p in TESTS.glob("test_exercises_ch*.py")
}


def right_answers(expected):
    """The registered right answers: the expected value (or formula), then the right examples."""
    main = [] if expected.checker is not None else [expected.formula or expected.value]
    return main + list(expected.right_examples)


def test_the_registry_is_not_empty_and_ids_are_well_formed():
    assert len(IDS) >= 4
    for exercise_id in IDS:
        chapter, _, name = exercise_id.partition("/")
        assert chapter[:2].isdigit() and chapter[2] == "-" and name, exercise_id


@pytest.mark.parametrize("exercise_id", IDS)
def test_registered_right_answers_pass(exercise_id, capsys):
    expected = _answers()[exercise_id]
    answers = right_answers(expected)
    assert answers, f"{exercise_id} lists no right example for its checker"
    for answer in answers:
        assert check(exercise_id, answer) is True, capsys.readouterr().out
        assert capsys.readouterr().out == f"Correct: {exercise_id}.\n"


@pytest.mark.parametrize("exercise_id", IDS)
def test_typical_wrong_answers_fail(exercise_id, capsys):
    expected = _answers()[exercise_id]
    assert len(expected.wrong_examples) >= 2, f"{exercise_id} needs at least two wrong examples"
    for answer in expected.wrong_examples:
        assert check(exercise_id, answer) is False, (
            f"{exercise_id} accepted the wrong answer {answer!r}"
        )
        assert capsys.readouterr().out.startswith(f"Not yet: {exercise_id}.")


def holds_code_or_a_formula(expected):
    return expected.checker is not None or bool(expected.formula) or _is_sympy(expected.value)


@pytest.mark.parametrize("chapter", sorted(set(REGISTRIES) | set(OWN_TESTS)))
def test_a_registry_has_its_own_tests_exactly_when_it_holds_code_or_a_formula(chapter):
    assert chapter in REGISTRIES, f"{OWN_TESTS[chapter].name} tests a registry that does not exist"
    module = importlib.import_module(f"gradbook.exercises.{REGISTRIES[chapter]}")
    special = sorted(k for k, e in module.ANSWERS.items() if holds_code_or_a_formula(e))
    path = TESTS / f"test_exercises_ch{chapter}.py"
    if not special:
        assert not path.exists(), (
            f"{path.name} exists, but {REGISTRIES[chapter]} holds plain values only: the generic "
            "tests and the chapter's solutions cover it (see this file's docstring)"
        )
        return
    assert path.exists(), (
        f"{REGISTRIES[chapter]} holds a checker or a formula ({', '.join(special)}): "
        f"add {path.name} meeting each with the library (see this file's docstring)"
    )
    text = path.read_text()
    unnamed = [k for k in special if k.split("/")[1] not in text]
    assert not unnamed, f"{path.name} does not test {', '.join(unnamed)}"
