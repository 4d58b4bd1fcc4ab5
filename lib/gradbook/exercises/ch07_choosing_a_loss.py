"""Expected answers for chapter 7, choosing a loss.

Each value is worked by hand (a closed form written out with ``math``), never computed
with gradbook, so a bug in the library cannot make a wrong answer look right.
"""

import math

from . import Expected

# ---------------------------------------------------------------- which loss
# 1 outliers in a regression target: Huber (MAE also follows the tree); 2 multi-label: BCE per
# label from logits; 3 integer class labels: sparse softmax cross-entropy; 4 margin, labels +-1:
# hinge
_ACCEPTED = (
    {"huber", "mae"},
    {"binary_cross_entropy_with_logits"},
    {"sparse_softmax_cross_entropy"},
    {"hinge"},
)
_WHY = (
    "a regression target with outliers calls for a robust loss",
    "a photo can have several keywords at once: one sigmoid and one binary cross-entropy per "
    "keyword, from logits",
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

ANSWERS = {
    "07-choosing-a-loss/which-loss": Expected(
        checker=_check_which_loss,
        hint="follow the tree from the type of the target; compute classification losses from "
        "logits",
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
    "07-choosing-a-loss/mse-sigmoid-ratio": Expected(
        2 * _SIG4 * (1 - _SIG4),
        hint="both gradients contain sigma(z) - y; what is left of the MSE gradient is 2 "
        "sigma(z)(1 - sigma(z))",
        wrong_examples=(
            _SIG4 * (1 - _SIG4),  # the 2 of the square forgotten
            1 / (2 * _SIG4 * (1 - _SIG4)),  # the ratio upside down
            2 * _SIG4,  # the sigmoid's derivative taken as sigma
        ),
    ),
    # mean of (y_j - y_i)^2 over the 3 x 3 pairs of (1, 2, 3): (4 * 1 + 2 * 4) / 9
    "07-choosing-a-loss/broadcast-mse": Expected(
        4 / 3,
        hint="the broadcast difference is the 3 x 3 matrix of y_j - y_i; average its squares over "
        "all 9 entries",
        wrong_examples=(
            0.0,  # the right MSE, which broadcasting does not compute
            2 / 3,  # the variance of y alone
            12.0,  # the sum instead of the mean
        ),
    ),
    # -log(e / (e + K - 1)) = log(1 + (K - 1)/e) with K = 3
    "07-choosing-a-loss/double-softmax-floor": Expected(
        math.log(1 + 2 / math.e),
        hint="the best case is p = (1, 0, 0); apply a softmax to it and take minus the log of the "
        "first entry",
        wrong_examples=(
            0.0,  # the floor of the right loss
            math.log(3),  # the uniform distribution's loss
            math.log(1 + 3 / math.e),  # K instead of K - 1
            math.log(1 + 2 / math.e) / math.log(2),  # in bits
        ),
    ),
}
