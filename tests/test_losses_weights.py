"""Per-example weights (``sample_weight``) on every loss, and class weights (``class_weight``)
on the softmax cross-entropies.

References, none of them gradbook's weighted code: the library's own unweighted values
multiplied and averaged by ``np.average`` (scikit-learn's weighted mean), repetition of the
examples for whole-number weights, scikit-learn's metrics with ``sample_weight``
(``mean_squared_error``, ``mean_absolute_error``, ``log_loss``, ``hinge_loss``), a class-weighted
cross-entropy written here with ``scipy.special.log_softmax``, central finite differences,
and (when installed) ``torch.nn.functional.cross_entropy(weight=...)``.
"""

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import special
from sklearn.metrics import hinge_loss, log_loss, mean_absolute_error, mean_squared_error

from gradbook import losses as L
from gradbook.gradcheck import numerical_grad, relative_error

REDUCTIONS = ("none", "mean", "sum")
EXACT = {"rtol": 1e-12, "atol": 1e-15}
N, K = 7, 4


def rng(seed):
    return np.random.default_rng(seed)


def distributions(seed, shape=(N, K)):
    return rng(seed).dirichlet(np.ones(shape[-1]), size=shape[:-1])


# name: loss, grad, arguments (N examples), keyword arguments
CASES = {
    "mse": (L.mse, L.mse_grad, lambda: (rng(1).normal(size=N), rng(2).normal(size=N)), {}),
    "mae": (L.mae, L.mae_grad, lambda: (rng(1).normal(size=N), rng(2).normal(size=N)), {}),
    "huber": (
        L.huber,
        L.huber_grad,
        lambda: (rng(1).normal(size=N), 2 * rng(2).normal(size=N)),
        {"delta": 0.7},
    ),
    "binary_cross_entropy": (
        L.binary_cross_entropy,
        L.binary_cross_entropy_grad,
        lambda: (rng(1).integers(0, 2, N).astype(float), rng(2).uniform(0.05, 0.95, N)),
        {},
    ),
    "binary_cross_entropy_with_logits": (
        L.binary_cross_entropy_with_logits,
        L.binary_cross_entropy_with_logits_grad,
        lambda: (rng(1).uniform(0, 1, N), 3 * rng(2).normal(size=N)),
        {},
    ),
    "hinge": (
        L.hinge,
        L.hinge_grad,
        lambda: (rng(1).choice([-1.0, 1.0], N), 2 * rng(2).normal(size=N)),
        {},
    ),
    "categorical_cross_entropy": (
        L.categorical_cross_entropy,
        L.categorical_cross_entropy_grad,
        lambda: (distributions(1), distributions(2)),
        {},
    ),
    "sparse_categorical_cross_entropy": (
        L.sparse_categorical_cross_entropy,
        L.sparse_categorical_cross_entropy_grad,
        lambda: (rng(1).integers(0, K, N), distributions(2)),
        {},
    ),
    "softmax_cross_entropy": (
        L.softmax_cross_entropy,
        L.softmax_cross_entropy_grad,
        lambda: (distributions(1), 2 * rng(2).normal(size=(N, K))),
        {"label_smoothing": 0.1},
    ),
    "sparse_softmax_cross_entropy": (
        L.sparse_softmax_cross_entropy,
        L.sparse_softmax_cross_entropy_grad,
        lambda: (rng(1).integers(0, K, N), 2 * rng(2).normal(size=(N, K))),
        {},
    ),
    "cross_entropy": (
        L.cross_entropy,
        L.cross_entropy_grad,
        lambda: (distributions(1), distributions(2)),
        {},
    ),
    "kl_divergence": (
        L.kl_divergence,
        L.kl_divergence_grad,
        lambda: (distributions(1), distributions(2)),
        {},
    ),
    "entropy": (L.entropy, None, lambda: (distributions(1),), {}),
}


def scaled(scale, grad):
    """A gradient times a per-example scale (spread over the class axis if it has one)."""
    return (scale[:, None] if grad.ndim == 2 else scale) * grad


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", CASES)
def test_weighted_values_are_w_times_the_losses_and_the_weighted_mean(name, reduction):
    loss, grad, make, kw = CASES[name]
    args = make()
    w = rng(3).uniform(0.0, 3.0, size=N)
    plain = loss(*args, reduction="none", **kw)
    expected = {
        "none": w * plain,
        "sum": np.sum(w * plain),
        "mean": np.average(plain, weights=w),
    }[reduction]
    assert_allclose(loss(*args, sample_weight=w, reduction=reduction, **kw), expected, **EXACT)
    if grad is None:
        return
    g_sum = grad(*args, reduction="sum", **kw)  # d(sum of the losses) / d(each input)
    scale = w / w.sum() if reduction == "mean" else w
    assert_allclose(
        grad(*args, sample_weight=w, reduction=reduction, **kw), scaled(scale, g_sum), **EXACT
    )


@pytest.mark.parametrize("name", [n for n in CASES if CASES[n][1] is not None])
def test_whole_number_weights_equal_repeating_the_examples(name):
    loss, grad, make, kw = CASES[name]
    args = make()
    counts = rng(4).integers(0, 4, size=N)
    counts[0] = 3
    repeated = [np.repeat(a, counts, axis=0) for a in args]
    mean = {"reduction": "mean", **kw}  # the information measures default to "none"
    assert loss(*args, sample_weight=counts, **mean) == pytest.approx(
        loss(*repeated, **mean), rel=1e-13
    )
    owner = np.repeat(np.arange(N), counts)
    g_rep = grad(*repeated, **mean)
    summed = np.zeros_like(g_rep[:N])
    np.add.at(summed, owner, g_rep)
    assert_allclose(grad(*args, sample_weight=counts, **mean), summed, **EXACT)


# the losses of probabilities are left out: a step of a finite difference leaves the simplex
FREE_INPUTS = [
    n
    for n in CASES
    if CASES[n][1] is not None
    and n not in ("categorical_cross_entropy", "sparse_categorical_cross_entropy")
    and n not in ("cross_entropy", "kl_divergence")
]


@pytest.mark.parametrize("name", FREE_INPUTS)
def test_weighted_grad_matches_finite_differences(name):
    loss, grad, make, kw = CASES[name]
    y, x = make()
    w = rng(5).uniform(0.1, 3.0, size=N)
    x = np.array(x, dtype=float)
    numeric = numerical_grad(lambda: loss(y, x, sample_weight=w, **kw), x)
    assert relative_error(grad(y, x.copy(), sample_weight=w, **kw), numeric) < 1e-7


@pytest.mark.parametrize(
    ("loss", "reference", "make"),
    [
        (L.mse, mean_squared_error, CASES["mse"][2]),
        (L.mae, mean_absolute_error, CASES["mae"][2]),
        (
            L.binary_cross_entropy,
            lambda y, p, sample_weight: log_loss(y, p, sample_weight=sample_weight),
            CASES["binary_cross_entropy"][2],
        ),
        (
            L.hinge,
            lambda y, s, sample_weight: hinge_loss(y, s, sample_weight=sample_weight),
            CASES["hinge"][2],
        ),
        (
            L.sparse_categorical_cross_entropy,
            lambda c, p, sample_weight: log_loss(
                c, p, sample_weight=sample_weight, labels=np.arange(K)
            ),
            CASES["sparse_categorical_cross_entropy"][2],
        ),
    ],
    ids=["mse", "mae", "bce-log_loss", "hinge", "sparse-cce-log_loss"],
)
def test_the_weighted_mean_is_scikit_learns(loss, reference, make):
    y, pred = make()
    w = rng(6).uniform(0.0, 2.0, size=N)
    assert loss(y, pred, sample_weight=w) == pytest.approx(
        reference(y, pred, sample_weight=w), rel=1e-12
    )


def test_weights_of_the_leading_axis_apply_to_whole_rows():
    y, pred = rng(7).normal(size=(N, 3)), rng(8).normal(size=(N, 3))
    w = rng(9).uniform(0.5, 2.0, size=N)
    assert L.mse(y, pred, sample_weight=w) == pytest.approx(
        mean_squared_error(y, pred, sample_weight=w), rel=1e-13
    )


# =========================================================================== class_weight


def weighted_xent_reference(target, z, w, smoothing=0.0):
    """-sum_k w_k t_k log softmax(z)_k per row, t the smoothed target, with SciPy's log_softmax."""
    t = (1 - smoothing) * target + smoothing / target.shape[-1]
    return -np.sum(w * t * special.log_softmax(z, axis=-1), axis=-1)


CLASS_W = np.array([0.5, 2.0, 1.0, 4.0])


@pytest.mark.parametrize("smoothing", [0.0, 0.2])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_class_weight_with_integer_labels_is_pytorchs_weighted_mean(reduction, smoothing):
    labels, z = rng(10).integers(0, K, N), 2 * rng(11).normal(size=(N, K))
    per_example = weighted_xent_reference(np.eye(K)[labels], z, CLASS_W, smoothing)
    expected = {
        "none": per_example,
        "sum": per_example.sum(),
        "mean": per_example.sum() / CLASS_W[labels].sum(),  # over the weights, not over N
    }[reduction]
    kw = {"class_weight": CLASS_W, "label_smoothing": smoothing, "reduction": reduction}
    assert_allclose(L.sparse_softmax_cross_entropy(labels, z, **kw), expected, **EXACT)


@pytest.mark.parametrize("smoothing", [0.0, 0.2])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_class_weight_with_target_distributions_divides_the_mean_by_n(reduction, smoothing):
    target, z = distributions(12), 2 * rng(13).normal(size=(N, K))
    per_example = weighted_xent_reference(target, z, CLASS_W, smoothing)
    expected = {"none": per_example, "sum": per_example.sum(), "mean": per_example.mean()}
    kw = {"class_weight": CLASS_W, "label_smoothing": smoothing, "reduction": reduction}
    assert_allclose(L.softmax_cross_entropy(target, z, **kw), expected[reduction], **EXACT)


@pytest.mark.parametrize("smoothing", [0.0, 0.3])
@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("sparse", [False, True], ids=["distributions", "labels"])
def test_class_weighted_gradients_match_finite_differences_and_value_and_grad(
    sparse, reduction, smoothing
):
    z = 2 * rng(14).normal(size=(N, K))
    target = rng(15).integers(0, K, N) if sparse else distributions(15)
    w = rng(16).uniform(0.2, 2.0, size=N)
    family = "sparse_softmax_cross_entropy" if sparse else "softmax_cross_entropy"
    loss, grad, both = (getattr(L, family + suffix) for suffix in ("", "_grad", "_value_and_grad"))
    kw = dict(class_weight=CLASS_W, label_smoothing=smoothing, sample_weight=w, reduction=reduction)
    probe = z.copy()
    numeric = numerical_grad(lambda: np.sum(loss(target, probe, **kw)), probe)
    analytic = grad(target, z, **kw)
    assert relative_error(analytic, numeric) < 1e-7
    value, g = both(target, z, **kw)
    assert_allclose(value, loss(target, z, **kw), rtol=1e-15)
    assert_allclose(g, analytic, rtol=1e-15)


def test_class_weight_and_sample_weight_together_repeat_examples():
    """Whole-number example weights repeat examples, also in the weighted mean's denominator."""
    labels, z = rng(17).integers(0, K, N), 2 * rng(18).normal(size=(N, K))
    counts = rng(19).integers(1, 4, size=N)
    repeated = np.repeat(labels, counts), np.repeat(z, counts, axis=0)
    for fn in (L.sparse_softmax_cross_entropy, L.softmax_cross_entropy):
        target = labels if fn is L.sparse_softmax_cross_entropy else np.eye(K)[labels]
        rep_target = repeated[0] if fn is L.sparse_softmax_cross_entropy else np.eye(K)[repeated[0]]
        assert fn(target, z, class_weight=CLASS_W, sample_weight=counts) == pytest.approx(
            fn(rep_target, repeated[1], class_weight=CLASS_W), rel=1e-13
        )


def test_unit_class_weights_change_nothing():
    labels, z = rng(20).integers(0, K, N), 2 * rng(21).normal(size=(N, K))
    for smoothing in (0.0, 0.25):
        assert L.sparse_softmax_cross_entropy(
            labels, z, class_weight=np.ones(K), label_smoothing=smoothing
        ) == pytest.approx(L.sparse_softmax_cross_entropy(labels, z, label_smoothing=smoothing))


def test_class_weight_matches_torch():
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    labels, z = rng(22).integers(0, K, N), 2 * rng(23).normal(size=(N, K))
    target = distributions(24)
    tw = torch.tensor(CLASS_W)
    for smoothing in (0.0, 0.2):
        for reduction in REDUCTIONS:
            kw = dict(weight=tw, label_smoothing=smoothing, reduction=reduction)
            ours = dict(class_weight=CLASS_W, label_smoothing=smoothing, reduction=reduction)
            ref = F.cross_entropy(torch.tensor(z), torch.tensor(labels), **kw).numpy()
            assert_allclose(L.sparse_softmax_cross_entropy(labels, z, **ours), ref, rtol=1e-12)
            ref = F.cross_entropy(torch.tensor(z), torch.tensor(target), **kw).numpy()
            assert_allclose(L.softmax_cross_entropy(target, z, **ours), ref, rtol=1e-12)
    tz = torch.tensor(z, requires_grad=True)
    F.cross_entropy(tz, torch.tensor(labels), weight=tw, label_smoothing=0.1).backward()
    ours = L.sparse_softmax_cross_entropy_grad(labels, z, class_weight=CLASS_W, label_smoothing=0.1)
    assert_allclose(ours, tz.grad.numpy(), rtol=1e-12, atol=1e-15)


FNS = [
    L.softmax_cross_entropy,
    L.softmax_cross_entropy_grad,
    L.softmax_cross_entropy_value_and_grad,
    L.sparse_softmax_cross_entropy,
    L.sparse_softmax_cross_entropy_grad,
    L.sparse_softmax_cross_entropy_value_and_grad,
]


@pytest.mark.parametrize("fn", FNS, ids=lambda f: f.__name__)
def test_bad_class_weights_are_refused(fn):
    z = rng(25).normal(size=(N, K))
    target = np.array([0, 1, 2, 3, 0, 1, 2]) if "sparse" in fn.__name__ else distributions(26)
    with pytest.raises(ValueError, match=r"^class_weight must have one weight per class"):
        fn(target, z, class_weight=[1.0, 2.0])
    with pytest.raises(ValueError, match=r"^class_weight \(shape \(4,\)\) must be non-negative"):
        fn(target, z, class_weight=[1.0, -1.0, 1.0, 1.0])
    with pytest.raises(ValueError, match=r"^class_weight \(shape \(4,\)\) contains 1 NaN"):
        fn(target, z, class_weight=[1.0, math.nan, 1.0, 1.0])


def test_a_zero_total_class_weight_has_no_mean_for_integer_labels():
    z = rng(27).normal(size=(3, K))
    with pytest.raises(ValueError, match=r"^class_weight gives the examples' classes a total"):
        L.sparse_softmax_cross_entropy([1, 1, 2], z, class_weight=[1.0, 0.0, 0.0, 1.0])
    total = L.sparse_softmax_cross_entropy(
        [1, 1, 2], z, class_weight=[1.0, 0.0, 0.0, 1.0], reduction="sum"
    )
    assert total == 0.0


@pytest.mark.parametrize("name", [n for n in CASES if CASES[n][1] is not None])
def test_bad_sample_weights_are_refused(name):
    loss, grad, make, kw = CASES[name]
    args = make()
    for fn in (loss, grad):
        with pytest.raises(ValueError, match=r"^sample_weight must have the shape"):
            fn(*args, sample_weight=np.ones(N + 1), **kw)
        with pytest.raises(ValueError, match=r"^sample_weight \(shape \(7,\)\) must be non-neg"):
            fn(*args, sample_weight=np.r_[np.ones(N - 1), -1.0], **kw)
        with pytest.raises(ValueError, match=r"^sample_weight \(shape \(7,\)\) sums to 0"):
            fn(*args, sample_weight=np.zeros(N), reduction="mean", **kw)
