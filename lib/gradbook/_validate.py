"""Argument checks shared by every gradbook module.

Each check raises ``ValueError`` with a message that names the argument and its shape,
so that bad input fails loudly instead of being silently broadcast or giving NaN.
"""

import numpy as np

REDUCTIONS = ("none", "mean", "sum")


def _describe(name, x):
    return f"{name} (shape {np.shape(x)})"


def as_float(x, name):
    """Return ``x`` as a float64 array, refusing NaN, inf and non-numeric data."""
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be numeric, got {type(x).__name__}: {exc}") from None
    if not np.isfinite(arr).all():
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{_describe(name, arr)} contains {bad} NaN or inf value(s)")
    return arr


def same_shape(a, b, name_a, name_b):
    """Refuse arrays of different shapes: nothing is broadcast silently."""
    if np.shape(a) != np.shape(b):
        raise ValueError(
            f"{name_a} and {name_b} must have the same shape, "
            f"got {np.shape(a)} and {np.shape(b)}"
        )


def at_least_1d(x, name, what="a last axis of classes"):
    if np.ndim(x) < 1:
        raise ValueError(f"{_describe(name, x)} must have {what}")


def in_unit_interval(x, name):
    """Refuse values outside [0, 1]."""
    if np.size(x) and (np.min(x) < 0.0 or np.max(x) > 1.0):
        raise ValueError(
            f"{_describe(name, x)} must hold probabilities in [0, 1], "
            f"found values in [{np.min(x):.6g}, {np.max(x):.6g}]"
        )


def sums_to_one(x, name, atol=1e-6):
    """Refuse rows (last axis) that are not probability distributions."""
    totals = np.sum(x, axis=-1)
    if np.size(totals) and np.max(np.abs(totals - 1.0)) > atol:
        worst = totals.flat[np.argmax(np.abs(totals - 1.0))]
        raise ValueError(
            f"{_describe(name, x)} must sum to 1 over its last axis, found a row summing to {worst:.6g}"
        )


def integer_labels(labels, name, n_classes):
    """Return ``labels`` as an int64 array, checking they are whole numbers in [0, n_classes)."""
    arr = np.asarray(labels)
    if arr.dtype == bool or not (
        np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)
    ):
        raise ValueError(f"{_describe(name, arr)} must hold integer class labels, got dtype {arr.dtype}")
    if np.issubdtype(arr.dtype, np.floating):
        if not np.isfinite(arr).all() or np.any(arr != np.round(arr)):
            raise ValueError(f"{_describe(name, arr)} must hold integer class labels, found non-integers")
    # check the range before casting, so that a huge float label is refused, not wrapped around
    if arr.size and (arr.min() < 0 or arr.max() >= n_classes):
        raise ValueError(
            f"{_describe(name, arr)} must hold labels in [0, {n_classes}) for {n_classes} classes, "
            f"found values in [{arr.min():g}, {arr.max():g}]"
        )
    return arr.astype(np.int64)


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
        values = np.sum(values)
    elif how == "mean":
        values = np.mean(values)
    return scalar_if_0d(values)


def reduction_scale(n_examples, how):
    """The factor d(reduced)/d(per-example value): 1/n for mean, 1 otherwise."""
    return 1.0 / n_examples if how == "mean" else 1.0
