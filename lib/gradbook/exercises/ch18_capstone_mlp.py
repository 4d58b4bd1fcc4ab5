"""Expected answers for chapter 18, the capstone MLP on the digits data.

Each value is worked by hand (a closed form or a count), never computed with gradbook,
so a bug in the library cannot make a wrong answer look right. The one trained-model
answer, the validation score of a narrow network tuned by the chapter's protocol, is
checked as a property (a mean of five whole counts of the 360 validation digits, in the
band that correct runs give) rather than as one exact number.
"""

import numpy as np

from . import Expected, _as_number, _as_whole_number

# The chapter's split of load_digits (1797 images): test_size=0.2 keeps ceil(0.2 * 1797) = 360
# images for testing; a quarter of the remaining 1437 (rounded up) gives 360 for validation.
N_VAL = 360

# The narrow network (64 -> 32 -> ReLU -> 10, Adam, the chapter's schedule and 12 epochs), tuned
# over the MLP's grid of peak rates (3e-3, 1e-2, 3e-2) by its mean over five seeds: the chapter's
# seeds 0-4 are best at 3e-2 with a mean of 350.4 validation digits right. Measured over seeds
# 0-39 in eight groups of five, the best mean of each group ranges from 347.8 to 350.4 (at 1e-2
# or 3e-2), while at the untuned 3e-3 (the rate the chapter's single runs use) the group means
# range from 338.8 to 341.0. The band holds every tuned group with room for predictions flipping
# between machines (0.2 each in a mean of five), and refuses the untuned rate, a single
# network's count that is not a mean of five, a training-set score and an untrained network.
# It cannot refuse the untuned middle rate 1e-2 (group means 347.8 to 350.2, inside the band:
# it is the best rate of some groups), nor a network without the ReLU: on these digits a linear
# model scores the same.
NARROW_MEAN_BAND = (346.6, 351.6)
N_SEEDS = 5
# 64 -> 32 -> ReLU -> 10: weights and biases of the two Dense layers
NARROW_PARAMS = (64 * 32 + 32) + (32 * 10 + 10)


def _narrow_network(answer):
    """answer = (number of parameters, mean validation digits right over five seeds)."""
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return False, "expected a pair (number of parameters, mean validation digits right)"
    n_params, mean_correct = answer
    n_params, why = _as_whole_number(n_params)
    if n_params is None:
        return False, f"the number of parameters: {why}"
    if n_params != NARROW_PARAMS:
        return False, (
            f"{n_params} is not the number of parameters (weights and biases) "
            f"of the network 64 -> 32 -> ReLU -> 10"
        )
    return _mean_validation_correct(mean_correct)


def _mean_validation_correct(answer):
    answer, why = _as_number(answer, "the mean number of validation digits right, one number")
    if answer is None:
        return False, why
    if 0.0 < answer <= 1.0:
        return False, (
            f"{answer!r} looks like a fraction: give the mean number of the {N_VAL} validation "
            f"digits right (between 0 and {N_VAL})"
        )
    if not 0.0 <= answer <= N_VAL:
        return False, f"the validation set has {N_VAL} digits, got a mean of {answer!r}"
    total = answer * N_SEEDS
    if abs(total - round(total)) > 1e-6:
        return False, (
            f"{answer!r} is not the mean of {N_SEEDS} whole counts (their sum would be "
            f"{total:.3f}): average the counts of the five seeds"
        )
    low, high = NARROW_MEAN_BAND
    if not low - 1e-9 <= answer <= high + 1e-9:
        return False, (
            f"a mean of {answer:g} of {N_VAL} is outside what the tuned narrow network gives "
            f"({low:g} to {high:g}): check the architecture, that each rate of the grid was "
            f"tried and the best mean kept, and that you count on the validation set"
        )
    return True, ""


ANSWERS = {
    # (64*100 + 100) + (100*50 + 50) + (50*10 + 10): weights n_in*n_out plus n_out biases per layer
    "18-capstone-mlp/parameter-count": Expected(
        (64 * 100 + 100) + (100 * 50 + 50) + (50 * 10 + 10),
        hint="each Dense layer has n_in * n_out weights and n_out biases; ReLU has none",
        wrong_examples=(
            64 * 100 + 100 * 50 + 50 * 10,  # biases forgotten
            (64 * 100 + 64) + (100 * 50 + 100) + (50 * 10 + 50),  # biases counted on the input side
            64 * 100 * 50 * 10,  # multiplied the widths
        ),
    ),
    # trace / total = (50 + 40 + 43) / 150
    "18-capstone-mlp/accuracy-from-confusion": Expected(
        (50 + 40 + 43) / 150,
        hint="the correct predictions are on the diagonal; divide by the number of all predictions",
        wrong_examples=(
            133,  # the count, not the fraction
            (50 / 52 + 40 / 50 + 43 / 48) / 3,  # the mean per-class recall (balanced accuracy)
            1 - (50 + 40 + 43) / 150,  # the error rate
        ),
    ),
    # A^T (P - Y) / N with A = [[1, 2], [0, 1]], P - Y = [[-0.3, 0.2, 0.1], [0.1, 0.3, -0.4]], N = 2
    "18-capstone-mlp/last-layer-gradient": Expected(
        np.array([[-0.3, 0.2, 0.1], [(-0.6 + 0.1), (0.4 + 0.3), (0.2 - 0.4)]]) / 2,
        hint="subtract the one-hot labels from P, multiply by the transpose of A on the left, "
        "divide by N",
        wrong_examples=(
            np.array([[-0.3, 0.2, 0.1], [-0.5, 0.7, -0.2]]),  # not divided by N
            -np.array([[-0.3, 0.2, 0.1], [-0.5, 0.7, -0.2]]) / 2,  # Y - P instead of P - Y
            np.array([[-0.3, -0.5], [0.2, 0.7], [0.1, -0.2]]) / 2,  # (P - Y)^T A: the transpose
        ),
    ),
    # batch normalisation subtracts each feature's batch mean, so the biases of the two Dense
    # layers in front of it (128 + 64 entries) cannot change the loss; every other parameter can
    "18-capstone-mlp/zero-gradient": Expected(
        128 + 64,
        hint="which parameters does subtracting each feature's batch mean make irrelevant?",
        wrong_examples=(
            0,  # "every parameter matters"
            128,  # the first normalised layer only
            128 + 64 + 10,  # every bias, the last layer's included
            2 * (128 + 64),  # the normalisation's scales and shifts
            3 * (128 + 64),  # biases, scales and shifts
        ),
    ),
    "18-capstone-mlp/hidden-width": Expected(
        checker=_narrow_network,
        right_examples=(
            (NARROW_PARAMS, 350.4),  # the chapter's seeds 0-4 at their best rate, 3e-2
            (NARROW_PARAMS, 347.8),  # the lowest best mean of the measured groups of five seeds
            (np.int64(NARROW_PARAMS), np.float64(350.0)),
            (float(NARROW_PARAMS), np.array(349.8)),
        ),
        wrong_examples=(
            (17226, 349.0),  # the capstone network, not the narrow one
            (64 * 32 + 32 * 10, 349.0),  # biases forgotten
            (NARROW_PARAMS + 0.5, 349.0),  # not a whole number of parameters
            (NARROW_PARAMS, 340.2),  # the untuned rate 3e-3 of the single runs, seeds 0-4
            (NARROW_PARAMS, 345.0),  # above every group of five seeds at the untuned rate
            (NARROW_PARAMS, 349.3),  # not a mean of five whole counts
            (NARROW_PARAMS, 349.0 / N_VAL),  # a fraction, not a count
            (NARROW_PARAMS, 360.0),  # a perfect score: counted on the training set?
            (NARROW_PARAMS, 36.0),  # an untrained network: chance level
            349.0,  # the score alone
        ),
    ),
    # (phat - p)^2 = z^2 p (1 - p) / n, a quadratic in p; its larger root
    "18-capstone-mlp/wilson-upper": Expected(
        formula="(phat + z**2/(2*n) + z*sqrt(phat*(1 - phat)/n + z**2/(4*n**2))) / (1 + z**2/n)",
        positive="phat n z",
        domain={"phat": (0.05, 0.95), "n": (10, 500), "z": (1, 3)},
        hint="square |phat - p| = z sqrt(p (1 - p) / n), collect the powers of p and take the "
        "larger root of the quadratic",
        wrong_examples=(
            "phat + z*sqrt(phat*(1 - phat)/n)",  # Wald's interval: phat's standard error
            # the lower end
            "(phat + z**2/(2*n) - z*sqrt(phat*(1 - phat)/n + z**2/(4*n**2))) / (1 + z**2/n)",
            "(phat + z**2/(2*n)) / (1 + z**2/n)",  # the centre only
        ),
    ),
}
