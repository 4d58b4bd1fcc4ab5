"""Every exercise registry: each registered right answer passes, each typical wrong one fails.

How ``check`` reads each kind of answer is tested in tests/test_exercise_checker.py.
"""

import pytest

from gradbook.exercises import _answers, check, exercise_ids

IDS = exercise_ids()


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
