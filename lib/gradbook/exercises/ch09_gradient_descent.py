"""Expected answers for chapter 9, gradient descent and the learning rate.

Each value is worked by hand (a closed form), never computed with gradbook, so a
bug in the library cannot make a wrong answer look right.
"""

import math

from . import Expected


def _middle_root_of_well():
    """The local maximum of (theta^2 - 1)^2 + 0.3 theta: the middle root of 4t^3 - 4t + 0.3.

    Found by bisection on [-0.5, 0.5], where the cubic goes from positive (at -0.5: 1.8)
    to negative (at 0.5: -1.2) and has exactly one root (its other roots are near -1.04, 0.96).
    """

    def f(t):
        return 4 * t**3 - 4 * t + 0.3

    lo, hi = -0.5, 0.5
    for _ in range(200):
        mid = (lo + hi) / 2
        if f(lo) * f(mid) <= 0:
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


_BOUNDARY = _middle_root_of_well()

ANSWERS = {
    # J = 3 theta^2 has J'' = L = 6; GD multiplies theta by 1 - 6 eta; |1 - 6 eta| < 1 iff eta < 1/3
    "09-gradient-descent/max-learning-rate": Expected(
        1 / 3,
        hint="write J as L theta^2 / 2: the curvature L is the second derivative, and the bound "
        "is 2/L",
        wrong_examples=(2 / 3, 1 / 6, 1 / 12),  # L taken as 3; 1/L; 1/(2L)
    ),
    # mu = 2, L = 8: eta = 2 / (L + mu)
    "09-gradient-descent/optimal-step": Expected(
        2 / (8 + 2),
        hint="balance the two modes: 1 - eta mu = -(1 - eta L)",
        wrong_examples=(1 / 8, 2 / 8, 1 / 5 + 0.1),  # 1/L; 2/L (the edge of divergence); off by 0.1
    ),
    # (L - mu) / (L + mu) = 6 / 10
    "09-gradient-descent/optimal-factor": Expected(
        (8 - 2) / (8 + 2),
        hint="at the optimal rate both modes shrink by the same factor, (L - mu) / (L + mu) in "
        "absolute value",
        wrong_examples=(
            -0.6,
            1 - 2 / 8,
            0.75,
        ),  # the signed factor of the steep mode; 1 - mu/L; wrong kappa
    ),
    # |theta_t| = 0.98^t for t >= 1; first t with 0.98^t < 1e-6
    "09-gradient-descent/steps-to-tolerance": Expected(
        math.floor(math.log(1e-6) / math.log(0.98)) + 1,
        hint="after one step only the flat coordinate is left, multiplied by 1 - 1/50 at every "
        "step",
        wrong_examples=(
            math.floor(math.log(1e-6) / math.log(0.98)),  # one short: the last step not counted
            math.ceil(
                50 * math.log(1e6)
            ),  # the rule of thumb kappa log(1/eps), not the exact count
        ),
    ),
    # the chapter prints six decimals (0.075429), which must pass: relative tolerance 1e-5
    "09-gradient-descent/basin-boundary": Expected(
        _BOUNDARY,
        rtol=1e-5,
        right_examples=(0.075429,),
        hint="the basins are separated by the local maximum: the middle root of J'(theta) = 4 "
        "theta^3 - 4 theta + 0.3",
        wrong_examples=(
            0.0,
            0.075,
            -1.0355787,
        ),  # the untilted well's maximum; rounded too far; a minimum
    ),
    # exact line search on J = (mu theta1^2 + L theta2^2) / 2: minimise J(theta - eta g) over eta,
    # a parabola in eta, so eta* = g.g / g.A.g with g = A theta, A = diag(mu, L)
    "09-gradient-descent/line-search-step": Expected(
        formula="(mu**2*theta1**2 + L**2*theta2**2) / (mu**3*theta1**2 + L**3*theta2**2)",
        symbols="theta1 theta2",
        positive="mu L",
        hint="J(theta - eta g) is a parabola in eta; set its derivative to zero, with "
        "g = (mu theta1, L theta2)",
        wrong_examples=(
            "2/(mu + L)",  # the best fixed rate of the chapter, not the line search
            "(mu*theta1**2 + L*theta2**2) / (mu**2*theta1**2 + L**2*theta2**2)",  # a power short
            "1/L",  # the safe fixed rate
        ),
    ),
}
