"""Argument checks shared by every gradbook module.

Each check raises ``ValueError`` with a message that names the argument and its shape,
so that bad input fails loudly instead of being silently broadcast or giving NaN.
"""

import numpy as np

REDUCTIONS = ("none", "mean", "sum")
SUM_ATOL = 1e-6  # how far from 1 the sum of a probability distribution may be


def _describe(name, x):
    return f"{name} (shape {np.shape(x)})"


def as_float(x, name, *, finite=True):
    """Return ``x`` as a float64 array, refusing non-numeric data and NaN or inf.

    ``finite=False`` leaves NaN and inf to a later check that refuses them anyway
    (:func:`in_unit_interval`), so that a large array is not read once more for nothing.
    """
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric, got {type(x).__name__}: {exc}") from None
    if finite:
        all_finite(arr, name)
    return arr


def all_finite(arr, name):
    """Refuse NaN and inf in a float array."""
    if not np.isfinite(arr).all():
        bad = int(arr.size - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{_describe(name, arr)} contains {bad} NaN or inf value(s)")


def same_shape(a, b, name_a, name_b):
    """Refuse arrays of different shapes: nothing is broadcast silently."""
    if np.shape(a) != np.shape(b):
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, got {np.shape(a)} and {np.shape(b)}"
        )


def at_least_1d(x, name, what="a last axis of classes"):
    if np.ndim(x) < 1:
        raise ValueError(f"{_describe(name, x)} must have {what}")


def in_unit_interval(x, name):
    """Refuse values outside [0, 1], NaN and inf included (they need no separate check)."""
    x = np.asarray(x)
    # NaN compares false with everything, so a NaN minimum or maximum fails this test too
    if x.size and not (x.min() >= 0.0 and x.max() <= 1.0):
        all_finite(x, name)  # NaN or inf: say so rather than "out of range"
        raise ValueError(
            f"{_describe(name, x)} must hold probabilities in [0, 1], "
            f"found values in [{x.min():.6g}, {x.max():.6g}]"
        )


def sums_to_one(x, name, atol=SUM_ATOL):
    """Refuse rows (last axis) that are not probability distributions."""
    totals = np.asarray(x).sum(axis=-1)
    error = np.abs(totals - 1.0)
    if error.size and error.max() > atol:
        worst = totals.flat[np.argmax(error)]
        raise ValueError(
            f"{_describe(name, x)} must sum to 1 over its last axis, found a row summing to {worst:.6g}"
        )


def holds_distributions(x, atol=SUM_ATOL):
    """Whether every row (last axis) of the array ``x`` is a probability distribution.

    The tests of :func:`in_unit_interval` and :func:`sums_to_one` (NaN and inf fail them),
    without a message: for a caller that checks a large array block by block, then calls
    those two on the whole array to describe a failure.
    """
    if x.size and not (x.min() >= 0.0 and x.max() <= 1.0):
        return False
    error = np.abs(x.sum(axis=-1) - 1.0)
    return not (error.size and error.max() > atol)


def integer_labels(labels, name, n_classes):
    """Return ``labels`` as an int64 array, checking they are whole numbers in [0, n_classes)."""
    arr = np.asarray(labels)
    if arr.dtype.kind not in "iuf":  # signed or unsigned integers, or floats (not bool)
        raise ValueError(
            f"{_describe(name, arr)} must hold integer class labels, got dtype {arr.dtype}"
        )
    if arr.dtype.kind == "f":
        if not np.isfinite(arr).all() or np.any(arr != np.round(arr)):
            raise ValueError(
                f"{_describe(name, arr)} must hold integer class labels, found non-integers"
            )
    # check the range before casting, so that a huge float label is refused, not wrapped around
    if arr.size and (arr.min() < 0 or arr.max() >= n_classes):
        raise ValueError(
            f"{_describe(name, arr)} must hold labels in [0, {n_classes}) for {n_classes} classes, "
            f"found values in [{arr.min():g}, {arr.max():g}]"
        )
    return arr.astype(np.int64, copy=False)


def reduction(value):
    if value not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {REDUCTIONS}, got {value!r}")
    return value


def positive(value, name):
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be positive and finite, got {value!r}")
    return float(value)


def non_negative(value, name):
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be non-negative and finite, got {value!r}")
    return float(value)


def in_half_open_unit(value, name):
    """Refuse values outside [0, 1): momentum, betas, label smoothing."""
    if not np.isfinite(value) or not 0.0 <= value < 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")
    return float(value)


def scalar_if_0d(x):
    """A 0-d result as a plain Python float (it prints as ``0.25``, not ``array(0.25)``)."""
    return float(x) if np.ndim(x) == 0 else x


def reduce(values, how):
    """Apply a validated reduction to per-example values; a scalar comes back as a float."""
    if how == "sum":
        values = np.asarray(values).sum()
    elif how == "mean":
        values = np.asarray(values)
        # the sum over the count is what np.mean computes, without its overhead on small arrays
        values = values.sum() / values.size if values.size else values.mean()
    return scalar_if_0d(values)


def reduction_scale(n_examples, how):
    """The factor d(reduced)/d(per-example value): 1/n for mean, 1 otherwise."""
    return 1.0 / n_examples if how == "mean" else 1.0
