"""Chapter 15's expected answers (closed forms and NumPy formulas) against gradbook.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry, built independently of the library, meets the library's numbers.
"""

import numpy as np
import pytest

from gradbook.activations import sigmoid_grad
from gradbook.exercises import check
from gradbook.exercises.ch15_vectorized_backprop import ANSWERS
from gradbook.gradcheck import numerical_grad
from gradbook.nn import Dense, Sequential, Sigmoid


def test_dx_shape_is_what_dense_returns():
    layer = Dense(784, 128, rng=0)
    layer.forward(np.zeros((32, 784)))
    assert (
        layer.backward(np.ones((32, 128))).shape == ANSWERS["15-vectorized-backprop/dx-shape"].value
    )


def test_finite_difference_passes_count_the_parameters():
    net = Sequential(Dense(64, 32, rng=0), Sigmoid(), Dense(32, 10, rng=1))
    assert (
        2 * sum(p.size for p in net.params())
        == ANSWERS["15-vectorized-backprop/finite-difference-passes"].value
    )


def test_smallest_central_error_is_the_minimum_of_the_error_model():
    from gradbook.exercises import _numpy_function

    smallest = _numpy_function(ANSWERS["15-vectorized-backprop/smallest-central-error"])
    for eps in (float(np.finfo(np.float32).eps), float(np.finfo(np.float64).eps)):
        h = np.logspace(-7, -1, 600_001)
        error = h**2 / 6 + eps / h
        assert np.isclose(error.min(), smallest(eps), rtol=1e-6)


def test_numerical_grad_refuses_float32_as_the_solution_says():
    with pytest.raises(ValueError, match="float64"):
        numerical_grad(lambda: 0.0, np.zeros(3, dtype=np.float32))


def test_dense_backward_checker_accepts_the_library(capsys):
    def library_backward(x, W, g):
        layer = Dense(*W.shape)
        layer.W[...] = W
        layer.forward(x)
        dx = layer.backward(g)
        return layer.dW, layer.db, dx

    assert check("15-vectorized-backprop/dense-backward", library_backward)


def test_dense_backward_checker_accepts_the_chapters_row_vector_for_db(capsys):
    # eq-15-dense writes dJ/db = 1^T G, a 1 x n_out row; a reader who codes it literally is right
    def literal(x, W, g):
        return x.T @ g, np.ones((1, len(g))) @ g, g @ W.T

    def column(x, W, g):
        return x.T @ g, (np.ones((1, len(g))) @ g).T, g @ W.T

    assert check("15-vectorized-backprop/dense-backward", literal)
    assert not check("15-vectorized-backprop/dense-backward", column)
    assert "(4, 1)" in capsys.readouterr().out


def test_sigmoid_bound_is_the_tenth_power_of_the_peak():
    assert np.isclose(
        sigmoid_grad(0.0) ** 10,
        ANSWERS["15-vectorized-backprop/sigmoid-depth-bound"].value,
        rtol=1e-15,
    )


def test_relu_layer_variance_is_what_a_library_relu_and_dense_layer_give():
    from gradbook.exercises import _numpy_function
    from gradbook.nn import ReLU

    variance_of = _numpy_function(ANSWERS["15-vectorized-backprop/relu-layer-variance"])  # n σ_w q
    rng = np.random.default_rng(14)
    for n, s, q in ((100, 0.1, 1.0), (400, 0.05, 3.0), (50, 0.3, 0.5)):
        layer = Dense(n, 2000, rng=0)
        layer.W[...] = rng.normal(0.0, s, size=(n, 2000))
        z_in = rng.normal(0.0, np.sqrt(q), size=(1000, n))
        z_out = layer.forward(ReLU().forward(z_in))
        # the formula averages over weights and inputs; 2000 units of one weight draw leave
        # about 1 % of sampling error (mostly from the positive mean of relu(z))
        assert np.isclose(np.mean(z_out**2), variance_of(n, s, q), rtol=0.03)
    # He's variance 2/n keeps the variance of z from layer to layer
    assert np.isclose(variance_of(256, np.sqrt(2 / 256), 1.7), 1.7, rtol=1e-12)
