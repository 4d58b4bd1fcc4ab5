"""Expected answers for chapter 22, automatic differentiation from scratch.

Each value is worked out by hand (plain Python and ``math``, formulas as text), never with
gradbook, so a bug in the library cannot make a wrong answer look right.
"""

import math

from . import Expected

# broadcast-bias: L = sum_ij (X_ij + b_j)^2, dL/db_j = sum_i 2 (X_ij + b_j)
_X = ((1.0, -2.0, 0.0), (3.0, 1.0, -1.0))
_B = (0.5, 0.0, -1.0)
_BIAS_GRAD = tuple(sum(2 * (row[j] + _B[j]) for row in _X) for j in range(3))  # (10, -2, -6)


def _sigma(v):
    return 1.0 / (1.0 + math.exp(-v))


# softplus-grad: d/dx_i of (1/3) sum log(1 + e^x) is sigma(x_i) / 3
_XS = (-1.0, 0.0, 2.0)

ANSWERS = {
    # q = x/y: dq/dy = -x/y^2, times the upstream gradient g
    "22-autodiff/div-rule": Expected(
        formula="-g*x/y**2",
        symbols="g x y",
        domain={"y": (0.5, 3)},
        hint="differentiate q = x/y with respect to y, then multiply by the upstream gradient g",
        right_examples=("-x*g*y**(-2)", "g*(-x/y^2)"),
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
        formula="sqrt(D)",
        positive="D",
        hint="set the derivative of D/k + k with respect to k to zero",
        right_examples=("D**(1/2)", "D**0.5"),
        wrong_examples=("D/2", "sqrt(D)/2", "2*sqrt(D)", "D"),
    ),
}
