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


def _support_vectors_checker(answer):
    """The indices (any order, any collection) of the examples with margin at most 1."""
    if isinstance(answer, str) or not hasattr(answer, "__iter__"):
        return False, "expected a collection of indices, such as {0, 1}"
    try:
        got = {int(i) for i in answer}
    except (TypeError, ValueError):
        return False, "expected whole-number indices"
    if got == {0, 3}:
        return True, ""
    if got == {3}:
        return False, "a correctly classified example with margin below 1 is a support vector too"
    return False, "compute each margin y z and keep those at most 1"


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
    # soft label 0.9, clip eps = 1e-4: largest at p = eps, -0.9 log eps - 0.1 log(1 - eps)
    "04-binary-classification/clip-cap": Expected(
        -0.9 * math.log(1e-4) - 0.1 * math.log(1.0 - 1e-4),
        hint="for y = 0.9 the loss falls as p rises to 0.9: its largest clipped value is at eps",
        wrong_examples=(
            4.0 * math.log(10.0),  # the cap of a hard label, -log eps
            -0.1 * math.log(1e-4) - 0.9 * math.log(1.0 - 1e-4),  # the other end of the clip
            -0.9 * math.log10(1e-4) - 0.1 * math.log10(1.0 - 1e-4),  # log base 10
        ),
    ),
    # sigma(30) > 1 - 1e-4 is clipped: the loss is constant there, its gradient 0
    "04-binary-classification/clip-gradient": Expected(
        0.0,
        hint="where the clip is active the loss does not depend on the probability at all",
        wrong_examples=(1.0, _sigmoid(30.0), -1.0),  # 1 or sigma(30): the gradient from logits
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
    # margins (0.3, 2, 1.5, -0.4): the first and the last are at most 1
    "04-binary-classification/support-vectors": Expected(
        checker=_support_vectors_checker,
        hint="a support vector has margin y z at most 1, misclassified ones included",
        right_examples=({0, 3}, [0, 3], (3, 0)),
        wrong_examples=({3}, {0}, {0, 1, 2, 3}, {1, 2}, "0, 3"),
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
    # d/dw1 log(1 + exp(-y (w1 x1 + w2 x2 + b))) = -y x1 sigma(-y z)
    "04-binary-classification/logistic-weight-gradient": Expected(
        formula="-y*x1/(1 + exp(y*(w1*x1 + w2*x2 + b)))",
        symbols="y x1 x2 w1 w2 b",
        hint="differentiate log(1 + e^u) with u = -y z, then z with respect to w1",
        right_examples=("-y*x1*exp(-y*(w1*x1 + w2*x2 + b))/(1 + exp(-y*(w1*x1 + w2*x2 + b)))",),
        wrong_examples=(
            "y*x1/(1 + exp(y*(w1*x1 + w2*x2 + b)))",  # the sign
            "-y/(1 + exp(y*(w1*x1 + w2*x2 + b)))",  # dz/dw1 = x1 forgotten
            "-y*x1/(1 + exp(-y*(w1*x1 + w2*x2 + b)))",  # sigma(yz) instead of sigma(-yz)
        ),
    ),
    # J = (bce_1 + bce_2) / 2, z_i = w x_i + b: H = (1/2) [[sum s x^2, sum s x], [sum s x, sum s]]
    # with s_i = sigma(z_i)(1 - sigma(z_i)); det H = (1/4) s_1 s_2 (x_1 - x_2)^2, free of the labels
    "04-binary-classification/hessian-determinant": Expected(
        formula=(
            "exp(-(w*x1 + b))/(1 + exp(-(w*x1 + b)))**2"
            " * exp(-(w*x2 + b))/(1 + exp(-(w*x2 + b)))**2 * (x1 - x2)**2 / 4"
        ),
        symbols="w b x1 x2 y1 y2",
        domain={
            "w": (-2, 2),
            "b": (-2, 2),
            "x1": (-2, 2),
            "x2": (-2, 2),
            "y1": (0, 1),
            "y2": (0, 1),
        },
        hint="the Hessian's entries are sums of s_i x_i^2, s_i x_i and s_i with s_i = "
        "sigma(z_i)(1 - sigma(z_i)), each halved; the labels drop out",
        right_examples=("cosh((w*x1 + b)/2)**(-2) * cosh((w*x2 + b)/2)**(-2) * (x1 - x2)**2 / 64",),
        wrong_examples=(
            # the sum, not the mean: 4 times larger
            "exp(-(w*x1 + b))/(1 + exp(-(w*x1 + b)))**2"
            " * exp(-(w*x2 + b))/(1 + exp(-(w*x2 + b)))**2 * (x1 - x2)**2",
            # the trace instead of the determinant
            "(exp(-(w*x1 + b))/(1 + exp(-(w*x1 + b)))**2 * (x1**2 + 1)"
            " + exp(-(w*x2 + b))/(1 + exp(-(w*x2 + b)))**2 * (x2**2 + 1)) / 2",
            # (x1 + x2)^2: a sign lost in the off-diagonal entry
            "exp(-(w*x1 + b))/(1 + exp(-(w*x1 + b)))**2"
            " * exp(-(w*x2 + b))/(1 + exp(-(w*x2 + b)))**2 * (x1 + x2)**2 / 4",
        ),
    ),
}
