"""Chapter 4's expected answers (written with ``math`` alone) against gradbook.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry, built independently of the library, meets the library's numbers.
"""

import math

import numpy as np

from gradbook import activations, losses
from gradbook.exercises import _numpy_function
from gradbook.exercises.ch04_binary_classification import ANSWERS
from gradbook.gradcheck import numerical_grad


def value(name):
    return ANSWERS[f"04-binary-classification/{name}"].value


def test_confident_mistake_is_the_library_bce():
    assert math.isclose(
        losses.binary_cross_entropy([0.0], [0.95]), value("confident-mistake"), rel_tol=1e-12
    )


def test_logit_gradient_is_the_library_gradient():
    grad = losses.binary_cross_entropy_with_logits_grad([1.0], [-1.0], reduction="sum")[0]
    assert math.isclose(grad, value("logit-gradient"), rel_tol=1e-12)


def test_clip_cap_is_the_largest_clipped_loss_of_a_soft_label():
    eps = 1e-4
    grid = np.linspace(eps, 1 - eps, 200_001)
    clipped = losses.binary_cross_entropy(np.full_like(grid, 0.9), grid, eps=eps, reduction="none")
    assert math.isclose(clipped.max(), value("clip-cap"), rel_tol=1e-9)


def test_clip_gradient_is_the_library_gradient_under_the_clip():
    grad = losses.binary_cross_entropy_grad(
        [0.0], [activations.sigmoid(30.0)], eps=1e-4, reduction="sum"
    )[0] * activations.sigmoid_grad(30.0)
    assert grad == value("clip-gradient")


def test_hinge_batch_is_the_library_hinge():
    y, s = np.array([1.0, -1.0, 1.0, -1.0]), np.array([0.3, -2.0, 1.5, 0.4])
    assert math.isclose(losses.hinge(y, s), value("hinge-batch"), rel_tol=1e-12)


def test_logistic_step_gradient_is_the_chain_rule_through_the_library():
    X = np.array([[1.0, 2.0], [0.0, -1.0], [2.0, 0.0], [-1.0, 1.0]])
    y = np.array([1.0, 0.0, 1.0, 0.0])
    z = X @ np.array([0.5, -0.25]) + 0.1
    grad_w = X.T @ losses.binary_cross_entropy_with_logits_grad(y, z)
    assert np.allclose(grad_w, value("logistic-step"), rtol=1e-12)
    # and the probability form with the sigmoid's slope gives the same (no clipping at these logits)
    via_p = X.T @ (
        losses.binary_cross_entropy_grad(y, activations.sigmoid(z)) * activations.sigmoid_grad(z)
    )
    assert np.allclose(via_p, value("logistic-step"), rtol=1e-9)


def test_hessian_determinant_formula_is_that_of_the_library_cost_by_finite_differences():
    determinant = _numpy_function(ANSWERS["04-binary-classification/hessian-determinant"])
    rng = np.random.default_rng(5)
    for _ in range(5):
        w, b = rng.normal(size=2)
        x, y = rng.normal(scale=1.5, size=2), rng.integers(0, 2, size=2).astype(float)
        X = np.c_[x, np.ones(2)]  # the columns of w and b

        def gradient(theta, X=X, y=y):
            return X.T @ losses.binary_cross_entropy_with_logits_grad(y, X @ theta)

        theta, h = np.array([w, b]), 1e-6
        hessian = np.column_stack(
            [(gradient(theta + h * e) - gradient(theta - h * e)) / (2 * h) for e in np.eye(2)]
        )
        expected = determinant(w, b, *x, *y)  # symbols w b x1 x2 y1 y2
        assert math.isclose(np.linalg.det(hessian), expected, rel_tol=1e-5, abs_tol=1e-12)


def test_support_vectors_checker_accepts_the_examples_the_library_hinge_pushes():
    y, s = np.array([1.0, -1.0, 1.0, -1.0]), np.array([0.3, -2.0, 1.5, 0.4])
    pushed = np.flatnonzero(losses.hinge_grad(y, s, reduction="none"))  # margin below 1
    checker = ANSWERS["04-binary-classification/support-vectors"].checker
    assert checker(pushed) == (True, "")
    assert checker(pushed[::-1].tolist()) == (True, "")
    assert not checker(np.flatnonzero(losses.hinge(y, s, reduction="none") == 0))[0]


def test_logistic_weight_gradient_formula_is_the_slope_of_the_library_bce_from_logits():
    gradient = _numpy_function(ANSWERS["04-binary-classification/logistic-weight-gradient"])
    rng = np.random.default_rng(4)
    for label in (1.0, -1.0, 1.0, -1.0):
        x, b = rng.normal(scale=2.0, size=2), rng.normal()
        w = rng.normal(scale=2.0, size=2)

        def loss(w=w, x=x, b=b, label=label):  # labels +-1 as the BCE's 0/1; w moves in place
            return losses.binary_cross_entropy_with_logits([(label + 1) / 2], [w @ x + b])

        slope = numerical_grad(loss, w)[0]
        assert math.isclose(gradient(label, *x, *w, b), slope, rel_tol=1e-6, abs_tol=1e-9)
