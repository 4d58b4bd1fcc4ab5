"""Chapter 1's hand-written formula against gradbook.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry's formula, written independently of the library, meets the library's numbers.
"""

import numpy as np

from gradbook import losses
from gradbook.exercises import _numpy_function
from gradbook.exercises.ch01_loss_vs_cost import ANSWERS
from gradbook.gradcheck import numerical_grad


def test_regularised_gradient_formula_is_the_slope_of_the_library_cost_in_b():
    dJ_db = _numpy_function(ANSWERS["01-loss-vs-cost/regularised-gradient"])
    rng = np.random.default_rng(1)
    for _ in range(6):
        w, b, lam = rng.normal(), rng.normal(), rng.uniform(0.0, 3.0)
        x, y = rng.normal(size=3), rng.normal(size=3)
        probe = np.array([b])

        def cost(w=w, lam=lam, x=x, y=y, probe=probe):  # numerical_grad moves probe in place
            return losses.mse(y, w * x + probe[0]) + lam / 2 * w**2

        slope = numerical_grad(cost, probe)[0]
        formula = dJ_db(w, b, lam, *x, *y)  # symbols: w b lambda x1 x2 x3 y1 y2 y3
        assert np.isclose(formula, slope, rtol=1e-6, atol=1e-8)
        # the chain rule through the library's gradient: dJ/db = sum_i dJ/dyhat_i, no lambda
        assert np.isclose(formula, losses.mse_grad(y, w * x + b).sum(), rtol=1e-12)
        assert formula == dJ_db(w, b, lam + 1.0, *x, *y)
