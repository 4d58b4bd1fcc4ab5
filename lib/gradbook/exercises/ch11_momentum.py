"""Expected answers for chapter 11, momentum and Nesterov.

Each value is worked by hand (a closed form) or by a few lines of plain Python written
out here, never computed with gradbook, so a bug in the library cannot make a wrong
answer look right.
"""

from . import Expected


def _lr_change_gap():
    """theta_5 (notes' form) - theta_5 (PyTorch's form) on J = theta^2 / 2, beta = 0.9."""
    lrs = [0.1, 0.1, 0.1, 0.01, 0.01]
    theta, v = 1.0, 0.0
    for lr in lrs:  # v_t = beta v_{t-1} + lr g_t, theta_t = theta_{t-1} - v_t
        v = 0.9 * v + lr * theta
        theta = theta - v
    notes = theta
    theta, b = 1.0, 0.0
    for lr in lrs:  # b_t = beta b_{t-1} + g_t, theta_t = theta_{t-1} - lr b_t
        b = 0.9 * b + theta
        theta = theta - lr * b
    return notes - theta


def _lr_change_variant(notes_uses_new_lr):
    """A typical mistake: both forms coded the same way (gap 0), or the sign flipped."""
    return 0.0 if notes_uses_new_lr else -_lr_change_gap()


ANSWERS = {
    # eta g / (1 - beta) = 0.02 * 3 / 0.05 (not the chapter's demo, 0.01 * 2 / 0.1, which it prints)
    "11-momentum/effective-step": Expected(
        0.02 * 3 / (1 - 0.95),
        hint="the buffer is a geometric series in beta; its limit is g / (1 - beta), times the "
        "learning rate",
        wrong_examples=(
            0.02 * 3,
            0.02 * 3 * 0.95 / (1 - 0.95),
            3 / (1 - 0.95),
        ),  # no momentum; beta/(1-beta); eta forgotten
    ),
    # b1 = 1, theta1 = 0.9; b2 = 0.9 + 0.9 = 1.8, theta2 = 0.9 - 0.18
    "11-momentum/two-steps": Expected(
        0.72,
        hint="the second gradient is taken at theta_1 = 0.9, and the buffer is 0.9 * b_1 + g_2",
        wrong_examples=(0.81, 0.71, 0.729),  # no momentum; gradient kept at 1; (1 - 0.1)^3
    ),
    # mu = 0.5, L = 200 (not the chapter's bowl, whose answers it prints): kappa = 400,
    # sqrt(kappa) = 20, beta = (19/21)^2
    "11-momentum/optimal-beta": Expected(
        (19 / 21) ** 2,
        hint="beta is the square of (sqrt(kappa) - 1) / (sqrt(kappa) + 1)",
        right_examples=(361 / 441, 0.818594),
        wrong_examples=(
            19 / 21,
            399 / 401,
            0.9,
        ),  # the rate, not beta; kappa instead of sqrt(kappa); folklore
    ),
    # 4 / (sqrt(200) + sqrt(0.5))^2 = 4 / (21 sqrt(0.5))^2 = 8 / 441
    "11-momentum/optimal-lr": Expected(
        8 / 441,
        hint="eta = 4 / (sqrt(L) + sqrt(mu))^2",
        right_examples=(0.0181406,),
        wrong_examples=(
            2 / 200.5,
            1 / 200,
            4 / 200.5,
        ),  # gradient descent's optimum; 1/L; squares forgotten
    ),
    "11-momentum/lr-change-gap": Expected(
        _lr_change_gap(),
        hint="in the notes' form only the new gradient is multiplied by the new rate; "
        "PyTorch multiplies the whole buffer by it",
        wrong_examples=(_lr_change_variant(True), _lr_change_variant(False)),
    ),
    # Nesterov on the flattest mode (curvature mu): with r = 1 - eta mu the characteristic
    # polynomial is z^2 - r (1 + beta) z + r beta; a double root when r (1 + beta)^2 = 4 beta,
    # whose smaller root is (1 - sqrt(eta mu))^2 / (1 - eta mu), that is
    # (1 - sqrt(eta mu)) / (1 + sqrt(eta mu))
    "11-momentum/nesterov-critical-momentum": Expected(
        formula="(1 - sqrt(eta*mu)) / (1 + sqrt(eta*mu))",
        positive="eta mu",
        domain={"eta": (0.05, 0.9), "mu": (0.05, 1.0)},
        hint="the recursion is theta_t = r (1 + beta) theta_{t-1} - r beta theta_{t-2} with "
        "r = 1 - eta mu; set the discriminant of its characteristic polynomial to zero and take "
        "the root below 1",
        wrong_examples=(
            "(1 - sqrt(eta*mu))**2",  # the heavy ball's edge of the complex window
            "((1 - sqrt(eta*mu)) / (1 + sqrt(eta*mu)))**2",  # the heavy ball's optimal beta
            "1 - sqrt(eta*mu)",  # the double root itself (the rate), not the momentum
        ),
    ),
}
