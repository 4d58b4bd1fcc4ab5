"""Chapter 14's expected answers (closed forms and NumPy formulas) against gradbook.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry, built independently of the library, meets the library's numbers.
"""

import numpy as np

from gradbook.activations import sigmoid_grad
from gradbook.exercises import check
from gradbook.exercises.ch14_vectorized_backprop import ANSWERS
from gradbook.nn import Dense, Sequential, Sigmoid


def test_dx_shape_is_what_dense_returns():
    layer = Dense(784, 128, rng=0)
    layer.forward(np.zeros((32, 784)))
    assert (
        layer.backward(np.ones((32, 128))).shape == ANSWERS["14-vectorized-backprop/dx-shape"].value
    )


def test_finite_difference_passes_count_the_parameters():
    net = Sequential(Dense(64, 32, rng=0), Sigmoid(), Dense(32, 10, rng=1))
    assert (
        2 * sum(p.size for p in net.params())
        == ANSWERS["14-vectorized-backprop/finite-difference-passes"].value
    )


def test_optimal_h_minimises_the_error_model():
    eps = np.finfo(float).eps
    h = np.logspace(-7, -4, 30001)
    error = h**2 / 6 + eps / h
    h_best = h[np.argmin(error)]
    assert np.isclose(h_best, ANSWERS["14-vectorized-backprop/optimal-h"].value, rtol=1e-3)


def test_dense_backward_checker_accepts_the_library(capsys):
    def library_backward(x, W, g):
        layer = Dense(*W.shape)
        layer.W[...] = W
        layer.forward(x)
        dx = layer.backward(g)
        return layer.dW, layer.db, dx

    assert check("14-vectorized-backprop/dense-backward", library_backward)


def test_sigmoid_bound_is_the_tenth_power_of_the_peak():
    assert np.isclose(
        sigmoid_grad(0.0) ** 10,
        ANSWERS["14-vectorized-backprop/sigmoid-depth-bound"].value,
        rtol=1e-15,
    )
