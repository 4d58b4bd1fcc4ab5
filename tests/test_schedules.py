"""Tests of gradbook.schedules: closed forms at chosen steps, restarts, arrays, bad input, torch."""

import math
from fractions import Fraction

import numpy as np
import pytest

from gradbook.schedules import (
    cosine_annealing,
    cosine_warm_restarts,
    exponential_decay,
    linear_warmup,
    step_decay,
)

# --------------------------------------------------------------------------- closed forms


def test_step_decay_boundaries():
    lr = [step_decay(t, lr0=0.1, step_size=3, gamma=0.5) for t in range(8)]
    assert lr == pytest.approx(
        [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025], rel=1e-15, abs=1e-18
    )


def test_exponential_decay():
    lr = [exponential_decay(t, lr0=0.1, gamma=0.9) for t in (0, 1, 2, 10)]
    assert lr == pytest.approx([0.1, 0.09, 0.081, 0.1 * 0.9**10], rel=1e-15, abs=1e-18)
    assert exponential_decay(3, lr0=1.0, gamma=2.0) == 8.0  # gamma > 1 grows


@pytest.mark.parametrize(
    "f, kw", [(exponential_decay, {}), (step_decay, {"step_size": 2})], ids=["exp", "step"]
)
@pytest.mark.parametrize("lr0", [0.0, 0.5, 7.0])
def test_a_growing_rate_is_held_at_the_largest_float_without_a_warning(f, kw, lr0):
    # gamma = 1.5: 1.5**k overflows float64 at k = 1751; warnings are errors in this suite
    largest = np.finfo(np.float64).max
    steps = np.array([0, 10, 4000, 10**6, 10**12])
    lr = f(steps, lr0=lr0, gamma=1.5, **kw)
    k = steps // kw.get("step_size", 1)
    assert np.all(np.isfinite(lr))
    assert lr[:2] == pytest.approx(lr0 * 1.5 ** k[:2], rel=1e-15)  # exact while representable
    assert np.all(lr[2:] == (largest if lr0 > 0 else 0.0))


@pytest.mark.parametrize(
    "f, kw", [(exponential_decay, {}), (step_decay, {"step_size": 3})], ids=["exp", "step"]
)
@pytest.mark.parametrize(
    "lr0, gamma, k",
    [
        (1e-10, 2.0, 1030),  # 2**1030 overflows, the rate is 1.15e300
        (1e-200, 1.5, 1800),  # 1.5**1800 overflows, the rate is about 1e117
        (1e300, 0.5, 1100),  # 0.5**1100 underflows to 0, the rate is 7.4e-32
    ],
)
def test_a_representable_rate_is_not_capped_when_gamma_to_the_k_alone_overflows(
    f, kw, lr0, gamma, k
):
    # reference: the exact rational lr0 * gamma**k, rounded once to float64
    exact = float(Fraction(lr0) * Fraction(gamma) ** k)
    step = k * kw.get("step_size", 1)
    lr = f(step, lr0=lr0, gamma=gamma, **kw)
    assert lr == pytest.approx(exact, rel=1e-12, abs=0)
    assert f(np.array([step, 2 * step]), lr0=lr0, gamma=gamma, **kw)[0] == lr


def test_cosine_annealing_key_points():
    lr0, eta_min, T = 1.0, 0.2, 12

    def f(t):
        return cosine_annealing(t, lr0=lr0, T_max=T, eta_min=eta_min)

    assert f(0) == lr0
    assert f(T // 3) == pytest.approx(0.2 + 0.8 * 0.75)  # cos(pi/3) = 1/2
    assert f(T // 2) == pytest.approx(0.6)  # halfway between
    assert f(T) == eta_min  # cos(pi) = -1 exactly
    assert f(T - 1) > eta_min


def test_cosine_annealing_follows_the_cosine_past_T_max():
    # as PyTorch's closed form: back up to the midpoint at 1.5 T_max and to lr0 at 2 T_max
    assert cosine_annealing(15, lr0=1.0, T_max=10) == pytest.approx(0.5)
    assert cosine_annealing(20, lr0=1.0, T_max=10) == pytest.approx(1.0)
    assert cosine_annealing(13, lr0=1.0, T_max=10) == pytest.approx(
        cosine_annealing(7, lr0=1.0, T_max=10)
    )


def test_cosine_annealing_eta_min_above_lr0_is_a_rising_half_cosine():
    assert cosine_annealing(10, lr0=0.1, T_max=10, eta_min=0.5) == pytest.approx(0.5)


def cosine(t_cur, t_i, lr0=1.0, eta_min=0.0):
    return eta_min + (lr0 - eta_min) * (1 + math.cos(math.pi * t_cur / t_i)) / 2


def test_warm_restarts_T_mult_1():
    def f(t):
        return cosine_warm_restarts(t, lr0=1.0, T_0=10, eta_min=0.1)

    for restart in (0, 10, 20, 30, 1000):
        assert f(restart) == 1.0
        assert f(restart + 5) == pytest.approx(0.55)
    assert f(9) == pytest.approx(cosine(9, 10, eta_min=0.1))
    assert f(29) == pytest.approx(f(9))


def test_warm_restarts_T_mult_2_restart_at_10_30_70_150():
    def f(t):
        return cosine_warm_restarts(t, lr0=1.0, T_0=10, T_mult=2)

    for restart in (0, 10, 30, 70, 150):
        assert f(restart) == 1.0
    # the step before a restart is the last of a cycle of length T_i = 10, 20, 40, 80
    assert f(9) == pytest.approx(cosine(9, 10))
    assert f(29) == pytest.approx(cosine(19, 20))
    assert f(69) == pytest.approx(cosine(39, 40))
    assert f(149) == pytest.approx(cosine(79, 80))
    # midpoints of the cycles
    for mid in (5, 20, 50, 110):
        assert f(mid) == pytest.approx(0.5)
    assert f(31) == pytest.approx(cosine(1, 40))


@pytest.mark.parametrize("T_0, T_mult", [(1, 10), (2, 3), (3, 2), (7, 5)])
def test_warm_restarts_land_exactly_on_restart_points(T_0, T_mult):
    # restarts at T_0 (T_mult^n - 1) / (T_mult - 1), in exact integer arithmetic;
    # e.g. T_0=1, T_mult=10 restarts at 111, where a floating log10(1000) = 2.9999999999999996
    for n in range(1, 8):
        restart = T_0 * (T_mult**n - 1) // (T_mult - 1)
        T_prev = T_0 * T_mult ** (n - 1)
        assert cosine_warm_restarts(restart, lr0=0.3, T_0=T_0, T_mult=T_mult) == 0.3
        before = cosine_warm_restarts(restart - 1, lr0=0.3, T_0=T_0, T_mult=T_mult)
        assert before == pytest.approx(cosine(T_prev - 1, T_prev, lr0=0.3))


def test_warm_restarts_agree_with_pytorch_formula_away_from_restarts():
    # n = floor(log_{T_mult}(t / T_0 (T_mult - 1) + 1)), T_cur = t - T_0 (T_mult^n - 1)/(T_mult - 1)
    T_0, T_mult = 4, 3
    for t in [1, 5, 17, 40, 100, 161, 500]:
        n = int(math.log(t / T_0 * (T_mult - 1) + 1, T_mult))
        T_cur = t - T_0 * (T_mult**n - 1) / (T_mult - 1)
        T_i = T_0 * T_mult**n
        got = cosine_warm_restarts(t, lr0=2.0, T_0=T_0, T_mult=T_mult, eta_min=0.5)
        assert got == pytest.approx(cosine(T_cur, T_i, lr0=2.0, eta_min=0.5))


def test_linear_warmup():
    lr = [linear_warmup(t, lr0=0.1, warmup_steps=4) for t in (0, 1, 2, 3, 4, 5, 100)]
    assert lr == pytest.approx([0.0, 0.025, 0.05, 0.075, 0.1, 0.1, 0.1], rel=1e-15, abs=1e-18)
    lr = [linear_warmup(t, lr0=0.1, warmup_steps=4, start_factor=0.5) for t in (0, 2, 4, 9)]
    assert lr == pytest.approx([0.05, 0.075, 0.1, 0.1], rel=1e-15, abs=1e-18)
    assert linear_warmup(0, lr0=0.1, warmup_steps=4, start_factor=1.0) == 0.1


# --------------------------------------------------------------------------- scalars and arrays

SCHEDULES = [
    (step_decay, dict(lr0=0.1, step_size=7, gamma=0.3)),
    (exponential_decay, dict(lr0=0.1, gamma=0.97)),
    (cosine_annealing, dict(lr0=0.1, T_max=25, eta_min=0.01)),
    (cosine_warm_restarts, dict(lr0=0.1, T_0=5)),
    (cosine_warm_restarts, dict(lr0=0.1, T_0=5, T_mult=3, eta_min=0.02)),
    (linear_warmup, dict(lr0=0.1, warmup_steps=9, start_factor=0.1)),
]


@pytest.mark.parametrize("f, kw", SCHEDULES)
def test_an_array_of_steps_gives_the_scalar_values(f, kw):
    steps = np.arange(60).reshape(3, 20)
    got = f(steps, **kw)
    assert isinstance(got, np.ndarray) and got.shape == (3, 20) and got.dtype == np.float64
    assert got.tolist() == [[f(int(t), **kw) for t in row] for row in steps]
    assert type(f(3, **kw)) is float
    assert type(f(np.int64(3), **kw)) is float
    assert f(3.0, **kw) == f(3, **kw)  # a whole float is accepted
    assert f(np.array([], dtype=int), **kw).shape == (0,)


@pytest.mark.parametrize("f, kw", SCHEDULES)
def test_zero_lr0_gives_zero(f, kw):
    kw = dict(kw, lr0=0.0)
    if "eta_min" in kw:
        kw["eta_min"] = 0.0
    np.testing.assert_array_equal(f(np.arange(30), **kw), 0.0)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("f, kw", SCHEDULES)
@pytest.mark.parametrize(
    "step, match",
    [
        (-1, r"step .*>= 0"),
        (np.array([0, 3, -2]), r"step \(shape \(3,\)\) must be >= 0"),
        (2.5, "step .*whole numbers"),
        (np.array([1.0, np.nan]), "step .*whole numbers"),
        (np.inf, "step .*whole numbers"),
        (True, "step .*whole numbers"),
        ("3", "step .*whole numbers"),
    ],
)
def test_bad_step(f, kw, step, match):
    with pytest.raises(ValueError, match=match):
        f(step, **kw)


@pytest.mark.parametrize("f, kw", SCHEDULES)
@pytest.mark.parametrize("lr0", [-0.1, np.nan, np.inf])
def test_bad_lr0(f, kw, lr0):
    with pytest.raises(ValueError, match="lr0"):
        f(1, **dict(kw, lr0=lr0))


@pytest.mark.parametrize(
    "f, kw, match",
    [
        (step_decay, dict(lr0=0.1, step_size=0, gamma=0.5), "step_size"),
        (step_decay, dict(lr0=0.1, step_size=-3, gamma=0.5), "step_size"),
        (step_decay, dict(lr0=0.1, step_size=2.5, gamma=0.5), "step_size"),
        (step_decay, dict(lr0=0.1, step_size=3, gamma=0.0), "gamma"),
        (step_decay, dict(lr0=0.1, step_size=3, gamma=-0.5), "gamma"),
        (exponential_decay, dict(lr0=0.1, gamma=0.0), "gamma"),
        (exponential_decay, dict(lr0=0.1, gamma=-1.0), "gamma"),
        (cosine_annealing, dict(lr0=0.1, T_max=0), "T_max"),
        (cosine_annealing, dict(lr0=0.1, T_max=-10), "T_max"),
        (cosine_annealing, dict(lr0=0.1, T_max=10, eta_min=-0.01), "eta_min"),
        (cosine_warm_restarts, dict(lr0=0.1, T_0=0), "T_0"),
        (cosine_warm_restarts, dict(lr0=0.1, T_0=-5), "T_0"),
        (cosine_warm_restarts, dict(lr0=0.1, T_0=10, T_mult=0), "T_mult"),
        (cosine_warm_restarts, dict(lr0=0.1, T_0=10, T_mult=1.5), "T_mult"),
        (cosine_warm_restarts, dict(lr0=0.1, T_0=10, T_mult=2.0), "T_mult"),
        (cosine_warm_restarts, dict(lr0=0.1, T_0=10, eta_min=-1.0), "eta_min"),
        (linear_warmup, dict(lr0=0.1, warmup_steps=0), "warmup_steps"),
        (linear_warmup, dict(lr0=0.1, warmup_steps=-1), "warmup_steps"),
        (linear_warmup, dict(lr0=0.1, warmup_steps=5, start_factor=1.5), "start_factor"),
        (linear_warmup, dict(lr0=0.1, warmup_steps=5, start_factor=-0.1), "start_factor"),
    ],
)
def test_bad_arguments(f, kw, match):
    with pytest.raises(ValueError, match=match):
        f(1, **kw)


# --------------------------------------------------------------------------- against PyTorch


@pytest.mark.parametrize(
    "f, kw, torch_name, torch_kw",
    [
        (step_decay, dict(step_size=7, gamma=0.3), "StepLR", dict(step_size=7, gamma=0.3)),
        (exponential_decay, dict(gamma=0.97), "ExponentialLR", dict(gamma=0.97)),
        (
            cosine_annealing,
            dict(T_max=25, eta_min=0.01),
            "CosineAnnealingLR",
            dict(T_max=25, eta_min=0.01),
        ),
        (cosine_warm_restarts, dict(T_0=5), "CosineAnnealingWarmRestarts", dict(T_0=5)),
        (
            cosine_warm_restarts,
            dict(T_0=3, T_mult=2, eta_min=0.02),
            "CosineAnnealingWarmRestarts",
            dict(T_0=3, T_mult=2, eta_min=0.02),
        ),
        (
            linear_warmup,
            dict(warmup_steps=9, start_factor=0.1),
            "LinearLR",
            dict(start_factor=0.1, total_iters=9),
        ),
    ],
)
def test_matches_torch_lr_scheduler_step_by_step(f, kw, torch_name, torch_kw):
    torch = pytest.importorskip(
        "torch",
        reason="torch is not installed: the comparison with torch.optim.lr_scheduler is optional",
    )
    lr0 = 0.1
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr0)
    scheduler = getattr(torch.optim.lr_scheduler, torch_name)(opt, **torch_kw)
    ours = f(np.arange(100), lr0=lr0, **kw)
    theirs = []
    for _ in range(100):
        theirs.append(scheduler.get_last_lr()[0])
        opt.step()
        scheduler.step()
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-16)
