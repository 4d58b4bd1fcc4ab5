"""Tests of gradbook.activations against scipy.special, closed forms and finite differences.

Every function must stay finite and silent (pytest turns RuntimeWarnings into errors) for
logits as large as ±1000, where the textbook formulas overflow.
"""

import math

import numpy as np
import pytest
from conftest import EXACT, assert_matches_finite_differences
from numpy.testing import assert_allclose, assert_array_equal
from scipy import special

from gradbook import activations as A

EXTREME = np.array([-1000.0, -745.0, -40.0, -1.0, -0.0, 0.0, 1e-300, 1.0, 40.0, 745.0, 1000.0])

ELEMENTWISE = [  # function, its scipy / NumPy reference
    pytest.param(A.sigmoid, special.expit, id="sigmoid"),
    pytest.param(A.log_sigmoid, special.log_expit, id="log_sigmoid"),
    pytest.param(A.relu, lambda z: np.maximum(z, 0.0), id="relu"),
    pytest.param(A.tanh, np.tanh, id="tanh"),
]
GRADS = [  # function, its derivative, the closed form of the derivative
    # 1 - sigma(z) is written sigma(-z), which does not cancel for large z
    pytest.param(
        A.sigmoid,
        A.sigmoid_grad,
        lambda z: special.expit(z) * special.expit(-z),
        id="sigmoid: s(1-s)",
    ),
    pytest.param(
        A.log_sigmoid, A.log_sigmoid_grad, lambda z: special.expit(-z), id="log_sigmoid: 1-s"
    ),
    pytest.param(A.tanh, A.tanh_grad, lambda z: 1.0 - np.tanh(z) ** 2, id="tanh: 1-tanh^2"),
    pytest.param(A.relu, A.relu_grad, lambda z: (z > 0).astype(float), id="relu: 1[z>0]"),
]


def points(seed, shape=(5, 4), low=0.05, scale=4.0):
    """Random points with |z| >= low, so central differences never straddle ReLU's kink at 0."""
    rng = np.random.default_rng(seed)
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(low, scale, size=shape)


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(("fn", "ref"), ELEMENTWISE)
def test_elementwise_activation_matches_reference(fn, ref):
    z = np.concatenate([points(1).ravel(), np.linspace(-30.0, 30.0, 61), EXTREME])
    # atol 1e-300: sigmoid(-745) may be the subnormal e^-745 = 5e-324 or 0 (scipy's)
    assert_allclose(fn(z), ref(z), rtol=1e-13, atol=1e-300)


@pytest.mark.parametrize(("fn", "ref"), ELEMENTWISE)
def test_elementwise_activation_keeps_the_shape(fn, ref):
    z = points(2, shape=(2, 3, 4))
    assert fn(z).shape == (2, 3, 4)
    assert fn(z.tolist()).shape == (2, 3, 4)  # lists are accepted


SCALAR_FUNCTIONS = [
    A.sigmoid,
    A.sigmoid_grad,
    A.log_sigmoid,
    A.log_sigmoid_grad,
    A.relu,
    A.relu_grad,
    A.tanh,
    A.tanh_grad,
]


@pytest.mark.parametrize("fn", SCALAR_FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(
    "z", [0.5, -2, np.float64(3.0), np.array(-1.5)], ids=["float", "int", "np.float64", "0-d"]
)
def test_scalar_input_returns_a_python_float(fn, z):
    assert type(fn(z)) is float


def test_hand_worked_values():
    assert A.sigmoid(0.0) == 0.5
    assert A.sigmoid(math.log(3.0)) == pytest.approx(0.75, rel=1e-15)  # 1 / (1 + 1/3)
    assert A.log_sigmoid(0.0) == pytest.approx(-math.log(2.0), rel=1e-15)
    assert A.tanh(math.log(2.0)) == pytest.approx(0.6, rel=1e-15)  # (2 - 1/2) / (2 + 1/2)
    assert_array_equal(A.relu([-2.0, 0.0, 3.0]), [0.0, 0.0, 3.0])
    assert_allclose(A.softmax([0.0, math.log(3.0)]), [0.25, 0.75], **EXACT)
    assert A.logsumexp([0.0, 0.0, 0.0]) == pytest.approx(math.log(3.0), rel=1e-15)


def test_tanh_is_a_rescaled_sigmoid():
    z = np.linspace(-20.0, 20.0, 81)
    assert_allclose(A.tanh(z), 2.0 * A.sigmoid(2.0 * z) - 1.0, rtol=1e-12, atol=1e-15)


# --------------------------------------------------------------------------- gradients


@pytest.mark.parametrize(("fn", "grad", "closed_form"), GRADS)
def test_grad_matches_finite_differences(fn, grad, closed_form):
    z = points(3)
    assert_matches_finite_differences(lambda: np.sum(fn(z)), z, grad(z))  # d(sum)/dz_i = f'(z_i)


@pytest.mark.parametrize(("fn", "grad", "closed_form"), GRADS)
def test_grad_matches_closed_form(fn, grad, closed_form):
    z = np.concatenate([points(4).ravel(), np.linspace(-8.0, 8.0, 33)])
    assert_allclose(grad(z), closed_form(z), **EXACT)


def test_sigmoid_grad_peaks_at_one_quarter_at_zero():
    assert A.sigmoid_grad(0.0) == 0.25
    z = np.linspace(-10.0, 10.0, 2001)  # contains 0 exactly, at index 1000
    g = A.sigmoid_grad(z)
    assert g.max() == 0.25 and np.argmax(g) == 1000
    assert (g <= 0.25).all()


def test_sigmoid_grad_is_even_and_keeps_relative_accuracy_in_the_tails():
    # sigma'(z) = sigma(z) sigma(-z) is even; every value below is a normal float64
    z = np.array([5.0, 10.0, 20.0, 30.0, 40.0, 700.0])
    exact = special.expit(z) * special.expit(-z)
    assert_allclose(A.sigmoid_grad(-z), exact, rtol=1e-12, atol=0)
    assert_allclose(A.sigmoid_grad(z), exact, rtol=1e-12, atol=0)


def test_relu_grad_is_zero_at_the_kink():
    assert A.relu_grad(0.0) == 0.0
    assert_array_equal(A.relu_grad([-1e-300, 0.0, -0.0, 1e-300]), [0.0, 0.0, 0.0, 1.0])


@pytest.mark.parametrize(
    "fn",
    [
        A.sigmoid,
        A.sigmoid_grad,
        A.log_sigmoid,
        A.log_sigmoid_grad,
        A.tanh,
        A.tanh_grad,
        A.relu,
        A.relu_grad,
    ],
    ids=lambda f: f.__name__,
)
def test_elementwise_functions_are_finite_and_silent_at_extreme_inputs(fn):
    assert np.isfinite(fn(EXTREME)).all()


def test_extreme_values_are_exact():
    assert_array_equal(A.sigmoid([1000.0, -1000.0]), [1.0, 0.0])
    assert A.log_sigmoid(-1000.0) == -1000.0  # -ln(1 + e^1000) = -1000 - ln(1 + e^-1000)
    assert A.log_sigmoid(1000.0) == 0.0
    assert A.log_sigmoid(-40.0) == pytest.approx(-40.0 - math.log1p(math.exp(-40.0)), rel=1e-15)
    assert A.log_sigmoid(40.0) == pytest.approx(-math.exp(-40.0), rel=1e-12)  # not rounded to 0
    assert_array_equal(A.sigmoid_grad([1000.0, -1000.0]), [0.0, 0.0])
    assert_array_equal(A.log_sigmoid_grad([-1000.0, 1000.0]), [1.0, 0.0])
    assert_array_equal(A.tanh_grad([1000.0, -1000.0]), [0.0, 0.0])


# --------------------------------------------------------------------------- softmax family


def logits(seed, shape=(4, 6), scale=3.0):
    return np.random.default_rng(seed).normal(scale=scale, size=shape)


@pytest.mark.parametrize("axis", [-1, 0, 1])
def test_softmax_and_log_softmax_match_scipy_along_any_axis(axis):
    z = logits(10)
    p = A.softmax(z, axis=axis)
    assert_allclose(p, special.softmax(z, axis=axis), **EXACT)
    assert_allclose(A.log_softmax(z, axis=axis), special.log_softmax(z, axis=axis), **EXACT)
    assert_allclose(p.sum(axis=axis), 1.0, rtol=0, atol=1e-15)
    assert_allclose(np.exp(A.log_softmax(z, axis=axis)), p, **EXACT)


@pytest.mark.parametrize("keepdims", [False, True])
@pytest.mark.parametrize("axis", [-1, 0, 1, (0, 1)], ids=str)
def test_logsumexp_matches_scipy_with_axis_and_keepdims(axis, keepdims):
    z = logits(11, shape=(3, 5))
    got = A.logsumexp(z, axis=axis, keepdims=keepdims)
    expected = special.logsumexp(z, axis=axis, keepdims=keepdims)
    assert np.shape(got) == np.shape(expected)
    assert_allclose(got, expected, **EXACT)


def test_logsumexp_of_a_vector_is_a_python_float():
    value = A.logsumexp([1.0, 2.0, 3.0])
    assert type(value) is float
    assert value == pytest.approx(3.0 + math.log1p(math.exp(-1.0) + math.exp(-2.0)), rel=1e-15)


@pytest.mark.parametrize("shift", [-50.0, 3.5, 700.0, 1e4])
def test_softmax_is_invariant_to_adding_a_constant(shift):
    z = logits(12)
    assert_allclose(A.softmax(z + shift), A.softmax(z), rtol=1e-11, atol=1e-15)
    assert_allclose(A.logsumexp(z + shift), A.logsumexp(z) + shift, rtol=1e-14)


def test_logsumexp_and_softmax_are_exact_for_huge_logits():
    assert A.logsumexp([1000.0, 1000.0]) == pytest.approx(1000.0 + math.log(2.0), rel=1e-15)
    assert A.logsumexp([-1000.0, -1000.0]) == pytest.approx(-1000.0 + math.log(2.0), rel=1e-15)
    assert A.logsumexp([1000.0, -1000.0]) == 1000.0
    assert_array_equal(A.softmax([1000.0, 0.0]), [1.0, 0.0])
    assert_allclose(A.softmax([1000.0, 1000.0, 1000.0]), [1 / 3] * 3, rtol=1e-15)
    z = np.array([[1000.0, 999.0, -1000.0, 0.0], [-1000.0, -1000.0, -999.0, -1000.0]])
    p = A.softmax(z)
    assert np.isfinite(p).all()
    assert_allclose(p.sum(axis=-1), 1.0, rtol=0, atol=1e-15)
    assert_allclose(p, special.softmax(z, axis=-1), **EXACT)
    log_p = A.log_softmax(z)
    assert np.isfinite(log_p).all()
    assert log_p[0, 2] == pytest.approx(-2000.0 - math.log1p(math.exp(-1.0)), rel=1e-15)


def test_softmax_rows_are_distributions_for_many_random_logits():
    z = logits(13, shape=(500, 10), scale=30.0)
    p = A.softmax(z)
    assert (p >= 0.0).all() and (p <= 1.0).all()
    assert_allclose(p.sum(axis=-1), 1.0, rtol=0, atol=1e-14)


def test_softmax_jacobian_matches_finite_differences():
    # d softmax_i / d z_j = p_i (delta_ij - p_j); check it through a random projection
    z = logits(14, shape=(6,))
    w = np.random.default_rng(15).normal(size=6)
    p = special.softmax(z)
    assert_matches_finite_differences(lambda: np.dot(w, A.softmax(z)), z, p * (w - np.dot(w, p)))
    assert_matches_finite_differences(lambda: A.logsumexp(z), z, p)  # LSE's gradient: softmax


# --------------------------------------------------------------------------- bad input

ALL = [
    A.sigmoid,
    A.sigmoid_grad,
    A.log_sigmoid,
    A.log_sigmoid_grad,
    A.softmax,
    A.log_softmax,
    A.logsumexp,
    A.relu,
    A.relu_grad,
    A.tanh,
    A.tanh_grad,
]


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
@pytest.mark.parametrize("fn", ALL, ids=lambda f: f.__name__)
def test_nan_or_inf_is_refused_naming_z(fn, bad):
    with pytest.raises(ValueError, match=r"^z \(shape \(3,\)\) contains 1 NaN or inf"):
        fn([0.0, bad, 1.0])


@pytest.mark.parametrize("fn", ALL, ids=lambda f: f.__name__)
def test_non_numeric_input_is_refused_naming_z(fn):
    with pytest.raises(ValueError, match=r"^z must be numeric"):
        fn(["a", "b"])


@pytest.mark.parametrize("fn", [A.softmax, A.log_softmax, A.logsumexp], ids=lambda f: f.__name__)
def test_a_scalar_has_no_axis_to_normalize_over(fn):
    with pytest.raises(ValueError, match=r"^z \(shape \(\)\) must have"):
        fn(1.0)


@pytest.mark.parametrize("z", [19.0, 20.0, 40.0, 300.0])
def test_tanh_grad_keeps_relative_accuracy_in_the_tails(z):
    """1 - tanh(z)^2 = 4 e^{-2|z|} / (1 + e^{-2|z|})^2; 1 - tanh^2 rounds to 0 from |z| ~ 19."""
    exact = 4.0 * math.exp(-2.0 * z) / (1.0 + math.exp(-2.0 * z)) ** 2  # sech^2 z, written by hand
    for sign in (1.0, -1.0):
        assert A.tanh_grad(sign * z) == pytest.approx(exact, rel=1e-13, abs=0)
