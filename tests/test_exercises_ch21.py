"""The expected answers of "Losses real data needs" (written with ``math`` alone) against gradbook
and SymPy.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry, built independently of the library, meets the library's numbers, and the two
derivation answers meet SymPy's own derivations.
"""

import math

import numpy as np
import sympy as sp
from scipy import special

from gradbook import losses
from gradbook.exercises import check
from gradbook.exercises.ch21_losses_real_data import ANSWERS


def value(name):
    return np.asarray(ANSWERS[f"21-losses-real-data/{name}"].value, dtype=float)


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


def test_the_derivations_accept_sympys_own_answers(capsys):
    y, yhat = sp.symbols("y yhat", real=True)
    sigma = sp.Symbol("sigma", positive=True)
    nll = sp.log(2 * sp.pi * sigma**2) / 2 + (y - yhat) ** 2 / (2 * sigma**2)
    assert check("21-losses-real-data/std-gradient", sp.diff(nll, sigma))
    rho, w_pos, w_neg = sp.symbols("rho w_pos w_neg", positive=True)
    z = sp.Symbol("z", real=True)
    s = 1 / (1 + sp.exp(-z))
    expected = -rho * w_pos * sp.log(s) - (1 - rho) * w_neg * sp.log(1 - s)
    assert check("21-losses-real-data/weighted-logit", sp.solve(sp.diff(expected, z), z)[0])
    capsys.readouterr()


def test_the_weighted_logit_minimises_the_library_weighted_cross_entropy():
    """At rho = 0.2 and weights 9 to 1, the library's weighted cost is smallest at the answer."""
    y = np.array([1.0] * 2 + [0.0] * 8)  # rho = 0.2
    weights = np.where(y == 1, 9.0, 1.0)
    best = math.log(0.2 * 9.0 / (0.8 * 1.0))

    def cost(logit):
        z = np.full_like(y, logit)
        return losses.sigmoid_focal(y, z, alpha=None, gamma=0.0, sample_weight=weights)

    assert all(cost(best) < cost(best + step) for step in (-0.01, 0.01))
    grad = losses.sigmoid_focal_grad(y, np.full_like(y, best), alpha=None, gamma=0.0,
                                     sample_weight=weights)  # fmt: skip
    assert abs(grad.sum()) < 1e-15
