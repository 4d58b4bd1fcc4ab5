"""Chapter 22's expected answers (written by hand) against gradbook.autodiff and SciPy.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry's formulas meet the library's numbers (div-rule) and SciPy's minimiser
(checkpoint-spacing), and two plain values meet the library.
"""

import math

import numpy as np
from scipy.optimize import minimize_scalar

from gradbook.autodiff import Tensor
from gradbook.exercises import _numpy_function
from gradbook.exercises.ch22_autodiff import ANSWERS


def test_div_rule_formula_is_the_librarys_denominator_share():
    share = _numpy_function(ANSWERS["22-autodiff/div-rule"])  # (g, x, y)
    for g, x, y in [(2.0, 1.5, -0.4), (-0.7, 3.0, 2.5), (1.0, -2.0, 0.1)]:
        x_t, y_t = Tensor(x), Tensor(y)
        (x_t / y_t * g).backward()
        assert math.isclose(float(y_t.grad), share(g, x, y), rel_tol=1e-15)
        assert math.isclose(float(x_t.grad), g / y, rel_tol=1e-15)  # and the numerator's share


def test_checkpoint_spacing_formula_is_scipys_minimiser_of_the_memory():
    spacing = _numpy_function(ANSWERS["22-autodiff/checkpoint-spacing"])  # (D,)
    for depth in (4.0, 50.0, 1000.0):
        best = minimize_scalar(lambda k, d=depth: d / k + k, bounds=(1e-3, depth), method="bounded")
        assert math.isclose(best.x, spacing(depth), rel_tol=1e-4)


def test_broadcast_bias_gradient_is_the_librarys():
    X = Tensor([[1.0, -2.0, 0.0], [3.0, 1.0, -1.0]])
    b = Tensor([0.5, 0.0, -1.0])
    ((X + b) ** 2).sum().backward()
    np.testing.assert_allclose(b.grad, ANSWERS["22-autodiff/broadcast-bias"].value, rtol=1e-15)


def test_softplus_gradient_is_the_librarys():
    x = Tensor([-1.0, 0.0, 2.0])
    (1.0 + x.exp()).log().mean().backward()
    np.testing.assert_allclose(x.grad, ANSWERS["22-autodiff/softplus-grad"].value, rtol=1e-14)
