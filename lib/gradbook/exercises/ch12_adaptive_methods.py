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


def _reddi_v1(C, beta2):
    """The cycle's second moment after the large gradient (beta1 = 0), solved by hand:
    v1 = beta2 v3 + (1 - beta2) C^2, v2 = beta2 v1 + 1 - beta2, v3 = beta2 v2 + 1 - beta2 give
    v1 (1 - beta2^3) = (1 - beta2)(C^2 + beta2 + beta2^2)."""
    return (C**2 + beta2 + beta2**2) / (1 + beta2 + beta2**2)


def _reddi_move(C, beta2):
    """Adam's move per period of Reddi et al.'s example, in units of eta (eps neglected)."""
    v1 = _reddi_v1(C, beta2)
    v2 = beta2 * v1 + 1 - beta2
    v3 = beta2 * v2 + 1 - beta2
    return 1 / math.sqrt(v2) + 1 / math.sqrt(v3) - C / math.sqrt(v1)


def _reddi_threshold(C, low=0.01, high=0.99):
    """The beta2 where the move changes sign, by bisection (positive below it, negative above)."""
    for _ in range(200):
        middle = (low + high) / 2
        low, high = (middle, high) if _reddi_move(C, middle) > 0 else (low, middle)
    return (low + high) / 2


# clip_grad_norm on [3], [[4, 0]] with max_norm 2: total norm 5, factor 2 / (5 + 1e-6)
_CLIPPED = [x * 2.0 / (5.0 + 1e-6) for x in (3.0, 4.0, 0.0)]
# clip_grad_value at 1 turns (3, 4, 0) into (1, 1, 0): cos = 7 / (5 sqrt 2)
_CLIP_ANGLE = math.degrees(math.acos(7 / (5 * math.sqrt(2))))


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
    # the three numbers of clip_grad_norm([[3.], [[4., 0.]]], max_norm=2), flattened
    "12-adaptive-methods/clip-norm": Expected(
        _CLIPPED,
        hint="the norm is taken over both arrays together: sqrt(3^2 + 4^2 + 0^2) = 5; every "
        "entry is multiplied by the same max_norm / 5",
        wrong_examples=(
            [0.6, 0.8, 0.0],  # scaled to norm 1, not to max_norm
            [2.0, 2.0, 0.0],  # clipped by value at 2 (or each array to norm 2 on its own)
            [3.0 * 2.0 / 25.0, 4.0 * 2.0 / 25.0, 0.0],  # divided by the squared norm
            [3.0, 4.0, 0.0],  # left alone
        ),
    ),
    "12-adaptive-methods/clip-value-angle": Expected(
        _CLIP_ANGLE,
        hint="clip_grad_value at 1 turns (3, 4, 0) into (1, 1, 0); the angle between the two "
        "has cosine u.v / (|u| |v|)",
        wrong_examples=(0.0, 45.0, 53.13010235415598, 36.86989764582402),
    ),
    # v1 of the cycle, by hand (see _reddi_v1)
    "12-adaptive-methods/reddi-v1": Expected(
        formula="(C**2 + beta2 + beta2**2) / (1 + beta2 + beta2**2)",
        positive="C beta2",
        domain={"C": (2.1, 10.0), "beta2": (0.05, 0.95)},
        hint="write v1, v2, v3 each from the one before with eq-12-adam (beta1 = 0), go once "
        "round the period back to v1, and solve the linear equation for v1",
        wrong_examples=(
            "C**2",  # no averaging: the last squared gradient
            "(1 - beta2)*C**2",  # one step from v = 0, the bias not faded
            "(C**2 + 2)/3",  # the plain mean of the squares over a period (beta2 -> 1)
            "(C**2*beta2**2 + beta2 + 1)/(1 + beta2 + beta2**2)",  # the weights reversed
        ),
    ),
    # the beta2 at which Adam's move per period on Reddi et al.'s example (C = 3) changes sign
    "12-adaptive-methods/reddi-beta2-threshold": Expected(
        _reddi_threshold(3.0),
        rtol=1e-3,
        hint="the move per period is 1/sqrt(v2) + 1/sqrt(v3) - C/sqrt(v1) (times eta); it falls "
        "as beta2 grows; find its zero by bisection between 0.4 and 0.5",
        wrong_examples=(
            0.1,  # beta2 = 1/(1 + C^2), the chapter's setting, not the threshold
            0.5,  # the end of the bracket
            1 - 1 / 3,  # memory 1/(1 - beta2) equal to the gap of 3: only a heuristic
        ),
    ),
    # PyTorch's AdamW decays by the factor 1 - lr * lambda: keep lr * lambda = 1e-3 * 0.01
    "12-adaptive-methods/adamw-coupling": Expected(
        1e-3 * 0.01 / 5e-4,
        hint="the decay per step is 1 - lr * weight_decay; keep the product lr * weight_decay",
        wrong_examples=(0.01, 0.005, 0.04),  # unchanged; halved too; squared ratio
    ),
}
