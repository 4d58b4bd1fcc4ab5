"""Tests of gradbook.losses against independent references.

The references are closed forms worked by hand in the test (-ln 0.7, (0.8 - 1.0)^2, ...),
``scipy.special`` (xlogy, expit, log_expit, log_softmax, softmax, rel_entr, entr, huber) and
central finite differences (``gradbook.gradcheck.numerical_grad``). No expected value here
was copied from running the code under test.

Convention checked throughout (``_reduce.reduction_scale``): a ``*_grad`` returns the
gradient of the *reduced* loss; for ``reduction="none"`` that is the gradient of the sum of
the per-example values, so the scale is 1 for "none" and "sum" and 1/N for "mean", where N
is the number of elements for the elementwise losses and the product of the leading axes
(the number of examples) for the categorical ones.
"""

import math
import re

import numpy as np
import pytest
from conftest import EXACT, assert_matches_finite_differences
from numpy.testing import assert_allclose, assert_array_equal
from scipy import special

from gradbook import losses as L

REDUCTIONS = ("none", "mean", "sum")


def reduced(values, reduction):
    """Reference reduction of per-example values."""
    return {"none": values, "mean": np.mean(values), "sum": np.sum(values)}[reduction]


def grad_scale(n, reduction):
    """d(reduced)/d(per-example value): 1/N for "mean", 1 for "sum" and for "none"."""
    return 1.0 / n if reduction == "mean" else 1.0


def assert_grad_matches_finite_differences(loss, grad, y_true, x, h=1e-6, **kwargs):
    """grad(y_true, x) against central differences of sum(loss(y_true, x))."""
    x = np.array(x, dtype=np.float64)  # a private, contiguous copy that numerical_grad perturbs
    analytic = grad(y_true, x.copy(), **kwargs)
    assert_matches_finite_differences(lambda: np.sum(loss(y_true, x, **kwargs)), x, analytic, h)


def assert_reduced_like(value, reference, reduction, **tol):
    if reduction == "none":
        assert np.shape(value) == np.shape(reference)
    else:
        assert isinstance(value, float)
    assert_allclose(value, reference, **(tol or EXACT))


# --------------------------------------------------------------------------- regression


def regression_data(seed, shape=(4, 3), delta=1.0):
    """Targets and predictions whose residuals stay >= 0.05 from every kink (0 and ±delta)."""
    rng = np.random.default_rng(seed)
    y = rng.normal(size=shape)
    r = rng.uniform(0.05, 2.5, size=shape) * rng.choice([-1.0, 1.0], size=shape)
    near = np.abs(np.abs(r) - delta) < 0.05
    r[near] += 0.1 * np.sign(r[near])
    return y, y + r


REGRESSION = [
    # id, loss, grad, kwargs, reference value of r = y_pred - y_true, reference d/dr
    pytest.param(L.mse, L.mse_grad, {}, lambda r: r**2, lambda r: 2.0 * r, id="mse"),
    pytest.param(L.mae, L.mae_grad, {}, np.abs, np.sign, id="mae"),
    pytest.param(
        L.huber,
        L.huber_grad,
        {"delta": 1.0},
        lambda r: special.huber(1.0, r),
        lambda r: np.clip(r, -1.0, 1.0),
        id="huber-delta1",
    ),
    pytest.param(
        L.huber,
        L.huber_grad,
        {"delta": 0.3},
        lambda r: special.huber(0.3, r),
        lambda r: np.clip(r, -0.3, 0.3),
        id="huber-delta0.3",
    ),
]


def test_mse_hand_worked_example():
    assert L.mse([1.0], [0.8]) == pytest.approx(0.04, rel=1e-12)  # (0.8 - 1.0)^2
    assert_allclose(L.mse([1.0, 2.0], [0.0, 0.0], reduction="none"), [1.0, 4.0], **EXACT)
    assert L.mse([1.0, 2.0], [0.0, 0.0]) == pytest.approx(2.5, rel=1e-15)  # (1 + 4) / 2
    assert L.mse([1.0, 2.0], [0.0, 0.0], reduction="sum") == pytest.approx(5.0, rel=1e-15)
    # no factor 1/2 in the value, hence 2 r / N in the gradient: 2 * (0 - 1) / 2, 2 * (0 - 2) / 2
    assert_allclose(L.mse_grad([1.0, 2.0], [0.0, 0.0]), [-1.0, -2.0], **EXACT)


def test_mae_and_huber_hand_worked_examples():
    assert L.mae([1.0, 2.0], [0.0, 4.0]) == pytest.approx(1.5, rel=1e-15)  # (1 + 2) / 2
    # Huber, delta = 1: r = 0.5 is quadratic, 0.5 * 0.25; r = 3 is linear, 1 * 3 - 0.5
    assert_allclose(L.huber([0.0, 0.0], [0.5, 3.0], reduction="none"), [0.125, 2.5], **EXACT)
    # delta = 2: r = -3 gives 2 * 3 - 0.5 * 4 = 4
    assert L.huber([0.0], [-3.0], delta=2.0) == pytest.approx(4.0, rel=1e-15)
    assert_allclose(L.huber_grad([0.0, 0.0], [0.5, -3.0], reduction="sum"), [0.5, -1.0], **EXACT)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize(("loss", "grad", "kwargs", "ref", "dref"), REGRESSION)
def test_regression_loss_matches_reference(loss, grad, kwargs, ref, dref, reduction):
    y, y_pred = regression_data(1, delta=kwargs.get("delta", 1.0))
    value = loss(y, y_pred, reduction=reduction, **kwargs)
    assert_reduced_like(value, reduced(ref(y_pred - y), reduction), reduction)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize(("loss", "grad", "kwargs", "ref", "dref"), REGRESSION)
def test_regression_grad_matches_finite_differences(loss, grad, kwargs, ref, dref, reduction):
    y, y_pred = regression_data(2, delta=kwargs.get("delta", 1.0))
    assert_grad_matches_finite_differences(loss, grad, y, y_pred, reduction=reduction, **kwargs)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize(("loss", "grad", "kwargs", "ref", "dref"), REGRESSION)
def test_regression_grad_matches_closed_form(loss, grad, kwargs, ref, dref, reduction):
    y, y_pred = regression_data(3, shape=(5, 2), delta=kwargs.get("delta", 1.0))
    expected = dref(y_pred - y) * grad_scale(y_pred.size, reduction)  # N = number of elements
    assert_allclose(grad(y, y_pred, reduction=reduction, **kwargs), expected, **EXACT)


def test_mae_grad_is_zero_at_zero_residual():
    assert_array_equal(
        L.mae_grad([1.0, 2.0, 3.0], [0.0, 4.0, 3.0], reduction="sum"), [-1.0, 1.0, 0.0]
    )


@pytest.mark.parametrize("delta", [0.3, 1.0, 2.5])
def test_huber_is_continuous_with_slope_delta_at_the_boundary(delta):
    # at |r| = delta the quadratic 0.5 r^2 and the linear delta |r| - 0.5 delta^2 agree, so the
    # two conventions (< or <= at the boundary) give the same value: 0.5 delta^2
    quadratic, linear = 0.5 * delta**2, delta * delta - 0.5 * delta**2
    assert quadratic == pytest.approx(linear, rel=1e-15)
    for r in (delta, -delta):
        assert L.huber([0.0], [r], delta=delta) == pytest.approx(quadratic, rel=1e-15)
        assert L.huber_grad([0.0], [r], delta=delta) == pytest.approx(
            math.copysign(delta, r), rel=1e-15
        )
    # and no jump just inside or outside: |Δvalue| ≈ slope · 1e-9
    inside = L.huber([0.0], [delta - 1e-9], delta=delta)
    outside = L.huber([0.0], [delta + 1e-9], delta=delta)
    assert outside - inside == pytest.approx(2e-9 * delta, rel=1e-5)


def test_huber_is_half_mse_for_small_residuals_and_linear_for_large():
    r = np.array([-0.9, -0.2, 0.0, 0.4, 0.99])
    assert_allclose(L.huber(np.zeros(5), r, reduction="none"), 0.5 * r**2, **EXACT)
    r = np.array([-7.0, -1.5, 1.01, 30.0])
    assert_allclose(L.huber(np.zeros(4), r, reduction="none"), np.abs(r) - 0.5, **EXACT)


# --------------------------------------------------------------------------- binary


def binary_data(seed, shape=(4, 3), soft=False):
    rng = np.random.default_rng(seed)
    y = rng.uniform(0.0, 1.0, size=shape) if soft else rng.integers(0, 2, size=shape).astype(float)
    return rng, y


def test_binary_cross_entropy_hand_worked_examples():
    assert L.binary_cross_entropy([1.0], [0.5]) == pytest.approx(math.log(2.0), rel=1e-12)
    expected = (-math.log(0.9) - math.log(0.9) - math.log(0.8) - math.log(0.7)) / 4
    assert L.binary_cross_entropy([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]) == pytest.approx(
        expected, rel=1e-12
    )
    # (p - y) / (p (1 - p)) at p = 0.5, y = 1: -0.5 / 0.25 = -2
    assert_allclose(L.binary_cross_entropy_grad([1.0], [0.5]), [-2.0], **EXACT)
    # logits: ln 2 at z = 0 for either label; sigma(0) - y = ±0.5
    assert_allclose(
        L.binary_cross_entropy_with_logits([1.0, 0.0], [0.0, 0.0], reduction="none"),
        [math.log(2.0)] * 2,
        **EXACT,
    )
    assert_allclose(
        L.binary_cross_entropy_with_logits_grad([1.0, 0.0], [0.0, 0.0], reduction="sum"),
        [-0.5, 0.5],
        **EXACT,
    )


@pytest.mark.parametrize("soft", [False, True], ids=["hard-labels", "soft-labels"])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy_matches_xlogy_reference(reduction, soft):
    rng, y = binary_data(10, soft=soft)
    p = rng.uniform(0.01, 0.99, size=y.shape)  # inside the clip
    ref = -(special.xlogy(y, p) + special.xlogy(1.0 - y, 1.0 - p))
    assert_reduced_like(
        L.binary_cross_entropy(y, p, reduction=reduction), reduced(ref, reduction), reduction
    )


@pytest.mark.parametrize("soft", [False, True], ids=["hard-labels", "soft-labels"])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy_grad_matches_finite_differences_and_closed_form(reduction, soft):
    rng, y = binary_data(11, soft=soft)
    p = rng.uniform(0.05, 0.95, size=y.shape)
    assert_grad_matches_finite_differences(
        L.binary_cross_entropy, L.binary_cross_entropy_grad, y, p, reduction=reduction
    )
    expected = (p - y) / (p * (1.0 - p)) * grad_scale(p.size, reduction)
    assert_allclose(L.binary_cross_entropy_grad(y, p, reduction=reduction), expected, **EXACT)


@pytest.mark.parametrize("eps", [1e-7, 1e-3, 0.1])
def test_clipped_binary_cross_entropy_caps_at_minus_log_eps_with_zero_gradient(eps):
    # p = 0 with y = 1 (and p = 1 with y = 0) is clipped to eps: the loss is -ln(eps), not inf
    assert L.binary_cross_entropy([1.0], [0.0], eps=eps) == pytest.approx(-math.log(eps), rel=1e-12)
    assert L.binary_cross_entropy([0.0], [1.0], eps=eps) == pytest.approx(-math.log(eps), rel=1e-8)
    # and the clip is flat there: the gradient is zero, however wrong the prediction
    assert_array_equal(L.binary_cross_entropy_grad([1.0, 0.0], [0.0, 1.0], eps=eps), [0.0, 0.0])
    # a confident right answer is clipped too: the loss is -ln(1 - eps) > 0
    assert L.binary_cross_entropy([1.0], [1.0], eps=eps) == pytest.approx(
        -math.log1p(-eps), rel=1e-8
    )


@pytest.mark.parametrize("soft", [False, True], ids=["hard-labels", "soft-labels"])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy_with_logits_matches_log_expit_reference(reduction, soft):
    rng, y = binary_data(12, soft=soft)
    z = rng.normal(scale=4.0, size=y.shape)
    ref = -(y * special.log_expit(z) + (1.0 - y) * special.log_expit(-z))
    value = L.binary_cross_entropy_with_logits(y, z, reduction=reduction)
    assert_reduced_like(value, reduced(ref, reduction), reduction)


@pytest.mark.parametrize("soft", [False, True], ids=["hard-labels", "soft-labels"])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy_with_logits_grad_is_sigmoid_minus_y(reduction, soft):
    rng, y = binary_data(13, soft=soft)
    z = rng.normal(scale=3.0, size=y.shape)
    assert_grad_matches_finite_differences(
        L.binary_cross_entropy_with_logits,
        L.binary_cross_entropy_with_logits_grad,
        y,
        z,
        reduction=reduction,
    )
    expected = (special.expit(z) - y) * grad_scale(z.size, reduction)
    assert_allclose(
        L.binary_cross_entropy_with_logits_grad(y, z, reduction=reduction), expected, **EXACT
    )


@pytest.mark.parametrize(
    ("y", "z", "expected"),
    [
        (1.0, -1000.0, 1000.0),  # -ln sigma(-1000) = 1000 + ln(1 + e^-1000)
        (0.0, 1000.0, 1000.0),
        (1.0, 1000.0, 0.0),
        (0.0, -1000.0, 0.0),
        (1.0, -40.0, 40.0 + math.log1p(math.exp(-40.0))),
        (0.0, 40.0, 40.0 + math.log1p(math.exp(-40.0))),
        (1.0, 40.0, math.log1p(math.exp(-40.0))),  # 4.25e-18: not rounded to 0 by a 1 - p
        (0.5, -1000.0, 500.0),  # soft label: 0.5 * 1000 + 0.5 * 0
    ],
)
def test_binary_cross_entropy_with_logits_is_exact_at_extreme_logits(y, z, expected):
    assert L.binary_cross_entropy_with_logits([y], [z]) == pytest.approx(expected, rel=1e-15, abs=0)
    grad = L.binary_cross_entropy_with_logits_grad([y], [z])
    assert np.isfinite(grad).all()
    assert grad[0] == pytest.approx(special.expit(z) - y, rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_binary_cross_entropy_on_probabilities_equals_logits_form_for_moderate_logits(reduction):
    rng, y = binary_data(14, soft=True)
    z = rng.uniform(-5.0, 5.0, size=y.shape)
    p = special.expit(z)
    assert_allclose(
        L.binary_cross_entropy(y, p, reduction=reduction),
        L.binary_cross_entropy_with_logits(y, z, reduction=reduction),
        rtol=1e-10,
    )
    # chain rule: d/dz = d/dp * sigma'(z) = d/dp * p (1 - p)
    assert_allclose(
        L.binary_cross_entropy_grad(y, p, reduction=reduction) * p * (1.0 - p),
        L.binary_cross_entropy_with_logits_grad(y, z, reduction=reduction),
        rtol=1e-10,
        atol=1e-15,
    )


# --------------------------------------------------------------------------- hinge


def hinge_data(seed, shape=(4, 3)):
    """Labels ±1 and scores whose margins y*s stay >= 0.05 from the kink at 1."""
    rng = np.random.default_rng(seed)
    y = rng.choice([-1.0, 1.0], size=shape)
    margin = rng.uniform(-2.0, 3.0, size=shape)
    margin[np.abs(margin - 1.0) < 0.05] -= 0.2
    return y, y * margin


def test_hinge_hand_worked_example():
    # margins 2, -0.5, -1: max(0, 1 - margin) = 0, 1.5, 2
    assert_allclose(
        L.hinge([1, -1, 1], [2.0, 0.5, -1.0], reduction="none"), [0.0, 1.5, 2.0], **EXACT
    )
    assert L.hinge([1, -1, 1], [2.0, 0.5, -1.0]) == pytest.approx(3.5 / 3, rel=1e-15)
    assert_allclose(
        L.hinge_grad([1, -1, 1], [2.0, 0.5, -1.0], reduction="sum"), [0.0, 1.0, -1.0], **EXACT
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_hinge_matches_reference_and_grad_matches_finite_differences_and_closed_form(reduction):
    y, s = hinge_data(20)
    assert_reduced_like(
        L.hinge(y, s, reduction=reduction),
        reduced(np.maximum(0.0, 1.0 - y * s), reduction),
        reduction,
    )
    assert_grad_matches_finite_differences(L.hinge, L.hinge_grad, y, s, reduction=reduction)
    expected = -y * (y * s < 1.0) * grad_scale(s.size, reduction)
    assert_allclose(L.hinge_grad(y, s, reduction=reduction), expected, **EXACT)


def test_hinge_is_zero_with_zero_gradient_at_and_beyond_the_margin():
    y = np.array([1.0, -1.0, 1.0, -1.0])
    s = np.array([1.0, -1.0, 7.5, -1e6])  # margins 1, 1, 7.5, 1e6
    assert_array_equal(L.hinge(y, s, reduction="none"), np.zeros(4))
    assert_array_equal(L.hinge_grad(y, s, reduction="none"), np.zeros(4))


# --------------------------------------------------------------------------- categorical


def distributions(rng, shape, alpha=1.0):
    """Rows drawn from a Dirichlet(alpha, ..., alpha) over the last axis."""
    *lead, k = shape
    return rng.dirichlet(np.full(k, alpha), size=tuple(lead) or None)


def interior_probabilities(rng, shape):
    """Rows of a softmax of moderate logits: every entry well inside [eps, 1 - eps]."""
    return special.softmax(rng.normal(size=shape), axis=-1)


def one_hot(labels, k):
    return np.eye(k)[labels]


CATEGORICAL_SHAPES = [(3,), (5, 4), (2, 3, 4)]  # one example, a batch, a batch of sequences


def test_three_class_example_is_minus_log_point_seven_in_every_form():
    y, p = [0.0, 1.0, 0.0], [0.2, 0.7, 0.1]
    expected = -math.log(0.7)
    z = np.log(p) + 3.0  # any logits whose softmax is p
    assert L.categorical_cross_entropy(y, p) == pytest.approx(expected, rel=1e-12)
    assert L.sparse_categorical_cross_entropy([1], [p]) == pytest.approx(expected, rel=1e-12)
    assert L.softmax_cross_entropy(y, z) == pytest.approx(expected, rel=1e-12)
    assert L.sparse_softmax_cross_entropy(1, z) == pytest.approx(expected, rel=1e-12)
    assert L.cross_entropy(y, p) == pytest.approx(expected, rel=1e-12)
    # gradients: -y/p on probabilities, softmax(z) - y on logits
    assert_allclose(L.categorical_cross_entropy_grad(y, p), [0.0, -1.0 / 0.7, 0.0], **EXACT)
    assert_allclose(L.softmax_cross_entropy_grad(y, z), [0.2, -0.3, 0.1], **EXACT)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", CATEGORICAL_SHAPES, ids=str)
@pytest.mark.parametrize("soft", [False, True], ids=["one-hot", "soft-targets"])
def test_categorical_cross_entropy_matches_xlogy_reference_and_gradients(shape, reduction, soft):
    rng = np.random.default_rng(30)
    p = interior_probabilities(rng, shape)
    y = (
        distributions(rng, shape)
        if soft
        else one_hot(rng.integers(0, shape[-1], size=shape[:-1]), shape[-1])
    )
    ref = -np.sum(special.xlogy(y, p), axis=-1)
    value = L.categorical_cross_entropy(y, p, reduction=reduction)
    assert_reduced_like(value, reduced(ref, reduction), reduction)
    n = math.prod(shape[:-1])  # number of examples, not of elements
    expected = -y / p * grad_scale(n, reduction)
    assert_allclose(L.categorical_cross_entropy_grad(y, p, reduction=reduction), expected, **EXACT)
    # h = 1e-7: p must keep summing to 1 (to 1e-6) while it is perturbed
    assert_grad_matches_finite_differences(
        L.categorical_cross_entropy,
        L.categorical_cross_entropy_grad,
        y,
        p,
        h=1e-7,
        reduction=reduction,
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", CATEGORICAL_SHAPES, ids=str)
def test_sparse_categorical_cross_entropy_equals_one_hot_form(shape, reduction):
    rng = np.random.default_rng(31)
    p = interior_probabilities(rng, shape)
    labels = rng.integers(0, shape[-1], size=shape[:-1])
    y = one_hot(labels, shape[-1])
    ref = -np.log(np.take_along_axis(p, labels[..., None], axis=-1)[..., 0])
    value = L.sparse_categorical_cross_entropy(labels, p, reduction=reduction)
    assert_allclose(value, reduced(ref, reduction), **EXACT)
    assert_allclose(
        value, L.categorical_cross_entropy(y, p, reduction=reduction), rtol=1e-15, atol=0
    )
    grad = L.sparse_categorical_cross_entropy_grad(labels, p, reduction=reduction)
    assert_allclose(
        grad, L.categorical_cross_entropy_grad(y, p, reduction=reduction), rtol=1e-15, atol=0
    )
    assert_grad_matches_finite_differences(
        L.sparse_categorical_cross_entropy,
        L.sparse_categorical_cross_entropy_grad,
        labels,
        p,
        h=1e-7,
        reduction=reduction,
    )


@pytest.mark.parametrize("eps", [1e-7, 0.01])
def test_categorical_cross_entropy_clips_a_zero_probability_with_zero_gradient(eps):
    y, p = [[0.0, 1.0, 0.0]], [[0.5, 0.0, 0.5]]
    assert L.categorical_cross_entropy(y, p, eps=eps) == pytest.approx(-math.log(eps), rel=1e-12)
    assert L.sparse_categorical_cross_entropy([1], p, eps=eps) == pytest.approx(
        -math.log(eps), rel=1e-12
    )
    assert_array_equal(L.categorical_cross_entropy_grad(y, p, eps=eps), [[0.0, 0.0, 0.0]])
    assert_array_equal(L.sparse_categorical_cross_entropy_grad([1], p, eps=eps), [[0.0, 0.0, 0.0]])
    assert not np.signbit(L.categorical_cross_entropy_grad(y, p, eps=eps)).any()  # no -0.0


# --------------------------------------------------------------------------- softmax cross-entropy


def reference_softmax_xent(target, z):
    return -np.sum(target * special.log_softmax(z, axis=-1), axis=-1)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", CATEGORICAL_SHAPES, ids=str)
@pytest.mark.parametrize("soft", [False, True], ids=["one-hot", "distribution"])
def test_softmax_cross_entropy_matches_log_softmax_reference_and_gradients(shape, reduction, soft):
    rng = np.random.default_rng(40)
    z = rng.normal(scale=3.0, size=shape)
    t = (
        distributions(rng, shape)
        if soft
        else one_hot(rng.integers(0, shape[-1], size=shape[:-1]), shape[-1])
    )
    value = L.softmax_cross_entropy(t, z, reduction=reduction)
    assert_allclose(value, reduced(reference_softmax_xent(t, z), reduction), **EXACT)
    assert np.shape(value) == (shape[:-1] if reduction == "none" else ())
    n = math.prod(shape[:-1])
    expected = (special.softmax(z, axis=-1) - t) * grad_scale(n, reduction)
    assert_allclose(L.softmax_cross_entropy_grad(t, z, reduction=reduction), expected, **EXACT)
    assert_grad_matches_finite_differences(
        L.softmax_cross_entropy, L.softmax_cross_entropy_grad, t, z, reduction=reduction
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", CATEGORICAL_SHAPES, ids=str)
def test_sparse_softmax_cross_entropy_equals_one_hot_form(shape, reduction):
    rng = np.random.default_rng(41)
    z = rng.normal(scale=3.0, size=shape)
    labels = rng.integers(0, shape[-1], size=shape[:-1])
    y = one_hot(labels, shape[-1])
    value = L.sparse_softmax_cross_entropy(labels, z, reduction=reduction)
    ref = -np.take_along_axis(special.log_softmax(z, axis=-1), labels[..., None], axis=-1)[..., 0]
    assert_allclose(value, reduced(ref, reduction), **EXACT)
    assert_allclose(value, L.softmax_cross_entropy(y, z, reduction=reduction), rtol=1e-15, atol=0)
    grad = L.sparse_softmax_cross_entropy_grad(labels, z, reduction=reduction)
    assert_allclose(grad, L.softmax_cross_entropy_grad(y, z, reduction=reduction), **EXACT)
    assert_grad_matches_finite_differences(
        L.sparse_softmax_cross_entropy,
        L.sparse_softmax_cross_entropy_grad,
        labels,
        z,
        reduction=reduction,
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("eps", [0.1, 0.35])
def test_label_smoothing_equals_cross_entropy_with_the_smoothed_target(eps, reduction):
    rng = np.random.default_rng(42)
    n, k = 6, 5
    z = rng.normal(scale=2.0, size=(n, k))
    labels = rng.integers(0, k, size=n)
    y = one_hot(labels, k)
    smoothed = (1.0 - eps) * y + eps / k
    ref = reduced(reference_softmax_xent(smoothed, z), reduction)
    ref_grad = (special.softmax(z, axis=-1) - smoothed) * grad_scale(n, reduction)
    forms = {
        "smoothed target, no smoothing": (
            L.softmax_cross_entropy,
            L.softmax_cross_entropy_grad,
            smoothed,
            0.0,
        ),
        "one-hot with label_smoothing": (
            L.softmax_cross_entropy,
            L.softmax_cross_entropy_grad,
            y,
            eps,
        ),
        "sparse with label_smoothing": (
            L.sparse_softmax_cross_entropy,
            L.sparse_softmax_cross_entropy_grad,
            labels,
            eps,
        ),
    }
    for form, (loss, grad, target, ls) in forms.items():
        assert_allclose(
            loss(target, z, label_smoothing=ls, reduction=reduction), ref, **EXACT, err_msg=form
        )
        assert_allclose(
            grad(target, z, label_smoothing=ls, reduction=reduction),
            ref_grad,
            **EXACT,
            err_msg=form,
        )
        assert_grad_matches_finite_differences(
            loss, grad, target, z, label_smoothing=ls, reduction=reduction
        )


def test_label_smoothing_of_a_soft_target_mixes_it_with_the_uniform_distribution():
    rng = np.random.default_rng(43)
    z = rng.normal(size=(4, 3))
    t = distributions(rng, (4, 3))
    mixed = 0.8 * t + 0.2 / 3
    assert_allclose(
        L.softmax_cross_entropy(t, z, label_smoothing=0.2),
        np.mean(reference_softmax_xent(mixed, z)),
        **EXACT,
    )
    assert_allclose(
        L.softmax_cross_entropy_grad(t, z, label_smoothing=0.2),
        (special.softmax(z, axis=-1) - mixed) / 4,
        **EXACT,
    )


@pytest.mark.parametrize("label_smoothing", [0.0, 0.2])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_value_and_grad_equal_the_separate_functions(reduction, label_smoothing):
    rng = np.random.default_rng(44)
    z = rng.normal(scale=5.0, size=(7, 4))
    labels = rng.integers(0, 4, size=7)
    t = distributions(rng, (7, 4))
    kw = {"label_smoothing": label_smoothing, "reduction": reduction}
    value, grad = L.softmax_cross_entropy_value_and_grad(t, z, **kw)
    assert_array_equal(value, L.softmax_cross_entropy(t, z, **kw))
    assert_array_equal(grad, L.softmax_cross_entropy_grad(t, z, **kw))
    value, grad = L.sparse_softmax_cross_entropy_value_and_grad(labels, z, **kw)
    assert_array_equal(value, L.sparse_softmax_cross_entropy(labels, z, **kw))
    assert_array_equal(grad, L.sparse_softmax_cross_entropy_grad(labels, z, **kw))


@pytest.mark.parametrize("shift", [-30.0, 2.5, 500.0])
def test_softmax_cross_entropy_is_unchanged_by_adding_a_constant_to_each_row_of_logits(shift):
    rng = np.random.default_rng(46)
    z = rng.normal(size=(5, 4))
    t = distributions(rng, (5, 4))
    row_shift = shift * np.arange(1, 6)[:, None]  # a different constant for each example
    value, grad = L.softmax_cross_entropy_value_and_grad(t, z + row_shift, reduction="none")
    assert_allclose(value, L.softmax_cross_entropy(t, z, reduction="none"), rtol=1e-11)
    assert_allclose(
        grad, L.softmax_cross_entropy_grad(t, z, reduction="none"), rtol=1e-10, atol=1e-15
    )


def test_softmax_cross_entropy_does_not_modify_its_inputs():
    rng = np.random.default_rng(45)
    z = rng.normal(size=(3, 4))
    t = distributions(rng, (3, 4))
    z0, t0 = z.copy(), t.copy()
    L.softmax_cross_entropy_value_and_grad(t, z, label_smoothing=0.1)
    L.sparse_softmax_cross_entropy_value_and_grad([0, 1, 2], z, label_smoothing=0.1)
    assert_array_equal(z, z0)
    assert_array_equal(t, t0)


def test_softmax_cross_entropy_is_exact_at_logits_of_plus_minus_1000():
    z = [[1000.0, -1000.0]]
    assert L.softmax_cross_entropy([[0.0, 1.0]], z) == 2000.0  # LSE = 1000 (+ ln(1 + e^-2000))
    assert L.sparse_softmax_cross_entropy([1], z) == 2000.0
    assert L.softmax_cross_entropy([[1.0, 0.0]], z) == 0.0
    value, grad = L.sparse_softmax_cross_entropy_value_and_grad([1], z)
    assert value == 2000.0
    assert_array_equal(grad, [[1.0, -1.0]])  # softmax [1, 0] minus the target [0, 1]
    # smoothing 0.1 over 2 classes: target [0.05, 0.95]; loss = 0.95 * 2000 + 0.05 * 0
    assert L.sparse_softmax_cross_entropy([1], z, label_smoothing=0.1) == pytest.approx(
        1900.0, rel=1e-15
    )
    # all logits huge and equal: the loss is ln K
    big = np.full((2, 5), 1000.0)
    assert_allclose(
        L.sparse_softmax_cross_entropy([0, 3], big, reduction="none"), [math.log(5)] * 2, **EXACT
    )
    mixed = np.array([[1000.0, -1000.0, 999.0, 0.0], [-1000.0, -999.0, -1000.0, -998.0]])
    value, grad = L.softmax_cross_entropy_value_and_grad(np.eye(4)[[2, 1]], mixed, reduction="none")
    assert np.isfinite(value).all() and np.isfinite(grad).all()
    assert_allclose(value, reference_softmax_xent(np.eye(4)[[2, 1]], mixed), **EXACT)


SOFTMAX_XENT_FORMS = [
    pytest.param(L.softmax_cross_entropy_value_and_grad, "one-hot", id="one-hot"),
    pytest.param(L.softmax_cross_entropy_value_and_grad, "distribution", id="distribution"),
    pytest.param(L.sparse_softmax_cross_entropy_value_and_grad, "labels", id="labels"),
]


def softmax_xent_data(rng, lead, k, kind):
    z = rng.normal(scale=3.0, size=(*lead, k))
    labels = rng.integers(0, k, size=lead)
    target = {
        "one-hot": one_hot(labels, k),
        "distribution": distributions(rng, (*lead, k)),
        "labels": labels,
    }
    return target[kind], z


@pytest.mark.parametrize("label_smoothing", [0.0, 0.2])
@pytest.mark.parametrize(("fn", "kind"), SOFTMAX_XENT_FORMS)
@pytest.mark.parametrize("lead", [(1,), (257,), (1797,), (3, 171), (2, 2, 129)], ids=str)
def test_softmax_cross_entropy_matches_scipy_on_batches_with_any_leading_axes(
    lead, fn, kind, label_smoothing
):
    rng = np.random.default_rng(47)
    k = 7
    target, z = softmax_xent_data(rng, lead, k, kind)
    z0, target0 = z.copy(), target.copy()
    t = one_hot(target, k) if kind == "labels" else target
    t = (1.0 - label_smoothing) * t + label_smoothing / k
    for reduction in REDUCTIONS:
        value, grad = fn(target, z, label_smoothing=label_smoothing, reduction=reduction)
        assert_reduced_like(value, reduced(reference_softmax_xent(t, z), reduction), reduction)
        expected = (special.softmax(z, axis=-1) - t) * grad_scale(math.prod(lead), reduction)
        assert_allclose(grad, expected, **EXACT)
    assert_array_equal(z, z0)  # the inputs are not modified
    assert_array_equal(target, target0)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize(("fn", "kind"), SOFTMAX_XENT_FORMS)
def test_label_smoothing_one_gives_the_uniform_target(fn, kind, reduction):
    # t = 1/K for every class: loss LSE(z) - mean_k z_k, gradient softmax(z) - 1/K (closed forms)
    rng = np.random.default_rng(48)
    n, k = 6, 5
    target, z = softmax_xent_data(rng, (n,), k, kind)
    value, grad = fn(target, z, label_smoothing=1.0, reduction=reduction)
    per_example = special.logsumexp(z, axis=-1) - z.mean(axis=-1)
    assert_reduced_like(value, reduced(per_example, reduction), reduction)
    assert_allclose(
        grad, (special.softmax(z, axis=-1) - 1.0 / k) * grad_scale(n, reduction), **EXACT
    )
    # whatever the target was: the loss forgets it
    other, _ = softmax_xent_data(np.random.default_rng(49), (n,), k, kind)
    assert_allclose(fn(other, z, label_smoothing=1.0, reduction=reduction)[0], value, **EXACT)


# --------------------------------------------------------------------------- information theory


@pytest.mark.parametrize("n", [1, 2, 5, 100])
def test_entropy_of_uniform_is_log_n(n):
    assert L.entropy(np.full(n, 1.0 / n)) == pytest.approx(math.log(n), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("k", [1, 2, 7])
def test_entropy_of_one_hot_is_zero_because_0_log_0_is_0(k):
    h = L.entropy(np.eye(k)[0])
    assert h == 0.0
    assert not math.copysign(1.0, h) < 0, "entropy of a one-hot printed as -0.0"
    assert_array_equal(L.entropy(np.eye(k)), np.zeros(k))
    assert not np.signbit(L.entropy(np.eye(k))).any()


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_entropy_matches_scipy_entr(reduction):
    rng = np.random.default_rng(50)
    p = distributions(rng, (6, 4), alpha=0.5)
    p[0] = [0.0, 0.5, 0.5, 0.0]  # zeros contribute 0 * log 0 = 0
    assert_allclose(
        L.entropy(p, reduction=reduction), reduced(special.entr(p).sum(axis=-1), reduction), **EXACT
    )


def test_kl_divergence_is_non_negative_over_many_random_distributions():
    rng = np.random.default_rng(51)
    for alpha in (0.1, 1.0, 10.0):
        p = distributions(rng, (500, 6), alpha)
        q = distributions(rng, (500, 6), alpha)
        kl = L.kl_divergence(p, q)
        assert kl.shape == (500,)
        assert (kl >= 0.0).all()
        assert_allclose(kl, special.rel_entr(p, q).sum(axis=-1), rtol=1e-12, atol=1e-14)


def test_kl_divergence_of_a_distribution_with_itself_is_exactly_zero():
    rng = np.random.default_rng(52)
    p = distributions(rng, (200, 5), alpha=0.3)
    p[0] = [1.0, 0.0, 0.0, 0.0, 0.0]
    assert_array_equal(L.kl_divergence(p, p), np.zeros(200))
    assert L.kl_divergence([0.5, 0.5], [0.5, 0.5]) == 0.0


def test_kl_divergence_hand_worked_example():
    # 0.5 ln(0.5/0.9) + 0.5 ln(0.5/0.1)
    expected = 0.5 * math.log(0.5 / 0.9) + 0.5 * math.log(5.0)
    assert L.kl_divergence([0.5, 0.5], [0.9, 0.1]) == pytest.approx(expected, rel=1e-12)
    assert L.kl_divergence([0.9, 0.1], [0.5, 0.5]) != pytest.approx(
        expected, rel=1e-3
    )  # not symmetric


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_cross_entropy_is_entropy_plus_kl_divergence(reduction):
    rng = np.random.default_rng(53)
    p = distributions(rng, (50, 4), alpha=0.5)
    q = distributions(rng, (50, 4), alpha=2.0)
    h_pq = L.cross_entropy(p, q, reduction=reduction)
    assert_allclose(
        h_pq,
        L.entropy(p, reduction=reduction) + L.kl_divergence(p, q, reduction=reduction),
        rtol=0,
        atol=1e-12,
    )
    assert_allclose(h_pq, reduced(-special.xlogy(p, q).sum(axis=-1), reduction), **EXACT)


def test_cross_entropy_equals_categorical_cross_entropy_inside_the_clip():
    rng = np.random.default_rng(54)
    y = distributions(rng, (8, 3))
    p = interior_probabilities(rng, (8, 3))
    assert_allclose(
        L.cross_entropy(y, p), L.categorical_cross_entropy(y, p, reduction="none"), **EXACT
    )


def test_a_zero_where_p_is_positive_makes_cross_entropy_and_kl_infinite_without_warning():
    # pytest turns any RuntimeWarning (divide by zero in log) into an error
    assert L.kl_divergence([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert L.cross_entropy([0.5, 0.5], [1.0, 0.0]) == math.inf
    assert_array_equal(L.kl_divergence_grad([0.5, 0.5], [1.0, 0.0]), [-0.5, -math.inf])
    # but q_k = 0 where p_k = 0 is harmless: 0 * log(0 / 0) counts as 0
    assert L.kl_divergence([1.0, 0.0], [0.5, 0.5]) == pytest.approx(math.log(2.0), rel=1e-15)
    assert L.kl_divergence([1.0, 0.0], [1.0, 0.0]) == 0.0
    assert L.cross_entropy([0.0, 1.0], [0.0, 1.0]) == 0.0
    assert not np.signbit(L.cross_entropy(np.eye(3), np.eye(3))).any()  # 0.0, not -0.0


@pytest.mark.parametrize("grad", [L.cross_entropy_grad, L.kl_divergence_grad], ids=["ce", "kl"])
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", CATEGORICAL_SHAPES, ids=str)
def test_cross_entropy_and_kl_grad_are_minus_p_over_q(shape, reduction, grad):
    rng = np.random.default_rng(55)
    p = distributions(rng, shape)
    q = interior_probabilities(rng, shape)
    p.reshape(-1, shape[-1])[0, 0] = 0.0  # a zero in p: a zero gradient there
    p.reshape(-1, shape[-1])[0] /= p.reshape(-1, shape[-1])[0].sum()
    expected = -p / q * grad_scale(math.prod(shape[:-1]), reduction)
    got = grad(p, q, reduction=reduction)
    assert_allclose(got, expected, **EXACT)
    assert got.reshape(-1)[0] == 0.0
    loss = L.cross_entropy if grad is L.cross_entropy_grad else L.kl_divergence
    assert_grad_matches_finite_differences(loss, grad, p, q, h=1e-7, reduction=reduction)


# --------------------------------------------------------------------------- against PyTorch


def torch_or_skip():
    return pytest.importorskip(
        "torch",
        reason="torch is not installed: the comparison with torch.nn.functional is optional",
    )


@pytest.mark.parametrize("label_smoothing", [0.0, 0.1, 1.0])
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("kind", ["labels", "distribution"])
def test_softmax_cross_entropy_matches_torch_cross_entropy(kind, reduction, label_smoothing):
    torch = torch_or_skip()
    rng = np.random.default_rng(60)
    target, z = softmax_xent_data(rng, (9,), 6, kind)
    fn = (
        L.sparse_softmax_cross_entropy_value_and_grad
        if kind == "labels"
        else (L.softmax_cross_entropy_value_and_grad)
    )
    value, grad = fn(target, z, label_smoothing=label_smoothing, reduction=reduction)
    zt = torch.tensor(z, requires_grad=True)
    loss = torch.nn.functional.cross_entropy(
        zt, torch.tensor(target), label_smoothing=label_smoothing, reduction=reduction
    )
    loss.sum().backward()  # "none": the gradient of the sum, as gradbook's
    assert_allclose(value, loss.detach().numpy(), **EXACT)
    assert_allclose(grad, zt.grad.numpy(), **EXACT)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize(
    ("ours", "our_grad", "theirs", "data"),
    [
        pytest.param(L.mse, L.mse_grad, "mse_loss", "regression", id="mse"),
        pytest.param(L.mae, L.mae_grad, "l1_loss", "regression", id="mae"),
        pytest.param(L.huber, L.huber_grad, "huber_loss", "regression", id="huber"),
        pytest.param(
            L.binary_cross_entropy_with_logits,
            L.binary_cross_entropy_with_logits_grad,
            "binary_cross_entropy_with_logits",
            "logits",
            id="bce-with-logits",
        ),
        pytest.param(
            L.binary_cross_entropy,
            L.binary_cross_entropy_grad,
            "binary_cross_entropy",
            "probabilities",
            id="bce",
        ),
    ],
)
def test_elementwise_losses_match_torch(ours, our_grad, theirs, data, reduction):
    torch = torch_or_skip()
    rng = np.random.default_rng(61)
    y, pred = regression_data(61)
    if data == "logits":
        y, pred = rng.uniform(0.0, 1.0, size=pred.shape), rng.normal(scale=5.0, size=pred.shape)
    elif data == "probabilities":  # inside gradbook's clip, which torch does not apply
        y, pred = rng.uniform(0.0, 1.0, size=pred.shape), rng.uniform(0.01, 0.99, size=pred.shape)
    pt = torch.tensor(pred, requires_grad=True)
    loss = getattr(torch.nn.functional, theirs)(pt, torch.tensor(y), reduction=reduction)
    loss.sum().backward()
    assert_allclose(ours(y, pred, reduction=reduction), loss.detach().numpy(), **EXACT)
    assert_allclose(our_grad(y, pred, reduction=reduction), pt.grad.numpy(), **EXACT)


# --------------------------------------------------------------------------- bad input

# For each function family: a valid call's arguments, their names, and any extra keywords.
VALID = {
    "mse": ([0.5, 1.0, -2.0], [0.4, 1.5, -1.0]),
    "mae": ([0.5, 1.0, -2.0], [0.4, 1.5, -1.0]),
    "huber": ([0.5, 1.0, -2.0], [0.4, 1.5, -1.0]),
    "binary_cross_entropy": ([0.0, 1.0, 0.5], [0.2, 0.7, 0.5]),
    "binary_cross_entropy_with_logits": ([0.0, 1.0, 0.5], [-1.0, 2.0, 0.0]),
    "hinge": ([1.0, -1.0, 1.0], [0.5, 0.2, -1.0]),
    "categorical_cross_entropy": (
        [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]],
        [[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]],
    ),
    "sparse_categorical_cross_entropy": ([1, 0], [[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]]),
    "softmax_cross_entropy": (
        [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]],
        [[1.0, 2.0, 3.0], [0.0, -1.0, 1.0]],
    ),
    "sparse_softmax_cross_entropy": ([1, 0], [[1.0, 2.0, 3.0], [0.0, -1.0, 1.0]]),
    "cross_entropy": ([[0.5, 0.5, 0.0], [0.1, 0.2, 0.7]], [[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]]),
    "kl_divergence": ([[0.5, 0.5, 0.0], [0.1, 0.2, 0.7]], [[0.2, 0.7, 0.1], [0.5, 0.25, 0.25]]),
    "entropy": ([[0.5, 0.5, 0.0], [0.1, 0.2, 0.7]],),
}
NAMES = {
    "binary_cross_entropy": ("y_true", "p"),
    "binary_cross_entropy_with_logits": ("y_true", "z"),
    "hinge": ("y_true", "scores"),
    "categorical_cross_entropy": ("y_onehot", "p"),
    "sparse_categorical_cross_entropy": ("labels", "p"),
    "softmax_cross_entropy": ("target", "z"),
    "sparse_softmax_cross_entropy": ("labels", "z"),
    "cross_entropy": ("p", "q"),
    "kl_divergence": ("p", "q"),
    "entropy": ("p",),
}


def functions_of(family):
    """The loss, its grad and (for softmax cross-entropy) its value_and_grad."""
    names = [family, family + "_grad", family + "_value_and_grad"]
    return [getattr(L, name) for name in names if hasattr(L, name)]


CALLS = [
    pytest.param(fn, family, id=fn.__name__) for family in VALID for fn in functions_of(family)
]


def with_arg(family, position, value):
    args = list(VALID[family])
    args[position] = value
    return args


def raises_naming(name, detail=""):
    return pytest.raises(ValueError, match=rf"^{name}\b{detail}")


@pytest.mark.parametrize(("fn", "family"), CALLS)
def test_the_valid_arguments_of_the_bad_input_table_are_accepted(fn, family):
    result = fn(*VALID[family])
    assert np.isfinite(result[0] if isinstance(result, tuple) else result).all()


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
@pytest.mark.parametrize(
    ("fn", "family", "position"),
    [
        pytest.param(
            fn, family, pos, id=f"{fn.__name__}-{NAMES.get(family, ('y_true', 'y_pred'))[pos]}"
        )
        for family in VALID
        for fn in functions_of(family)
        for pos in range(len(VALID[family]))
    ],
)
def test_nan_or_inf_in_any_argument_is_refused_naming_it(fn, family, position, bad):
    arg = np.array(VALID[family][position], dtype=float)
    arg.reshape(-1)[-1] = bad
    name = NAMES.get(family, ("y_true", "y_pred"))[position]
    with raises_naming(name):
        fn(*with_arg(family, position, arg))


ELEMENTWISE = [
    "mse",
    "mae",
    "huber",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "hinge",
]
ELEMENTWISE_CALLS = [c for c in CALLS if c.values[1] in ELEMENTWISE]
TWO_ARRAY_CALLS = [
    c for c in CALLS if c.values[1] not in ("entropy",) and "sparse" not in c.values[1]
]


@pytest.mark.parametrize(("fn", "family"), TWO_ARRAY_CALLS)
def test_shapes_that_would_broadcast_are_refused_naming_both_arguments(fn, family):
    y, pred = (np.asarray(a, dtype=float) for a in VALID[family])
    pred = (
        pred[:, None] if family in ELEMENTWISE else pred[None]
    )  # (3,) vs (3, 1); (2, 3) vs (1, 2, 3)
    a, b = NAMES.get(family, ("y_true", "y_pred"))
    with pytest.raises(
        ValueError,
        match="^"
        + re.escape(f"{a} and {b} must have the same shape, got {y.shape} and {pred.shape}"),
    ):
        fn(y, pred)


PROBABILITY_ARGS = [  # (family, position): arguments that must lie in [0, 1]
    ("binary_cross_entropy", 0),
    ("binary_cross_entropy", 1),
    ("binary_cross_entropy_with_logits", 0),
    ("categorical_cross_entropy", 0),
    ("categorical_cross_entropy", 1),
    ("sparse_categorical_cross_entropy", 1),
    ("softmax_cross_entropy", 0),
    ("cross_entropy", 0),
    ("cross_entropy", 1),
    ("kl_divergence", 0),
    ("kl_divergence", 1),
    ("entropy", 0),
]
PROBABILITY_CALLS = [
    pytest.param(fn, family, pos, id=f"{fn.__name__}-{NAMES[family][pos]}")
    for family, pos in PROBABILITY_ARGS
    for fn in functions_of(family)
]


@pytest.mark.parametrize(("fn", "family", "position"), PROBABILITY_CALLS)
def test_probabilities_outside_the_unit_interval_are_refused(fn, family, position):
    arg = np.array(VALID[family][position], dtype=float)
    if arg.ndim == 1:  # elementwise: one entry above 1, then one below 0
        bad_rows = [
            np.where(np.arange(arg.size) == 0, 1.2, arg),
            np.where(np.arange(arg.size) == 0, -0.2, arg),
        ]
    else:  # a row that still sums to 1, so only the range check can catch it
        bad_rows = []
        for row in ([1.2, -0.2, 0.0], [-0.5, 0.5, 1.0]):
            bad = arg.copy()
            bad[0] = row
            bad_rows.append(bad)
    for bad in bad_rows:
        with raises_naming(
            NAMES[family][position], r" \(shape .*\) must hold probabilities in \[0, 1\]"
        ):
            fn(*with_arg(family, position, bad))


DISTRIBUTION_ARGS = [(f, p) for f, p in PROBABILITY_ARGS if not f.startswith("binary")]
DISTRIBUTION_CALLS = [
    pytest.param(fn, family, pos, id=f"{fn.__name__}-{NAMES[family][pos]}")
    for family, pos in DISTRIBUTION_ARGS
    for fn in functions_of(family)
]


@pytest.mark.parametrize("row", [[0.5, 0.4, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 0.0]], ids=str)
@pytest.mark.parametrize(("fn", "family", "position"), DISTRIBUTION_CALLS)
def test_rows_not_summing_to_one_are_refused(fn, family, position, row):
    bad = np.array(VALID[family][position], dtype=float)
    bad[1] = row
    with raises_naming(
        NAMES[family][position], r" \(shape \(2, 3\)\) must sum to 1 over its last axis"
    ):
        fn(*with_arg(family, position, bad))


SPARSE_CALLS = [c for c in CALLS if "sparse" in c.values[1]]


@pytest.mark.parametrize(
    ("labels", "detail"),
    [
        pytest.param([1, 3], r".* labels in \[0, 3\)", id="label-equal-to-K"),
        pytest.param([-1, 0], r".* labels in \[0, 3\)", id="negative-label"),
        pytest.param([1.5, 0.0], r".* non-integers", id="non-integer-float"),
        pytest.param([True, False], r".* integer class labels, got dtype bool", id="bool"),
        pytest.param(["1", "0"], r".* integer class labels", id="strings"),
        pytest.param([[1], [0]], r" must have shape", id="column-shape"),
        pytest.param([1, 0, 2], r" must have shape", id="too-many"),
        pytest.param(1, r" must have shape", id="scalar-for-a-batch"),
    ],
)
@pytest.mark.parametrize(("fn", "family"), SPARSE_CALLS)
def test_invalid_labels_are_refused(fn, family, labels, detail):
    with raises_naming("labels", detail):
        fn(labels, VALID[family][1])


def test_a_huge_whole_float_label_is_refused_without_a_cast_warning():
    # 1e20 is a whole number, so it passes the integer check; casting it to int64 must not
    # come first (it warns "invalid value encountered in cast" and yields -2**63)
    with raises_naming("labels", r".* labels in \[0, 3\)"):
        L.sparse_softmax_cross_entropy([1e20, 0.0], VALID["sparse_softmax_cross_entropy"][1])


def test_labels_as_whole_floats_are_accepted():
    p = VALID["sparse_categorical_cross_entropy"][1]
    assert L.sparse_categorical_cross_entropy([1.0, 0.0], p) == L.sparse_categorical_cross_entropy(
        [1, 0], p
    )


@pytest.mark.parametrize(
    "labels", [[0.0, 1.0, 1.0], [1.0, -1.0, 2.0], [True, False, True]], ids=str
)
@pytest.mark.parametrize("fn", [L.hinge, L.hinge_grad])
def test_hinge_refuses_labels_other_than_plus_minus_one(fn, labels):
    with raises_naming("y_true", r" \(shape \(3,\)\) must hold labels -1 or \+1"):
        fn(labels, [0.5, 0.2, -1.0])


@pytest.mark.parametrize("reduction", ["avg", "Mean", "", None, "elementwise"])
@pytest.mark.parametrize(("fn", "family"), CALLS)
def test_an_unknown_reduction_is_refused(fn, family, reduction):
    with raises_naming("reduction", " must be one of"):
        fn(*VALID[family], reduction=reduction)


@pytest.mark.parametrize("delta", [0.0, -1.0, math.nan, math.inf])
@pytest.mark.parametrize("fn", [L.huber, L.huber_grad])
def test_huber_refuses_a_non_positive_or_non_finite_delta(fn, delta):
    with raises_naming("delta", " must be positive"):
        fn(*VALID["huber"], delta=delta)


@pytest.mark.parametrize("label_smoothing", [-0.1, 1.0 + 1e-12, 1.5, math.nan, math.inf])
@pytest.mark.parametrize(("fn", "family"), [c for c in CALLS if "softmax" in c.values[1]])
def test_label_smoothing_outside_zero_one_is_refused(fn, family, label_smoothing):
    with raises_naming("label_smoothing", r" must be in \[0, 1\]"):
        fn(*VALID[family], label_smoothing=label_smoothing)


@pytest.mark.parametrize("eps", [0.0, -1e-7, 0.5, 0.7, math.nan])
@pytest.mark.parametrize(
    ("fn", "family"),
    [
        c
        for c in CALLS
        if c.values[1]
        in ("binary_cross_entropy", "categorical_cross_entropy", "sparse_categorical_cross_entropy")
    ],
)
def test_eps_outside_zero_one_half_is_refused(fn, family, eps):
    with raises_naming("eps", r" must be in \(0, 0\.5\)"):
        fn(*VALID[family], eps=eps)


@pytest.mark.parametrize(("fn", "family", "position"), PROBABILITY_CALLS)
def test_nan_in_a_probability_argument_is_reported_as_nan_not_as_out_of_range(fn, family, position):
    # probability arguments are not scanned for NaN separately: the range check refuses NaN
    # and inf (a NaN minimum or maximum fails it), then says which it was
    for bad in (math.nan, math.inf, -math.inf):
        arg = np.array(VALID[family][position], dtype=float)
        arg.reshape(-1)[-1] = bad
        name = NAMES[family][position]
        with raises_naming(name, re.escape(f" (shape {arg.shape}) contains 1 NaN or inf value(s)")):
            fn(*with_arg(family, position, arg))


# --------------------------------------------------------------------------- an empty batch


def empty_batch(family):
    """The arguments of a valid call with no examples: (0,) elementwise, (0, 3) per row."""
    return [np.asarray(a, dtype=float)[:0] for a in VALID[family]]


def value_of(result):
    return result[0] if isinstance(result, tuple) else result


@pytest.mark.parametrize(("fn", "family"), CALLS)
def test_the_mean_over_an_empty_batch_is_refused_naming_the_argument(fn, family):
    # 0/0 has no right value (PyTorch returns nan); pytest would fail on any NumPy warning
    name = NAMES.get(family, ("y_true", "y_pred"))[-1]
    with raises_naming(name, r" \(shape \(0,( 3)?\)\) holds no examples, so reduction='mean'"):
        fn(*empty_batch(family), reduction="mean")


@pytest.mark.parametrize(("fn", "family"), CALLS)
def test_an_empty_batch_sums_to_zero_and_has_no_per_example_values(fn, family):
    args = empty_batch(family)
    per_example = args[-1].shape if family in ELEMENTWISE else (0,)
    if fn.__name__.endswith("_value_and_grad"):
        assert fn(*args, reduction="sum")[0] == 0.0
        assert fn(*args, reduction="none")[0].shape == per_example
        assert fn(*args, reduction="sum")[1].shape == args[-1].shape
    elif fn.__name__.endswith("_grad"):  # the gradient of 0.0: an empty array, the input's shape
        for reduction in ("sum", "none"):
            assert fn(*args, reduction=reduction).shape == args[-1].shape
    else:
        total = fn(*args, reduction="sum")
        assert total == 0.0 and type(total) is float
        assert fn(*args, reduction="none").shape == per_example


@pytest.mark.parametrize(("fn", "family"), [c for c in CALLS if c.values[1] not in ELEMENTWISE])
def test_a_last_axis_without_classes_is_refused(fn, family):
    args = [np.asarray(a, dtype=float)[..., :0] for a in VALID[family]]
    if "sparse" in family:
        args[0] = np.asarray(VALID[family][0])  # the labels keep their shape (2,)
    with raises_naming(NAMES[family][-1], r" \(shape \(2, 0\)\) must have at least one class"):
        fn(*args)
