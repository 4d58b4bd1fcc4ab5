"""Chapter 3's expected answers (written with NumPy formulas alone) against gradbook.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry, built independently of the library, meets the library's numbers.
"""

import numpy as np

from gradbook import losses
from gradbook.exercises.ch03_regression_losses import ANSWERS


def test_half_mse_learning_rate_limit_is_where_gradient_descent_stops_converging():
    y = np.array([1.0, 4.0, 2.5, 6.0])
    limit = ANSWERS["03-regression-losses/half-mse-lr"].value

    def run(lr, steps=300):
        theta = 10.0
        for _ in range(steps):
            theta -= lr * 0.5 * losses.mse_grad(y, np.full(4, theta)).sum()
        return theta

    assert np.isclose(run(0.9 * limit), y.mean())
    assert abs(run(1.1 * limit)) > 1e3


def test_pseudo_huber_gradient_matches_finite_differences():
    import sympy as sp

    checker = ANSWERS["03-regression-losses/pseudo-huber-gradient"].checker
    assert checker(sp.sympify("delta*r/sqrt(delta**2 + r**2)"))[0]
    r, delta, h = np.linspace(-5, 5, 11), 1.7, 1e-6

    def value(x):
        return delta**2 * (np.sqrt(1 + (x / delta) ** 2) - 1)

    numeric = (value(r + h) - value(r - h)) / (2 * h)
    assert np.allclose(numeric, r / np.sqrt(1 + (r / delta) ** 2), rtol=1e-7)


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
