"""Chapter 16's expected answers (written by hand) against gradbook.autodiff and SciPy.

tests/test_exercises.py already runs every registered right and wrong example; here the
mul-vjp checker meets the library's own product rule, the second-backward-diamond formula meets
a micrograd-style engine run twice, checkpoint-spacing meets SciPy's minimiser, and two plain
values meet the library.
"""

import math

import numpy as np
import pytest
from scipy.optimize import minimize_scalar

from gradbook.autodiff import Tensor
from gradbook.exercises import _numpy_function, check
from gradbook.exercises.ch16_autodiff import ANSWERS


def library_mul_vjp(g, x, y):
    """The shares gradbook.autodiff gives x and y in sum(g * x * y)."""
    x_t, y_t = Tensor(x), Tensor(y)
    (x_t * y_t * g).sum().backward()
    return x_t.grad, y_t.grad


def test_mul_vjp_checker_accepts_the_librarys_rule_and_refuses_an_unsummed_share():
    assert check("16-autodiff/mul-vjp", library_mul_vjp)
    ok, message = ANSWERS["16-autodiff/mul-vjp"].checker(lambda g, x, y: (g * y, g * x))
    assert not ok and "shape" in message and "sum it over the axes" in message


class Scalar:
    """micrograd's design, cut to the diamond: backward() adds into every node, never resets."""

    def __init__(self, value, parents=(), local=()):
        self.value, self.grad, self.parents, self.local = value, 0.0, parents, local

    def __mul__(self, other):
        return Scalar(self.value * other.value, (self, other), (other.value, self.value))

    def exp(self):
        return Scalar(math.exp(self.value), (self,), (math.exp(self.value),))

    def tanh(self):
        return Scalar(math.tanh(self.value), (self,), (1 - math.tanh(self.value) ** 2,))

    def backward(self):
        order, seen = [], set()

        def visit(node):
            if id(node) not in seen:
                seen.add(id(node))
                for parent in node.parents:
                    visit(parent)
                order.append(node)

        visit(self)
        self.grad = 1.0
        for node in reversed(order):
            for parent, d in zip(node.parents, node.local, strict=True):
                parent.grad += d * node.grad


@pytest.mark.parametrize("x0", [-1.5, -0.3, 0.4, 0.9])
def test_second_backward_diamond_formula_is_a_micrograd_engine_run_twice(x0):
    x = Scalar(x0)
    u = x.exp()
    loss = u * u.tanh()
    loss.backward()
    loss.backward()
    formula = _numpy_function(ANSWERS["16-autodiff/second-backward-diamond"])  # (x,)
    assert math.isclose(x.grad, formula(x0), rel_tol=1e-13)


def test_second_backward_diamond_formula_is_not_a_multiple_of_the_gradient():
    formula = _numpy_function(ANSWERS["16-autodiff/second-backward-diamond"])
    x_t = Tensor(0.4)
    u = x_t.exp()
    (u * u.tanh()).backward()
    true_grad = float(x_t.grad)
    assert 3 < formula(0.4) / true_grad < 4


def test_checkpoint_spacing_formula_is_scipys_minimiser_of_the_memory():
    spacing = _numpy_function(ANSWERS["16-autodiff/checkpoint-spacing"])  # (D,)
    for depth in (4.0, 50.0, 1000.0):
        best = minimize_scalar(lambda s, d=depth: d / s + s, bounds=(1e-3, depth), method="bounded")
        assert math.isclose(best.x, spacing(depth), rel_tol=1e-4)


def test_broadcast_bias_gradient_is_the_librarys():
    X = Tensor([[1.0, -2.0, 0.0], [3.0, 1.0, -1.0]])
    b = Tensor([0.5, 0.0, -1.0])
    ((X + b) ** 2).sum().backward()
    np.testing.assert_allclose(b.grad, ANSWERS["16-autodiff/broadcast-bias"].value, rtol=1e-15)


def test_softplus_gradient_is_the_librarys():
    x = Tensor([-1.0, 0.0, 2.0])
    (1.0 + x.exp()).log().mean().backward()
    np.testing.assert_allclose(x.grad, ANSWERS["16-autodiff/softplus-grad"].value, rtol=1e-14)
