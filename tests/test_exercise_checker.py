"""How ``check`` reads what a reader types, for each kind of expected answer.

For every kind (number, whole number, array, bool, words, function, formula as text, SymPy
expression) a right answer in the forms a reader naturally types passes, a wrong one is
refused with a message that says why, and a malformed one (None, a list, a function, an
unparsable string, a complex number) is refused with "Expected …": ``check`` never raises.
The exercises here are registered for the test only (ids ``99-test/…``).
"""

import math
import re
import subprocess
import sys

import numpy as np
import pytest
import sympy as sp

from gradbook import exercises
from gradbook.exercises import Expected, check

z, y, s, p = sp.symbols("z y s p")  # as a reader creates them: no assumptions
z_real, y_real = sp.symbols("z y", real=True)
s_positive = sp.Symbol("s", positive=True)


class FloatLike:
    """A stand-in for a PyTorch scalar tensor: ``float()`` reads it, nothing else does."""

    def __init__(self, x):
        self.x = x

    def __float__(self):
        return float(self.x)


def _square_checker(answer):
    if not callable(answer):
        return False, f"expected a function f(x), got {type(answer).__name__}"
    got = [float(answer(x)) for x in (-1.0, 0.5, 3.0)]
    if np.allclose(got, [1.0, 0.25, 9.0]):
        return True, ""
    return False, f"f(3) should be 9, your function gives {got[-1]:g}"


TEST_EXERCISES = {
    "99-test/number": Expected(0.25, hint="a quarter"),
    "99-test/whole": Expected(32),
    "99-test/three": Expected(3),
    "99-test/array": Expected(np.array([1.0, 2.0])),
    "99-test/bool": Expected(True),
    "99-test/words": Expected("median"),
    "99-test/function": Expected(checker=_square_checker),
    "99-test/formula": Expected(formula="1/(1 + exp(-z)) - y", symbols="z y", domain={"y": (0, 1)}),
    "99-test/sympy": Expected(sp.exp(z_real) / (1 + sp.exp(z_real)) - y_real),
    "99-test/positive": Expected(sp.sqrt(s_positive**2)),
    "99-test/logit": Expected(formula="log(p) - log(1 - p)", symbols="p", domain={"p": (0, 1)}),
    "99-test/half-pi-positive": Expected(formula="pi/2", positive="p"),
    "99-test/half-pi-real": Expected(formula="pi/2", symbols="p"),
    "99-test/lambda": Expected(formula="lambda*w", symbols="w lambda"),
}


@pytest.fixture(autouse=True)
def test_exercises(monkeypatch):
    for exercise_id, expected in TEST_EXERCISES.items():
        monkeypatch.setitem(exercises._answers(), exercise_id, expected)


def verdict(exercise_id, answer, capsys):
    result = check(exercise_id, answer)
    out = capsys.readouterr().out
    assert isinstance(result, bool)
    return result, out


def sigmoid_minus_y(a, b):
    return 1 / (1 + sp.exp(-a)) - b


NOT_A_FORMULA = "Expected a SymPy expression or the formula as a string, got"
MALFORMED = [None, [0.25, "x"], lambda x: x, "((", 1 + 2j]

# exercise, answer, accepted, a fragment of the message ("" for a right answer)
CASES = [
    # ---- a number
    ("number", 0.25, True, ""),
    ("number", np.float64(0.25), True, ""),
    ("number", np.float32(0.25), True, ""),
    ("number", np.array(0.25), True, ""),
    ("number", np.array([0.25]), True, ""),
    ("number", FloatLike(0.25), True, ""),
    ("number", sp.Rational(1, 4), True, ""),
    ("number", 0.3, False, "Your number is off by 20% of the expected value"),
    ("number", 25.0, False, "off by 99 times the expected value"),
    ("number", 0.25 * (1 + 3e-5), False, "off by 0.003% of the expected value"),
    ("number", float("nan"), False, "Your number is nan, not a finite number"),
    ("number", "0.25", False, "Expected a single number, got the string '0.25'; write it without"),
    ("number", True, False, "Expected a single number, got True"),
    ("number", np.ones(3), False, "Expected a single number, got an array of shape (3,)"),
    ("number", [0.25, 0.25], False, "Expected a single number, got a list of length 2"),
    ("number", None, False, "Expected a single number, got None"),
    ("number", lambda: 0.25, False, "Expected a single number, got a function"),
    ("number", 0.25 + 0j, False, "Expected a single number, got the complex number (0.25+0j)"),
    ("number", sp.Symbol("x"), False, "Expected a single number, got the SymPy expression x"),
    # ---- a whole number
    ("whole", 32, True, ""),
    ("whole", 32.0, True, ""),
    ("whole", np.float64(32), True, ""),
    ("whole", np.int64(32), True, ""),
    ("whole", np.array(32.0), True, ""),
    ("whole", FloatLike(32), True, ""),
    ("whole", sp.Integer(32), True, ""),
    ("three", math.log(1000, 10), True, ""),  # 2.9999999999999996
    ("whole", 32.5, False, "Expected a whole number, got 32.5"),
    ("whole", np.float64(32.5), False, "Expected a whole number, got 32.5"),
    ("whole", 1 / 32, False, "Expected a whole number, got 0.03125"),
    ("whole", 31, False, "31 is not the expected whole number"),
    ("whole", 31.0, False, "31 is not the expected whole number"),
    ("whole", 10**20, False, "100000000000000000000 is not the expected whole number"),
    ("whole", "32", False, "Expected a whole number, got the string '32'"),
    ("whole", True, False, "Expected a whole number, got True"),
    ("whole", float("inf"), False, "not a finite number"),
    ("whole", 32 + 0j, False, "Expected a whole number, got the complex number (32+0j)"),
    # ---- an array
    ("array", np.array([1.0, 2.0]), True, ""),
    ("array", [1, 2], True, ""),
    ("array", (1.0, np.float64(2.0)), True, ""),
    ("array", [FloatLike(1), FloatLike(2)], True, ""),
    ("array", np.array([1.0, 2.0, 3.0]), False, "Wrong shape: expected (2,), got (3,)"),
    ("array", np.array([1.0, 2.5]), False, "1 of 2 entries differ"),
    ("array", [1.0, np.nan], False, "Your array contains NaN or inf"),
    ("array", "text", False, "Expected an array of numbers, got the string 'text'"),
    ("array", ["1", "2"], False, "Expected an array of numbers, got an array of strings"),
    ("array", [[1.0, 2.0], [3.0]], False, "Expected an array of numbers, got a list of length 2"),
    ("array", [1 + 0j, 2], False, "Expected an array of real numbers, got complex ones"),
    ("array", None, False, "Expected an array of numbers, got None"),
    # ---- True or False
    ("bool", True, True, ""),
    ("bool", np.True_, True, ""),
    ("bool", np.array(2.0) > 1.0, True, ""),
    ("bool", np.array([True]), True, ""),
    ("bool", False, False, "That is the wrong truth value"),
    ("bool", "True", False, "Expected True or False, got the string 'True'; write it without"),
    ("bool", 1, False, "Expected True or False, got the number 1"),
    ("bool", np.array([True, True]), False, "Expected True or False, got an array of shape (2,)"),
    # ---- a word
    ("words", "median", True, ""),
    ("words", "  The  Median ".replace("The", "").strip(), True, ""),
    ("words", " MEDIAN\n", True, ""),
    ("words", "mean", False, "That is not the expected answer"),
    ("words", 0.5, False, "Expected a string, got the number 0.5"),
    # ---- a function (a custom checker)
    ("function", lambda x: x**2, True, ""),
    ("function", np.square, True, ""),
    ("function", lambda x: 2 * x, False, "F(3) should be 9, your function gives 6"),
    ("function", 9, False, "Expected a function f(x), got int"),
    ("function", lambda x: x / 0, False, "Checking your answer raised ZeroDivisionError"),
    # ---- a formula given as text in the registry
    ("formula", sigmoid_minus_y(z, y), True, ""),
    ("formula", sp.exp(z) / (1 + sp.exp(z)) - y, True, ""),
    ("formula", sigmoid_minus_y(z_real, y_real), True, ""),
    ("formula", "1/(1 + exp(-z)) - y", True, ""),
    ("formula", "exp(z) / (exp(z) + 1) - y", True, ""),
    ("formula", "1/(1 + E^(-z)) - y", True, ""),
    ("formula", sp.Derivative(sp.log(1 + sp.exp(z)) - y * z, z), True, ""),
    ("formula", y - 1 / (1 + sp.exp(-z)), False, "Your expression is -1 times the expected one"),
    ("formula", "2/(1 + exp(-z)) - 2*y", False, "Your expression is 2 times the expected one"),
    ("formula", "1/(1 + exp(-z)) - y + 1", False, "Your expression is the expected one plus 1"),
    ("formula", "1/(1 + exp(-z))", False, "At z = "),
    ("formula", "0.5 + z/4 - y", False, "your expression is"),
    ("formula", sp.Symbol("x") - y, False, "Your answer uses x, the exercise's symbols are z, y"),
    ("formula", "1/(1 + e^(-z)) - y", False, "(for Euler's number write exp(...) or E)"),
    ("formula", "sigmoid(z) - y", False, "uses sigmoid, a function SymPy does not know"),
    ("formula", "(1/(1 + exp(-z)) - y", False, "read as one: a bracket is not closed"),
    ("formula", "2z", False, "it is not Python syntax (write 2*z for 2z"),
    ("formula", "dl/dz = 1/(1 + exp(-z)) - y", False, "without '=': give only the expression"),
    ("formula", sp.Eq(z, y), False, "got an equation or inequality; give only one side"),
    ("formula", sp.Matrix([z]), False, "got a matrix; give a single expression"),
    ("formula", "z == y", False, f"{NOT_A_FORMULA} the truth value False"),
    ("formula", [z - y], False, f"{NOT_A_FORMULA} a list of length 1"),
    ("formula", None, False, f"{NOT_A_FORMULA} None"),
    ("formula", 1 + 2j, False, f"{NOT_A_FORMULA} a complex number"),
    ("formula", lambda z, y: z - y, False, f"{NOT_A_FORMULA} a function"),
    # ---- a SymPy expression in the registry, with real symbols: the reader's plain ones match
    ("sympy", sigmoid_minus_y(z, y), True, ""),
    ("sympy", "1/(1 + exp(-z)) - y", True, ""),
    ("sympy", sigmoid_minus_y(z, -y), False, "your expression is"),
    ("sympy", sigmoid_minus_y(z, y).subs(z, p), False, "Your answer uses p, the exercise's symb"),
    # the registry's s is positive, so sqrt(s^2) is s, also for the reader's plain s
    ("positive", s, True, ""),
    ("positive", "s", True, ""),
    ("positive", -s, False, "Your expression is -1 times the expected one"),
    # lambda, a Python keyword, is still a symbol's name in a string (the book's lambda)
    ("lambda", "lambda*w", True, ""),
    ("lambda", sp.Symbol("lambda") * sp.Symbol("w", real=True), True, ""),
    ("lambda", "lambda*w + 1", False, "Your expression is the expected one plus 1"),
]


@pytest.mark.parametrize(
    "name, answer, ok, fragment", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_check_reads_right_wrong_and_malformed_answers(name, answer, ok, fragment, capsys):
    exercise_id = f"99-test/{name}"
    result, out = verdict(exercise_id, answer, capsys)
    if ok:
        assert result is True and out == f"Correct: {exercise_id}.\n", out
    else:
        assert result is False and out.startswith(f"Not yet: {exercise_id}. "), out
        assert fragment in out, out


@pytest.mark.parametrize("name", sorted({c[0] for c in CASES}))
@pytest.mark.parametrize("answer", MALFORMED, ids=["None", "list", "function", "unparsable", "j"])
def test_a_malformed_answer_gets_expected_and_false_never_an_exception(name, answer, capsys):
    if name == "function" and callable(answer):
        answer = "not a function"
    exercise_id = f"99-test/{name}"
    result, out = verdict(exercise_id, answer, capsys)
    assert result is False
    assert out.startswith(f"Not yet: {exercise_id}. "), out
    assert "xpected" in out, out  # "Expected …" or "… expected …"


class Awkward:
    """An answer whose every conversion raises."""

    def __float__(self):
        raise RuntimeError("no float")

    def __array__(self, *args, **kwargs):
        raise RuntimeError("no array")

    def __eq__(self, other):
        raise RuntimeError("no comparison")

    __hash__ = object.__hash__


ODD = [Awkward(), object(), {}, set(), np.array([]), b"32", sp.zoo, sp.nan, (x for x in [1])]


@pytest.mark.parametrize("exercise_id", sorted(TEST_EXERCISES))
def test_check_never_raises_whatever_the_answer(exercise_id, capsys):
    for answer in ODD:
        result, out = verdict(exercise_id, answer, capsys)
        assert result is False, answer
        assert out.startswith(f"Not yet: {exercise_id}. "), out


def test_check_never_raises_for_an_id_that_is_not_a_string(capsys):
    assert check(None, 1.0) is False
    assert check(["01-loss-vs-cost/squared-error"], 0.25) is False
    assert capsys.readouterr().out.count("Unknown exercise id") == 2


def test_unknown_id_is_refused_with_suggestions(capsys):
    assert check("01-loss-vs-cost/no-such-exercise", 1.0) is False
    out = capsys.readouterr().out
    assert "Unknown exercise id" in out and "01-loss-vs-cost/squared-error" in out


def test_a_wrong_answer_prints_the_hint(capsys):
    assert check("99-test/number", 0.3) is False
    assert capsys.readouterr().out.endswith(" Hint: a quarter.\n")


# ---------------------------------------------------------------- formulas: simplify, then points


def test_when_simplify_cannot_decide_values_at_points_of_the_domain_do(capsys):
    # SymPy cannot combine the logs without knowing 0 < p < 1; the points of the domain can
    p_real = sp.Symbol("p", real=True)
    assert sp.simplify(sp.log(p_real / (1 - p_real)) - (sp.log(p_real) - sp.log(1 - p_real))) != 0
    assert check("99-test/logit", "log(p/(1 - p))")
    assert check("99-test/logit", sp.log(p / (1 - p)))
    assert not check("99-test/logit", "log(p/(1 + p))")
    out = capsys.readouterr().out
    assert "At p = 0." in out and "your expression is -" in out


def test_the_domain_decides_an_identity_that_holds_only_on_part_of_the_line(capsys):
    # atan(p) + atan(1/p) is pi/2 for p > 0 and -pi/2 for p < 0
    answer = sp.atan(p) + sp.atan(1 / p)
    assert check("99-test/half-pi-positive", answer) is True
    assert check("99-test/half-pi-real", answer) is False
    out = capsys.readouterr().out
    assert "At p = -" in out and "your expression is -1.57 and the expected one is 1.57" in out


def test_sympy_wrong_answer_message_gives_both_values_at_a_point(capsys):
    assert not check("99-test/formula", "1/(1 + exp(-z))")
    out = capsys.readouterr().out
    # the point printed is the point used, so the two values can be recomputed from the message
    number = r"(-?[\d.]+(?:e[-+]\d+)?)"
    match = re.search(
        rf"At z = {number}, y = {number} your expression is {number} "
        rf"and the expected one is {number}\.\n",
        out,
    )
    assert match, out
    zz, yy, got, want = (float(g) for g in match.groups())
    assert 0 < yy < 1  # inside the registered domain
    assert math.isclose(got, 1 / (1 + math.exp(-zz)), rel_tol=5e-3)
    assert math.isclose(want, 1 / (1 + math.exp(-zz)) - yy, rel_tol=5e-3, abs_tol=5e-3)


# ---------------------------------------------------------------- PyTorch, when it is installed


def test_pytorch_tensors_are_read_as_numbers_arrays_and_truth_values(capsys):
    torch = pytest.importorskip("torch")
    assert check("99-test/number", torch.tensor(0.25, dtype=torch.float64))
    assert check("99-test/number", torch.tensor(0.25, requires_grad=True))
    assert check("99-test/whole", torch.tensor(32.0))
    assert check("99-test/array", torch.tensor([1.0, 2.0], requires_grad=True))
    assert check("99-test/bool", torch.tensor(2.0) > 1.0)
    assert not check("99-test/whole", torch.tensor(32.5))
    assert "Expected a whole number, got 32.5" in capsys.readouterr().out
    assert not check("99-test/number", torch.ones(3))
    assert "Expected a single number, got a Tensor of shape (3,)" in capsys.readouterr().out


# ---------------------------------------------------------------- the library stays NumPy-only


def test_loading_every_registry_and_checking_a_number_does_not_import_sympy():
    code = (
        "import sys\n"
        "from gradbook.exercises import check, exercise_ids\n"
        "exercise_ids()\n"
        "assert check('01-loss-vs-cost/squared-error', 0.25)\n"
        "assert 'sympy' not in sys.modules, 'a registry imported sympy'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, timeout=60)
