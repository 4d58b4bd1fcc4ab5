"""Check the book's exercises: ``check("chapter-id/exercise-id", answer)``.

Each chapter keeps its expected answers in a small registry module beside this one
(``ch01_loss_vs_cost.py`` …, a dict ``ANSWERS``), so a solution cell in the book and a
reader's attempt are checked by the same code. ``check`` prints a verdict and
returns ``True`` or ``False``; it never raises for a wrong answer.

Examples
--------
>>> check("01-loss-vs-cost/squared-error", 0.25)
Correct: 01-loss-vs-cost/squared-error.
True
>>> check("01-loss-vs-cost/squared-error", 0.3)
Not yet: 01-loss-vs-cost/squared-error. Your number is off by 20% of the expected value (tolerance: relative 1e-06, absolute 1e-09). Hint: square the difference between the prediction and the truth.
False
>>> check("01-loss-vs-cost/squared-errr", 0.25)
Unknown exercise id '01-loss-vs-cost/squared-errr'. Exercises of that chapter: 01-loss-vs-cost/cost-of-batch, 01-loss-vs-cost/regularised-gradient, 01-loss-vs-cost/squared-error, 01-loss-vs-cost/sum-vs-mean.
False
"""

import importlib
import numbers
import pkgutil
from dataclasses import dataclass, field

import numpy as np

__all__ = ["check", "Expected", "exercise_ids"]


@dataclass(frozen=True)
class Expected:
    """The expected answer to one exercise.

    ``value`` is a number, an array-like, a bool, an int or a string; ``rtol`` and
    ``atol`` apply to numbers and arrays. ``checker``, when given, replaces the
    comparison: a function ``answer -> (ok, message)`` for answers that are functions
    or have more than one right form. ``hint`` is printed after a wrong answer.
    """

    value: object = None
    rtol: float = 1e-6
    atol: float = 1e-9
    hint: str = ""
    checker: object = None
    right_examples: tuple = field(default=())  # for a checker: answers a test must see accepted
    wrong_examples: tuple = field(default=())  # answers a test must see refused


def _registry():
    answers = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("ch"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            for key, expected in module.ANSWERS.items():
                if key in answers:
                    raise RuntimeError(f"exercise id {key!r} is registered twice")
                answers[key] = expected
    return answers


_ANSWERS = None


def _answers():
    global _ANSWERS
    if _ANSWERS is None:
        _ANSWERS = _registry()
    return _ANSWERS


def exercise_ids():
    """All registered exercise ids, sorted."""
    return sorted(_answers())


def _compare_number(answer, expected):
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, numbers.Number):
        if isinstance(answer, np.ndarray) and answer.size == 1:
            answer = answer.item()
        else:
            return (
                False,
                f"expected a single number, got {type(answer).__name__} {np.shape(answer)}",
            )
    if isinstance(answer, complex):
        return False, "expected a real number, got a complex one"
    answer, value = float(answer), float(expected.value)
    if not np.isfinite(answer):
        return False, f"your number is {answer}, not a finite number"
    if np.isclose(answer, value, rtol=expected.rtol, atol=expected.atol):
        return True, ""
    if value != 0:
        rel = abs(answer - value) / abs(value)
        if rel >= 10:
            how_far = f"off by {rel:.0f} times the expected value"
        else:
            pct = 100 * rel
            digits = (
                f"{pct:.0f}"
                if pct >= 10
                else np.format_float_positional(pct, precision=2, fractional=False, trim="-")
            )
            how_far = f"off by {digits}% of the expected value"
    else:
        how_far = f"off by {abs(answer - value):.2g} (the expected value is 0)"
    return (
        False,
        f"your number is {how_far} (tolerance: relative {expected.rtol:g}, absolute {expected.atol:g})",
    )


def _compare_array(answer, expected):
    value = np.asarray(expected.value, dtype=np.float64)
    try:
        arr = np.asarray(answer, dtype=np.float64)
    except (TypeError, ValueError):
        return False, f"expected an array of numbers, got {type(answer).__name__}"
    if arr.shape != value.shape:
        return False, f"wrong shape: expected {value.shape}, got {arr.shape}"
    if not np.isfinite(arr).all():
        return False, "your array contains NaN or inf"
    close = np.isclose(arr, value, rtol=expected.rtol, atol=expected.atol)
    if close.all():
        return True, ""
    worst = np.unravel_index(np.argmax(np.abs(arr - value)), arr.shape) if arr.ndim else ()
    return False, (
        f"{np.count_nonzero(~close)} of {arr.size} entries differ; the largest difference, "
        f"{np.max(np.abs(arr - value)):.3g}, is at index {tuple(int(i) for i in worst)} "
        f"(tolerance: relative {expected.rtol:g}, absolute {expected.atol:g})"
    )


def _compare(answer, expected):
    if expected.checker is not None:
        return expected.checker(answer)
    value = expected.value
    if isinstance(value, (bool, np.bool_)):
        if not isinstance(answer, (bool, np.bool_)):
            return False, f"expected True or False, got {type(answer).__name__}"
        return bool(answer) == bool(value), "that is the wrong truth value"
    if isinstance(value, str):
        if not isinstance(answer, str):
            return False, f"expected a string, got {type(answer).__name__}"
        ok = answer.strip().lower() == value.strip().lower()
        return ok, "that is not the expected answer"
    if isinstance(value, numbers.Integral):
        if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, numbers.Integral):
            return False, f"expected a whole number, got {type(answer).__name__} {answer!r}"
        return int(answer) == int(value), "that is not the expected whole number"
    if isinstance(value, numbers.Real):
        return _compare_number(answer, expected)
    return _compare_array(answer, expected)


def check(exercise_id, answer):
    """Check an answer to one of the book's exercises, print a verdict, return True or False.

    Parameters
    ----------
    exercise_id : str
        ``"NN-chapter-name/exercise-name"``, as given in the exercise.
    answer
        Your answer: a number, an array, a bool, a string or a function, as the
        exercise asks.
    """
    answers = _answers()
    if exercise_id not in answers:
        chapter = exercise_id.split("/")[0]
        known = [k for k in answers if k.startswith(chapter + "/")]
        suggestion = f" Exercises of that chapter: {', '.join(sorted(known))}." if known else ""
        print(f"Unknown exercise id {exercise_id!r}.{suggestion}")
        return False
    expected = answers[exercise_id]
    try:
        ok, why = _compare(answer, expected)
    except Exception as exc:  # a reader's function that raises is a wrong answer, not a crash
        ok, why = False, f"checking your answer raised {type(exc).__name__}: {exc}"
    if ok:
        print(f"Correct: {exercise_id}.")
        return True
    why = why[0].upper() + why[1:] if why else "That is not the expected answer"
    hint = expected.hint.rstrip()
    hint = f" Hint: {hint}{'' if hint.endswith(('.', '?', '!')) else '.'}" if hint else ""
    print(f"Not yet: {exercise_id}. {why}.{hint}")
    return False
