"""Expected answers for chapter 22, automatic differentiation from scratch.

Each value is worked out by hand (plain Python and ``math``), never with gradbook, so a bug in
the library cannot make a wrong answer look right. Two answers are SymPy expressions: the small
checker below compares them, importing SymPy only when it is called (gradbook itself needs only
NumPy at run time).
"""

import math

from . import Expected

# Positive values for every symbol, at which a SymPy answer is also compared numerically.
_POINTS = ({"g": 1.3, "x": 0.7, "y": 2.1, "D": 9.0}, {"g": 0.4, "x": 2.5, "y": 0.3, "D": 50.0})


def _sympy_checker(expected, names):
    """Accept a SymPy expression (or a string SymPy can read) in the symbols ``names``."""

    def checker(answer):
        import sympy as sp

        symbols = {name: sp.Symbol(name) for name in names}
        if isinstance(answer, str):
            try:
                answer = sp.sympify(answer, locals=symbols)
            except (sp.SympifyError, SyntaxError, TypeError) as exc:
                return False, f"SymPy cannot read {answer!r}: {exc}"
        if not isinstance(answer, sp.Basic):
            return (
                False,
                f"expected a SymPy expression in {', '.join(names)}, got {type(answer).__name__}",
            )
        unknown = sorted(s.name for s in answer.free_symbols if s.name not in symbols)
        if unknown:
            return False, f"your expression uses {', '.join(unknown)}; use only {', '.join(names)}"
        # the reader's symbols may carry assumptions (real=True, positive=True): match by name
        answer = answer.xreplace({s: symbols[s.name] for s in answer.free_symbols})
        target = sp.sympify(expected, locals=symbols)
        if sp.simplify(answer - target) == 0:
            return True, ""
        for point in _POINTS:
            at = {symbols[n]: point[n] for n in names}
            got, want = complex(answer.subs(at).evalf()), complex(target.subs(at).evalf())
            if not math.isclose(abs(got - want), 0.0, abs_tol=1e-12 * max(1.0, abs(want))):
                return False, f"your expression is not equal to the expected one (at {point})"
        return True, ""

    return checker


# broadcast-bias: L = sum_ij (X_ij + b_j)^2, dL/db_j = sum_i 2 (X_ij + b_j)
_X = ((1.0, -2.0, 0.0), (3.0, 1.0, -1.0))
_B = (0.5, 0.0, -1.0)
_BIAS_GRAD = tuple(sum(2 * (row[j] + _B[j]) for row in _X) for j in range(3))  # (10, -2, -6)


def _sigma(v):
    return 1.0 / (1.0 + math.exp(-v))


# softplus-grad: d/dx_i of (1/3) sum log(1 + e^x) is sigma(x_i) / 3
_XS = (-1.0, 0.0, 2.0)

ANSWERS = {
    "22-autodiff/div-rule": Expected(
        checker=_sympy_checker("-g*x/y**2", ("g", "x", "y")),
        hint="differentiate q = x/y with respect to y, then multiply by the upstream gradient g",
        right_examples=("-g*x/y**2", "-x*g*y**(-2)", "g*(-x/y**2)"),
        wrong_examples=(
            "g/y",  # the share of the numerator
            "g*x/y**2",  # sign lost
            "-g/y**2",  # x forgotten
            "-x/y**2",  # the upstream gradient forgotten
            "1.0",  # not an expression in g, x, y
        ),
    ),
    "22-autodiff/broadcast-bias": Expected(
        _BIAS_GRAD,
        hint="each b_j is used once per row: add the shares 2 (X_ij + b_j) over the rows i",
        wrong_examples=(
            tuple(2 * (_X[0][j] + _B[j]) for j in range(3)),  # only the first row's share
            tuple(sum(row[j] + _B[j] for row in _X) for j in range(3)),  # factor 2 lost
            tuple(sum(2 * row[j] for row in _X) for j in range(3)),  # b forgotten
            tuple(tuple(2 * (row[j] + _B[j]) for j in range(3)) for row in _X),  # not summed back
        ),
    ),
    "22-autodiff/softplus-grad": Expected(
        tuple(_sigma(v) / 3 for v in _XS),
        hint="d/dx log(1 + e^x) = e^x / (1 + e^x); do not forget the 1/3 of the mean",
        wrong_examples=(
            tuple(_sigma(v) for v in _XS),  # the mean's 1/3 forgotten
            tuple(math.log1p(math.exp(v)) / 3 for v in _XS),  # the value, not the gradient
            tuple(math.exp(v) / 3 for v in _XS),  # d/dx e^x only
        ),
    ),
    # nodes u = tanh x, v = e^u, L = log v: after two calls v holds 2, u 3 and x 4 copies
    "22-autodiff/second-backward-factor": Expected(
        4,
        hint="follow each node through the second call: a node keeps its old gradient and "
        "receives its user's (already grown) gradient again",
        wrong_examples=(2, 1, 3),
    ),
    # a forward-mode run gives one column (784 of them), a reverse sweep one row (10)
    "22-autodiff/jacobian-passes": Expected(
        (784, 10),
        hint="forward mode: one run per input direction; reverse mode: one sweep per output",
        wrong_examples=((10, 784), (784, 1), (1, 10)),
    ),
    # M(k) = D/k + k, M'(k) = 1 - D/k^2 = 0 at k = sqrt(D)
    "22-autodiff/checkpoint-spacing": Expected(
        checker=_sympy_checker("sqrt(D)", ("D",)),
        hint="set the derivative of D/k + k with respect to k to zero",
        right_examples=("sqrt(D)", "D**(1/2)", "D**0.5"),
        wrong_examples=("D/2", "sqrt(D)/2", "2*sqrt(D)", "D"),
    ),
}
