"""Expected answers for chapter 8, choosing a loss.

Each value is worked by hand (a closed form written out with ``math``), never computed
with gradbook, so a bug in the library cannot make a wrong answer look right.
"""

import math

from . import Expected

# ---------------------------------------------------------------- which loss
# 1 outliers in a regression target: Huber (MAE also follows the tree); 2 multi-label: BCE per
# label from logits; 3 integer class labels: sparse softmax cross-entropy; 4 margin, +-1: hinge
_ACCEPTED = (
    {"huber", "mae"},
    {"binary_cross_entropy_with_logits"},
    {"sparse_softmax_cross_entropy"},
    {"hinge"},
)
_WHY = (
    "a regression target with outliers calls for a robust loss",
    "a photo can have several keywords at once: one sigmoid and one BCE per keyword, from logits",
    "integer labels go to the sparse loss, computed from logits",
    "a margin with labels +-1 is the hinge loss",
)


def _normalise(name):
    name = str(name).strip().lower()
    for prefix in ("gradbook.losses.", "losses."):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return name.removesuffix("()")


def _check_which_loss(answer):
    if isinstance(answer, str) or not hasattr(answer, "__len__") or len(answer) != 4:
        return False, "expected four function names, in the order of the four tasks"
    for i, (name, accepted, why) in enumerate(zip(answer, _ACCEPTED, _WHY, strict=True), start=1):
        if _normalise(name) not in accepted:
            return False, f"task {i}: {name!r} is not what the tree gives ({why})"
    return True, ""


_SIG4 = 1 / (1 + math.exp(4.0))  # sigma(-4)

# label smoothing 0.1 over 3 classes, true class 0
_T0, _T1 = 0.9 + 0.1 / 3, 0.1 / 3

ANSWERS = {
    "08-choosing-a-loss/which-loss": Expected(
        checker=_check_which_loss,
        hint="follow the tree from the type of the target; use the losses that take logits",
        right_examples=(
            ("huber", "binary_cross_entropy_with_logits", "sparse_softmax_cross_entropy", "hinge"),
            [
                "losses.mae",
                "binary_cross_entropy_with_logits",
                "sparse_softmax_cross_entropy",
                "hinge",
            ],
        ),
        wrong_examples=(
            (
                "mse",
                "binary_cross_entropy_with_logits",
                "sparse_softmax_cross_entropy",
                "hinge",
            ),  # MSE with outliers
            (
                "huber",
                "softmax_cross_entropy",
                "sparse_softmax_cross_entropy",
                "hinge",
            ),  # multi-label as multi-class
            (
                "huber",
                "binary_cross_entropy_with_logits",
                "softmax_cross_entropy",
                "hinge",
            ),  # one-hot loss, integer labels
            (
                "huber",
                "binary_cross_entropy_with_logits",
                "sparse_softmax_cross_entropy",
                "binary_cross_entropy_with_logits",
            ),
            "huber",
        ),
    ),
    # 2 sigma(-4) (1 - sigma(-4)): the factors sigma - y cancel in the ratio
    "08-choosing-a-loss/mse-sigmoid-ratio": Expected(
        2 * _SIG4 * (1 - _SIG4),
        hint="both gradients contain sigma(z) - y; the MSE's also has 2 sigma(z)(1 - sigma(z))",
        wrong_examples=(
            _SIG4 * (1 - _SIG4),  # the 2 of the square forgotten
            1 / (2 * _SIG4 * (1 - _SIG4)),  # the ratio upside down
            2 * _SIG4,  # the sigmoid's derivative taken as sigma
        ),
    ),
    # mean of (y_j - y_i)^2 over the 3 x 3 pairs of (1, 2, 3): (4 * 1 + 2 * 4) / 9
    "08-choosing-a-loss/broadcast-mse": Expected(
        4 / 3,
        hint="the broadcast difference is the 3 x 3 matrix of y_j - y_i; average its 9 squares",
        wrong_examples=(
            0.0,  # the right MSE, which broadcasting does not compute
            2 / 3,  # the variance of y alone
            12.0,  # the sum instead of the mean
        ),
    ),
    # the corner yhat = (1, 0, 0): softmax gives (e, 1, 1)/(e + 2); smoothed target (t0, t1, t1)
    "08-choosing-a-loss/double-softmax-floor": Expected(
        _T0 * math.log(1 + 2 / math.e) + (1 - _T0) * math.log(math.e + 2),
        hint="the minimum is at the corner yhat = (1, 0, 0): softmax it and take the cross-entropy",
        wrong_examples=(
            math.log(1 + 2 / math.e),  # the floor of a hard target
            -sum(t * math.log(t) for t in (_T0, _T1, _T1)),  # the entropy: no double softmax
            math.log(3),  # the uniform distribution's loss
            (1 - _T0) * math.log(1 + 2 / math.e) + _T0 * math.log(math.e + 2),  # swapped
        ),
    ),
    # at z = 0 the model's softmax is uniform: the inner gradient 1/K - y sums to zero, and the
    # softmax Jacobian (1/K) I - (1/K^2) 1 1^T leaves (1/K)(1/K - y)
    "08-choosing-a-loss/double-softmax-start": Expected(
        formula="(1/K)*(1/K - y)",
        symbols="K y",
        domain={"K": (2, 20), "y": (0, 1)},
        hint="at z = 0 both softmaxes are uniform; chain the inner gradient 1/K - y through the "
        "Jacobian of the model's softmax",
        right_examples=("(1 - K*y)/K**2", "1/K**2 - y/K"),
        wrong_examples=(
            "1/K - y",  # the right loss's gradient: the Jacobian forgotten
            "(1/K - y)/K**2",  # the Jacobian's outer product counted as well
            "(y - 1/K)/K",  # the sign
            "1/K**2",  # y forgotten
        ),
    ),
}
