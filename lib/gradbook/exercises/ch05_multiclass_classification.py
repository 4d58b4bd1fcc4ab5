"""Expected answers for chapter 5, multi-class classification.

Each value is worked by hand (fractions and closed forms written with ``math``), never
computed with gradbook, so a bug in the library cannot make a wrong answer look right.
"""

import math

from . import Expected

_S = "(exp(z1) + exp(z2) + exp(z3))"  # the softmax's denominator for K = 3
_M = f"((exp(z1) - exp(z2))/{_S})"  # yhat_1 - yhat_2
_P = f"((exp(z1) + exp(z2))/{_S})"  # yhat_1 + yhat_2

ANSWERS = {
    # softmax(0, log 3, log 4): exponentials 1, 3, 4, sum 8
    "05-multiclass-classification/softmax-by-hand": Expected(
        (1 / 8, 3 / 8, 4 / 8),
        hint="exponentiate each logit (e^{log 3} = 3), then divide by the sum",
        wrong_examples=(
            (1.0, 3.0, 4.0),  # exponentials not normalised
            (
                0.0,
                math.log(3) / math.log(12),
                math.log(4) / math.log(12),
            ),  # logits divided by their sum
            (4 / 8, 3 / 8, 1 / 8),  # reversed
        ),
    ),
    # yhat - y with yhat = (1, 3, 4)/8 and y = (0, 1, 0)
    "05-multiclass-classification/gradient-by-hand": Expected(
        (1 / 8, 3 / 8 - 1, 4 / 8),
        hint="the gradient with respect to the logits is yhat - y",
        wrong_examples=(
            (-1 / 8, 1 - 3 / 8, -4 / 8),  # y - p: the wrong sign
            (0.0, -8 / 3, 0.0),  # -y / yhat: the gradient with respect to the probabilities
            (1 / 8, 3 / 8, 4 / 8),  # yhat alone, y forgotten
        ),
    ),
    # (1 - eps) * onehot + eps / K with K = 5, eps = 0.1, class 2
    "05-multiclass-classification/smoothed-target": Expected(
        (0.02, 0.02, 0.92, 0.02, 0.02),
        hint="every class gets eps/K, and the true class gets 1 - eps on top",
        wrong_examples=(
            (
                0.025,
                0.025,
                0.9,
                0.025,
                0.025,
            ),  # eps / (K - 1) for the others, 1 - eps for the true class
            (0.02, 0.02, 0.9, 0.02, 0.02),  # eps/K not added to the true class (does not sum to 1)
            (0.02, 0.92, 0.02, 0.02, 0.02),  # class counted from 1
        ),
    ),
    # at the minimum yhat = the smoothed target (0.91, 0.01 x 9): the loss is its entropy
    "05-multiclass-classification/smoothed-minimum": Expected(
        -(0.91 * math.log(0.91) + 9 * 0.01 * math.log(0.01)),
        hint="at the minimum the softmax equals the smoothed target; evaluate the loss there",
        wrong_examples=(
            0.0,  # the minimum of the hard-target loss
            math.log(91.0),  # the optimal gap, not the loss
            -math.log(0.91),  # only the true class's term
            -(0.91 * math.log(0.91) + 0.01 * math.log(0.01)),  # one wrong class, not nine
        ),
    ),
    # 1000 + log(3 + e^-1)
    "05-multiclass-classification/logsumexp": Expected(
        1000.0 + math.log(3.0 + math.exp(-1.0)),
        rtol=1e-12,  # the answer is near 1000; the interesting part is the 1.2 after it
        hint="subtract the largest logit m, take log(sum(exp(z - m))), then add m back",
        wrong_examples=(
            1000.0,  # the maximum alone
            1000.0 + math.log(4.0),  # all four treated as equal to the maximum
            1000.0 + math.log10(3.0 + math.exp(-1.0)),  # log base 10
        ),
    ),
    # d^3/dt^3 l(z + t v) with v = (1, -1, 0): the third cumulant of v_k under yhat,
    # E[v^3] - 3 E[v^2] E[v] + 2 E[v]^3 with E[v] = E[v^3] = yhat_1 - yhat_2 = m and
    # E[v^2] = yhat_1 + yhat_2 = s, so m - 3 s m + 2 m^3, for every true class
    "05-multiclass-classification/curvature-change": Expected(
        formula=f"{_M} - 3*{_P}*{_M} + 2*{_M}**3",
        symbols="z1 z2 z3",
        domain={"z1": (-3, 3), "z2": (-3, 3), "z3": (-3, 3)},
        hint="along v the loss is a linear term plus log sum_k exp(z_k + t v_k); the derivatives "
        "of the log-sum-exp in t are the mean, variance and third central moment of v_k",
        right_examples=(
            # the third central moment written out, sum_k yhat_k (v_k - m)^3
            f"(exp(z1)*(1 - {_M})**3 + exp(z2)*(-1 - {_M})**3 + exp(z3)*(-{_M})**3)/{_S}",
        ),
        wrong_examples=(
            f"-({_M} - 3*{_P}*{_M} + 2*{_M}**3)",  # the sign of the log-likelihood
            f"{_P} - {_M}**2",  # the curvature itself, the second derivative
            f"{_M}",  # the raw moment E[v^3], not centred
            f"{_M} - 3*{_P}*{_M} + {_M}**3",  # a factor 2 lost on m^3
        ),
    ),
    # l(T) = -z_1/T + log sum_k exp(z_k/T), so dl/dT = (z_1 - sum_k p_k z_k) / T^2 with
    # p = softmax(z/T)
    "05-multiclass-classification/temperature-derivative": Expected(
        formula="(z_1 - (z_1*exp(z_1/T) + z_2*exp(z_2/T) + z_3*exp(z_3/T))"
        " / (exp(z_1/T) + exp(z_2/T) + exp(z_3/T))) / T**2",
        symbols="z_1 z_2 z_3",
        positive="T",
        domain={"T": (0.3, 3)},
        hint="write l = -z_1/T + log(sum of exp(z_k/T)); d(z_k/T)/dT = -z_k/T^2",
        wrong_examples=(
            "((z_1*exp(z_1/T) + z_2*exp(z_2/T) + z_3*exp(z_3/T))"
            " / (exp(z_1/T) + exp(z_2/T) + exp(z_3/T)) - z_1) / T**2",  # sign flipped
            "(z_1 - (z_1*exp(z_1/T) + z_2*exp(z_2/T) + z_3*exp(z_3/T))"
            " / (exp(z_1/T) + exp(z_2/T) + exp(z_3/T))) / T",  # a factor 1/T missing
            "exp(z_1/T) / (exp(z_1/T) + exp(z_2/T) + exp(z_3/T)) - 1",  # dl/dz_1, not dl/dT
        ),
    ),
}
