"""Argument checks shared by every gradbook module.

Each check raises ``ValueError`` with a message that names the argument and its shape,
so that bad input fails loudly instead of being silently broadcast or giving NaN. A check
that passes returns the value (converted where it says so) or nothing.
"""

import numbers

import numpy as np

REDUCTIONS = ("none", "mean", "sum")
SUM_ATOL = 1e-6  # how far from 1 the sum of a probability distribution may be


def _describe(name, x):
    return f"{name} (shape {np.shape(x)})"


def _float_array(x, name):
    try:
        return np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric, got {type(x).__name__}: {exc}") from None


def as_float(x, name):
    """Return ``x`` as a float64 array, refusing non-numeric data and NaN or inf."""
    arr = _float_array(x, name)
    all_finite(arr, name)
    return arr


def as_probabilities(x, name):
    """Return ``x`` as a float64 array of values in [0, 1], refusing anything else.

    NaN and inf fail the range test too, and are reported as NaN or inf.
    """
    arr = _float_array(x, name)
    in_unit_interval(arr, name)
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


def has_classes(x, name):
    """Refuse an array without a last axis of at least one class."""
    at_least_1d(x, name)
    if np.shape(x)[-1] == 0:
        raise ValueError(f"{_describe(name, x)} must have at least one class on its last axis")


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
    x = np.asarray(x)
    totals = x @ np.ones(x.shape[-1])  # the row sums, as a product with ones: fast on short rows
    error = np.abs(totals - 1.0)
    if error.size and error.max() > atol:
        worst = totals.flat[np.argmax(error)]
        raise ValueError(
            f"{_describe(name, x)} must sum to 1 over its last axis, "
            f"found a row summing to {worst:.6g}"
        )


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
            f"{_describe(name, arr)} must hold labels in [0, {n_classes}) "
            f"for {n_classes} classes, found values in [{arr.min():g}, {arr.max():g}]"
        )
    return arr.astype(np.int64, copy=False)


def reduction(value, x, name, n_examples):
    """Refuse an unknown reduction, and ``"mean"`` over no examples.

    The mean of no values is 0/0, which no number answers (NumPy warns and gives ``nan``):
    an empty batch asks for ``"sum"`` (0.0) or ``"none"`` (an empty array) instead.
    """
    if value not in REDUCTIONS:
        raise ValueError(f"reduction must be one of {REDUCTIONS}, got {value!r}")
    if value == "mean" and n_examples == 0:
        raise ValueError(
            f"{_describe(name, x)} holds no examples, so reduction='mean' would be 0/0; "
            "use reduction='sum' (0.0 for no examples) or 'none'"
        )
    return value


def positive(value, name):
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be positive and finite, got {value!r}")
    return float(value)


def positive_int(value, name):
    """A whole number >= 1 (a layer width, a number of steps), as an int; bool is refused."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return int(value)


def non_negative(value, name):
    if not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be non-negative and finite, got {value!r}")
    return float(value)


def in_half_open_unit(value, name):
    """Refuse values outside [0, 1): momentum, betas."""
    if not np.isfinite(value) or not 0.0 <= value < 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")
    return float(value)


def in_closed_unit(value, name):
    """Refuse values outside [0, 1]: label smoothing."""
    if not np.isfinite(value) or not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be in [0, 1], got {value!r}")
    return float(value)
