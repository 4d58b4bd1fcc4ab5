"""Expected answers for chapter 6, information theory: entropy, cross-entropy, KL.

Each value is worked by hand (a closed form written out with ``math``), never computed
with gradbook, so a bug in the library cannot make a wrong answer look right.
"""

import math

from . import Expected

# ---------------------------------------------------------------- KL in both directions
_P = (0.7, 0.2, 0.1)
_Q = (0.2, 0.5, 0.3)
_KL_PQ = sum(a * math.log(a / b) for a, b in zip(_P, _Q, strict=True))
_KL_QP = sum(b * math.log(b / a) for a, b in zip(_P, _Q, strict=True))

# ---------------------------------------------------------------- Gaussian KL
# KL(N(m1, s1^2) || N(m2, s2^2)) = log(s2/s1) + (s1^2 + (m1 - m2)^2) / (2 s2^2) - 1/2
_GAUSS_CASES = (
    (0.0, 1.0, 0.0, 1.0),
    (0.8, 0.5, 0.0, 1.0),
    (1.0, 0.7, -0.5, 2.0),
    (-2.0, 3.0, 1.5, 0.4),
    (0.3, 0.2, 0.3, 0.9),
)


def _kl_normal(m1, s1, m2, s2):
    return math.log(s2 / s1) + (s1 * s1 + (m1 - m2) ** 2) / (2 * s2 * s2) - 0.5


def _check_gaussian_kl(answer):
    if not callable(answer):
        return (
            False,
            f"expected a function kl_normal(m1, sigma1, m2, sigma2), got {type(answer).__name__}",
        )
    for case in _GAUSS_CASES:
        got = float(answer(*case))
        want = _kl_normal(*case)
        if not math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12):
            return (
                False,
                f"at (m1, sigma1, m2, sigma2) = {case} your function gives {got:.6g}, "
                f"expected {want:.6g}",
            )
    return True, ""


# ---------------------------------------------------------------- distillation gradient
# v = (2, 1, 0), z = (0, 0, 0), T = 2: gradient of T^2 H(softmax(v/T), softmax(z/T)) is T (q - p)
_T = 2.0
_E = [math.exp(v / _T) for v in (2.0, 1.0, 0.0)]
_P_T = [e / sum(_E) for e in _E]
_Q_T = [1 / 3] * 3
_DIFF = [q - p for q, p in zip(_Q_T, _P_T, strict=True)]

ANSWERS = {
    # (1/2)(1) + (1/4)(2) + (1/8)(3) + (1/8)(3) bits
    "06-information-theory/entropy-bits": Expected(
        1.75,
        hint="use log base 2: the surprises of the four symbols are 1, 2, 3 and 3 bits",
        wrong_examples=(
            1.75 * math.log(2),  # in nats
            1.75 * math.log10(2),  # log base 10
            2.0,  # log2(4): the entropy of a uniform source over four symbols
        ),
    ),
    "06-information-theory/kl-both-directions": Expected(
        [_KL_PQ, _KL_QP],
        hint="KL(p || q) averages log(p/q) under p; KL(q || p) averages log(q/p) under q",
        wrong_examples=(
            [_KL_QP, _KL_PQ],  # the two directions swapped
            [_KL_PQ / math.log(2), _KL_QP / math.log(2)],  # in bits
            [_KL_PQ, _KL_PQ],  # assumed symmetric
            [
                -sum(a * math.log(b) for a, b in zip(_P, _Q, strict=True)),
                -sum(b * math.log(a) for a, b in zip(_P, _Q, strict=True)),
            ],  # cross-entropies
        ),
    ),
    "06-information-theory/gaussian-kl": Expected(
        checker=_check_gaussian_kl,
        hint="log(sigma2/sigma1) + (sigma1^2 + (m1 - m2)^2) / (2 sigma2^2) - 1/2",
        right_examples=(
            _kl_normal,
            lambda m1, s1, m2, s2: (
                0.5 * (math.log(s2**2 / s1**2) + (s1**2 + (m1 - m2) ** 2) / s2**2 - 1)
            ),
        ),
        wrong_examples=(
            lambda m1, s1, m2, s2: _kl_normal(m2, s2, m1, s1),  # the other direction
            lambda m1, s1, m2, s2: (
                math.log(s2 / s1) + (s1**2 + (m1 - m2) ** 2) / (2 * s2**2)
            ),  # no -1/2
            lambda m1, s1, m2, s2: (
                math.log(s2**2 / s1**2) + (s1**2 + (m1 - m2) ** 2) / (2 * s2**2) - 0.5
            ),  # log of variances
            lambda m1, s1, m2, s2: (
                math.log(s2 / s1) + (s1 + (m1 - m2) ** 2) / (2 * s2) - 0.5
            ),  # sd used as variance
        ),
    ),
    "06-information-theory/distillation-gradient": Expected(
        [_T * d for d in _DIFF],
        hint="the gradient of H(p_T, q_T) with respect to z is (q_T - p_T) / T; times T^2",
        wrong_examples=(
            _DIFF,  # the T^2 scaling forgotten
            [d / _T for d in _DIFF],  # gradient of the unscaled loss
            [_T * _T * d for d in _DIFF],  # the 1/T of the chain rule forgotten
            [-_T * d for d in _DIFF],  # target minus prediction
        ),
    ),
    # I(X; Y) = H(Y) - H(Y | X) = log 2 - H(psi, 1 - psi) for a fair bit through a flip channel
    "06-information-theory/channel-information": Expected(
        formula="log(2) + psi*log(psi) + (1 - psi)*log(1 - psi)",
        positive="psi",
        domain={"psi": (0, 1)},
        hint="H(Y) = log 2, and H(Y | X) is the entropy of a coin with probability psi",
        right_examples=("log(2) - (-psi*log(psi) - (1 - psi)*log(1 - psi))",),
        wrong_examples=(
            "-psi*log(psi) - (1 - psi)*log(1 - psi)",  # H(Y | X), not the information
            "1 + psi*log(psi) + (1 - psi)*log(1 - psi)",  # one bit, written in nats as 1
            "log(2) + psi*log(psi)",  # one term of the conditional entropy forgotten
        ),
    ),
    # d/dp [-p log p - (1 - p) log(1 - p)] = (-log p - 1) + (log(1 - p) + 1), in nats
    "06-information-theory/binary-entropy-slope": Expected(
        formula="log(1 - p) - log(p)",
        positive="p",
        domain={"p": (0, 1)},
        hint="differentiate each p log p term with the product rule; the two 1s cancel",
        right_examples=("log((1 - p)/p)", "-log(p/(1 - p))"),
        wrong_examples=(
            "log(p) - log(1 - p)",  # sign flipped
            "-log(p) - 1",  # only the first term differentiated
            "(log(1 - p) - log(p))/log(2)",  # in bits: a factor 1/log 2 too many
        ),
    ),
}
