"""Check the book's exercises: ``check("chapter-id/exercise-id", answer)``.

Each chapter keeps its expected answers in a small registry module beside this one
(``ch01_loss_vs_cost.py`` …, a dict ``ANSWERS``), so a solution cell in the book and a
reader's attempt are checked by the same code. ``check`` prints a verdict and
returns ``True`` or ``False``; it never raises, whatever the answer is.

An answer may be given the way a reader naturally types it:

- a number: an int or a float, a NumPy scalar, a 0-d or one-element array, or anything
  ``float()`` reads (a PyTorch scalar tensor, a SymPy number);
- a whole number: the same, if it is whole (``32.0`` is 32; ``32.5`` is not whole);
- an array: a list, a tuple, a NumPy array or a tensor of real numbers, of the right shape;
- True or False: a bool, a NumPy bool or a one-element boolean array;
- a word or phrase: a string, case and spacing ignored;
- a formula: a SymPy expression, or the formula as a string (``"1/(1 + exp(-z)) - y"``,
  ``^`` allowed for powers, ``lambda`` read as a symbol), in the exercise's symbols, which
  are matched by name;
  it is right if it equals the expected expression (SymPy's ``simplify``, or the same
  values at random points of the symbols' domain when ``simplify`` cannot tell);
- a function, where the exercise asks for one.

Examples
--------
>>> check("01-loss-vs-cost/squared-error", 0.25)
Correct: 01-loss-vs-cost/squared-error.
True
>>> check("01-loss-vs-cost/squared-error", 0.3)
Not yet: 01-loss-vs-cost/squared-error. Your number is off by 20% of the expected value
(tolerance: relative 1e-06, absolute 1e-09). Hint: square the difference between the
prediction and the truth.
False
>>> check("10-sgd-minibatch/updates-per-epoch", 9.0)
Correct: 10-sgd-minibatch/updates-per-epoch.
True
>>> check("10-sgd-minibatch/updates-per-epoch", 442 / 50)
Not yet: 10-sgd-minibatch/updates-per-epoch. Expected a whole number, got 8.84. Hint: count
the batches, including the last, smaller one.
False

A derivation is checked as a formula, whatever form SymPy or the reader gives it:

>>> import sympy as sp
>>> K, y = sp.symbols("K y")
>>> check("08-choosing-a-loss/double-softmax-start", 1 / K**2 - y / K)
Correct: 08-choosing-a-loss/double-softmax-start.
True
>>> check("08-choosing-a-loss/double-softmax-start", "(y - 1/K)/K")
Not yet: 08-choosing-a-loss/double-softmax-start. Your expression is -1 times the expected
one; at K = 12, y = 0.89 your expression is 0.0672 and the expected one is -0.0672. Hint: at
z = 0 both softmaxes are uniform; chain the inner gradient 1/K - y through the Jacobian of the
model's softmax.
False
>>> check("08-choosing-a-loss/double-softmax-start", "(1/n)*(1/n - y)")
Not yet: 08-choosing-a-loss/double-softmax-start. Your answer uses n, the exercise's symbols
are K, y. Hint: at z = 0 both softmaxes are uniform; chain the inner gradient 1/K - y through
the Jacobian of the model's softmax.
False

An unknown id gets the chapter's ids:

>>> check("01-loss-vs-cost/squared-errr", 0.25)
Unknown exercise id '01-loss-vs-cost/squared-errr'. Exercises of that chapter:
01-loss-vs-cost/cost-of-batch, 01-loss-vs-cost/regularised-minimiser,
01-loss-vs-cost/squared-error, 01-loss-vs-cost/sum-vs-mean.
False
"""

import cmath
import importlib
import math
import numbers
import pkgutil
import re
import sys
from dataclasses import dataclass, field

import numpy as np

__all__ = ["check", "Expected", "exercise_ids"]


@dataclass(frozen=True)
class Expected:
    """The expected answer to one exercise.

    ``value`` is a number, an array-like, a bool, an int, a string or a SymPy expression;
    ``rtol`` and ``atol`` apply to numbers, arrays and formulas (compared at points).

    ``formula`` gives an expected SymPy expression as text instead, so that importing the
    registries never needs SymPy: ``symbols`` names its real symbols and ``positive`` its
    positive ones (``Expected(formula="1/(1 + exp(-z)) - y", symbols="z y")``).
    ``domain`` maps a symbol's name to the interval ``(low, high)`` where a formula is
    compared numerically when ``simplify`` cannot decide; by default ``(-3, 3)`` for a real
    symbol and ``(0.1, 3)`` for a positive one.

    ``checker``, when given, replaces the comparison: a function ``answer -> (ok, message)``
    for answers that are functions or have more than one right form. ``hint`` is printed
    after a wrong answer. ``right_examples`` are further answers a test must see accepted
    (for a checker, or other right forms of a formula); ``wrong_examples`` are typical wrong
    answers a test must see refused.
    """

    value: object = None
    rtol: float = 1e-6
    atol: float = 1e-9
    hint: str = ""
    checker: object = None
    right_examples: tuple = field(default=())
    wrong_examples: tuple = field(default=())
    formula: str = ""
    symbols: str = ""
    positive: str = ""
    domain: dict = field(default_factory=dict)


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


# ---------------------------------------------------------------- reading the reader's answer


def _describe(answer):
    """A short description of an answer for a message: 'a list of length 2', 'None', …"""
    if answer is None or isinstance(answer, (bool, np.bool_)):
        return repr(answer)
    if isinstance(answer, (str, bytes)):
        return f"the string {answer!r}"
    if isinstance(answer, numbers.Number):
        return f"the number {answer}"
    name = "array" if isinstance(answer, np.ndarray) else type(answer).__name__
    article = "an" if name[0].lower() in "aeiou" else "a"
    shape = getattr(answer, "shape", None)
    if isinstance(shape, tuple) or type(shape).__name__ == "Size":  # NumPy, PyTorch
        return f"{article} {name} of shape {tuple(shape)}"
    if isinstance(answer, (list, tuple, set, dict)):
        return f"{article} {name} of length {len(answer)}"
    if type(answer).__module__.startswith("sympy"):
        return f"the SymPy expression {answer}"
    if callable(answer):
        return "a function"
    return f"{article} {name}"


def _detached(answer):
    """A PyTorch tensor (even one that requires grad) as a NumPy array; anything else as is."""
    if hasattr(answer, "detach") and hasattr(answer, "cpu"):
        return answer.detach().cpu().numpy()
    return answer


def _as_number(answer, what="a number"):
    """``(x, "")`` with a float ``x`` read from the answer, or ``(None, why not)``."""
    if isinstance(answer, (bool, np.bool_)) or answer is None:
        return None, f"expected {what}, got {answer!r}"
    if isinstance(answer, (str, bytes)):
        return None, f"expected {what}, got {_describe(answer)}; write it without quotes"
    if isinstance(answer, (list, tuple, set, dict)):
        return None, f"expected {what}, got {_describe(answer)}"
    given = answer  # described in messages as the reader wrote it (a Tensor stays a Tensor)
    try:
        answer = _detached(answer)
    except Exception:
        return None, f"expected {what}, got {_describe(given)}"
    if isinstance(answer, np.ndarray):
        if answer.size != 1:
            return None, f"expected {what}, got {_describe(given)}"
        if answer.dtype == bool:
            return None, f"expected {what}, got the truth value {answer.item()!r}"
        answer = answer.item()
    if isinstance(answer, numbers.Complex) and not isinstance(answer, numbers.Real):
        return None, f"expected {what}, got the complex number {complex(answer)}"
    try:
        x = float(answer)
    except Exception:
        return None, f"expected {what}, got {_describe(answer)}"
    if not math.isfinite(x):
        return None, f"your number is {x}, not a finite number"
    return x, ""


def _as_array(answer):
    """``(array, "")`` of float64 read from the answer, or ``(None, why not)``."""
    if isinstance(answer, (str, bytes)) or answer is None or callable(answer):
        return None, f"expected an array of numbers, got {_describe(answer)}"
    try:
        arr = np.asarray(_detached(answer))
    except Exception:
        return None, f"expected an array of numbers, got {_describe(answer)}"
    if arr.dtype.kind == "c" or (
        arr.dtype == object and any(isinstance(a, complex) for a in arr.flat)
    ):
        return None, "expected an array of real numbers, got complex ones"
    if arr.dtype.kind in "USV":
        return None, "expected an array of numbers, got an array of strings"
    try:
        return arr.astype(np.float64), ""
    except Exception:
        return None, f"expected an array of numbers, got {_describe(answer)}"


def _as_bool(answer):
    """``(True or False, "")`` read from the answer, or ``(None, why not)``."""
    if isinstance(answer, (bool, np.bool_)):
        return bool(answer), ""
    if isinstance(answer, str):
        return None, f"expected True or False, got {_describe(answer)}; write it without quotes"
    try:
        arr = np.asarray(_detached(answer))
    except Exception:
        arr = None
    if arr is not None and arr.dtype == bool and arr.size == 1:
        return bool(arr.item()), ""
    return None, f"expected True or False, got {_describe(answer)}"


# ---------------------------------------------------------------- numbers, arrays, words


def _how_far(answer, value):
    if value == 0:
        return f"off by {abs(answer - value):.2g} (the expected value is 0)"
    rel = abs(answer - value) / abs(value)
    if rel >= 10:
        return f"off by {rel:.0f} times the expected value"
    pct = 100 * rel
    if pct >= 10:
        return f"off by {pct:.0f}% of the expected value"
    digits = np.format_float_positional(pct, precision=2, fractional=False, trim="-")
    return f"off by {digits}% of the expected value"


def _tolerance(expected):
    return f"tolerance: relative {expected.rtol:g}, absolute {expected.atol:g}"


def _compare_number(answer, expected):
    x, why = _as_number(answer, "a single number")
    if x is None:
        return False, why
    value = float(expected.value)
    if math.isclose(x, value, rel_tol=expected.rtol, abs_tol=expected.atol):
        return True, ""
    return False, f"your number is {_how_far(x, value)} ({_tolerance(expected)})"


def _as_whole_number(answer):
    """``(n, "")`` with an int read from the answer (``32.0`` is 32), or ``(None, why not)``."""
    if isinstance(answer, numbers.Integral) and not isinstance(answer, (bool, np.bool_)):
        return int(answer), ""  # exactly, however large
    x, why = _as_number(answer, "a whole number")
    if x is None:
        return None, why
    if abs(x - round(x)) > 1e-9 * max(1.0, abs(x)):  # log10(1e3) = 2.9999999999999996 is 3
        return None, f"expected a whole number, got {x:g}"
    return round(x), ""


def _compare_whole_number(answer, expected):
    n, why = _as_whole_number(answer)
    if n is None:
        return False, why
    return n == int(expected.value), f"{n} is not the expected whole number"


def _compare_array(answer, expected):
    value = np.asarray(expected.value, dtype=np.float64)
    arr, why = _as_array(answer)
    if arr is None:
        return False, why
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
        f"({_tolerance(expected)})"
    )


def _compare_bool(answer, expected):
    got, why = _as_bool(answer)
    if got is None:
        return False, why
    return got == bool(expected.value), "that is the wrong truth value"


def _compare_words(answer, expected):
    if not isinstance(answer, str):
        return False, f"expected a string, got {_describe(answer)}"

    def words(text):
        return " ".join(text.split()).lower()

    return words(answer) == words(expected.value), "that is not the expected answer"


# ---------------------------------------------------------------- formulas (SymPy, imported lazily)

_TIPS = {
    "e": "for Euler's number write exp(...) or E",
    "ln": "write log(...) for the natural log",
    "lambda": "lambda is a Python keyword",
}


def _is_sympy(value):
    sympy = sys.modules.get("sympy")  # whoever built a SymPy value has imported SymPy
    return sympy is not None and isinstance(value, (sympy.Basic, sympy.MatrixBase))


def _expected_formula(sp, expected):
    """The expected expression, its symbols by name (in the exercise's order), their domains."""
    if expected.formula:
        symbols = {n: sp.Symbol(n, real=True) for n in expected.symbols.split()}
        symbols |= {n: sp.Symbol(n, positive=True) for n in expected.positive.split()}
        want = _parse(sp, expected.formula, symbols)
        undeclared = {s.name for s in want.free_symbols} - set(symbols)
        if undeclared:
            raise ValueError(f"the registry's formula uses undeclared symbols {undeclared}")
    else:
        want = sp.sympify(expected.value)
        symbols = {s.name: s for s in sorted(want.free_symbols, key=lambda s: s.name)}
    domain = {}
    for name, symbol in symbols.items():
        default = (0.1, 3.0) if symbol.is_positive else (-3.0, 3.0)
        domain[name] = expected.domain.get(name, default)
    return want, symbols, domain


def _numpy_function(expected):
    """The expected formula as a NumPy function of its symbols, in the exercise's order.

    For the tests that meet a registry's hand-written formula with the library's numbers.
    """
    sp = importlib.import_module("sympy")
    want, symbols, _ = _expected_formula(sp, expected)
    return sp.lambdify(list(symbols.values()), want, "numpy")


def _parse(sp, text, symbols):
    from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations

    symbols = dict(symbols)
    if "lambda" in symbols:  # a Python keyword: the parser reads the symbol spelled lamda
        text = re.sub(r"\blambda\b", "lamda", text)
        symbols["lamda"] = symbols["lambda"]
    return parse_expr(
        text, local_dict=symbols, transformations=standard_transformations + (convert_xor,)
    )


def _parse_error(exc):
    if type(exc).__name__ == "TokenError":
        return "a bracket is not closed"
    if isinstance(exc, SyntaxError):
        return "it is not Python syntax (write 2*z for 2z, and ** or ^ for powers)"
    return f"{type(exc).__name__}: {exc}"


def _read_formula(sp, answer, symbols):
    """``(expression, "")`` in the exercise's symbols, or ``(None, why not)``."""
    expecting = "expected a SymPy expression or the formula as a string"
    if isinstance(answer, str):
        if "=" in answer.replace("==", ""):
            return None, f"{expecting}, without '=': give only the expression"
        try:
            got = _parse(sp, answer, symbols)
        except Exception as exc:
            why = _parse_error(exc)
            return None, f"expected a formula, but {answer!r} cannot be read as one: {why}"
    elif isinstance(answer, (bool, np.bool_)) or answer is None:
        return None, f"{expecting}, got {answer!r}"
    elif isinstance(answer, numbers.Complex) and not isinstance(answer, numbers.Real):
        return None, f"{expecting}, got a complex number"
    elif isinstance(answer, numbers.Real):
        got = sp.sympify(float(answer) if isinstance(answer, np.floating) else answer)
    elif isinstance(answer, sp.MatrixBase):
        return None, f"{expecting}, got a matrix; give a single expression"
    elif isinstance(answer, sp.Basic):
        got = answer
    else:
        return None, f"{expecting}, got {_describe(answer)}"
    if isinstance(got, sp.MatrixBase):
        return None, f"{expecting}, got a matrix; give a single expression"
    if isinstance(got, sp.Basic) and got.is_Relational:
        return None, f"{expecting}, got an equation or inequality; give only one side"
    if isinstance(got, (bool, sp.logic.boolalg.BooleanAtom)):
        return None, f"{expecting}, got the truth value {got}"
    if not isinstance(got, sp.Expr):
        return None, f"{expecting}, got {_describe(got)}"
    got = got.doit()
    unknown = sorted(f.func.__name__ for f in got.atoms(sp.core.function.AppliedUndef))
    if unknown:
        return None, (
            f"your answer uses {', '.join(unknown)}, a function SymPy does not know; "
            "write it out with exp, log and the like"
        )
    names = sorted({s.name for s in got.free_symbols} - set(symbols))
    if names:
        tips = "".join(f" ({_TIPS[n]})" for n in names if n in _TIPS)
        return None, (
            f"your answer uses {', '.join(names)}, the exercise's symbols are "
            f"{', '.join(symbols) if symbols else 'none'}{tips}"
        )
    # match the reader's symbols to the exercise's by name, whatever their assumptions
    return got.xreplace({s: symbols[s.name] for s in got.free_symbols}), ""


def _points(domain, count=8, seed=0):
    """Seeded random points of the domain, each coordinate with two significant digits."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        point = {}
        for name, (low, high) in domain.items():
            margin = 0.05 * (high - low)
            point[name] = float(f"{rng.uniform(low + margin, high - margin):.2g}")
        yield point


def _value_at(sp, expr, symbols, point):
    exact = {symbols[n]: sp.Rational(repr(x)) for n, x in point.items()}
    try:
        v = complex(sp.N(expr.xreplace(exact), 15))
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return v if cmath.isfinite(v) else None


def _fmt(v):
    if v is None:
        return "undefined"
    if abs(v.imag) <= 1e-12 * max(1.0, abs(v.real)):
        return f"{v.real:.3g}"
    return f"{v:.3g}"


def _how_formulas_differ(sp, got, want):
    """'-1 times the expected one' or 'the expected one plus 2', when that is what it is."""
    try:
        if want != 0:
            ratio = sp.simplify(got / want)
            if ratio.is_number and ratio != 0:
                return f"your expression is {ratio} times the expected one; "
        shift = sp.simplify(got - want)
        if shift.is_number:
            return f"your expression is the expected one plus {shift}; "
    except Exception:
        pass
    return ""


def _compare_formula(answer, expected):
    sp = importlib.import_module("sympy")
    want, symbols, domain = _expected_formula(sp, expected)
    got, why = _read_formula(sp, answer, symbols)
    if got is None:
        return False, why
    if sp.simplify(got - want) == 0:
        return True, ""
    # simplify could not show they are equal: compare their values at random points
    compared, worst = 0, None
    for point in _points(domain):
        e = _value_at(sp, want, symbols, point)
        if e is None:
            continue  # outside where the expected expression is defined
        a = _value_at(sp, got, symbols, point)
        gap = math.inf if a is None else abs(a - e) / (expected.atol + expected.rtol * abs(e))
        if gap > 1 and (worst is None or gap > worst[0]):
            worst = gap, point, a, e
        compared += 1
    if worst is not None:
        _, point, a, e = worst
        at = ", ".join(f"{n} = {x:g}" for n, x in point.items())
        return False, (
            f"{_how_formulas_differ(sp, got, want)}at {at or 'any point'} your expression is "
            f"{_fmt(a)} and the expected one is {_fmt(e)}"
        )
    if compared >= 3:
        return True, ""
    return False, "your expression could not be compared with the expected one"


# ---------------------------------------------------------------- the verdict


def _compare(answer, expected):
    if expected.checker is not None:
        return expected.checker(answer)
    value = expected.value
    if expected.formula or _is_sympy(value):
        return _compare_formula(answer, expected)
    if isinstance(value, (bool, np.bool_)):
        return _compare_bool(answer, expected)
    if isinstance(value, str):
        return _compare_words(answer, expected)
    if isinstance(value, numbers.Integral):
        return _compare_whole_number(answer, expected)
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
        Your answer: a number, an array, a bool, a string, a SymPy expression (or the
        formula as a string) or a function, as the exercise asks.

    Returns
    -------
    bool
        True for a right answer. A wrong or malformed answer prints why and returns
        False; nothing raises.
    """
    answers = _answers()
    if not isinstance(exercise_id, str) or exercise_id not in answers:
        chapter = str(exercise_id).split("/")[0]
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
