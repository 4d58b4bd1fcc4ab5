"""Expected answers for chapter 18, the capstone MLP on the digits data.

Each value is worked by hand (a closed form or a count), never computed with gradbook,
so a bug in the library cannot make a wrong answer look right. The one trained-model
answer, the validation accuracy of a narrow network, is checked as a property (a
fraction of the 360 validation digits, in a band around the accuracy of a correct run)
rather than as one exact number.
"""

import numpy as np

from . import Expected, _as_number, _as_whole_number

# The chapter's split of load_digits (1797 images): test_size=0.2 keeps ceil(0.2 * 1797) = 360
# images for testing; a quarter of the remaining 1437 (rounded up) gives 360 for validation.
N_VAL = 360
N_TRAIN_AND_VAL = 1797 - 360

# A correct run of the narrow network (64 -> 32 -> ReLU -> 10, Adam, the chapter's seeds and
# schedule) classifies 345 of the 360 validation digits correctly. The band allows for a few
# predictions flipping between machines, or for a reader's equally valid variant of the loop
# (a different shuffling order, say), while refusing an untrained or broken network.
NARROW_BAND = (330 / N_VAL, 356 / N_VAL)
# 64 -> 32 -> ReLU -> 10: weights and biases of the two Dense layers
NARROW_PARAMS = (64 * 32 + 32) + (32 * 10 + 10)


def _narrow_network(answer):
    """answer = (number of parameters, validation accuracy as a fraction)."""
    if not isinstance(answer, (tuple, list)) or len(answer) != 2:
        return False, "expected a pair (number of parameters, validation accuracy)"
    n_params, accuracy = answer
    n_params, why = _as_whole_number(n_params)
    if n_params is None:
        return False, f"the number of parameters: {why}"
    if n_params != NARROW_PARAMS:
        return False, (
            f"{n_params} is not the number of parameters (weights and biases) "
            f"of the network 64 -> 32 -> ReLU -> 10"
        )
    return _validation_accuracy(accuracy)


def _validation_accuracy(answer):
    answer, why = _as_number(answer, "the accuracy as one number (a fraction)")
    if answer is None:
        return False, why
    if not 0.0 <= answer <= 1.0:
        return False, f"an accuracy is a fraction between 0 and 1, got {answer!r} (a percentage?)"
    correct = answer * N_VAL
    if abs(correct - round(correct)) > 1e-6:
        return False, (
            f"{answer!r} is not a whole number of the {N_VAL} validation digits "
            f"(it would be {correct:.3f} of them): measure it on the validation set"
        )
    low, high = NARROW_BAND
    if not low - 1e-12 <= answer <= high + 1e-12:
        return False, (
            f"{round(correct)} of {N_VAL} is outside what a correct run gives "
            f"({round(low * N_VAL)} to {round(high * N_VAL)}): check the architecture, "
            f"the learning rate and that you report the last epoch"
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
    # ceil(1437 / 64): 22 full batches and one of 29
    "18-capstone-mlp/steps-per-epoch": Expected(
        -(-N_TRAIN_AND_VAL // 64),
        hint="every example is used once per epoch; a last, smaller batch is still a step",
        wrong_examples=(
            N_TRAIN_AND_VAL // 64,
            N_TRAIN_AND_VAL / 64,
            -(-(N_TRAIN_AND_VAL - N_VAL) // 64),
        ),
    ),
    "18-capstone-mlp/hidden-width": Expected(
        checker=_narrow_network,
        right_examples=(
            (NARROW_PARAMS, 345 / N_VAL),
            (NARROW_PARAMS, 340 / N_VAL),
            (np.int64(NARROW_PARAMS), np.float64(350 / N_VAL)),
            (float(NARROW_PARAMS), np.array(345 / N_VAL)),
        ),
        wrong_examples=(
            (17226, 349 / N_VAL),  # the capstone network, not the narrow one
            (64 * 32 + 32 * 10, 345 / N_VAL),  # biases forgotten
            (NARROW_PARAMS, 95.83),  # a percentage
            (NARROW_PARAMS, 0.9583),  # rounded: not a whole number of validation digits
            (NARROW_PARAMS + 0.5, 345 / N_VAL),  # not a whole number of parameters
            (NARROW_PARAMS, 36 / N_VAL),  # an untrained network: chance level
            (NARROW_PARAMS, 1.0),  # a perfect score: measured on the training set?
            345 / N_VAL,  # the accuracy alone
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
