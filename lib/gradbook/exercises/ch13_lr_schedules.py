"""Expected answers for chapter 13, learning-rate schedules.

Each value is worked by hand (a closed form written out with ``math``), never computed
with gradbook, so a bug in the library cannot make a wrong answer look right.
"""

import math

from . import Expected


def _warmup_cosine(step, lr0=0.4, warmup=10, total=100):
    """Linear warm-up from 0 over `warmup` steps, then a cosine from lr0 to 0 at `total`."""
    if step < warmup:
        return lr0 * step / warmup
    return lr0 * (1 + math.cos(math.pi * (step - warmup) / (total - warmup))) / 2


_QUERY = (0, 5, 10, 55, 100)

ANSWERS = {
    # floor(75 / 30) = 2 decays: 0.1 * 0.1^2
    "13-lr-schedules/step-decay": Expected(
        0.1 * 0.1**2,
        hint="count the completed periods, floor(t / step_size), and multiply by gamma that many "
        "times",
        wrong_examples=(
            0.1 * 0.1**3,
            0.1 * 0.1,
            0.1 * 0.1 ** (75 / 30),
        ),  # ceil; one decay; no floor
    ),
    # eta_min + (eta0 - eta_min)(1 + cos(pi/4))/2 with eta0 = 1, eta_min = 0.1
    "13-lr-schedules/cosine-quarter": Expected(
        0.1 + 0.9 * (1 + math.sqrt(2) / 2) / 2,
        hint="eta_min + (eta_0 - eta_min)(1 + cos(pi t / T))/2, and cos(pi/4) = sqrt(2)/2",
        wrong_examples=(
            1 - 0.9 * 25 / 100,  # the straight line
            (1 + math.sqrt(2) / 2) / 2,  # eta_min forgotten
            0.55,  # the midpoint
        ),
    ),
    # cycles of 5, 15, 45, 135, 405 steps; restarts at their running sums, 5 (3^i - 1) / 2
    "13-lr-schedules/restart-points": Expected(
        [5 * (3**i - 1) // 2 for i in range(1, 6)],
        hint="a restart happens when a cycle ends: add up the cycle lengths T_0 T_mult^i",
        wrong_examples=(
            [5, 15, 45, 135, 405],  # the cycle lengths, not their sums
            [0, 5, 20, 65, 200],  # counting the start as a restart
            [5, 10, 15, 20, 25],  # T_mult ignored
        ),
    ),
    "13-lr-schedules/warmup-cosine": Expected(
        [_warmup_cosine(k) for k in _QUERY],
        hint="the cosine starts at step W and lasts T - W steps: pass step - W and T - W",
        wrong_examples=(
            [
                _warmup_cosine(k) if k < 10 else 0.4 * (1 + math.cos(math.pi * k / 100)) / 2
                for k in _QUERY
            ],  # not shifted
            [
                _warmup_cosine(k) if k < 10 else 0.4 * (1 + math.cos(math.pi * (k - 10) / 100)) / 2
                for k in _QUERY
            ],  # over T, not T - W
        ),
    ),
    # V = eta^2 sigma^2 / (1 - (1 - eta h)^2) with eta = 0.1, h = 2, sigma = 1
    "13-lr-schedules/noise-floor": Expected(
        0.1**2 / (1 - (1 - 0.1 * 2) ** 2),
        hint="solve V = (1 - eta h)^2 V + eta^2 sigma^2 for V",
        wrong_examples=(
            0.1 / (2 * 2),
            0.1 / 2,
            0.1**2,
        ),  # small-eta approximation; eta sigma^2 / h; eta^2 sigma^2
    ),
    # eta_t = 1 / (h (t + 1)): theta_T = -(sigma / (h T)) sum of the T noises, so
    # Var = sigma^2 / (h^2 T) and E[J] - J* = (h / 2) Var
    "13-lr-schedules/one-over-t-excess": Expected(
        formula="sigma**2 / (2*h*T)",
        positive="sigma h T",
        hint="after the first step theta no longer depends on theta_0; show that T theta_T = "
        "(T - 1) theta_{T-1} - sigma xi / h, so theta_T is minus the mean of the noises over h",
        wrong_examples=(
            "sigma**2 / (h**2*T)",  # the variance of theta, not the excess cost
            "sigma**2 / (h*T)",  # the 1/2 of J forgotten
            "sigma**2 / (2*h*T**2)",  # one noise over T^2: the sum of the T noises forgotten
        ),
    ),
}
