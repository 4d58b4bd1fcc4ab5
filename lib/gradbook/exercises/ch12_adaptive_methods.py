"""Expected answers for chapter 12, AdaGrad, RMSprop, Adam, AdamW.

Each value is worked by hand (a closed form written out with ``math``), never computed
with gradbook, so a bug in the library cannot make a wrong answer look right.
"""

import math

from . import Expected


def _adagrad_steps_to_travel(lr, distance):
    """The smallest T with lr * sum_{t <= T} 1/sqrt(t) >= distance (constant gradient, eps -> 0)."""
    total, steps = 0.0, 0
    while total < distance:
        steps += 1
        total += lr / math.sqrt(steps)
    return steps


# AdamW, one step from theta0 = (2, -1, 0.5), g = (0.3, -4, 0), lr = 0.01, lambda = 0.1, eps = 1e-8:
# theta0 (1 - lr lambda) - lr g / (|g| + eps), since m_hat_1 = g and v_hat_1 = g^2
_THETA0, _G = (2.0, -1.0, 0.5), (0.3, -4.0, 0.0)
_ADAMW = [
    th * (1 - 0.01 * 0.1) - 0.01 * g / (abs(g) + 1e-8) for th, g in zip(_THETA0, _G, strict=True)
]

ANSWERS = {
    # s_t = 16 t, so step t is 0.1 / sqrt(t): 0.1 (1 + 1/sqrt2 + 1/sqrt3 + 1/2)
    "12-adaptive-methods/adagrad-distance": Expected(
        0.1 * (1 + 1 / math.sqrt(2) + 1 / math.sqrt(3) + 1 / 2),
        hint="s_t = t g^2, so step t has size lr / sqrt(t) whatever g is; add four of them",
        wrong_examples=(
            0.4,  # no decay: four steps of lr
            0.1 * (1 + 1 / 2 + 1 / 3 + 1 / 4),  # 1/t instead of 1/sqrt(t)
            0.4 * (1 + 1 / math.sqrt(2) + 1 / math.sqrt(3) + 1 / 2),  # g not cancelled
        ),
    ),
    # v_1 = (1 - alpha) g^2, step = lr |g| / sqrt(v_1) = lr / sqrt(1 - alpha)
    "12-adaptive-methods/rmsprop-first-step": Expected(
        0.01 / math.sqrt(1 - 0.9),
        hint="v_1 = (1 - alpha) g_1^2; the size of g_1 cancels",
        wrong_examples=(0.01, 0.01 / (1 - 0.9), 0.5),  # lr; lr / (1 - alpha); lr |g|
    ),
    # m_3 = 0.1 (0.81 * 1 + 0.9 * 2 + 3) = 0.561, m_hat_3 = 0.561 / (1 - 0.9^3)
    "12-adaptive-methods/bias-correction": Expected(
        0.1 * (0.81 * 1 + 0.9 * 2 + 3) / (1 - 0.9**3),
        hint="m_3 = (1 - beta1) (beta1^2 g_1 + beta1 g_2 + g_3); divide by 1 - beta1^3",
        wrong_examples=(
            0.561,  # m_3 without correction
            0.561 / 0.1,  # divided by 1 - beta1 instead of 1 - beta1^3
            2.0,  # the plain mean of the gradients
        ),
    ),
    "12-adaptive-methods/adamw-first-step": Expected(
        _ADAMW,
        hint="first shrink every weight by the factor 1 - lr * lambda, then move by lr g / (|g| + "
        "eps)",
        wrong_examples=(
            [1.99, -0.99, 0.49],  # Adam with L2: lr sign(g + lambda theta)
            [1.99, -0.99, 0.5],  # the decay forgotten
            [2.0 * 0.9 - 0.01, -1.0 * 0.9 + 0.01, 0.5 * 0.9],  # decay by lambda, not lr * lambda
        ),
    ),
    # constant gradient: m_hat = g, v_hat = g^2, step = lr g / (g + eps)
    "12-adaptive-methods/eps-step": Expected(
        1e-3 * 1e-4 / (1e-4 + 1e-3),
        hint="with a constant gradient, m_hat = g and v_hat = g^2 at every step",
        wrong_examples=(1e-3, 1e-3 * 1e-4 / 1e-3),  # eps ignored; the bound lr g / eps
    ),
    # the smallest T with 0.1 * sum 1/sqrt(t) >= 3 (247: the sum is 29.94 at 246, 30.004 at 247)
    "12-adaptive-methods/adagrad-steps": Expected(
        _adagrad_steps_to_travel(0.1, 3.0),
        hint="step t has size lr / sqrt(t); 2 lr sqrt(T) underestimates the sum of 1/sqrt(t)",
        wrong_examples=(225, 30, 246),  # (3 / (2 lr))^2; 3 / lr; one step short
    ),
    # RMSprop after a long run at |g| = g0 (v = g0^2) meets g: v = alpha g0^2 + (1 - alpha) g^2
    "12-adaptive-methods/rmsprop-jump-step": Expected(
        formula="eta*g / sqrt(alpha*g0**2 + (1 - alpha)*g**2)",
        positive="eta alpha g g0",
        domain={"alpha": (0.05, 0.95)},
        hint="update v first, v = alpha g0^2 + (1 - alpha) g^2, then step by eta g / sqrt(v)",
        wrong_examples=(
            "eta*g/g0",  # the old average, not updated with the new gradient
            "eta*g / sqrt(g0**2 + (1 - alpha)*g**2)",  # the old average not decayed by alpha
            "eta/sqrt(1 - alpha)",  # the bound, reached only as g / g0 grows without limit
        ),
    ),
}
