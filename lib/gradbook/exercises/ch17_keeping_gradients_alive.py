"""Expected answers for chapter 17, keeping gradients alive.

Each value is worked out by hand (``math`` and ``statistics``, or a formula written out as
text), never with gradbook, so a bug in the library cannot make a wrong answer look right.
The three derivations are formulas, compared by the shared checker of ``gradbook.exercises``.
"""

import math
import statistics

from . import Expected

# ---------------------------------------------------------------- leaky ReLU's initial scale
# E[f(z)^2] = q/2 + alpha^2 q/2 for z ~ N(0, q), so n sigma_w^2 (1 + alpha^2)/2 = 1
_LEAKY = "2/((1 + alpha**2)*n)"

# ---------------------------------------------------------------- Glorot vs He, uneven widths
# 20 ReLU layers whose widths alternate: layer d maps 256 -> 64 for odd d, 64 -> 256 for even d.
# Forward, Var z^(d) = n_in(d) sigma_d^2 Var z^(d-1) / 2 for d = 2 ... 20 (19 factors).
# Backward, Var delta^(d-1) = n_out(d) sigma_d^2 Var delta^(d) / 2 for the same 19 layers.
_WIDE, _NARROW, _LAYERS = 256, 64, 20
_FAN = [(_WIDE, _NARROW) if d % 2 == 1 else (_NARROW, _WIDE) for d in range(1, _LAYERS + 1)]


def _std_ratios(variance, fans=_FAN[1:]):
    """(std of z at layer 20 / at layer 1, std of delta at layer 1 / at layer 20)."""
    forward = math.prod(n_in * variance(n_in, n_out) / 2 for n_in, n_out in fans)
    backward = math.prod(n_out * variance(n_in, n_out) / 2 for n_in, n_out in fans)
    return [math.sqrt(forward), math.sqrt(backward)]


def _glorot(n_in, n_out):
    return 2 / (n_in + n_out)


def _he(n_in, n_out):
    return 2 / n_in


_UNEVEN = [_std_ratios(_glorot)[0], _std_ratios(_he)[1]]

# ---------------------------------------------------------------- running variance
_BATCHES = ([1.0, 2.0, 3.0, 6.0], [0.0, 4.0], [2.0, 2.0, 5.0])
_RHO = 0.1


def _running_var(variance, rho=_RHO, start=1.0):
    v = start
    for batch in _BATCHES:
        v = (1 - rho) * v + rho * variance(batch)
    return v


# ---------------------------------------------------------------- batch of two
# x_hat_1 = u / sqrt(u^2 + eps) with u = (x1 - x2)/2, x_hat_2 = -x_hat_1, so
# L = gamma (G1 - G2) x_hat_1 and d x_hat_1 / d u = eps / (u^2 + eps)^(3/2), du/dx1 = 1/2
_PAIR = "gamma*(G1 - G2)*epsilon/(2*((x1 - x2)**2/4 + epsilon)**(3/2))"

# ---------------------------------------------------------------- folding batch norm
_W = [[1.0, -2.0], [0.5, 3.0]]
_B = [0.1, -0.2]
_GAMMA, _BETA = [3.0, 0.5], [0.0, 1.0]
_MEAN, _VAR, _EPS = [0.3, -1.0], [4.0, 0.04], 1e-5
_J = range(2)  # the two features
_SCALE = [_GAMMA[j] / math.sqrt(_VAR[j] + _EPS) for j in _J]
_FOLDED_W = [[_W[i][j] * _SCALE[j] for j in _J] for i in _J]
_FOLDED_B = [(_B[j] - _MEAN[j]) * _SCALE[j] + _BETA[j] for j in _J]

# ---------------------------------------------------------------- residual branch scale
# (1 + c/2)^(D/2) grows with D for c > 0, so "at most 2 for every D <= 100" binds at D = 100
_BLOCKS = 100
_C = 2 * (2 ** (2 / _BLOCKS) - 1)

# ---------------------------------------------------------------- dropout's variance shift
# E[y^2] = E[M^2] E[a^2] / (1 - p)^2 = E[a^2] / (1 - p) in training, E[a^2] in evaluation
_SHIFT = "1/(1 - p)"

ANSWERS = {
    "17-keeping-gradients-alive/leaky-relu-scale": Expected(
        formula=_LEAKY,
        positive="n alpha",
        domain={"n": (10, 1000), "alpha": (0.01, 0.5)},
        hint="compute E[f(z)^2] for z ~ N(0, q) on each half-line, then ask that "
        "n sigma_w^2 E[f(z)^2] = q",
        right_examples=(
            "2/(n + n*alpha**2)",
            "(2/n) / (1 + alpha**2)",
            "2/(n*(1 + Abs(alpha)**2))",
        ),
        wrong_examples=(
            "2/n",  # ReLU's scale: the negative half ignored
            "1/n",  # the linear (tanh-like) scale
            "2/((1 + alpha)*n)",  # the slope not squared
            "(1 + alpha**2)/(2*n)",  # upside down
            "2/((1 + alpha**2)*m)",  # an unknown symbol
        ),
    ),
    "17-keeping-gradients-alive/uneven-widths": Expected(
        _UNEVEN,
        hint="forward, layer d multiplies Var z by n_in sigma_w^2 / 2; backward, by "
        "n_out sigma_w^2 / 2; count the 19 layers between 1 and 20 and their fans",
        wrong_examples=(
            [1.0, 1.0],  # as if every layer were square
            [0.5 ** (19 / 2), 1.0],  # Glorot's square-layer factor 1/2, He telescoping to 1
            [_std_ratios(_glorot)[0], _std_ratios(_he)[1] ** 2],  # backward as a variance
            [_std_ratios(_glorot, _FAN)[0], _std_ratios(_he, _FAN)[1]],  # 20 factors, not 19
            [
                _std_ratios(lambda n_in, n_out: (1 / n_in + 1 / n_out) / 2)[0],
                _std_ratios(_he)[1],
            ],  # the arithmetic mean of 1/n_in and 1/n_out instead of Glorot's
            [_std_ratios(_glorot)[0], _std_ratios(lambda n_in, n_out: 2 / n_out)[1]],  # fan-out
        ),
    ),
    "17-keeping-gradients-alive/running-var": Expected(
        _running_var(statistics.variance),
        hint="start from running_var = 1; each step mixes in 0.1 of the batch's unbiased "
        "variance (divide by B - 1)",
        wrong_examples=(
            _running_var(statistics.pvariance),  # the biased variance, divided by B
            _running_var(statistics.variance, rho=0.9),  # weights swapped
            _running_var(statistics.variance, start=0.0),  # started from zero
            statistics.variance(_BATCHES[-1]),  # the last batch alone
        ),
    ),
    "17-keeping-gradients-alive/batch-of-two": Expected(
        formula=_PAIR,
        symbols="x1 x2 G1 G2 gamma",
        positive="epsilon",
        domain={"epsilon": (0.01, 1)},
        hint="with two examples x_hat_2 = -x_hat_1 and x_hat_1 depends on x1 - x2 alone; "
        "differentiate u / sqrt(u^2 + epsilon) with u = (x1 - x2)/2",
        right_examples=(
            "4*gamma*(G1 - G2)*epsilon/((x1 - x2)**2 + 4*epsilon)**(3/2)",
            "gamma*(G1 - G2)*epsilon*(((x1 - x2)/2)**2 + epsilon)**(-1.5)/2",
        ),
        wrong_examples=(
            "0",  # epsilon dropped: the exact-zero answer of epsilon = 0
            "gamma*(G1 - G2)/2",  # the normalisation forgotten
            "gamma*(G1 - G2)*epsilon/(2*((x1 - x2)**2/4 + epsilon))",  # the power 3/2 lost
            "gamma*(G1 - G2)*epsilon/((x1 - x2)**2/4 + epsilon)**(3/2)",  # du/dx1 = 1/2 lost
        ),
    ),
    "17-keeping-gradients-alive/fold-batchnorm": Expected(
        [*_FOLDED_W, _FOLDED_B],
        hint="in evaluation mode batch norm is gamma (z - m) / sqrt(v + eps) + beta with "
        "z = x W + b: the terms that multiply x give W', the others b'",
        wrong_examples=(
            [*_FOLDED_W, [_B[j] * _SCALE[j] + _BETA[j] - _MEAN[j] for j in _J]],  # mean unscaled
            [
                *[[_W[i][j] * _GAMMA[j] / (_VAR[j] + _EPS) for j in _J] for i in _J],
                [(_B[j] - _MEAN[j]) * _GAMMA[j] / (_VAR[j] + _EPS) + _BETA[j] for j in _J],
            ],  # the root forgotten
            [*_FOLDED_W, [(_B[j] - _MEAN[j]) * _SCALE[j] for j in _J]],  # beta forgotten
            [*[[_W[i][j] * _SCALE[i] for j in _J] for i in _J], _FOLDED_B],  # rows scaled
            [*_W, _FOLDED_B],  # W left as it was
        ),
    ),
    "17-keeping-gradients-alive/residual-branch-scale": Expected(
        _C,
        hint="each block multiplies the variance of the gradient by 1 + c/2; after D blocks "
        "the standard deviation has grown by (1 + c/2)^(D/2): for which D is that largest?",
        wrong_examples=(
            2 * (2 ** (1 / _BLOCKS) - 1),  # the variance, not the std, doubled
            2 ** (2 / _BLOCKS) - 1,  # ReLU's 1/2 forgotten
            2 / _BLOCKS,  # the chapter's 2/D
            6.0,  # the condition imposed at D = 1 instead of the deepest network
        ),
    ),
    "17-keeping-gradients-alive/dropout-variance-shift": Expected(
        formula=_SHIFT,
        symbols="p",
        domain={"p": (0, 0.9)},
        hint="Var z = n sigma_w^2 E[y^2] in both modes; compute E[y^2] with the mask and without",
        right_examples=("-1/(p - 1)", "1 + p/(1 - p)", "Piecewise((1/(1 - p), p < 1), (0, True))"),
        wrong_examples=(
            "1",  # inverted dropout keeps the mean, not the second moment
            "1 - p",  # the unscaled mask's factor
            "1/(1 - p)**2",  # E[M^2] taken as (1 - p)^2
            "p/(1 - p)",  # the variance of y over the mask, relative to a^2
        ),
    ),
}
