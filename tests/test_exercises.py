"""The exercise checker: every registered right answer passes, typical wrong ones fail."""

import numpy as np
import pytest

from gradbook.exercises import Expected, _answers, _compare, check, exercise_ids

IDS = exercise_ids()


def right_answers(expected):
    if expected.checker is not None:
        return list(expected.right_examples)
    return [expected.value]


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
        assert check(exercise_id, answer) is True
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


def test_unknown_id_is_refused_with_suggestions(capsys):
    assert check("01-loss-vs-cost/no-such-exercise", 1.0) is False
    out = capsys.readouterr().out
    assert "Unknown exercise id" in out and "01-loss-vs-cost/squared-error" in out


def test_messages_say_why(capsys):
    assert not check("01-loss-vs-cost/squared-error", [0.25, 0.25])
    assert "Expected a single number, got list (2,)" in capsys.readouterr().out
    assert not check("01-loss-vs-cost/squared-error", float("nan"))
    assert "not a finite number" in capsys.readouterr().out
    assert not check("01-loss-vs-cost/squared-error", 0.5)
    assert "off by 100% of the expected value" in capsys.readouterr().out
    assert not check("01-loss-vs-cost/squared-error", 25.0)
    assert "off by 99 times the expected value" in capsys.readouterr().out
    assert not check("01-loss-vs-cost/squared-error", 0.25 * (1 + 3e-5))
    assert "off by 0.003% of the expected value" in capsys.readouterr().out
    assert not check("01-loss-vs-cost/sum-vs-mean", 32.0)
    assert "whole number" in capsys.readouterr().out
    assert check("01-loss-vs-cost/squared-error", np.float64(0.25))


@pytest.mark.parametrize(
    "answer, ok, fragment",
    [
        (np.array([1.0, 2.0]), True, ""),
        (np.array([1.0, 2.0, 3.0]), False, "wrong shape: expected (2,), got (3,)"),
        (np.array([1.0, 2.5]), False, "1 of 2 entries differ"),
        ("text", False, "expected an array of numbers"),
    ],
)
def test_array_answers(answer, ok, fragment):
    result, why = _compare(answer, Expected(np.array([1.0, 2.0])))
    assert result is ok and fragment in why


def test_bool_and_string_answers():
    assert _compare(True, Expected(True))[0]
    assert not _compare(1, Expected(True))[0]
    assert _compare(" Median ", Expected("median"))[0]
    assert not _compare("mean", Expected("median"))[0]


def test_a_checker_that_raises_is_a_wrong_answer_not_a_crash(capsys):
    def fails(answer):
        raise ZeroDivisionError("boom")

    from gradbook import exercises

    exercises._answers()["99-test/raises"] = Expected(checker=fails)
    try:
        assert check("99-test/raises", 1) is False
        assert "raised ZeroDivisionError: boom" in capsys.readouterr().out
    finally:
        del exercises._answers()["99-test/raises"]
