"""Expected answers for chapter 14, the chain rule and a network by hand.

Each value is worked out with ``math`` alone (the notes' 2-2-1 network written out as scalar
formulas), never with gradbook, so a bug in the library cannot make a wrong answer look right.
"""

import math

from . import Expected


def _sigma(z):
    return 1.0 / (1.0 + math.exp(-z))


# The notes' initial parameters: w_ij from unit i of one layer to unit j of the next.
_W = dict(w11=0.2, w21=0.4, b1=0.1, w12=0.3, w22=0.1, b2=0.2, w13=0.7, w23=0.5, b3=0.3)


def _forward(p, x1, x2):
    a1 = _sigma(p["w11"] * x1 + p["w21"] * x2 + p["b1"])
    a2 = _sigma(p["w12"] * x1 + p["w22"] * x2 + p["b2"])
    y_hat = _sigma(p["w13"] * a1 + p["w23"] * a2 + p["b3"])
    return a1, a2, y_hat


def _gradients(p, x1, x2, y):
    """All nine dl/dparameter of BCE for one example, by the chain rule written out."""
    a1, a2, y_hat = _forward(p, x1, x2)
    d3 = y_hat - y
    d1 = p["w13"] * d3 * a1 * (1 - a1)
    d2 = p["w23"] * d3 * a2 * (1 - a2)
    return dict(
        w11=d1 * x1,
        w21=d1 * x2,
        b1=d1,
        w12=d2 * x1,
        w22=d2 * x2,
        b2=d2,
        w13=d3 * a1,
        w23=d3 * a2,
        b3=d3,
    )


def _loss_after_steps(eta, steps, layers=("hidden", "output")):
    p = dict(_W)
    for _ in range(steps):
        g = _gradients(p, 1.0, 0.0, 1.0)
        for name in p:
            if ("hidden" in layers and name[-1] in "12") or (
                "output" in layers and name[-1] == "3"
            ):
                p[name] -= eta * g[name]
    return -math.log(_forward(p, 1.0, 0.0)[2])


# the notes' example: x = (1, 0), y = 1
_a1, _a2, _y_hat = _forward(_W, 1.0, 0.0)
_d3 = _y_hat - 1.0
_d1 = 0.7 * _d3 * _a1 * (1 - _a1)
_d2 = 0.5 * _d3 * _a2 * (1 - _a2)

# input (1, 1)
_b1, _b2, _y_hat11 = _forward(_W, 1.0, 1.0)
_d3_11 = _y_hat11 - 1.0
_d1_11 = 0.7 * _d3_11 * _b1 * (1 - _b1)

ANSWERS = {
    # delta1 = w13 delta3 sigma'(z1) with delta3 = y_hat - 0: the forward pass ignores the label
    "14-chain-rule/delta1-y0": Expected(
        0.7 * _y_hat * _a1 * (1 - _a1),
        hint="delta1 = w13 * delta3 * sigma'(z1), and delta3 = y_hat - y; the forward pass (and so "
        "y_hat, a1) is the same as in the chapter",
        wrong_examples=(
            _y_hat,  # delta3, not delta1
            0.7 * (_y_hat - 1.0) * _a1 * (1 - _a1),  # the chapter's label, y = 1
            0.7 * _y_hat,  # sigma'(z1) forgotten
            _y_hat * _a1 * (1 - _a1),  # the weight w13 forgotten
            0.5 * _y_hat * _a1 * (1 - _a1),  # w23 in place of w13
        ),
    ),
    # dl/dw21 = delta1 * x2 with x = (1, 1)
    "14-chain-rule/dw21-x11": Expected(
        _d1_11 * 1.0,
        hint="dl/dw21 = delta1 * x2; recompute the forward pass for x = (1, 1) first (z1 = 0.7, "
        "z2 = 0.6)",
        wrong_examples=(
            0.0,  # x2 = 0 carried over from the notes' input
            _d1 * 1.0,  # delta1 of the notes' input
            0.7 * _d3_11 * 1.0,  # sigma'(z1) forgotten
        ),
    ),
    # dl/dx1 = delta1 w11 + delta2 w12: two paths
    "14-chain-rule/dL-dx1": Expected(
        _d1 * 0.2 + _d2 * 0.3,
        hint="add the two paths from x1: through z1 (weight w11) and through z2 (weight w12)",
        wrong_examples=(
            _d1 * 0.2,  # one path only
            _d1 * 0.4 + _d2 * 0.1,  # the weights from x2 (w21, w22): index slip
            _d1 * 0.2 - _d2 * 0.3,  # sign slip
        ),
    ),
    # ten steps of gradient descent with eta = 1 from the notes' weights
    "14-chain-rule/loss-after-ten-steps-eta1": Expected(
        _loss_after_steps(1.0, 10),
        hint="start from the notes' weights, take ten full steps (all nine parameters), "
        "then evaluate the loss with the new weights",
        wrong_examples=(
            _loss_after_steps(1.0, 9),  # the loss before the tenth step
            _loss_after_steps(0.1, 10),  # the chapter's eta = 0.1
            _loss_after_steps(1.0, 10, layers=("output",)),  # only the output layer updated
        ),
    ),
    # l = (sigma(w x + b) - y)^2 / 2: dl/dw = (a - y) a (1 - a) x with a = sigma(w x + b), and
    # a (1 - a) = e^{-(w x + b)} / (1 + e^{-(w x + b)})^2
    "14-chain-rule/squared-error-neuron": Expected(
        formula="(1/(1 + exp(-(w*x + b))) - y) * exp(-(w*x + b))/(1 + exp(-(w*x + b)))**2 * x",
        symbols="w x b y",
        domain={"y": (0, 1)},
        hint="four local derivatives along the path w -> u -> z -> a -> l: a - y, a (1 - a), 1, x",
        wrong_examples=(
            "(1/(1 + exp(-(w*x + b))) - y) * x",  # the sigmoid's slope missing (the BCE answer)
            "(1/(1 + exp(-(w*x + b))) - y) * exp(-(w*x + b))/(1 + exp(-(w*x + b)))**2",  # no x
            "(y - 1/(1 + exp(-(w*x + b)))) * exp(-(w*x + b))/(1 + exp(-(w*x + b)))**2 * x",  # sign
        ),
    ),
}
