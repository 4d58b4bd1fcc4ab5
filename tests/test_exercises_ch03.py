"""Chapter 3's expected answers (written with NumPy formulas alone) against gradbook.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry, built independently of the library, meets the library's numbers.
"""

import numpy as np

from gradbook import losses
from gradbook.exercises.ch03_regression_losses import ANSWERS


def test_half_mse_learning_rate_gives_identical_steps():
    rng = np.random.default_rng(0)
    y, start = rng.normal(size=5), rng.normal(size=5)
    lr_half = ANSWERS["03-regression-losses/half-mse-lr"].value
    assert np.allclose(
        start - 0.1 * losses.mse_grad(y, start),
        start - lr_half * 0.5 * losses.mse_grad(y, start),
        rtol=1e-12,
    )


def test_mae_minimiser_interval_is_where_the_library_cost_is_minimal():
    y = np.array([1.0, 2.0, 3.0, 7.0, 20.0, 21.0])
    checker = ANSWERS["03-regression-losses/mae-minimiser"].checker
    grid = np.linspace(0, 22, 2201)
    costs = np.array([losses.mae(y, np.full(6, m)) for m in grid])
    minimal = np.isclose(costs, costs.min(), rtol=1e-12)
    for m, is_min in zip(grid, minimal, strict=True):
        assert checker(float(m))[0] == bool(is_min), m


def test_huber_gradient_matches_the_library():
    got = losses.huber_grad([1.0, 2.0, 0.5, -1.0], [-2.0, 2.5, 0.7, 1.0], delta=1.0)
    assert np.allclose(ANSWERS["03-regression-losses/huber-gradient"].value, got, rtol=1e-12)


def test_huber_function_checker_accepts_the_library():
    checker = ANSWERS["03-regression-losses/huber-function"].checker
    ok, message = checker(lambda r, d: losses.huber(np.zeros_like(r), r, delta=d, reduction="none"))
    assert ok, message
