"""Chapter 9's checkers against an independent computation and gradbook.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry's code meets numbers computed another way.
"""

import numpy as np
from sklearn.datasets import load_breast_cancer

from gradbook import losses
from gradbook.exercises.ch09_sgd_minibatch import ANSWERS


def test_variance_function_checker_accepts_a_monte_carlo_free_covariance_formula():
    def theory(G, B):
        # trace of the covariance of the rows (1/N), times the finite-population correction
        N = len(G)
        return np.trace(np.cov(G, rowvar=False, bias=True)) / B * (N - B) / (N - 1)

    checker = ANSWERS["09-sgd-minibatch/variance-function"].checker
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
    checker = ANSWERS["09-sgd-minibatch/batch-for-precision"].checker
    assert checker(B) == (True, "")
    assert checker(float(B)) == (True, "")
    assert checker(B - 1) == (False, f"{B - 1} is too small")
    assert checker(B + 1) == (False, f"{B + 1} is larger than needed")
    assert B == 191  # the number the chapter quotes
