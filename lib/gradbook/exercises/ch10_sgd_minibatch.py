"""Expected answers for chapter 10, batch, stochastic and mini-batch gradient descent.

Each value is worked by hand (a closed form) or by plain NumPy written out here, never
computed with gradbook, so a bug in the library cannot make a wrong answer look right.
"""

import math
from itertools import combinations

import numpy as np

from . import Expected, _as_whole_number


def _exact_variance(G, B):
    """E|g_hat - g_bar|^2 over every batch of B distinct rows of G, by enumeration."""
    g_bar = G.mean(axis=0)
    sq = [np.sum((G[list(c)].mean(axis=0) - g_bar) ** 2) for c in combinations(range(len(G)), B)]
    return float(np.mean(sq))


def _check_variance_function(answer):
    if not callable(answer):
        return False, f"expected a function theory(G, B), got {type(answer).__name__}"
    rng = np.random.default_rng(20240909)
    for n, d in ((5, 2), (7, 3)):
        G = rng.normal(size=(n, d)) * rng.uniform(0.5, 2.0, size=d) + rng.normal(size=d)
        for B in range(1, n + 1):
            expected = _exact_variance(G, B)
            got = answer(G.copy(), B)
            try:
                got = float(got)
            except (TypeError, ValueError):
                return False, f"theory(G, {B}) returned {type(got).__name__}, not a number"
            if not np.isclose(got, expected, rtol=1e-9, atol=1e-12):
                return False, (
                    f"for a population of N = {n} gradients and B = {B}, "
                    f"your function gives {got:.6g} "
                    f"but the average over all {math.comb(n, B)} batches is {expected:.6g}"
                )
    return True, ""


def _sigma2(G):
    return np.mean(np.sum((G - G.mean(axis=0)) ** 2, axis=1))


def _breast_cancer_batch():
    """The smallest B with E|g_hat - g_bar|^2 <= 0.01 |g_bar|^2 at w = 0, b = 0 (plain NumPy)."""
    from sklearn.datasets import load_breast_cancer

    data = load_breast_cancer()
    X = (data.data - data.data.mean(axis=0)) / data.data.std(axis=0)
    y = data.target.astype(float)
    n = len(y)
    G = (0.5 - y)[:, None] * np.column_stack([X, np.ones(n)])  # sigmoid(0) - y times (x, 1)
    sigma2, target = _sigma2(G), 0.01 * np.sum(G.mean(axis=0) ** 2)
    for B in range(1, n + 1):
        if sigma2 / B * (n - B) / (n - 1) <= target:
            return B
    return n


_CACHE = {}


def _check_batch_for_precision(answer):
    n, why = _as_whole_number(answer)
    if n is None:
        return False, why
    if "B" not in _CACHE:
        _CACHE["B"] = _breast_cancer_batch()
    B = _CACHE["B"]
    if n == B:
        return True, ""
    return False, f"{n} is {'too small' if n < B else 'larger than needed'}"


ANSWERS = {
    # ceil(442 / 50): 8 full batches of 50 and one of 42
    "10-sgd-minibatch/updates-per-epoch": Expected(
        9,
        hint="count the batches, including the last, smaller one",
        wrong_examples=(8, 10, 8.84),  # the last batch forgotten; one too many; 442 / 50
    ),
    # [sigma^2/16 (N-16)/(N-1)] / [sigma^2/64 (N-64)/(N-1)] = 4 (N-16)/(N-64)
    "10-sgd-minibatch/variance-ratio": Expected(
        4 * (442 - 16) / (442 - 64),
        hint="the variance is sigma^2/B (N - B)/(N - 1); sigma^2 and N - 1 cancel in the ratio",
        wrong_examples=(
            4.0,
            2.0,
            4 * 378 / 426,
        ),  # no correction; the standard-deviation ratio; upside down
    ),
    "10-sgd-minibatch/variance-function": Expected(
        checker=_check_variance_function,
        hint="sigma^2 is the mean (1/N) of the squared distances of the rows from their mean; "
        "multiply sigma^2/B by (N - B)/(N - 1)",
        right_examples=(
            lambda G, B: _sigma2(G) / B * (len(G) - B) / (len(G) - 1),
            # the same with the 1/(N-1) sample variance: s^2/B (N - B)/N
            lambda G, B: np.sum(np.var(G, axis=0, ddof=1)) / B * (len(G) - B) / len(G),
        ),
        wrong_examples=(
            lambda G, B: _sigma2(G) / B,  # with replacement: no correction
            lambda G, B: (
                np.sum(np.var(G, axis=0, ddof=1)) / B * (len(G) - B) / (len(G) - 1)
            ),  # ddof=1 and N - 1
            lambda G, B: _sigma2(G) / B * (len(G) - B) / len(G),  # correction with N, not N - 1
            "sigma^2 / B",
        ),
    ),
    "10-sgd-minibatch/batch-for-precision": Expected(
        checker=_check_batch_for_precision,
        hint="the RMS error is sqrt(sigma^2/B (N-B)/(N-1)); compare its square with 0.01 |g_bar|^2",
        right_examples=(191, 191.0),
        wrong_examples=(100, 569, 190.5, 190),
    ),
    # sigma^2 / B (N - B) / (N - 1) = sigma^2 / b  <=>  b (N - B) = B (N - 1)
    "10-sgd-minibatch/equivalent-batch": Expected(
        formula="b*N / (N + b - 1)",
        positive="N b",
        hint="set the without-replacement variance equal to sigma^2 / b and solve for B: sigma^2 "
        "cancels and the equation is linear in B",
        wrong_examples=(
            "b",  # the finite-population correction forgotten
            "b*N / (N - 1)",  # the correction applied to b draws, not solved for B
            "b*N / (N + b)",  # N - 1 taken as N
        ),
    ),
}
