"""Chapter 10's checkers against an independent computation and gradbook.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry's code meets numbers computed another way.
"""

import numpy as np
from sklearn.datasets import load_breast_cancer

from gradbook import losses
from gradbook.exercises.ch10_sgd_minibatch import ANSWERS


def test_variance_function_checker_accepts_a_monte_carlo_free_covariance_formula():
    def theory(G, B):
        # trace of the covariance of the rows (1/N), times the finite-population correction
        N = len(G)
        return np.trace(np.cov(G, rowvar=False, bias=True)) / B * (N - B) / (N - 1)

    checker = ANSWERS["10-sgd-minibatch/variance-function"].checker
    ok, message = checker(theory)
    assert ok, message
    ok, message = checker(lambda G, B: np.trace(np.cov(G, rowvar=False, bias=True)) / B)
    assert not ok and "for a population of N = 5 gradients and B = 2" in message


def test_batch_for_precision_is_the_smallest_batch_by_the_library_gradients():
    data = load_breast_cancer()
    X = (data.data - data.data.mean(axis=0)) / data.data.std(axis=0)
    y = data.target.astype(float)
    n = len(y)
    dl_dz = losses.binary_cross_entropy_with_logits_grad(y, np.zeros(n), reduction="none")
    G = dl_dz[:, None] * np.column_stack([X, np.ones(n)])  # per-example gradients at w = b = 0
    sigma2 = np.mean(np.sum((G - G.mean(axis=0)) ** 2, axis=1))
    target = 0.01 * np.sum(G.mean(axis=0) ** 2)
    B = next(b for b in range(1, n + 1) if sigma2 / b * (n - b) / (n - 1) <= target)
    checker = ANSWERS["10-sgd-minibatch/batch-for-precision"].checker
    assert checker(B) == (True, "")
    assert checker(float(B)) == (True, "")
    assert checker(B - 1) == (False, f"{B - 1} is too small")
    assert checker(B + 1) == (False, f"{B + 1} is larger than needed")
    assert B == 191  # the number the chapter quotes


def test_equivalent_batch_has_the_variance_of_b_draws_by_enumeration():
    from itertools import combinations

    from gradbook.exercises import _numpy_function

    B_of = _numpy_function(ANSWERS["10-sgd-minibatch/equivalent-batch"])  # (N, b)
    rng = np.random.default_rng(9)
    # integer solutions, b = B (N - 1) / (N - B): (N, b) = (7, 8), (9, 16), (5, 6), (6, 5) give
    # B = 4, 6, 3, 3
    for N, b in ((7, 8), (9, 16), (5, 6), (6, 5)):
        B = B_of(N, b)
        assert np.isclose(B, round(B), rtol=1e-12)
        B = round(B)
        X, y = rng.normal(size=(N, 3)), rng.normal(size=N)
        w = rng.normal(size=3)
        # per-example gradients of the squared error from the library, one row each
        G = losses.mse_grad(y, X @ w, reduction="none")[:, None] * X
        g_bar = G.mean(axis=0)
        sigma2 = np.mean(np.sum((G - g_bar) ** 2, axis=1))
        exact = np.mean(
            [np.sum((G[list(c)].mean(axis=0) - g_bar) ** 2) for c in combinations(range(N), B)]
        )
        assert np.isclose(exact, sigma2 / b, rtol=1e-10)
