"""Expected answers for chapter 23, keeping gradients alive.

Each value is worked out by hand (``math`` and ``statistics``, or a SymPy expression written
out), never with gradbook, so a bug in the library cannot make a wrong answer look right.

Two answers are SymPy expressions. Until ``check`` compares SymPy expressions itself, they use
the small checker below: the answer (a SymPy expression or a string) is equivalent to the
expected one when SymPy simplifies their difference to zero. Symbols are matched by name, so
``sp.Symbol("n")`` and ``sp.Symbol("n", positive=True)`` are the same ``n``. SymPy is imported
when an answer is checked, so that the library needs NumPy alone.
"""

import math
import statistics

from . import Expected


def _sympy_checker(expected, names, probe):
    """A checker for an answer that is an expression in the symbols ``names``.

    ``probe`` is a point (a dict name -> number) at which a wrong answer's value is reported.
    """
    where = ", ".join(names)

    def checker(answer):
        import sympy as sp

        symbols = {name: sp.Symbol(name) for name in names}
        if not isinstance(answer, (str, sp.Basic)):
            return False, f"expected a SymPy expression in {where}, got {type(answer).__name__}"
        try:
            expr = sp.sympify(answer, locals=symbols)
        except (sp.SympifyError, SyntaxError, TypeError) as exc:
            return False, f"could not read your expression: {exc}"
        expr = expr.xreplace({s: symbols.get(s.name, s) for s in expr.free_symbols})
        unknown = sorted(s.name for s in expr.free_symbols if s.name not in symbols)
        if unknown:
            return False, f"your expression uses {', '.join(unknown)}; write it in {where}"
        if sp.simplify(expr - sp.sympify(expected, locals=symbols)) == 0:
            return True, ""
        at = {symbols[name]: value for name, value in probe.items()}
        point = ", ".join(f"{name} = {value}" for name, value in probe.items())
        got = expr.subs(at)
        return False, (
            f"your expression is not equivalent to the expected one (at {point} it gives "
            f"{float(got):.6g})"
            if got.is_real
            else "your expression is not equivalent to the expected one"
        )

    return checker


# ---------------------------------------------------------------- leaky ReLU's initial scale
# E[f(z)^2] = v/2 + alpha^2 v/2 for z ~ N(0, v), so n sigma_w^2 (1 + alpha^2)/2 = 1
_LEAKY = "2/((1 + alpha**2)*n)"

# ---------------------------------------------------------------- depth factor under Glorot
# ReLU, square layers of width 256, Glorot's variance 2/(256 + 256): each layer multiplies
# Var z by n sigma_w^2 / 2 = 1/2; from layer 1 to layer 20 that is 19 factors, in std a power 19/2
_N_GLOROT, _DEPTH = 256, 20
_PER_LAYER = _N_GLOROT * (2 / (2 * _N_GLOROT)) / 2

# ---------------------------------------------------------------- running variance
_BATCHES = ([1.0, 2.0, 3.0, 6.0], [0.0, 4.0], [2.0, 2.0, 5.0])
_RHO = 0.1


def _running_var(variance, rho=_RHO, start=1.0):
    v = start
    for batch in _BATCHES:
        v = (1 - rho) * v + rho * variance(batch)
    return v


# ---------------------------------------------------------------- folding batch norm
_W = [[1.0, -2.0], [0.5, 3.0]]
_B = [0.1, -0.2]
_GAMMA, _BETA = [3.0, 0.5], [0.0, 1.0]
_MEAN, _VAR, _EPS = [0.3, -1.0], [4.0, 0.04], 1e-5
_J = range(2)  # the two features
_SCALE = [_GAMMA[j] / math.sqrt(_VAR[j] + _EPS) for j in _J]
_FOLDED_B = [(_B[j] - _MEAN[j]) * _SCALE[j] + _BETA[j] for j in _J]

# ---------------------------------------------------------------- residual branch scale
# (1 + c/2)^(D/2) = 2 with D = 100 blocks
_BLOCKS = 100
_C = 2 * (2 ** (2 / _BLOCKS) - 1)

# ---------------------------------------------------------------- dropout's variance shift
# E[y^2] = E[M^2] E[a^2] / (1 - p)^2 = E[a^2] / (1 - p) in training, E[a^2] in evaluation
_SHIFT = "1/(1 - p)"

ANSWERS = {
    "23-keeping-gradients-alive/leaky-relu-scale": Expected(
        checker=_sympy_checker(_LEAKY, ("n", "alpha"), {"n": 100, "alpha": 0.1}),
        hint="compute E[f(z)^2] for z ~ N(0, v) on each half-line, then ask that "
        "n sigma_w^2 E[f(z)^2] = v",
        right_examples=(_LEAKY, "2/(n + n*alpha**2)", "(2/n) / (1 + alpha**2)"),
        wrong_examples=(
            "2/n",  # ReLU's scale: the negative half ignored
            "1/n",  # the linear (tanh-like) scale
            "2/((1 + alpha)*n)",  # the slope not squared
            "(1 + alpha**2)/(2*n)",  # upside down
            "2/((1 + alpha**2)*m)",  # an unknown symbol
            0.02,  # a number, not an expression
        ),
    ),
    "23-keeping-gradients-alive/depth-factor": Expected(
        _PER_LAYER ** ((_DEPTH - 1) / 2),
        hint="Glorot's variance for a square layer is 1/n; each ReLU layer then multiplies the "
        "variance of z by n sigma_w^2 / 2. Count the layers between 1 and 20, and take a root",
        wrong_examples=(
            _PER_LAYER ** (_DEPTH / 2),  # twenty factors instead of nineteen
            _PER_LAYER ** (_DEPTH - 1),  # the variance, not the standard deviation
            1.0,  # He's scale assumed
            (_PER_LAYER / 2) ** ((_DEPTH - 1) / 2),  # ReLU's 1/2 counted twice
        ),
    ),
    "23-keeping-gradients-alive/running-var": Expected(
        _running_var(statistics.variance),
        hint="start from running_var = 1; each step mixes in 0.1 of the batch's unbiased "
        "variance (divide by N - 1)",
        wrong_examples=(
            _running_var(statistics.pvariance),  # the biased variance, divided by N
            _running_var(statistics.variance, rho=0.9),  # weights swapped
            _running_var(statistics.variance, start=0.0),  # started from zero
            statistics.variance(_BATCHES[-1]),  # the last batch alone
        ),
    ),
    "23-keeping-gradients-alive/fold-batchnorm": Expected(
        _FOLDED_B,
        hint="in evaluation mode batch norm is gamma (z - m) / sqrt(v + eps) + beta with "
        "z = x W + b: collect the terms that do not multiply x",
        wrong_examples=(
            [_B[j] * _SCALE[j] + _BETA[j] - _MEAN[j] for j in _J],  # the mean not scaled
            [(_B[j] - _MEAN[j]) * _GAMMA[j] / (_VAR[j] + _EPS) + _BETA[j] for j in _J],  # no root
            [(_B[j] - _MEAN[j]) * _SCALE[j] for j in _J],  # beta forgotten
            [-_MEAN[j] * _SCALE[j] + _BETA[j] for j in _J],  # the Dense bias lost
        ),
    ),
    "23-keeping-gradients-alive/residual-branch-scale": Expected(
        _C,
        hint="each block multiplies the variance of the gradient by 1 + c/2; after D blocks "
        "the standard deviation has grown by (1 + c/2)^(D/2)",
        wrong_examples=(
            2 * (2 ** (1 / _BLOCKS) - 1),  # the variance, not the std, doubled
            2 ** (2 / _BLOCKS) - 1,  # ReLU's 1/2 forgotten
            2 / _BLOCKS,  # the chapter's 2/D
        ),
    ),
    "23-keeping-gradients-alive/dropout-variance-shift": Expected(
        checker=_sympy_checker(_SHIFT, ("p",), {"p": 0.2}),
        hint="Var z = n sigma_w^2 E[y^2] in both modes; compute E[y^2] with the mask and without",
        right_examples=(_SHIFT, "-1/(p - 1)", "1 + p/(1 - p)"),
        wrong_examples=(
            "1",  # inverted dropout keeps the mean, not the second moment
            "1 - p",  # the unscaled mask's factor
            "1/(1 - p)**2",  # E[M^2] taken as (1 - p)^2
            "p/(1 - p)",  # the variance of y over the mask, relative to a^2
        ),
    ),
}
