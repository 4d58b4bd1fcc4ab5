"""Expected answers for chapter 4, binary classification.

Each value is worked by hand (a closed form written with ``math``), never computed with
gradbook, so a bug in the library cannot make a wrong answer look right.
"""

import math

from . import Expected


def _sigmoid(z):
    return 1.0 / (1.0 + math.exp(-z))


# ex-04-logistic-step: X, y, w, b of the exercise
_X = ((1.0, 2.0), (0.0, -1.0), (2.0, 0.0), (-1.0, 1.0))
_Y = (1.0, 0.0, 1.0, 0.0)
_W, _B = (0.5, -0.25), 0.1
_Z = tuple(x0 * _W[0] + x1 * _W[1] + _B for x0, x1 in _X)  # 0.1, 0.35, 1.1, -0.65
_R = tuple(_sigmoid(z) - y for z, y in zip(_Z, _Y, strict=True))  # dl/dz of each example
_GRAD_W = tuple(sum(r * x[j] for r, x in zip(_R, _X, strict=True)) / len(_X) for j in range(2))

ANSWERS = {
    # y = 0, p = 0.95: -log(1 - 0.95)
    "04-binary-classification/confident-mistake": Expected(
        -math.log(0.05),
        hint="with y = 0 only the term (1 - y) log(1 - p) survives; use the natural log",
        wrong_examples=(
            -math.log(0.95),  # the branch of the other label
            -math.log10(0.05),  # log base 10
        ),
    ),
    # sigma(-1) - 1 = -e / (1 + e)
    "04-binary-classification/logit-gradient": Expected(
        -math.e / (1.0 + math.e),
        hint="the gradient with respect to the logit is sigma(z) - y",
        wrong_examples=(
            math.e / (1.0 + math.e),  # y - sigma(z): the wrong sign
            _sigmoid(-1.0) * (1.0 - _sigmoid(-1.0)),  # the sigmoid's slope alone
            _sigmoid(-1.0),  # sigma(z), y forgotten
        ),
    ),
    # -log(eps) with eps = 1e-4
    "04-binary-classification/clip-cap": Expected(
        4.0 * math.log(10.0),
        hint="the worst clipped probability for the true label is eps itself",
        wrong_examples=(
            4.0,  # log base 10
            -math.log(1.0 - 1e-4),  # the other end of the clip
            -math.log(1e-7),  # the clip of the book's code, not of the exercise
        ),
    ),
    # margins (0.3, 2, 1.5, -0.4): hinge (0.7, 0, 0, 1.4), mean 2.1 / 4
    "04-binary-classification/hinge-batch": Expected(
        (0.7 + 0.0 + 0.0 + 1.4) / 4,
        hint="the hinge loss of one example is max(0, 1 - y s); average the four",
        wrong_examples=(
            0.7 + 1.4,  # the sum, not the mean
            (0.7 + 1.0 + 0.0 + 1.0) / 4,  # labels 0/1 instead of -1/+1
            0.4 / 4,  # max(0, -y s): the margin of 1 forgotten
        ),
    ),
    # (1/N) X^T (sigma(X w + b) - y)
    "04-binary-classification/logistic-step": Expected(
        _GRAD_W,
        hint="multiply X transposed by dJ/dz = (sigma(z) - y) / N",
        wrong_examples=(
            tuple(4 * g for g in _GRAD_W),  # the sum, not the mean
            tuple(-g for g in _GRAD_W),  # y - sigma(z)
            (_GRAD_W[0],),  # wrong shape
        ),
    ),
    # d/dz (sigma(z) - y) = sigma'(z) = e^{-z} / (1 + e^{-z})^2, free of the label y
    "04-binary-classification/logit-curvature": Expected(
        formula="exp(-z)/(1 + exp(-z))**2",
        symbols="z y",
        domain={"y": (0, 1)},
        hint="differentiate dl/dz = sigma(z) - y once more: y is a constant",
        right_examples=("1/(1 + exp(-z)) * (1 - 1/(1 + exp(-z)))", "1/(4*cosh(z/2)**2)"),
        wrong_examples=(
            "1/(1 + exp(-z)) - y",  # the first derivative
            "-exp(-z)/(1 + exp(-z))**2",  # sign flipped: that would make the loss concave
            "exp(-z)/(1 + exp(-z))",  # 1 - sigma(z): the factor sigma(z) missing
        ),
    ),
}
