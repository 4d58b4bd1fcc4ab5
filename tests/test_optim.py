"""Tests of gradbook.optim: each update rule by hand, convergence, state, bad input, PyTorch;
gradient clipping likewise."""

import math
import warnings

import numpy as np
import pytest

from gradbook.optim import (
    SGD,
    Adagrad,
    Adam,
    AdamW,
    RMSprop,
    clip_grad_norm,
    clip_grad_value,
)

ALL = [SGD, Adagrad, RMSprop, Adam, AdamW]


def run(opt_cls, theta0, grads, **kw):
    """Run an optimizer over a fixed gradient sequence; return the parameter after each step."""
    theta = np.array(theta0, dtype=np.float64)
    opt = opt_cls([theta], **kw)
    out = []
    for g in grads:
        opt.step([np.array(g, dtype=np.float64)])
        out.append(theta.copy())
    return out


# --------------------------------------------------------------------------- SGD, by hand


def test_sgd_plain_is_theta_minus_lr_g():
    grads = [[0.5, -1.0], [0.25, 2.0], [-1.0, 0.5]]
    got = run(SGD, [1.0, -2.0], grads, lr=0.1)
    assert got[0] == pytest.approx([0.95, -1.9])
    assert got[1] == pytest.approx([0.925, -2.1])
    assert got[2] == pytest.approx([1.025, -2.15])


def test_sgd_momentum_first_buffer_is_the_gradient():
    # b1 = g1 = 1; b2 = 0.9*1 + 2 = 2.9; b3 = 0.9*2.9 - 1 = 1.61 (no dampening)
    got = run(SGD, [0.0], [[1.0], [2.0], [-1.0]], lr=0.1, momentum=0.9)
    assert [x[0] for x in got] == pytest.approx([-0.1, -0.39, -0.551], abs=1e-15)


def test_sgd_nesterov_looks_ahead():
    # d_t = g_t + 0.9 b_t with the buffers above: 1.9, 4.61, 0.449
    got = run(SGD, [0.0], [[1.0], [2.0], [-1.0]], lr=0.1, momentum=0.9, nesterov=True)
    assert [x[0] for x in got] == pytest.approx([-0.19, -0.651, -0.6959], abs=1e-15)


def test_sgd_weight_decay_adds_lambda_theta_to_the_gradient():
    # g' = 1 + 0.1*2 = 1.2 -> 2 - 0.5*1.2 = 1.4; g' = 1 + 0.14 = 1.14 -> 1.4 - 0.57 = 0.83
    got = run(SGD, [2.0], [[1.0], [1.0]], lr=0.5, weight_decay=0.1)
    assert [x[0] for x in got] == pytest.approx([1.4, 0.83], abs=1e-15)


def test_sgd_weight_decay_goes_into_the_momentum_buffer():
    # b1 = 1.2 -> 1.4; g2' = 1.14, b2 = 0.5*1.2 + 1.14 = 1.74 -> 1.4 - 0.87 = 0.53
    got = run(SGD, [2.0], [[1.0], [1.0]], lr=0.5, momentum=0.5, weight_decay=0.1)
    assert [x[0] for x in got] == pytest.approx([1.4, 0.53], abs=1e-15)


# --------------------------------------------------------------------------- adaptive, by hand


def test_adagrad_divides_by_root_of_summed_squares():
    eps = 1e-10
    got = run(Adagrad, [1.0, 1.0], [[3.0, 4.0], [4.0, -3.0], [12.0, 0.0]], lr=0.1)
    # s1 = (9, 16): each coordinate moves by lr
    assert got[0] == pytest.approx([1 - 0.1 * 3 / (3 + eps), 1 - 0.1 * 4 / (4 + eps)], abs=1e-15)
    assert got[0] == pytest.approx([0.9, 0.9])
    # s2 = (25, 25)
    assert got[1] == pytest.approx([0.9 - 0.1 * 4 / 5, 0.9 + 0.1 * 3 / 5])
    # s3 = (169, 25); a zero gradient does not move the second coordinate
    assert got[2] == pytest.approx([0.82 - 0.1 * 12 / 13, 0.96])


def test_adagrad_defaults_are_pytorchs():
    opt = Adagrad([np.zeros(1)])
    assert (opt.lr, opt.eps) == (0.01, 1e-10)


def test_rmsprop_running_average_of_squares():
    lr, a, eps = 0.01, 0.9, 1e-8
    got = run(RMSprop, [0.5], [[2.0], [-1.0], [3.0]], lr=lr, alpha=a, eps=eps)
    v1 = 0.1 * 4
    t1 = 0.5 - lr * 2 / (math.sqrt(v1) + eps)
    v2 = 0.9 * v1 + 0.1 * 1
    t2 = t1 + lr * 1 / (math.sqrt(v2) + eps)
    v3 = 0.9 * v2 + 0.1 * 9
    t3 = t2 - lr * 3 / (math.sqrt(v3) + eps)
    assert [x[0] for x in got] == pytest.approx([t1, t2, t3], abs=1e-15)
    # no bias correction: the first step is lr / sqrt(1 - alpha), not lr
    assert 0.5 - got[0][0] == pytest.approx(lr / math.sqrt(0.1))


def test_rmsprop_defaults_are_pytorchs():
    opt = RMSprop([np.zeros(1)])
    assert (opt.lr, opt.alpha, opt.eps) == (0.01, 0.99, 1e-8)


def test_adam_first_step_is_minus_lr_sign_g():
    # m1_hat = g, v1_hat = g^2: the step is lr whatever the size of g (up to eps)
    got = run(Adam, [0.0, 0.0, 0.0], [[1e6, -3e-3, 0.5]], lr=0.1)
    assert got[0] == pytest.approx([-0.1, 0.1, -0.1], rel=1e-5)


def test_adam_constant_gradient_moves_lr_every_step():
    # with g constant, m_t = (1 - b1^t) g and v_t = (1 - b2^t) g^2: bias correction makes
    # every step exactly lr; without it the first step would be lr * 0.1 / sqrt(0.001) = 3.16 lr
    got = run(Adam, [1.0], [[2.0]] * 3, lr=0.01)
    assert [x[0] for x in got] == pytest.approx([0.99, 0.98, 0.97], abs=1e-9)


def test_adam_bias_correction_at_t_1_2_3():
    lr, eps = 0.1, 1e-8
    got = run(Adam, [0.0], [[1.0], [-1.0], [2.0]], lr=lr)
    # t=1: m = 0.1, v = 0.001 -> m_hat = 1, v_hat = 1
    t1 = -lr * 1 / (1 + eps)
    # t=2: m = 0.09 - 0.1 = -0.01, bc1 = 0.19; v = 0.000999 + 0.001 = 0.001999 = bc2
    t2 = t1 - lr * (-0.01 / 0.19) / (1 + eps)  # = t1 + lr / 19
    # t=3: m = -0.009 + 0.2 = 0.191, bc1 = 0.271; v = 0.001997001 + 0.004, bc2 = 0.002997001
    t3 = t2 - lr * (0.191 / 0.271) / (math.sqrt(0.005997001 / 0.002997001) + eps)
    assert [x[0] for x in got] == pytest.approx([t1, t2, t3], abs=1e-14)
    assert t2 == pytest.approx(-0.1 + 0.1 / 19)


def test_adam_l2_weight_decay_is_added_to_the_gradient():
    # g' = g + wd * theta; with betas=(0, 0) Adam is sign descent: theta -= lr * g'/|g'|
    got = run(Adam, [1.0], [[-0.05], [-0.05]], lr=0.1, betas=(0.0, 0.0), weight_decay=0.1)
    # step 1: g' = -0.05 + 0.1 = 0.05 > 0, so theta goes down; step 2: g' = -0.05 + 0.09 > 0
    assert [x[0] for x in got] == pytest.approx([0.9, 0.8], abs=1e-6)


def test_adam_defaults_are_pytorchs():
    opt = Adam([np.zeros(1)])
    assert (opt.lr, opt.betas, opt.eps, opt.weight_decay) == (0.001, (0.9, 0.999), 1e-8, 0.0)
    opt = AdamW([np.zeros(1)])
    assert (opt.lr, opt.betas, opt.eps, opt.weight_decay) == (0.001, (0.9, 0.999), 1e-8, 0.01)


def test_adamw_decays_before_the_adam_step_and_differs_from_adam_l2():
    lr, wd = 0.1, 0.1
    adamw = run(AdamW, [1.0], [[1.0]], lr=lr, weight_decay=wd)[0][0]
    adam_l2 = run(Adam, [1.0], [[1.0]], lr=lr, weight_decay=wd)[0][0]
    # decay first: 1 * (1 - 0.01) = 0.99, then the Adam step -lr*sign(g) -> 0.89
    assert adamw == pytest.approx(0.89, abs=1e-7)
    assert adamw != pytest.approx((1.0 - lr) * (1 - lr * wd), abs=1e-7)  # decay after: 0.891
    # Adam's L2: g' = 1.1, still a step of lr -> 0.9
    assert adam_l2 == pytest.approx(0.9, abs=1e-7)


def test_adamw_with_zero_gradient_only_decays():
    got = run(AdamW, [2.0, -4.0], [[0.0, 0.0]] * 3, lr=0.1, weight_decay=0.5)
    assert got[2] == pytest.approx(np.array([2.0, -4.0]) * 0.95**3, abs=1e-15)


def test_adamw_without_decay_is_adam():
    grads = [[1.0, -2.0], [0.5, 0.1], [-3.0, 1.0]]
    a = run(Adam, [1.0, 1.0], grads, lr=0.05)
    w = run(AdamW, [1.0, 1.0], grads, lr=0.05, weight_decay=0.0)
    np.testing.assert_array_equal(a, w)


# --------------------------------------------------------------------------- AMSGrad, by hand


def amsgrad_by_hand(theta, grads, lr, beta1, beta2, eps, weight_decay=0.0, decoupled=False):
    """PyTorch's AMSGrad for one scalar, written out: the path of theta."""
    m = v = v_max = 0.0
    path = []
    for t, g in enumerate(grads, start=1):
        if decoupled:
            theta *= 1 - lr * weight_decay
        else:
            g += weight_decay * theta
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        v_max = max(v_max, v)
        m_hat = m / (1 - beta1**t)
        theta -= lr * m_hat / (math.sqrt(v_max) / math.sqrt(1 - beta2**t) + eps)
        path.append(theta)
    return path


@pytest.mark.parametrize(
    "opt_cls, kw",
    [
        (Adam, dict(lr=0.1, betas=(0.9, 0.5), eps=1e-8)),
        (Adam, dict(lr=0.05, betas=(0.0, 0.3), eps=1e-3, weight_decay=0.2)),
        (AdamW, dict(lr=0.1, betas=(0.5, 0.9), eps=1e-8, weight_decay=0.5)),
    ],
)
def test_amsgrad_by_hand_for_a_few_steps(opt_cls, kw):
    grads = [4.0, 1.0, -0.5, 0.25, 3.0, -2.0]
    beta1, beta2 = kw["betas"]
    expected = amsgrad_by_hand(
        1.0,
        grads,
        kw["lr"],
        beta1,
        beta2,
        kw["eps"],
        kw.get("weight_decay", 0.01 if opt_cls is AdamW else 0.0),
        decoupled=opt_cls is AdamW,
    )
    got = run(opt_cls, [1.0], [[g] for g in grads], amsgrad=True, **kw)
    np.testing.assert_allclose([p[0] for p in got], expected, rtol=1e-13, atol=0)


def test_amsgrad_keeps_the_largest_second_moment_and_adam_does_not():
    theta = np.zeros(2)
    opt = Adam([theta], lr=0.1, betas=(0.0, 0.5), amsgrad=True)
    for g in ([4.0, 1.0], [1.0, 1.0], [1.0, 2.0]):
        opt.step([np.array(g)])
    # v: (8, 0.5), then (4.5, 0.75), then (2.75, 2.375); its running maximum per coordinate
    np.testing.assert_allclose(opt.v[0], [2.75, 2.375], rtol=1e-15)
    np.testing.assert_allclose(opt.v_max[0], [8.0, 2.375], rtol=1e-15)
    assert Adam([np.zeros(1)]).v_max is None


def test_amsgrad_steps_are_never_larger_than_adams_after_a_large_gradient():
    grads = [[10.0]] + [[1.0]] * 20
    kw = dict(lr=0.1, betas=(0.0, 0.5))
    with_max = np.diff([0.0] + [p[0] for p in run(Adam, [0.0], grads, amsgrad=True, **kw)])
    without = np.diff([0.0] + [p[0] for p in run(Adam, [0.0], grads, **kw)])
    assert np.all(np.abs(with_max[1:]) <= np.abs(without[1:]))
    assert abs(with_max[-1]) < 0.5 * abs(without[-1])


def test_amsgrad_forgets_an_early_large_gradient_because_bias_correction_follows_the_maximum():
    # a gradient of 10 at step 1, then 0.1: v_max stays 1e-3 * 100 = 0.1 (the raw v only decays),
    # but the denominator sqrt(v_max / (1 - 0.999^t)) falls from 10 towards sqrt(0.1) = 0.316
    theta = np.zeros(1)
    opt = Adam([theta], lr=1e-3, betas=(0.0, 0.999), eps=1e-300, amsgrad=True)
    steps = []
    for t in range(1, 1001):
        before = theta[0]
        opt.step([np.array([10.0 if t == 1 else 0.1])])
        steps.append(before - theta[0])
    assert opt.v_max[0][0] == pytest.approx(0.1, rel=1e-12)  # the step-1 raw v, never exceeded
    for t in (2, 10, 100, 1000):  # by hand: step t = lr * 0.1 / sqrt(0.1 / (1 - 0.999^t))
        assert steps[t - 1] == pytest.approx(1e-3 * 0.1 / math.sqrt(0.1 / (1 - 0.999**t)), 1e-9)
    assert np.all(np.diff(steps[1:]) > 0)  # the effective step grows: not monotone decreasing
    assert 10.0**2 / (0.1 / (1 - 0.999**1000)) == pytest.approx(632.3, abs=0.1)


def test_amsgrad_on_reddi_kale_kumar_goes_the_right_way_and_adam_does_not():
    # f_t = 3 theta once every three steps, -theta otherwise, on [-1, 1]: the best point is -1
    last = {}
    for amsgrad in (False, True):
        theta = np.zeros(1)
        opt = Adam([theta], lr=0.02, betas=(0.0, 0.1), amsgrad=amsgrad)
        path = []
        for t in range(1, 901):
            opt.step([np.array([3.0 if t % 3 == 1 else -1.0])])
            np.clip(theta, -1.0, 1.0, out=theta)
            path.append(theta[0])
        last[amsgrad] = (min(path[-3:]), max(path[-3:]))  # the last period
    assert last[False][1] == 1.0 and last[False][0] > 1 - 3 * 0.02  # Adam at the worst point
    assert last[True][0] == -1.0 and last[True][1] < -1 + 3 * 0.02  # AMSGrad at the best


@pytest.mark.parametrize("opt_cls", [Adam, AdamW])
def test_amsgrad_bad_grads_and_flag(opt_cls):
    opt = opt_cls([np.zeros((2, 3)), np.zeros(3)], lr=0.1, amsgrad=True)
    with pytest.raises(ValueError, match=r"grads must be a list of 2 arrays.*got 1"):
        opt.step([np.zeros((2, 3))])
    with pytest.raises(
        ValueError, match=r"grads\[1\] has shape \(2,\) but params\[1\] has shape \(3,\)"
    ):
        opt.step([np.zeros((2, 3)), np.zeros(2)])
    assert opt.t == 0 and not opt.v_max[0].any()  # nothing moved
    for bad in ("yes", 1, None):
        with pytest.raises(ValueError, match="amsgrad must be True or False"):
            opt_cls([np.zeros(1)], lr=0.1, amsgrad=bad)


# --------------------------------------------------------------------------- convergence

A = np.array([[3.0, 1.0], [1.0, 2.0]])  # symmetric positive definite
C = np.array([1.0, -2.0])


def minimise(opt_cls, n_steps, A=A, **kw):
    """Minimise 1/2 (theta - c)^T A (theta - c), whose gradient is A (theta - c)."""
    theta = np.array([-3.0, 4.0])
    opt = opt_cls([theta], **kw)
    for _ in range(n_steps):
        opt.step([A @ (theta - C)])
    return theta


@pytest.mark.parametrize(
    "opt_cls, kw, n_steps",
    [
        (SGD, dict(lr=0.1), 300),
        (SGD, dict(lr=0.05, momentum=0.9), 500),
        (SGD, dict(lr=0.05, momentum=0.9, nesterov=True), 500),
        (Adagrad, dict(lr=1.0), 500),
        (RMSprop, dict(lr=0.01), 2000),
        (Adam, dict(lr=0.05), 2000),
        (AdamW, dict(lr=0.05, weight_decay=0.0), 2000),
    ],
)
def test_reaches_the_minimum_of_a_convex_quadratic(opt_cls, kw, n_steps):
    theta = minimise(opt_cls, n_steps, **kw)
    np.testing.assert_allclose(theta, C, atol=1e-2)


@pytest.mark.parametrize("opt_cls, kw", [(SGD, dict(lr=0.1)), (Adam, dict(lr=0.02))])
def test_l2_weight_decay_reaches_the_regularised_minimum(opt_cls, kw):
    # min 1/2 (θ-c)ᵀA(θ-c) + λ/2 |θ|²  solves  (A + λI) θ = A c
    lam = 0.5
    theta = minimise(opt_cls, 3000, weight_decay=lam, **kw)
    np.testing.assert_allclose(theta, np.linalg.solve(A + lam * np.eye(2), A @ C), atol=1e-2)


def test_sgd_converges_geometrically_at_the_predicted_rate():
    # on 1/2 a (θ-c)², plain gradient descent multiplies the error by (1 - lr a) each step
    theta = np.array([5.0])
    opt = SGD([theta], lr=0.1)
    for _ in range(20):
        opt.step([3.0 * (theta - 1.0)])
    assert theta[0] - 1.0 == pytest.approx(4.0 * 0.7**20)


# --------------------------------------------------------------------------- lr, state, in place


@pytest.mark.parametrize("opt_cls", ALL)
def test_lr_set_to_zero_mid_run_freezes_the_params_at_the_next_step(opt_cls):
    theta = np.array([1.0, 2.0])
    opt = opt_cls([theta], lr=0.1)
    opt.step([np.array([1.0, -2.0])])
    opt.lr = 0.0  # AdamW's decay factor is 1 - lr * wd = 1 too
    before = theta.copy()
    opt.step([np.array([0.5, 3.0])])
    np.testing.assert_array_equal(theta, before)
    opt.lr = 0.1
    opt.step([np.array([-1.0, 1.0])])
    assert np.all(theta != before)


def test_adam_lr_change_by_hand():
    # constant gradient: each Adam step is exactly lr (see above), so it shows lr directly
    theta = np.array([0.0])
    opt = Adam([theta], lr=0.01)
    opt.step([np.array([1.0])])
    opt.lr = 0.03
    opt.step([np.array([1.0])])
    assert theta[0] == pytest.approx(-0.04, abs=1e-9)


def test_lr_change_takes_effect_by_hand():
    theta = np.array([0.0])
    opt = SGD([theta], lr=0.1, momentum=0.5)
    opt.step([np.array([1.0])])  # b = 1 -> -0.1
    opt.lr = 0.01
    opt.step([np.array([1.0])])  # b = 1.5 -> -0.1 - 0.015
    assert theta[0] == pytest.approx(-0.115, abs=1e-15)


def test_adamw_decay_uses_the_current_lr():
    theta = np.array([1.0])
    opt = AdamW([theta], lr=0.1, weight_decay=0.5)
    opt.step([np.array([0.0])])
    opt.lr = 0.2
    opt.step([np.array([0.0])])
    assert theta[0] == pytest.approx(0.95 * 0.9, abs=1e-15)


@pytest.mark.parametrize("opt_cls", ALL)
def test_several_params_each_keep_their_own_state(opt_cls):
    kw = dict(lr=0.05, momentum=0.9) if opt_cls is SGD else dict(lr=0.05)
    rng = np.random.default_rng(0)
    shapes = [(2, 3), (3,), ()]
    theta0 = [rng.normal(size=s) for s in shapes]
    grads = [[rng.normal(size=s) for s in shapes] for _ in range(4)]
    together = [t.copy() for t in theta0]
    opt = opt_cls(together, **kw)
    alone = [t.copy() for t in theta0]
    opts = [opt_cls([p], **kw) for p in alone]
    for gs in grads:
        opt.step(gs)
        for o, g in zip(opts, gs, strict=True):
            o.step([g])
    for a, b in zip(together, alone, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("opt_cls", ALL)
def test_updates_in_place_and_leaves_the_gradients_alone(opt_cls):
    kw = dict(lr=0.1, momentum=0.9, weight_decay=0.1) if opt_cls is SGD else dict(lr=0.1)
    if opt_cls in (Adam, AdamW):
        kw["weight_decay"] = 0.1
    W = np.ones((2, 2))
    view = W[0]  # a layer may hold views of its weights
    g = np.full((2, 2), 0.5)
    opt = opt_cls([W], **kw)
    for _ in range(2):
        opt.step([g])
    assert opt.params[0] is W
    assert view[0] == W[0, 0] != 1.0
    np.testing.assert_array_equal(g, np.full((2, 2), 0.5))


@pytest.mark.parametrize("opt_cls", ALL)
def test_zero_lr_at_construction_is_allowed(opt_cls):
    theta = np.array([1.0])
    opt_cls([theta], lr=0.0).step([np.array([1.0])])
    assert theta[0] == 1.0


def test_bad_grads_leave_every_param_unchanged():
    a, b = np.array([1.0]), np.array([2.0, 3.0])
    opt = SGD([a, b], lr=0.1)
    with pytest.raises(ValueError, match=r"grads\[1\]"):
        opt.step([np.array([1.0]), np.array([np.nan, 1.0])])
    assert a[0] == 1.0 and opt.t == 0


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("opt_cls", ALL)
@pytest.mark.parametrize(
    "params, match",
    [
        (np.zeros(3), "params must be a non-empty list"),
        ([], "params must be a non-empty list"),
        ([np.zeros(2), np.array([1, 2])], r"params\[1\].*float64.*int"),
        ([np.zeros(2, dtype=np.float32)], r"params\[0\].*float64.*float32"),
        ([[1.0, 2.0]], r"params\[0\].*float64 numpy array.*list"),
        ([np.array([1.0, np.inf])], r"params\[0\].*NaN or inf"),
    ],
)
def test_bad_params(opt_cls, params, match):
    with pytest.raises(ValueError, match=match):
        opt_cls(params, lr=0.1)


def test_read_only_or_repeated_params():
    p = np.zeros(2)
    with pytest.raises(ValueError, match=r"params\[1\].*more than once"):
        SGD([p, p], lr=0.1)
    p.flags.writeable = False
    with pytest.raises(ValueError, match=r"params\[0\].*writeable"):
        SGD([p], lr=0.1)


@pytest.mark.parametrize("opt_cls", ALL)
def test_bad_grads(opt_cls):
    opt = opt_cls([np.zeros((2, 3)), np.zeros(3)], lr=0.1)
    with pytest.raises(ValueError, match=r"grads must be a list of 2 arrays.*got 1"):
        opt.step([np.zeros((2, 3))])
    with pytest.raises(ValueError, match=r"grads must be a list of 2 arrays.*ndarray"):
        opt.step(np.zeros(3))
    with pytest.raises(
        ValueError, match=r"grads\[1\] has shape \(2,\) but params\[1\] has shape \(3,\)"
    ):
        opt.step([np.zeros((2, 3)), np.zeros(2)])
    with pytest.raises(
        ValueError, match=r"grads\[0\] has shape \(3, 2\) but params\[0\] has shape \(2, 3\)"
    ):
        opt.step([np.zeros((3, 2)), np.zeros(3)])
    with pytest.raises(ValueError, match=r"grads\[0\].*NaN or inf"):
        opt.step([np.full((2, 3), np.inf), np.zeros(3)])
    with pytest.raises(ValueError, match=r"grads\[1\].*numeric"):
        opt.step([np.zeros((2, 3)), "abc"])


@pytest.mark.parametrize("opt_cls", ALL)
def test_negative_lr_refused_at_construction_and_at_step(opt_cls):
    with pytest.raises(ValueError, match="lr"):
        opt_cls([np.zeros(1)], lr=-0.1)
    with pytest.raises(ValueError, match="lr"):
        opt_cls([np.zeros(1)], lr=np.nan)
    theta = np.ones(1)
    opt = opt_cls([theta], lr=0.1)
    opt.lr = -0.01
    with pytest.raises(ValueError, match="lr must be non-negative"):
        opt.step([np.ones(1)])
    assert theta[0] == 1.0


@pytest.mark.parametrize("momentum", [-0.1, 1.0, 1.5, np.nan])
def test_sgd_bad_momentum(momentum):
    with pytest.raises(ValueError, match="momentum"):
        SGD([np.zeros(1)], lr=0.1, momentum=momentum)


def test_sgd_nesterov_needs_momentum():
    with pytest.raises(ValueError, match="nesterov.*momentum"):
        SGD([np.zeros(1)], lr=0.1, nesterov=True)


@pytest.mark.parametrize(
    "opt_cls, kw, match",
    [
        (SGD, dict(weight_decay=-1e-4), "weight_decay"),
        (Adam, dict(weight_decay=-1e-4), "weight_decay"),
        (AdamW, dict(weight_decay=-1e-4), "weight_decay"),
        (Adagrad, dict(eps=0.0), "eps"),
        (Adagrad, dict(eps=-1e-10), "eps"),
        (RMSprop, dict(eps=0.0), "eps"),
        (Adam, dict(eps=0.0), "eps"),
        (AdamW, dict(eps=-1.0), "eps"),
        (RMSprop, dict(alpha=1.0), "alpha"),
        (RMSprop, dict(alpha=-0.1), "alpha"),
        (Adam, dict(betas=(1.0, 0.999)), r"betas\[0\]"),
        (Adam, dict(betas=(-0.1, 0.999)), r"betas\[0\]"),
        (AdamW, dict(betas=(0.9, 1.0)), r"betas\[1\]"),
        (AdamW, dict(betas=(0.9, -0.5)), r"betas\[1\]"),
        (Adam, dict(betas=0.9), "betas must be a pair"),
        (Adam, dict(betas=(0.9, 0.99, 0.999)), "betas must be a pair"),
    ],
)
def test_bad_hyperparameters(opt_cls, kw, match):
    with pytest.raises(ValueError, match=match):
        opt_cls([np.zeros(1)], lr=0.1, **kw)


# --------------------------------------------------------------------------- against PyTorch

TORCH_CASES = [
    (SGD, "SGD", dict(lr=0.1)),
    (SGD, "SGD", dict(lr=0.05, momentum=0.9, weight_decay=0.01)),
    (SGD, "SGD", dict(lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.1)),
    (Adagrad, "Adagrad", dict()),
    (Adagrad, "Adagrad", dict(lr=0.3, eps=1e-6)),
    (RMSprop, "RMSprop", dict()),
    (RMSprop, "RMSprop", dict(lr=0.003, alpha=0.5, eps=1e-4)),
    (Adam, "Adam", dict()),
    (Adam, "Adam", dict(lr=0.02, betas=(0.3, 0.9), eps=1e-6, weight_decay=0.05)),
    (AdamW, "AdamW", dict()),
    (AdamW, "AdamW", dict(lr=0.02, betas=(0.8, 0.99), weight_decay=0.3)),
    (Adam, "Adam", dict(amsgrad=True)),
    (Adam, "Adam", dict(lr=0.02, betas=(0.3, 0.9), eps=1e-6, weight_decay=0.05, amsgrad=True)),
    (AdamW, "AdamW", dict(amsgrad=True)),
    (AdamW, "AdamW", dict(lr=0.02, betas=(0.0, 0.5), weight_decay=0.3, amsgrad=True)),
]


@pytest.mark.parametrize("opt_cls, torch_name, kw", TORCH_CASES)
def test_matches_torch_optim_step_by_step(opt_cls, torch_name, kw):
    torch = pytest.importorskip(
        "torch", reason="torch is not installed: the comparison with torch.optim is optional"
    )
    rng = np.random.default_rng(42)
    shapes = [(3, 2), (2,), ()]
    ours = [rng.normal(size=s) for s in shapes]
    theirs = [torch.tensor(p.copy(), dtype=torch.float64, requires_grad=True) for p in ours]
    opt = opt_cls(ours, **kw)
    topt = getattr(torch.optim, torch_name)(theirs, **kw)
    for t in range(25):
        if t == 12:  # a schedule changes lr mid-run
            opt.lr = opt.lr / 3
            for group in topt.param_groups:
                group["lr"] = opt.lr
        grads = [np.asarray(rng.normal(size=s) * 10.0 ** rng.integers(-3, 3)) for s in shapes]
        opt.step(grads)
        for p, g in zip(theirs, grads, strict=True):
            p.grad = torch.from_numpy(g.copy())
        topt.step()
        for a, b in zip(ours, theirs, strict=True):
            np.testing.assert_allclose(a, b.detach().numpy(), rtol=1e-14, atol=1e-15)


# --------------------------------------------------------------------------- gradient clipping


def test_clip_grad_norm_by_hand():
    grads = [np.array([3.0]), np.array([[4.0, 0.0], [0.0, 0.0]])]  # total norm 5
    assert clip_grad_norm(grads, max_norm=2.0) == 5.0
    factor = 2.0 / (5.0 + 1e-6)  # PyTorch's max_norm / (norm + 1e-6)
    np.testing.assert_allclose(grads[0], [3.0 * factor], rtol=1e-15)
    np.testing.assert_allclose(grads[1], [[4.0 * factor, 0.0], [0.0, 0.0]], rtol=1e-15)
    assert math.isclose(math.hypot(grads[0][0], grads[1][0, 0]), 2.0, rel_tol=1e-6)


def test_clip_grad_norm_keeps_the_direction_and_leaves_small_gradients_alone():
    rng = np.random.default_rng(0)
    grads = [rng.normal(size=(4, 3)), rng.normal(size=5)]
    before = [g.copy() for g in grads]
    total = math.sqrt(sum(float(np.sum(g * g)) for g in before))
    assert math.isclose(clip_grad_norm(grads, max_norm=0.1), total, rel_tol=1e-14)
    ratios = np.concatenate([(a / b).ravel() for a, b in zip(grads, before, strict=True)])
    np.testing.assert_allclose(ratios, 0.1 / (total + 1e-6), rtol=1e-14)  # one factor for all
    small = [g.copy() for g in before]
    assert math.isclose(clip_grad_norm(small, max_norm=10 * total), total, rel_tol=1e-14)
    for a, b in zip(small, before, strict=True):
        np.testing.assert_array_equal(a, b)  # untouched, not even rounded


def test_clip_grad_norm_edge_values():
    grads = [np.array([3.0, 4.0])]
    assert clip_grad_norm(grads, max_norm=np.inf) == 5.0  # measures without clipping
    np.testing.assert_array_equal(grads[0], [3.0, 4.0])
    assert clip_grad_norm(grads, max_norm=0.0) == 5.0
    np.testing.assert_array_equal(grads[0], [0.0, 0.0])
    zeros = [np.zeros(3), np.zeros((2, 2))]
    assert clip_grad_norm(zeros, max_norm=1.0) == 0.0
    assert all(not z.any() for z in zeros)


@pytest.mark.parametrize("scale", [1e200, 1e-200, 1e-310])
def test_clip_grad_norm_is_finite_and_warning_free_for_extreme_gradients(scale):
    grads = [np.array([3.0 * scale]), np.array([-4.0 * scale])]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        total = clip_grad_norm(grads, max_norm=1.0)
    assert math.isclose(total, 5.0 * scale, rel_tol=1e-12)
    assert np.all(np.isfinite(grads[0])) and np.all(np.isfinite(grads[1]))
    if scale > 1:
        np.testing.assert_allclose([grads[0][0], grads[1][0]], [0.6, -0.8], rtol=1e-12)
    else:  # far below max_norm: untouched
        assert grads[0][0] == 3.0 * scale and grads[1][0] == -4.0 * scale


@pytest.mark.parametrize("scale", [1e155, 1e200, 1e300])
def test_clip_grad_norm_departs_from_torch_where_the_squares_overflow(scale):
    # documented: PyTorch returns inf here and multiplies the gradients by max_norm / inf = 0;
    # gradbook returns the true norm and scales the gradients to norm max_norm
    grads = [np.array([3.0 * scale]), np.array([[-4.0 * scale]])]
    total = clip_grad_norm(grads, max_norm=2.0)
    assert math.isclose(total, 5.0 * scale, rel_tol=1e-12)
    np.testing.assert_allclose([grads[0][0], grads[1][0, 0]], [1.2, -1.6], rtol=1e-12)


@pytest.mark.parametrize("scale", [1e-155, 1e-200, 1e-320])
def test_clip_grad_norm_departs_from_torch_where_the_squares_underflow(scale):
    # documented: PyTorch returns a norm of 0 here; gradbook returns the true norm
    grads = [np.array([3.0 * scale, -4.0 * scale])]
    before = grads[0].copy()
    total = clip_grad_norm(grads, max_norm=1.0)
    assert math.isclose(total, math.hypot(before[0], before[1]), rel_tol=1e-12) and total > 0
    np.testing.assert_array_equal(grads[0], before)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_clip_grad_norm_refuses_non_finite_gradients_and_leaves_them_unchanged(bad):
    # documented: PyTorch's default error_if_nonfinite=False proceeds; gradbook raises
    grads = [np.array([3.0, 4.0]), np.array([1.0, bad])]
    with pytest.raises(ValueError, match=r"grads\[1\] \(shape \(2,\)\) contains 1 NaN or inf"):
        clip_grad_norm(grads, max_norm=1.0)
    np.testing.assert_array_equal(grads[0], [3.0, 4.0])


def test_clip_grad_value_by_hand():
    grads = [np.array([100.0, -0.5, -3.0]), np.array([[0.25, 1.0], [-1.0, 7.0]])]
    assert clip_grad_value(grads, clip_value=1.0) is None
    np.testing.assert_array_equal(grads[0], [1.0, -0.5, -1.0])
    np.testing.assert_array_equal(grads[1], [[0.25, 1.0], [-1.0, 1.0]])
    clip_grad_value(grads, clip_value=0.0)
    assert all(not g.any() for g in grads)


def test_clip_grad_value_turns_the_direction_but_keeps_every_sign():
    g = np.array([100.0, 1.0, -0.01])
    clipped = [g.copy()]
    clip_grad_value(clipped, clip_value=0.5)
    np.testing.assert_array_equal(np.sign(clipped[0]), np.sign(g))
    cos = clipped[0] @ g / np.linalg.norm(clipped[0]) / np.linalg.norm(g)
    assert 0 < cos < 0.8  # still downhill, but no longer along the gradient


def test_clipping_then_a_step_bounds_the_step():
    theta = np.zeros(2)
    opt = SGD([theta], lr=0.1)
    grads = [np.array([300.0, -400.0])]
    clip_grad_norm(grads, max_norm=1.0)
    opt.step(grads)
    assert math.isclose(np.linalg.norm(theta), 0.1, rel_tol=1e-6)


@pytest.mark.parametrize(
    "clip, name", [(clip_grad_norm, "max_norm"), (clip_grad_value, "clip_value")]
)
def test_clipping_bad_input(clip, name):
    ok = [np.ones(2)]
    for bad in (-1.0, -1e-12, np.nan, "1.0x", None):
        with pytest.raises(ValueError, match=name):
            clip(ok, bad)
    np.testing.assert_array_equal(ok[0], [1.0, 1.0])
    with pytest.raises(ValueError, match=r"grads must be a non-empty list.*wrap a single array"):
        clip(np.ones(3), 1.0)
    with pytest.raises(ValueError, match=r"grads must be a non-empty list.*list of length 0"):
        clip([], 1.0)
    with pytest.raises(ValueError, match=r"grads\[1\] \(shape \(2,\)\) must be a float64.*int64"):
        clip([np.ones(2), np.array([1, 2])], 1.0)
    with pytest.raises(ValueError, match=r"grads\[0\] \(shape \(\)\) must be a float64.*float"):
        clip([1.5], 1.0)
    with pytest.raises(ValueError, match=r"grads\[1\] \(shape \(2,\)\) contains 1 NaN or inf"):
        clip([np.ones(3), np.array([1.0, np.inf])], 1.0)
    read_only = np.ones(2)
    read_only.flags.writeable = False
    with pytest.raises(ValueError, match=r"grads\[0\] \(shape \(2,\)\) must be writeable"):
        clip([read_only], 1.0)


def test_clip_grad_norm_matches_torch():
    torch = pytest.importorskip(
        "torch", reason="torch is not installed: the comparison with torch.nn.utils is optional"
    )
    rng = np.random.default_rng(7)
    shapes = [(3, 2), (5,), (), (2, 2, 2)]
    for max_norm in (1e-3, 0.5, 2.0, 50.0, 1e6):
        for scale in (1e-3, 1.0, 1e3):
            ours = [np.asarray(rng.normal(size=s) * scale) for s in shapes]
            theirs = [torch.zeros(s, dtype=torch.float64, requires_grad=True) for s in shapes]
            for p, g in zip(theirs, ours, strict=True):
                p.grad = torch.from_numpy(g.copy())
            total = clip_grad_norm(ours, max_norm)
            expected = torch.nn.utils.clip_grad_norm_(theirs, max_norm)
            assert math.isclose(total, float(expected), rel_tol=1e-14)
            for a, b in zip(ours, theirs, strict=True):
                np.testing.assert_allclose(a, b.grad.numpy(), rtol=1e-14, atol=0)


def test_clip_grad_value_matches_torch():
    torch = pytest.importorskip(
        "torch", reason="torch is not installed: the comparison with torch.nn.utils is optional"
    )
    rng = np.random.default_rng(8)
    shapes = [(3, 2), (5,), ()]
    for clip_value in (0.0, 0.1, 1.0, 3.0):
        ours = [np.asarray(rng.normal(size=s) * 2) for s in shapes]
        theirs = [torch.zeros(s, dtype=torch.float64, requires_grad=True) for s in shapes]
        for p, g in zip(theirs, ours, strict=True):
            p.grad = torch.from_numpy(g.copy())
        clip_grad_value(ours, clip_value)
        torch.nn.utils.clip_grad_value_(theirs, clip_value)
        for a, b in zip(ours, theirs, strict=True):
            np.testing.assert_array_equal(a, b.grad.numpy())
