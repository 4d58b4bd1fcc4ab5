"""Chapter 1's hand-written formula against gradbook and scikit-learn.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry's formula, written independently of the library, meets the library's numbers and an
independent ridge solver.
"""

import numpy as np
from sklearn.linear_model import Ridge

from gradbook import losses, optim
from gradbook.exercises import _numpy_function
from gradbook.exercises.ch01_loss_vs_cost import ANSWERS
from gradbook.gradcheck import numerical_grad


def test_regularised_minimiser_formula_is_where_the_library_cost_is_flat_and_ridge_agrees():
    w_star = _numpy_function(ANSWERS["01-loss-vs-cost/regularised-minimiser"])
    rng = np.random.default_rng(1)
    for _ in range(6):
        lam = rng.uniform(0.01, 3.0)
        x, y = rng.normal(size=3), rng.normal(size=3)
        formula = w_star(*x, *y, lam)  # symbols: x1 x2 x3 y1 y2 y3, then the positive lambda
        probe = np.array([formula])

        def cost(lam=lam, x=x, y=y, probe=probe):  # numerical_grad moves probe in place
            return losses.mse(y, probe[0] * x) + lam / 2 * probe[0] ** 2

        assert abs(numerical_grad(cost, probe)[0]) < 1e-7
        # the chain rule through the library's gradient: dJ/dw = sum_i dJ/dyhat_i x_i + lambda w
        assert abs(losses.mse_grad(y, formula * x) @ x + lam * formula) < 1e-12
        # scikit-learn minimises |y - X w|^2 + alpha |w|^2, which is 3 J for alpha = 3 lambda / 2
        ridge = Ridge(alpha=1.5 * lam, fit_intercept=False, solver="cholesky")
        assert np.isclose(formula, ridge.fit(x[:, None], y).coef_[0], rtol=1e-10)
        assert formula != w_star(*x, *y, lam + 1.0)  # the penalty moves the minimiser


def test_sum_vs_mean_factors_keep_every_sgd_step_with_weight_decay():
    lr_factor, decay_factor = ANSWERS["01-loss-vs-cost/sum-vs-mean"].value
    rng = np.random.default_rng(2)
    y, start = rng.normal(size=32), rng.normal(size=32)
    paths = []
    for reduction, lr, decay in (
        ("mean", 0.05, 0.01),
        ("sum", 0.05 * lr_factor, 0.01 * decay_factor),
    ):
        y_hat = start.copy()
        opt = optim.SGD([y_hat], lr=lr, weight_decay=decay)
        for _ in range(4):
            opt.step([losses.mse_grad(y, y_hat, reduction=reduction)])
        paths.append(y_hat)
    assert np.allclose(paths[0], paths[1], rtol=1e-12)
