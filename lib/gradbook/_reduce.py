"""How results come back: per-example values reduced as ``reduction`` says, 0-d as floats."""

import numpy as np


def scalar_if_0d(x):
    """A 0-d result as a plain Python float (it prints as ``0.25``, not ``array(0.25)``)."""
    return float(x) if np.ndim(x) == 0 else x


def reduce(values, how):
    """Combine per-example values: ``"none"`` keeps them, ``"mean"`` and ``"sum"`` give a float.

    ``how`` has been checked by ``_validate.reduction``, which refuses the mean of no values.
    """
    if how == "sum":
        values = np.sum(values)
    elif how == "mean":
        # the sum over the count is what np.mean computes, without its overhead on small arrays
        values = np.sum(values) / np.size(values)
    return scalar_if_0d(values)


def reduction_scale(n_examples, how):
    """The factor d(reduced)/d(per-example value): 1/n for the mean, 1 for the sum and "none"."""
    return 1.0 / n_examples if how == "mean" else 1.0
