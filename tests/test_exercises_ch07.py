"""The expected answers of "Losses real data needs" (written with ``math`` alone) against gradbook
and SymPy.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry, built independently of the library, meets the library's numbers: the plain values,
and the two derivation formulas (std-gradient, weighted-logit) at points.
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


def test_gaussian_by_hand_is_the_library_loss_and_gradient():
    d_mean, d_var = losses.gaussian_nll_grad([5.0], [2.0], [4.0])
    library = [losses.gaussian_nll([5.0], [2.0], [4.0]), d_mean[0], d_var[0]]
    assert np.allclose(library, value("gaussian-by-hand"), rtol=1e-14)


def test_pinball_by_hand_is_the_library_loss_and_its_minimiser():
    targets = np.array([1.0, 2.0, 3.0, 10.0])
    loss, best = value("pinball-by-hand")
    assert math.isclose(losses.pinball(targets, np.full(4, 2.5), quantile=0.9), loss, rel_tol=1e-14)
    grid = np.linspace(0.0, 12.0, 1201)
    costs = [losses.pinball(targets, np.full(4, c), quantile=0.9) for c in grid]
    assert grid[int(np.argmin(costs))] == best


def test_focal_by_hand_is_the_library_ratio_to_cross_entropy():
    z = special.logit(np.array([0.9, 0.1]))
    focal = losses.sigmoid_focal(np.ones(2), z, reduction="none")
    ce = losses.sigmoid_focal(np.ones(2), z, alpha=None, gamma=0.0, reduction="none")
    assert np.allclose(focal / ce, value("focal-by-hand"), rtol=1e-13)


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
