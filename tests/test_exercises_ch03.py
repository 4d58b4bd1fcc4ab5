"""Chapter 3's expected answers (written with NumPy formulas alone) against gradbook.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry, built independently of the library, meets the library's numbers.
"""

import numpy as np
from scipy import optimize
from sklearn.datasets import load_diabetes

from gradbook import losses
from gradbook.exercises import _numpy_function
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


def test_pseudo_huber_gradient_formula_matches_finite_differences_and_the_library_limits():
    gradient = _numpy_function(ANSWERS["03-regression-losses/pseudo-huber-gradient"])  # (r, delta)
    r, delta, h = np.linspace(-5, 5, 11), 1.7, 1e-6

    def value(x):
        return delta**2 * (np.sqrt(1 + (x / delta) ** 2) - 1)

    numeric = (value(r + h) - value(r - h)) / (2 * h)
    assert np.allclose(gradient(r, delta), numeric, rtol=1e-7, atol=1e-10)
    # like Huber's: the half MSE's gradient r near 0, a pull of size delta far out
    half_mse_grad = losses.mse_grad(np.zeros(11), r, reduction="none") / 2
    assert np.allclose(gradient(r, 1e4), half_mse_grad, rtol=1e-6)
    far = np.array([-1e6, 1e6])
    huber_grad = losses.huber_grad(np.zeros(2), far, delta=delta, reduction="none")
    assert np.allclose(gradient(far, delta), huber_grad, rtol=1e-9)


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


def test_huber_resembles_answer_is_what_exact_fits_of_the_chapters_first_split_give():
    """The chapter's split (seed 0): its MSE, MAE and Huber lines, fitted exactly, not by GD."""
    diabetes = load_diabetes(scaled=False)
    bmi = diabetes.data[:, diabetes.feature_names.index("bmi")]
    rng = np.random.default_rng(0)
    train = rng.permutation(len(diabetes.target))[:300]
    x = (bmi[train] - bmi[train].mean()) / bmi[train].std()
    y = diabetes.target[train].copy()
    y[rng.choice(np.flatnonzero(x < 0), size=30, replace=False)] += 400.0
    A = np.column_stack([x, np.ones_like(x)])
    n = len(y)
    mse_fit = np.linalg.lstsq(A, y, rcond=None)[0]
    # least absolute deviations as a linear programme: min sum(u + v), A theta + u - v = y
    lad = optimize.linprog(
        np.r_[0.0, 0.0, np.ones(2 * n)],
        A_eq=np.column_stack([A, np.eye(n), -np.eye(n)]),
        b_eq=y,
        bounds=[(None, None)] * 2 + [(0, None)] * (2 * n),
    )
    mae_fit = lad.x[:2]
    assert losses.mae(y, A @ mae_fit) < losses.mae(y, A @ mse_fit)
    resembles = []
    for delta in (10.0, 200.0):
        huber_fit = optimize.minimize(
            lambda theta, d=delta: losses.huber(y, A @ theta, delta=d),
            mse_fit,
            jac=lambda theta, d=delta: A.T @ losses.huber_grad(y, A @ theta, delta=d),
            method="BFGS",
            options={"gtol": 1e-10},
        ).x
        to_mae, to_mse = np.linalg.norm(huber_fit - mae_fit), np.linalg.norm(huber_fit - mse_fit)
        assert abs(to_mae - to_mse) > 0.1 * min(to_mae, to_mse)  # not a near tie
        resembles.append("mae" if to_mae < to_mse else "mse")
    checker = ANSWERS["03-regression-losses/huber-resembles"].checker
    assert checker(tuple(resembles)) == (True, "")
    ok, message = checker(tuple(reversed(resembles)))
    assert not ok and "swapped" in message
