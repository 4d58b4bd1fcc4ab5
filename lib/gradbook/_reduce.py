"""How results come back: per-example values reduced as ``reduction`` says, 0-d as floats.

With per-example weights :math:`w_i` (a loss's ``sample_weight``), ``"none"`` gives
:math:`w_i \\ell_i`, ``"sum"`` :math:`\\sum_i w_i \\ell_i` and ``"mean"`` the weighted mean
:math:`\\sum_i w_i \\ell_i / \\sum_i w_i`, as scikit-learn's metrics do.
"""

import numpy as np

from . import _validate


def scalar_if_0d(x):
    """A 0-d result as a plain Python float (it prints as ``0.25``, not ``array(0.25)``)."""
    return float(x) if np.ndim(x) == 0 else x


def weights(sample_weight, shape, how):
    """``sample_weight`` checked and broadcast over per-example values of ``shape`` (None: None).

    Allowed shapes: ``shape`` itself or its leading axes (``(N,)`` for ``(N, d)`` values, each
    weight then applying to a whole row). Weights are finite and non-negative, and for the mean
    they must not all be 0.
    """
    if sample_weight is None:
        return None
    w = _validate.as_float(sample_weight, "sample_weight")
    if w.shape != shape[: w.ndim] or (w.ndim == 0 and len(shape) > 0):
        raise ValueError(
            f"sample_weight must have the shape of the per-example losses, {shape}, or its "
            f"leading axes, {shape[:1]}; got {w.shape}"
        )
    if w.size and w.min() < 0.0:
        raise ValueError(
            f"sample_weight (shape {w.shape}) must be non-negative, found {w.min():.6g}"
        )
    w = np.broadcast_to(w.reshape(w.shape + (1,) * (len(shape) - w.ndim)), shape)
    if how == "mean" and not w.sum() > 0.0:
        raise ValueError(
            f"sample_weight (shape {np.shape(sample_weight)}) sums to 0: the weighted mean is 0/0"
        )
    return w


def reduce(values, how, weights=None, total=None):
    """Combine per-example values: ``"none"`` keeps them, ``"mean"`` and ``"sum"`` give a float.

    ``how`` has been checked by ``_validate.reduction``, which refuses the mean of no values;
    ``weights`` by :func:`weights`. ``total`` replaces the mean's denominator (the number of
    values, or the sum of their weights) where a loss defines its own (PyTorch's weighted
    cross-entropy with integer labels).
    """
    if weights is not None:
        values = weights * values
    if how == "sum":
        values = np.sum(values)
    elif how == "mean":
        if total is None:
            total = np.size(values) if weights is None else np.sum(weights)
        # the sum over the count is what np.mean computes, without its overhead on small arrays
        values = np.sum(values) / total
    return scalar_if_0d(values)


def reduction_scale(n_examples, how, weights=None, total=None):
    """The factor d(reduced)/d(per-example value): 1/n for the mean, 1 for the sum and "none".

    With weights, the weights themselves, over their sum (or ``total``) for the mean.
    """
    scale = 1.0 if weights is None else weights
    if how != "mean":
        return scale
    if total is None:
        total = n_examples if weights is None else np.sum(weights)
    return scale / total
