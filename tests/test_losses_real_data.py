"""Tests of the losses real data needs: gaussian_nll, poisson_nll, pinball, sigmoid_focal.

References, none of them gradbook: ``scipy.stats`` log-densities (norm, poisson),
``scipy.special`` (gammaln, xlogy, expit, log_expit), scikit-learn's metrics
(``mean_pinball_loss``, ``mean_poisson_deviance``), closed forms worked by hand in the test,
50-digit ``mpmath`` for extreme logits, and central finite differences. PyTorch and
torchvision, when installed, are compared too: ``make test`` has neither and skips those tests;
``make test-torch`` installs PyTorch (its CPU build, with which torchvision's wheels do not
load) and runs all but the torchvision one. Without them, the SciPy log-densities stand in for
``gaussian_nll_loss`` and ``poisson_nll_loss``, and ``focal_reference`` for torchvision's
``sigmoid_focal_loss``.

Reductions with ``sample_weight`` follow scikit-learn: "none" gives w * loss, "sum" its sum,
"mean" sum(w * loss) / sum(w); whole-number weights must equal repeating the examples.
"""

import math

import mpmath
import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import special, stats
from sklearn.metrics import mean_pinball_loss, mean_poisson_deviance

from gradbook import losses as L
from gradbook.gradcheck import numerical_grad, relative_error

REDUCTIONS = ("none", "mean", "sum")
EXACT = {"rtol": 1e-12, "atol": 1e-15}
FD_TOL = 1e-7


def reduced(values, reduction, w=None):
    """Reference reduction: np.average is scikit-learn's weighted mean."""
    w = np.ones_like(values) if w is None else np.broadcast_to(w, values.shape)
    return {
        "none": w * values,
        "sum": np.sum(w * values),
        "mean": np.average(values, weights=w),
    }[reduction]


def scale(reduction, n, w=None):
    """d(reduced)/d(per-example loss)."""
    w = np.ones(n) if w is None else w
    return w / w.sum() if reduction == "mean" else w


def fd_check(fn, x, h=1e-6):
    """Central differences of the scalar fn() with respect to the array x (perturbed in place)."""
    return numerical_grad(fn, x, h=h)


def data(seed, n=12):
    rng = np.random.default_rng(seed)
    return rng, rng.normal(size=n)


# =========================================================================== gaussian_nll


def gaussian_args(seed, n=12):
    rng, y = data(seed, n)
    mean = y + rng.normal(scale=1.5, size=n)
    var = rng.uniform(0.05, 3.0, size=n)
    return y, mean, var


def test_gaussian_nll_hand_worked_example():
    # y = 3, mu = 1, v = 4: (log 4 + 2^2 / 4) / 2
    assert L.gaussian_nll([3.0], [1.0], [4.0]) == pytest.approx(
        0.5 * (math.log(4.0) + 1.0), rel=1e-15
    )
    assert L.gaussian_nll([3.0], [1.0], [4.0], full=True) == pytest.approx(
        0.5 * (math.log(4.0) + 1.0) + 0.5 * math.log(2 * math.pi), rel=1e-15
    )
    d_mean, d_var = L.gaussian_nll_grad([3.0, 0.0], [1.0, 0.0], [4.0, 2.0], reduction="sum")
    assert_allclose(d_mean, [-0.5, 0.0], **EXACT)  # (mu - y) / v
    assert_allclose(d_var, [0.0, 0.25], **EXACT)  # (1 - r^2 / v) / (2 v): r^2 = v, and r = 0


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("full", [False, True])
def test_gaussian_nll_is_minus_the_scipy_log_density(reduction, full):
    y, mean, var = gaussian_args(1)
    nll = -stats.norm.logpdf(y, loc=mean, scale=np.sqrt(var))
    if not full:
        nll = nll - 0.5 * np.log(2 * np.pi)
    value = L.gaussian_nll(y, mean, var, full=full, reduction=reduction)
    assert_allclose(value, reduced(nll, reduction), **EXACT)


def test_gaussian_nll_clamps_the_variance_at_eps_as_a_density_of_variance_eps():
    y, mean = np.array([0.0, 1.0, 2.0]), np.array([0.0, 1.5, 2.0])
    var = np.array([0.0, 1e-9, 5e-3])  # the first two below eps = 1e-3
    expected = -stats.norm.logpdf(y, mean, np.sqrt([1e-3, 1e-3, 5e-3])) - 0.5 * np.log(2 * np.pi)
    assert_allclose(L.gaussian_nll(y, mean, var, eps=1e-3, reduction="none"), expected, **EXACT)
    _, d_var = L.gaussian_nll_grad(y, mean, var, eps=1e-3, reduction="none")
    assert d_var[0] == 0.0 and d_var[1] == 0.0 and d_var[2] != 0.0


def test_gaussian_nll_with_constant_variance_is_mse_scaled_plus_a_constant():
    y, mean, _ = gaussian_args(2)
    v = 2.5
    expected = L.mse(y, mean) / (2 * v) + 0.5 * math.log(v)
    assert L.gaussian_nll(y, mean, np.full_like(y, v)) == pytest.approx(expected, rel=1e-13)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_gaussian_nll_grad_matches_closed_form_and_finite_differences(reduction):
    y, mean, var = gaussian_args(3)
    r = mean - y
    d_mean, d_var = L.gaussian_nll_grad(y, mean, var, reduction=reduction)
    c = scale(reduction, len(y))
    assert_allclose(d_mean, c * r / var, **EXACT)
    assert_allclose(d_var, c * (var - r**2) / (2 * var**2), **EXACT)
    m, s = mean.copy(), var.copy()
    num_mean = fd_check(lambda: np.sum(L.gaussian_nll(y, m, s, reduction=reduction)), m)
    num_var = fd_check(lambda: np.sum(L.gaussian_nll(y, m, s, reduction=reduction)), s)
    assert relative_error(d_mean, num_mean) < FD_TOL
    assert relative_error(d_var, num_var) < FD_TOL


def test_gaussian_nll_is_minimised_over_the_variance_at_the_squared_residual():
    y, mean = np.array([1.0, -2.0, 0.5]), np.array([0.0, 1.0, 0.4])
    r2 = (mean - y) ** 2
    _, d_var = L.gaussian_nll_grad(y, mean, r2, reduction="none")
    assert_allclose(d_var, 0.0, atol=1e-15)
    for factor in (0.9, 1.1):
        assert np.all(
            L.gaussian_nll(y, mean, factor * r2, reduction="none")
            > L.gaussian_nll(y, mean, r2, reduction="none")
        )


def test_gaussian_nll_matches_torch():
    torch = pytest.importorskip("torch")
    y, mean, var = gaussian_args(4)
    var[0] = 1e-9  # clamped by both
    t = {k: torch.tensor(a, dtype=torch.float64) for k, a in dict(y=y, m=mean, v=var).items()}
    for full in (False, True):
        for reduction in REDUCTIONS:
            ref = torch.nn.functional.gaussian_nll_loss(
                t["m"], t["y"], t["v"], full=full, eps=1e-6, reduction=reduction
            ).numpy()
            assert_allclose(L.gaussian_nll(y, mean, var, full=full, reduction=reduction), ref)
    m = t["m"].clone().requires_grad_()
    v = torch.tensor(var[1:], dtype=torch.float64).requires_grad_()  # unclamped: grads agree
    torch.nn.functional.gaussian_nll_loss(m[1:], t["y"][1:], v).backward()
    d_mean, d_var = L.gaussian_nll_grad(y[1:], mean[1:], var[1:])
    assert_allclose(d_mean, m.grad.numpy()[1:], **EXACT)
    assert_allclose(d_var, v.grad.numpy(), **EXACT)


# =========================================================================== poisson_nll


def poisson_args(seed, n=12):
    rng = np.random.default_rng(seed)
    log_rate = rng.normal(scale=1.5, size=n)
    counts = rng.poisson(np.exp(log_rate) + 1.0).astype(float)
    counts[:3] = [0.0, 1.0, 7.0]  # both sides of the Stirling mask
    return counts, log_rate


def test_poisson_nll_hand_worked_example():
    # y = 2, rate 2: 2 - 2 log 2; y = 0, rate 1: 1
    assert L.poisson_nll([2.0], [math.log(2.0)]) == pytest.approx(2 - 2 * math.log(2), rel=1e-15)
    stirling_2 = 2 * math.log(2) - 2 + 0.5 * math.log(4 * math.pi)
    assert L.poisson_nll([2.0, 0.0, 1.0], [0.0, 0.0, 0.0], full=True, reduction="none")[
        0
    ] == pytest.approx(1.0 + stirling_2, rel=1e-15)
    assert_allclose(L.poisson_nll_grad([3.0], [math.log(2.0)]), [-1.0], **EXACT)  # 2 - 3


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_poisson_nll_plus_log_factorial_is_minus_the_scipy_log_pmf(reduction):
    y, s = poisson_args(1)
    nll = -stats.poisson.logpmf(y, np.exp(s))
    value = L.poisson_nll(y, s, reduction="none") + special.gammaln(y + 1)
    assert_allclose(value, nll, **EXACT)
    assert_allclose(
        L.poisson_nll(y, s, reduction=reduction),
        reduced(nll - special.gammaln(y + 1), reduction),
        **EXACT,
    )


def test_poisson_nll_full_adds_stirling_only_where_y_exceeds_one():
    y = np.array([0.0, 0.5, 1.0, 1.5, 2.0, 10.0, 100.0])
    s = np.zeros_like(y)
    added = L.poisson_nll(y, s, full=True, reduction="none") - L.poisson_nll(y, s, reduction="none")
    big = y > 1
    expected = np.zeros_like(y)
    expected[big] = y[big] * np.log(y[big]) - y[big] + 0.5 * np.log(2 * np.pi * y[big])
    assert_allclose(added, expected, **EXACT)
    # Stirling's series: log y! = y log y - y + log(2 pi y)/2 + 1/(12 y) - ..., so for y > 1
    # the term falls short of log y! by a little less than 1/(12 y)
    shortfall = special.gammaln(y[big] + 1) - added[big]
    assert np.all((shortfall > 0) & (shortfall < 1 / (12 * y[big])))


def test_poisson_nll_is_half_the_scikit_learn_deviance_plus_a_term_free_of_the_model():
    y, s = poisson_args(2)
    half_deviance = L.poisson_nll(y, s) - np.mean(y - special.xlogy(y, y))
    assert half_deviance == pytest.approx(0.5 * mean_poisson_deviance(y, np.exp(s)), rel=1e-12)


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_poisson_nll_grad_is_rate_minus_count_and_matches_finite_differences(reduction):
    y, s = poisson_args(3)
    grad = L.poisson_nll_grad(y, s, reduction=reduction)
    assert_allclose(grad, scale(reduction, len(y)) * (np.exp(s) - y), **EXACT)
    x = s.copy()
    numeric = fd_check(lambda: np.sum(L.poisson_nll(y, x, reduction=reduction)), x)
    assert relative_error(grad, numeric) < FD_TOL


def test_poisson_nll_constant_minimiser_is_the_log_of_the_mean_count():
    y = np.array([0.0, 2.0, 3.0, 7.0])  # mean 3
    assert L.poisson_nll_grad(y, np.full(4, math.log(3.0))).sum() == pytest.approx(0.0, abs=1e-15)


def test_poisson_nll_matches_torch():
    torch = pytest.importorskip("torch")
    y, s = poisson_args(4)
    ty, ts = torch.tensor(y, dtype=torch.float64), torch.tensor(s, dtype=torch.float64)
    for full in (False, True):
        for reduction in REDUCTIONS:
            ref = torch.nn.functional.poisson_nll_loss(
                ts, ty, log_input=True, full=full, reduction=reduction
            ).numpy()
            assert_allclose(L.poisson_nll(y, s, full=full, reduction=reduction), ref, **EXACT)
    ts.requires_grad_()
    torch.nn.functional.poisson_nll_loss(ts, ty, log_input=True).backward()
    assert_allclose(L.poisson_nll_grad(y, s), ts.grad.numpy(), **EXACT)


# =========================================================================== pinball


def pinball_args(seed, n=12):
    rng, y = data(seed, n)
    u = rng.uniform(0.05, 2.0, size=n) * rng.choice([-1.0, 1.0], size=n)  # no kink
    return y, y - u


def test_pinball_hand_worked_example():
    # tau = 0.9; y = 1, 2, 3, 10 and q = 2.5: 0.1 * 1.5, 0.1 * 0.5, 0.9 * 0.5, 0.9 * 7.5
    y, q = [1.0, 2.0, 3.0, 10.0], [2.5] * 4
    assert_allclose(L.pinball(y, q, quantile=0.9, reduction="none"), [0.15, 0.05, 0.45, 6.75])
    assert L.pinball(y, q, quantile=0.9) == pytest.approx(7.4 / 4, rel=1e-15)
    assert_allclose(L.pinball_grad(y, q, quantile=0.9, reduction="sum"), [0.1, 0.1, -0.9, -0.9])


@pytest.mark.parametrize("quantile", [0.05, 0.3, 0.5, 0.95])
def test_pinball_matches_scikit_learn_with_and_without_weights(quantile):
    y, pred = pinball_args(1)
    w = np.random.default_rng(9).uniform(0.0, 2.0, size=len(y))
    assert L.pinball(y, pred, quantile=quantile) == pytest.approx(
        mean_pinball_loss(y, pred, alpha=quantile), rel=1e-13
    )
    assert L.pinball(y, pred, quantile=quantile, sample_weight=w) == pytest.approx(
        mean_pinball_loss(y, pred, alpha=quantile, sample_weight=w), rel=1e-13
    )


def test_pinball_at_one_half_is_half_the_absolute_error():
    y, pred = pinball_args(2)
    assert L.pinball(y, pred) == pytest.approx(0.5 * L.mae(y, pred), rel=1e-15)
    pred[0] = y[0]  # at the kink too
    assert_allclose(L.pinball_grad(y, pred), 0.5 * L.mae_grad(y, pred), **EXACT)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("quantile", [0.1, 0.5, 0.8])
def test_pinball_grad_matches_closed_form_and_finite_differences(reduction, quantile):
    y, pred = pinball_args(3)
    grad = L.pinball_grad(y, pred, quantile=quantile, reduction=reduction)
    expected = np.where(pred > y, 1 - quantile, -quantile) * scale(reduction, len(y))
    assert_allclose(grad, expected, **EXACT)
    x = pred.copy()
    numeric = fd_check(
        lambda: np.sum(L.pinball(y, x, quantile=quantile, reduction=reduction)), x, h=1e-4
    )
    assert relative_error(grad, numeric) < FD_TOL


def test_pinball_subgradient_at_the_kink_is_zero():
    assert_allclose(L.pinball_grad([1.0, 2.0], [1.0, 2.0], quantile=0.2), [0.0, 0.0])


@pytest.mark.parametrize("quantile", [0.1, 0.25, 0.5, 0.9])
def test_the_best_constant_under_pinball_is_the_empirical_quantile(quantile):
    y = np.random.default_rng(5).gamma(2.0, size=101)
    candidates = np.sort(y)  # a convex piecewise-linear cost is minimised at a data point
    costs = [L.pinball(y, np.full_like(y, c), quantile=quantile) for c in candidates]
    best = candidates[int(np.argmin(costs))]
    assert best == np.quantile(y, quantile, method="inverted_cdf")


# =========================================================================== sigmoid_focal


def focal_args(seed, n=16):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=n).astype(float)
    z = rng.normal(scale=3.0, size=n)
    return y, z


def focal_reference(y, z, alpha, gamma):
    """-alpha_t (1 - p_t)^gamma log p_t with SciPy's sigmoid, for moderate logits."""
    p = special.expit(z)
    p_t = np.where(y == 1, p, 1 - p)
    log_p_t = np.where(y == 1, special.log_expit(z), special.log_expit(-z))
    alpha_t = 1.0 if alpha is None else np.where(y == 1, alpha, 1 - alpha)
    return -alpha_t * (1 - p_t) ** gamma * log_p_t


FOCAL_KNOBS = [(0.25, 2.0), (None, 2.0), (0.5, 0.5), (0.75, 1.0), (None, 0.0), (0.25, 0.0)]


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize(("alpha", "gamma"), FOCAL_KNOBS)
def test_sigmoid_focal_matches_the_reference_formula(alpha, gamma, reduction):
    y, z = focal_args(1)
    value = L.sigmoid_focal(y, z, alpha=alpha, gamma=gamma, reduction=reduction)
    assert_allclose(value, reduced(focal_reference(y, z, alpha, gamma), reduction), rtol=1e-12)


def test_sigmoid_focal_hand_worked_example():
    z = math.log(9.0)  # sigma(z) = 0.9
    # easy positive: 0.25 * 0.1^2 * -log 0.9; hard negative (p_t = 0.1): 0.75 * 0.9^2 * -log 0.1
    expected = [0.25 * 0.01 * -math.log(0.9), 0.75 * 0.81 * -math.log(0.1)]
    assert_allclose(L.sigmoid_focal([1.0, 0.0], [z, z], reduction="none"), expected, rtol=1e-14)


def test_sigmoid_focal_with_gamma_zero_and_no_alpha_is_binary_cross_entropy():
    y, z = focal_args(2)
    bce = -(special.xlogy(y, special.expit(z)) + special.xlogy(1 - y, special.expit(-z)))
    assert_allclose(L.sigmoid_focal(y, z, alpha=None, gamma=0.0, reduction="none"), bce, **EXACT)
    assert_allclose(
        L.sigmoid_focal_grad(y, z, alpha=None, gamma=0.0), (special.expit(z) - y) / len(y), **EXACT
    )


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize(("alpha", "gamma"), FOCAL_KNOBS)
def test_sigmoid_focal_grad_matches_lin_et_al_and_finite_differences(alpha, gamma, reduction):
    y, z = focal_args(3)
    grad = L.sigmoid_focal_grad(y, z, alpha=alpha, gamma=gamma, reduction=reduction)
    # Lin et al. (2017), appendix, with y in {-1, +1}: y (1 - p_t)^g (g p_t log p_t + p_t - 1)
    p_t = np.where(y == 1, special.expit(z), special.expit(-z))
    alpha_t = 1.0 if alpha is None else np.where(y == 1, alpha, 1 - alpha)
    paper = (2 * y - 1) * alpha_t * (1 - p_t) ** gamma * (gamma * p_t * np.log(p_t) + p_t - 1)
    assert_allclose(grad, scale(reduction, len(y)) * paper, rtol=1e-11, atol=1e-15)
    x = z.copy()
    numeric = fd_check(
        lambda: np.sum(L.sigmoid_focal(y, x, alpha=alpha, gamma=gamma, reduction=reduction)), x
    )
    assert relative_error(grad, numeric) < FD_TOL


def mp_focal(y, z, alpha, gamma):
    """The focal loss and its derivative in 50-digit arithmetic."""
    with mpmath.workdps(50):
        z = mpmath.mpf(z)
        p_t = 1 / (1 + mpmath.exp(-z)) if y == 1 else 1 / (1 + mpmath.exp(z))
        a_t = alpha if y == 1 else 1 - alpha
        loss = -a_t * (1 - p_t) ** gamma * mpmath.log(p_t)
        d = (
            (1 if y == 1 else -1)
            * a_t
            * (1 - p_t) ** gamma
            * (gamma * p_t * mpmath.log(p_t) + p_t - 1)
        )
        return float(loss), float(d)


@pytest.mark.parametrize("z", [-800.0, -60.0, -37.0, 37.0, 60.0, 800.0])
@pytest.mark.parametrize("y", [0.0, 1.0])
def test_sigmoid_focal_is_accurate_at_extreme_logits(y, z):
    loss, d = mp_focal(y, z, 0.25, 2.0)
    got = L.sigmoid_focal([y], [z], reduction="sum")
    got_d = L.sigmoid_focal_grad([y], [z], reduction="sum")[0]
    assert got == pytest.approx(loss, rel=1e-13, abs=1e-300)
    assert got_d == pytest.approx(d, rel=1e-13, abs=1e-300)


def test_sigmoid_focal_is_finite_and_silent_for_any_finite_logit():
    z = np.array([-1e308, -1e5, -745.0, 0.0, 745.0, 1e5, 1e308])
    for y in (0.0, 1.0):
        for gamma in (0.0, 0.5, 2.0):
            yy = np.full_like(z, y)
            assert np.isfinite(L.sigmoid_focal(yy, z, gamma=gamma, reduction="none")).all()
            assert np.isfinite(L.sigmoid_focal_grad(yy, z, gamma=gamma)).all()


def test_sigmoid_focal_shrinks_an_easy_example_by_the_modulating_factor():
    z = math.log(9.0)  # p_t = 0.9
    ratio = L.sigmoid_focal([1.0], [z], alpha=None) / L.sigmoid_focal(
        [1.0], [z], alpha=None, gamma=0
    )
    assert ratio == pytest.approx(0.1**2, rel=1e-13)


def test_sigmoid_focal_matches_torchvision():
    torch = pytest.importorskip("torch")
    ops = pytest.importorskip("torchvision.ops")
    y, z = focal_args(4)
    ty, tz = torch.tensor(y, dtype=torch.float64), torch.tensor(z, dtype=torch.float64)
    for alpha, gamma in FOCAL_KNOBS:
        for reduction in REDUCTIONS:
            ref = ops.sigmoid_focal_loss(
                tz, ty, alpha=-1 if alpha is None else alpha, gamma=gamma, reduction=reduction
            ).numpy()
            value = L.sigmoid_focal(y, z, alpha=alpha, gamma=gamma, reduction=reduction)
            assert_allclose(value, ref, rtol=1e-12)
    tz.requires_grad_()
    ops.sigmoid_focal_loss(tz, ty, reduction="mean").backward()
    assert_allclose(L.sigmoid_focal_grad(y, z), tz.grad.numpy(), rtol=1e-10, atol=1e-15)


# =========================================================================== sample_weight

# name: (loss, grad, args, kwargs); the grads of gaussian_nll are a pair
WEIGHTED = {
    "gaussian_nll": (L.gaussian_nll, L.gaussian_nll_grad, gaussian_args(7), {}),
    "poisson_nll": (L.poisson_nll, L.poisson_nll_grad, poisson_args(7), {}),
    "pinball": (L.pinball, L.pinball_grad, pinball_args(7), {"quantile": 0.7}),
    "sigmoid_focal": (L.sigmoid_focal, L.sigmoid_focal_grad, focal_args(7, n=12), {}),
}


def as_tuple(g):
    return g if isinstance(g, tuple) else (g,)


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("name", WEIGHTED)
def test_sample_weight_gives_weighted_losses_and_scikit_learns_weighted_mean(name, reduction):
    loss, grad, args, kw = WEIGHTED[name]
    w = np.random.default_rng(11).uniform(0.0, 3.0, size=len(args[0]))
    per_example = loss(*args, reduction="none", **kw)
    value = loss(*args, sample_weight=w, reduction=reduction, **kw)
    assert_allclose(value, reduced(per_example, reduction, w), **EXACT)
    plain = as_tuple(grad(*args, reduction="sum", **kw))  # d(sum of losses) / d(each input)
    weighted = as_tuple(grad(*args, sample_weight=w, reduction=reduction, **kw))
    for g, g0 in zip(weighted, plain, strict=True):
        assert_allclose(g, scale(reduction, len(w), w) * g0, **EXACT)


@pytest.mark.parametrize("name", WEIGHTED)
def test_whole_number_weights_equal_repeating_the_examples(name):
    loss, grad, args, kw = WEIGHTED[name]
    counts = np.random.default_rng(12).integers(0, 4, size=len(args[0]))
    counts[0] = 2
    repeated = [np.repeat(a, counts) for a in args]
    assert loss(*args, sample_weight=counts, **kw) == pytest.approx(
        loss(*repeated, **kw), rel=1e-13
    )
    # the gradient of each input is the sum of the gradients of its copies
    g_weighted = as_tuple(grad(*args, sample_weight=counts, **kw))
    g_repeated = as_tuple(grad(*repeated, **kw))
    owner = np.repeat(np.arange(len(counts)), counts)
    for gw, gr in zip(g_weighted, g_repeated, strict=True):
        assert_allclose(gw, np.bincount(owner, gr, minlength=len(counts)), **EXACT)


@pytest.mark.parametrize("name", WEIGHTED)
def test_weighted_grad_matches_finite_differences(name):
    loss, grad, args, kw = WEIGHTED[name]
    w = np.random.default_rng(13).uniform(0.1, 3.0, size=len(args[0]))
    analytic = as_tuple(grad(*args, sample_weight=w, **kw))
    for position, g in zip(range(1, len(args)), analytic, strict=True):
        x = np.array(args[position])
        call = list(args)
        call[position] = x

        def cost(call=call):
            return loss(*call, sample_weight=w, **kw)

        assert relative_error(g, fd_check(cost, x, h=1e-5)) < FD_TOL


def test_weights_of_the_leading_axis_apply_to_whole_rows():
    rng = np.random.default_rng(14)
    y, pred = rng.normal(size=(5, 3)), rng.normal(size=(5, 3))
    w = rng.uniform(0.5, 2.0, size=5)
    value = L.pinball(y, pred, quantile=0.3, sample_weight=w)
    assert value == pytest.approx(mean_pinball_loss(y, pred, alpha=0.3, sample_weight=w), rel=1e-13)
    assert_allclose(
        L.pinball(y, pred, quantile=0.3, sample_weight=w, reduction="none"),
        w[:, None] * L.pinball(y, pred, quantile=0.3, reduction="none"),
        **EXACT,
    )


# =========================================================================== bad input

VALID = {
    "gaussian_nll": ((L.gaussian_nll, L.gaussian_nll_grad), ([1.0, 2.0], [0.5, 2.5], [1.0, 2.0])),
    "poisson_nll": ((L.poisson_nll, L.poisson_nll_grad), ([0.0, 3.0], [0.1, 1.0])),
    "pinball": ((L.pinball, L.pinball_grad), ([1.0, 2.0], [0.5, 2.5])),
    "sigmoid_focal": ((L.sigmoid_focal, L.sigmoid_focal_grad), ([0.0, 1.0], [0.5, -2.0])),
}
ARG_NAMES = {
    "gaussian_nll": ("y_true", "mean", "var"),
    "poisson_nll": ("y_true", "log_rate"),
    "pinball": ("y_true", "y_pred"),
    "sigmoid_focal": ("y_true", "z"),
}
CALLS = [pytest.param(fn, name, id=fn.__name__) for name, (fns, _) in VALID.items() for fn in fns]


def with_arg(name, position, value):
    args = list(VALID[name][1])
    args[position] = value
    return args


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf], ids=["nan", "inf", "-inf"])
@pytest.mark.parametrize(("fn", "name"), CALLS)
def test_nan_or_inf_in_any_array_is_refused_naming_it(fn, name, bad):
    for position, arg_name in enumerate(ARG_NAMES[name]):
        arg = np.array(VALID[name][1][position])
        arg[-1] = bad
        with pytest.raises(ValueError, match=rf"^{arg_name} \(shape \(2,\)\) contains"):
            fn(*with_arg(name, position, arg))


@pytest.mark.parametrize(("fn", "name"), CALLS)
def test_shapes_that_would_broadcast_are_refused_naming_both(fn, name):
    first = ARG_NAMES[name][0]
    for position, arg_name in list(enumerate(ARG_NAMES[name]))[1:]:
        arg = np.array(VALID[name][1][position])[:, None]
        with pytest.raises(ValueError, match=rf"^{first} and {arg_name} must have the same shape"):
            fn(*with_arg(name, position, arg))


@pytest.mark.parametrize(("fn", "name"), CALLS)
def test_bad_sample_weights_are_refused(fn, name):
    args = VALID[name][1]
    with pytest.raises(ValueError, match=r"^sample_weight must have the shape"):
        fn(*args, sample_weight=[1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"^sample_weight must have the shape"):
        fn(*args, sample_weight=1.0)
    with pytest.raises(ValueError, match=r"^sample_weight \(shape \(2,\)\) must be non-negative"):
        fn(*args, sample_weight=[1.0, -0.5])
    with pytest.raises(ValueError, match=r"^sample_weight \(shape \(2,\)\) contains 1 NaN"):
        fn(*args, sample_weight=[1.0, math.nan])
    with pytest.raises(ValueError, match=r"^sample_weight \(shape \(2,\)\) sums to 0"):
        fn(*args, sample_weight=[0.0, 0.0])
    fn(*args, sample_weight=[0.0, 0.0], reduction="sum")  # a sum of zero weights is fine


@pytest.mark.parametrize(("fn", "name"), CALLS)
def test_an_unknown_reduction_is_refused(fn, name):
    with pytest.raises(ValueError, match=r"^reduction must be one of"):
        fn(*VALID[name][1], reduction="average")


@pytest.mark.parametrize("fn", [L.gaussian_nll, L.gaussian_nll_grad])
def test_gaussian_nll_refuses_a_negative_variance_and_a_bad_eps(fn):
    with pytest.raises(ValueError, match=r"^var \(shape \(2,\)\) must be non-negative"):
        fn([1.0, 2.0], [1.0, 2.0], [1.0, -1e-9])
    for eps in (0.0, -1.0, math.inf):
        with pytest.raises(ValueError, match=r"^eps must be positive"):
            fn([1.0], [1.0], [1.0], eps=eps)


@pytest.mark.parametrize("fn", [L.poisson_nll, L.poisson_nll_grad])
def test_poisson_nll_refuses_negative_counts(fn):
    with pytest.raises(ValueError, match=r"^y_true \(shape \(2,\)\) must be non-negative"):
        fn([1.0, -1.0], [0.0, 0.0])


@pytest.mark.parametrize("quantile", [0.0, 1.0, -0.1, 1.5, math.nan])
@pytest.mark.parametrize("fn", [L.pinball, L.pinball_grad])
def test_pinball_refuses_a_quantile_outside_zero_one(fn, quantile):
    with pytest.raises(ValueError, match=r"^quantile must be in \(0, 1\)"):
        fn([1.0], [1.0], quantile=quantile)


@pytest.mark.parametrize("fn", [L.sigmoid_focal, L.sigmoid_focal_grad])
def test_sigmoid_focal_refuses_soft_labels_and_bad_knobs(fn):
    with pytest.raises(ValueError, match=r"^y_true \(shape \(2,\)\) must hold labels 0 or 1"):
        fn([0.5, 1.0], [0.0, 0.0])
    with pytest.raises(ValueError, match=r"^y_true \(shape \(2,\)\) must hold labels 0 or 1"):
        fn([-1.0, 1.0], [0.0, 0.0])
    for alpha in (-0.1, 1.1, math.nan):
        with pytest.raises(ValueError, match=r"^alpha must be None or in \[0, 1\]"):
            fn([1.0], [0.0], alpha=alpha)
    for gamma in (-1.0, math.inf):
        with pytest.raises(ValueError, match=r"^gamma must be non-negative"):
            fn([1.0], [0.0], gamma=gamma)
