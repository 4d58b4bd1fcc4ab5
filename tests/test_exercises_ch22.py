"""Chapter 22's expected answers (worked by hand) against gradbook.autodiff and SymPy.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry meets the library's numbers, and the SymPy checker meets SymPy objects.
"""

import math

import numpy as np
import sympy as sp

from gradbook.autodiff import Tensor
from gradbook.exercises import check
from gradbook.exercises.ch22_autodiff import ANSWERS


def test_div_rule_is_the_librarys_denominator_share():
    g, x, y = sp.symbols("g x y")
    expected = -g * x / y**2
    for g0, x0, y0 in [(2.0, 1.5, -0.4), (-0.7, 3.0, 2.5)]:
        x_t, y_t = Tensor(x0), Tensor(y0)
        (x_t / y_t * g0).backward()
        want = float(expected.subs({g: g0, x: x0, y: y0}))
        assert math.isclose(float(y_t.grad), want, rel_tol=1e-15)


def test_sympy_answers_with_assumptions_are_accepted(capsys):
    g, x, y = sp.symbols("g x y", real=True)
    assert check("22-autodiff/div-rule", g * sp.diff(x / y, y))
    D = sp.Symbol("D", positive=True)
    assert check("22-autodiff/checkpoint-spacing", sp.sqrt(D))
    assert not check("22-autodiff/checkpoint-spacing", sp.sqrt(sp.Symbol("d")))
    assert "use only D" in capsys.readouterr().out
    assert not check("22-autodiff/checkpoint-spacing", 3.0)
    assert "expected a SymPy expression" in capsys.readouterr().out.replace("Expected", "expected")


def test_broadcast_bias_gradient_is_the_librarys():
    X = Tensor([[1.0, -2.0, 0.0], [3.0, 1.0, -1.0]])
    b = Tensor([0.5, 0.0, -1.0])
    ((X + b) ** 2).sum().backward()
    np.testing.assert_allclose(b.grad, ANSWERS["22-autodiff/broadcast-bias"].value, rtol=1e-15)


def test_softplus_gradient_is_the_librarys():
    x = Tensor([-1.0, 0.0, 2.0])
    (1.0 + x.exp()).log().mean().backward()
    np.testing.assert_allclose(x.grad, ANSWERS["22-autodiff/softplus-grad"].value, rtol=1e-14)


def test_checkpoint_spacing_minimises_the_memory():
    D, k = sp.symbols("D k", positive=True)
    (k_best,) = sp.solve(sp.diff(D / k + k, k), k)
    assert check("22-autodiff/checkpoint-spacing", k_best)
