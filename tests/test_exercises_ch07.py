"""The expected answers of "Losses real data needs" (written with ``math`` alone) against gradbook
and SymPy.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry, built independently of the library, meets the library's numbers: the plain values,
and the derivation formulas (std-gradient, log-var-curvature, poisson-exposure,
focal-gradient-ratio, weighted-logit) at points.
"""

import math

import numpy as np
from scipy import special

from gradbook import losses
from gradbook.exercises import _numpy_function
from gradbook.exercises.ch07_losses_real_data import ANSWERS
from gradbook.gradcheck import numerical_grad


def value(name):
    return np.asarray(ANSWERS[f"07-losses-real-data/{name}"].value, dtype=float)


def test_log_var_curvature_formula_is_the_second_difference_of_the_library_loss():
    curvature = _numpy_function(ANSWERS["07-losses-real-data/log-var-curvature"])  # (y, yhat, s)
    rng = np.random.default_rng(1)
    y, yhat, s = rng.normal(size=6), rng.normal(size=6), rng.uniform(-1.0, 1.0, size=6)
    h = 1e-4

    def loss(log_var):
        return losses.gaussian_nll(y, yhat, np.exp(log_var), reduction="none")

    second = (loss(s + h) - 2 * loss(s) + loss(s - h)) / h**2
    assert np.allclose(curvature(y, yhat, s), second, rtol=1e-5, atol=1e-7)


def test_poisson_exposure_formula_zeroes_the_library_gradient_with_an_offset():
    z_best = _numpy_function(ANSWERS["07-losses-real-data/poisson-exposure"])
    t = np.array([0.5, 2.0, 4.0, 1.5])
    y = np.array([1.0, 0.0, 6.0, 2.0])
    best = float(z_best(y.sum(), t.sum()))  # (y_total, t_total)
    grad = losses.poisson_nll_grad(y, best + np.log(t), reduction="sum")
    assert abs(grad.sum()) < 1e-12
    cost = [
        losses.poisson_nll(y, z + np.log(t), reduction="sum")
        for z in (best - 0.01, best, best + 0.01)
    ]
    assert cost[1] < min(cost[0], cost[2])


def test_pinball_by_hand_is_the_library_loss_and_its_minimiser():
    targets = np.array([1.0, 2.0, 3.0, 10.0])
    loss, best = value("pinball-by-hand")
    assert math.isclose(losses.pinball(targets, np.full(4, 2.5), quantile=0.9), loss, rel_tol=1e-14)
    grid = np.linspace(0.0, 12.0, 1201)
    costs = [losses.pinball(targets, np.full(4, c), quantile=0.9) for c in grid]
    assert grid[int(np.argmin(costs))] == best


def test_focal_gradient_ratio_formula_is_the_library_ratio_to_cross_entropy():
    ratio = _numpy_function(ANSWERS["07-losses-real-data/focal-gradient-ratio"])  # (q, gamma)
    q = np.array([0.05, 0.1, 0.3, 0.5, 0.9, 0.95])
    z = special.logit(q)
    ones = np.ones_like(q)
    ce = losses.sigmoid_focal_grad(ones, z, alpha=None, gamma=0.0, reduction="none")
    for gamma in (0.5, 1.0, 2.0):
        focal = losses.sigmoid_focal_grad(ones, z, alpha=None, gamma=gamma, reduction="none")
        assert np.allclose(ratio(q, np.full_like(q, gamma)), focal / ce, rtol=1e-12)


def test_std_gradient_formula_is_the_slope_of_the_library_loss_in_sigma():
    std_gradient = _numpy_function(ANSWERS["07-losses-real-data/std-gradient"])  # (y, yhat, sigma)
    rng = np.random.default_rng(0)
    y, yhat, sigma = rng.normal(size=6), rng.normal(size=6), rng.uniform(0.3, 2.0, size=6)
    probe = sigma.copy()
    slope = numerical_grad(
        lambda: losses.gaussian_nll(y, yhat, probe**2, full=True, reduction="sum"), probe
    )
    assert np.allclose(std_gradient(y, yhat, sigma), slope, rtol=1e-7)


def test_weighted_logit_formula_zeroes_the_library_weighted_gradient():
    """At ybar = 0.2 and weights 9 to 1, the formula's logit minimises the library's cost."""
    weighted_logit = _numpy_function(ANSWERS["07-losses-real-data/weighted-logit"])
    best = float(weighted_logit(0.2, 9.0, 1.0))  # (ybar, w_pos, w_neg)
    y = np.array([1.0] * 2 + [0.0] * 8)  # ybar = 0.2
    weights = np.where(y == 1, 9.0, 1.0)

    def cost(logit):
        z = np.full_like(y, logit)
        return losses.sigmoid_focal(y, z, alpha=None, gamma=0.0, sample_weight=weights)

    assert all(cost(best) < cost(best + step) for step in (-0.01, 0.01))
    grad = losses.sigmoid_focal_grad(
        y, np.full_like(y, best), alpha=None, gamma=0.0, sample_weight=weights
    )
    assert abs(grad.sum()) < 1e-15
