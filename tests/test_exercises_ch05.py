"""Chapter 5's expected answers (written with ``math`` alone) against gradbook.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry, built independently of the library, meets the library's numbers.
"""

import math

import numpy as np
from scipy.optimize import minimize_scalar

from gradbook import activations, losses
from gradbook.exercises import _numpy_function
from gradbook.exercises.ch05_multiclass_classification import ANSWERS
from gradbook.gradcheck import numerical_grad

Z = np.log([1.0, 3.0, 4.0])


def value(name):
    return np.asarray(ANSWERS[f"05-multiclass-classification/{name}"].value)


def test_softmax_by_hand_is_the_library_softmax():
    assert np.allclose(activations.softmax(Z), value("softmax-by-hand"), rtol=1e-12)


def test_gradient_by_hand_is_the_library_gradient_in_both_label_formats():
    assert np.allclose(
        losses.softmax_cross_entropy_grad([0.0, 1.0, 0.0], Z, reduction="sum"),
        value("gradient-by-hand"),
        rtol=1e-12,
    )
    assert np.allclose(
        losses.sparse_softmax_cross_entropy_grad(np.array(1), Z, reduction="sum"),
        value("gradient-by-hand"),
        rtol=1e-12,
    )


def test_smoothed_target_is_what_label_smoothing_trains_towards():
    z = np.random.default_rng(0).normal(size=5)
    target = value("smoothed-target")
    assert math.isclose(target.sum(), 1.0, rel_tol=1e-12)
    assert math.isclose(
        losses.sparse_softmax_cross_entropy(np.array(2), z, label_smoothing=0.1),
        losses.softmax_cross_entropy(target, z),
        rel_tol=1e-12,
    )


def test_smoothed_minimum_is_the_library_loss_at_its_minimiser():
    def loss(gap):
        return losses.softmax_cross_entropy(
            np.eye(10)[0], np.r_[gap, np.zeros(9)], label_smoothing=0.1
        )

    best = minimize_scalar(loss, bracket=(0.0, 20.0), tol=1e-12)
    assert math.isclose(best.fun, float(value("smoothed-minimum")), rel_tol=1e-10)
    assert all(loss(g) >= best.fun - 1e-12 for g in np.linspace(0, 20, 201))


def test_logsumexp_is_the_library_logsumexp():
    assert math.isclose(
        activations.logsumexp([1000.0, 1000.0, 1000.0, 999.0]),
        float(value("logsumexp")),
        rel_tol=1e-15,
    )


def test_temperature_derivative_formula_is_the_slope_of_the_library_loss():
    derivative = _numpy_function(
        ANSWERS["05-multiclass-classification/temperature-derivative"]
    )  # (z_1, z_2, z_3, T)
    rng = np.random.default_rng(5)
    for _ in range(6):
        z, T = rng.normal(scale=2.0, size=3), np.array([rng.uniform(0.3, 3.0)])
        slope = numerical_grad(
            lambda z=z, T=T: losses.sparse_softmax_cross_entropy(np.array(0), z / T[0]), T
        )[0]
        assert math.isclose(derivative(*z, T[0]), slope, rel_tol=1e-6, abs_tol=1e-9)


def test_curvature_change_formula_is_the_third_derivative_of_the_library_loss():
    third = _numpy_function(ANSWERS["05-multiclass-classification/curvature-change"])
    rng = np.random.default_rng(6)
    v, h = np.array([1.0, -1.0, 0.0]), 1e-4
    for label in (0, 1, 2, 0):  # the same whatever the true class
        z = rng.normal(scale=2.0, size=3)

        def slope(t, z=z, label=label):  # d/dt of the loss along v, from the library's gradient
            grad = losses.sparse_softmax_cross_entropy_grad(np.array([label]), (z + t * v)[None])
            return grad[0] @ v

        second_difference = (slope(h) - 2 * slope(0.0) + slope(-h)) / h**2
        assert math.isclose(third(*z), second_difference, rel_tol=1e-5, abs_tol=1e-7)
