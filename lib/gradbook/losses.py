r"""Loss functions and their gradients.

Every loss ``f(y_true, y_pred, *, ..., reduction="mean")`` has a twin ``f_grad`` with the
same arguments that returns :math:`\partial(\text{reduced loss}) / \partial y_\text{pred}`
with the shape of ``y_pred``; the softmax cross-entropies also have ``f_value_and_grad``,
which computes both in one pass. The ``reduction`` is

- ``"none"``: the per-example losses :math:`\ell_i` (elementwise for the regression, binary
  and hinge losses; one per row, over the last axis of classes, for the categorical ones),
  and the ``_grad`` twin gives the gradient of their sum;
- ``"mean"``: their mean, the *cost* :math:`J = \frac1N \sum_i \ell_i` of chapter 1, a float;
- ``"sum"``: their sum, a float.

Every loss and its twins also take per-example weights, ``sample_weight``: a weight
:math:`w_i \ge 0` per example (the shape of the per-example losses, or its leading axes), with
which ``"none"`` gives :math:`w_i \ell_i`, ``"sum"`` :math:`\sum_i w_i \ell_i` and ``"mean"``
:math:`\sum_i w_i \ell_i / \sum_i w_i`, scikit-learn's weighted mean. The softmax
cross-entropies also take ``class_weight``, a weight per class, as PyTorch's ``weight``.

An empty batch has no mean: ``reduction="mean"`` over no examples raises ``ValueError`` (0/0
has no right value; PyTorch returns ``nan``), while ``"sum"`` gives 0.0 and ``"none"`` an
empty array.

Names say what an argument holds: ``y_true`` targets, ``y_pred`` predictions, ``p`` predicted
probabilities, ``z`` logits, ``scores`` raw scores, ``labels`` integer classes, ``target`` a
distribution per row. The information measures :func:`entropy`, :func:`cross_entropy` and
:func:`kl_divergence` take ``(p, q)`` in the order of information theory instead: ``p`` is the
reference ("true") distribution and ``q`` the one compared with it (a model's), so
``cross_entropy(p, q)`` is :math:`H(p, q) = -\sum_k p_k \log q_k` and its gradient is with
respect to ``q``. They are quantities of distributions rather than costs, so they default to
``reduction="none"`` (one value per distribution); pass ``"mean"`` or ``"sum"`` to reduce.

Conventions (the book's notation page has them all): arrays are float64, the argument
order is ``(y_true, y_pred)`` as in scikit-learn and Keras, ``log`` is the natural
logarithm, and MSE has **no** factor 1/2 (chapter 3 reconciles the two conventions).
Shapes: :math:`N` examples, :math:`K` classes on the last axis; the categorical losses accept
any leading axes (``(K,)`` for one example, ``(N, K)`` for a batch, ``(B, T, K)``...).
Inputs are validated: shapes must match exactly (nothing is broadcast), probabilities
must lie in [0, 1], labels must be valid, and NaN or inf is refused, each with a
``ValueError`` that names the argument and its shape.
"""

import math

import numpy as np

from . import _reduce, _validate
from .activations import log_sigmoid, sigmoid

__all__ = [
    "mse",
    "mse_grad",
    "mae",
    "mae_grad",
    "huber",
    "huber_grad",
    "binary_cross_entropy",
    "binary_cross_entropy_grad",
    "binary_cross_entropy_with_logits",
    "binary_cross_entropy_with_logits_grad",
    "hinge",
    "hinge_grad",
    "categorical_cross_entropy",
    "categorical_cross_entropy_grad",
    "sparse_categorical_cross_entropy",
    "sparse_categorical_cross_entropy_grad",
    "softmax_cross_entropy",
    "softmax_cross_entropy_grad",
    "softmax_cross_entropy_value_and_grad",
    "sparse_softmax_cross_entropy",
    "sparse_softmax_cross_entropy_grad",
    "sparse_softmax_cross_entropy_value_and_grad",
    "entropy",
    "cross_entropy",
    "cross_entropy_grad",
    "kl_divergence",
    "kl_divergence_grad",
]


def _pair(y_true, y_pred, reduction, sample_weight, name_true="y_true", name_pred="y_pred"):
    """The arrays of an elementwise loss, of one shape, its reduction and weights, checked."""
    y_true = _validate.as_float(y_true, name_true)
    y_pred = _validate.as_float(y_pred, name_pred)
    _validate.same_shape(y_true, y_pred, name_true, name_pred)
    how = _validate.reduction(reduction, y_pred, name_pred, y_pred.size)
    return y_true, y_pred, how, _reduce.weights(sample_weight, y_pred.shape, how)


def _clip_eps(eps):
    if not np.isfinite(eps) or not 0.0 < eps < 0.5:
        raise ValueError(f"eps must be in (0, 0.5), got {eps!r}")
    return float(eps)


# --------------------------------------------------------------------------- regression


def mse(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Mean squared error.

    .. math::
        \ell_i = (\hat y_i - y_i)^2, \qquad J = \frac{1}{N}\sum_{i=1}^N \ell_i

    No factor 1/2: ``mse`` is what scikit-learn, Keras and PyTorch call MSE. Some
    texts (Bishop; note D of the study notes the book grew from) write
    :math:`\tfrac12(\hat y - y)^2`, whose gradient is :math:`\hat y - y`; it has the same
    minimiser.

    Parameters
    ----------
    y_true : array_like
        The targets :math:`y_i`, any shape, finite.
    y_pred : array_like
        The predictions :math:`\hat y_i`, the shape of ``y_true``, finite.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, of the shape of the per-example losses or of its
        leading axes: ``"none"`` gives :math:`w_i \ell_i`, ``"sum"`` :math:`\sum_i w_i \ell_i`,
        ``"mean"`` :math:`\sum_i w_i \ell_i / \sum_i w_i` (scikit-learn's weighted mean).
    reduction : {"mean", "sum", "none"}, default "mean"
        The mean :math:`J`, the sum, or every :math:`\ell_i`.

    Returns
    -------
    float or numpy.ndarray
        A float for ``"mean"`` and ``"sum"``; for ``"none"``, :math:`\ell_i` elementwise, with
        the shape of ``y_pred`` (a float if that is a scalar).

    Examples
    --------
    >>> round(mse([1.0], [0.8]), 12)  # (0.8 - 1.0)**2
    0.04
    >>> mse([1.0, 2.0], [0.0, 0.0], reduction="none")
    array([1., 4.])
    """
    y_true, y_pred, how, w = _pair(y_true, y_pred, reduction, sample_weight)
    return _reduce.reduce((y_pred - y_true) ** 2, how, w)


def mse_grad(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Gradient of :func:`mse` with respect to ``y_pred``.

    .. math::
        \frac{\partial J}{\partial \hat y_i} = \frac{2}{N}(\hat y_i - y_i)
        \quad\text{(mean)}, \qquad 2(\hat y_i - y_i) \quad\text{(sum, none)}

    Parameters
    ----------
    y_true : array_like
        The targets :math:`y_i`, any shape, finite.
    y_pred : array_like
        The predictions :math:`\hat y_i`, the shape of ``y_true``, finite.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, as in :func:`mse`.
    reduction : {"mean", "sum", "none"}, default "mean"
        The reduction whose gradient is taken (``"none"``: that of the sum).

    Returns
    -------
    numpy.ndarray
        The gradient, with the shape of ``y_pred``.

    Examples
    --------
    >>> mse_grad([1.0, 2.0], [0.0, 0.0])
    array([-1., -2.])
    """
    y_true, y_pred, how, w = _pair(y_true, y_pred, reduction, sample_weight)
    return 2.0 * _reduce.reduction_scale(y_pred.size, how, w) * (y_pred - y_true)


def mae(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""Mean absolute error.

    .. math::
        \ell_i = |\hat y_i - y_i|, \qquad J = \frac{1}{N}\sum_{i=1}^N \ell_i

    Parameters
    ----------
    y_true : array_like
        The targets :math:`y_i`, any shape, finite.
    y_pred : array_like
        The predictions :math:`\hat y_i`, the shape of ``y_true``, finite.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, of the shape of the per-example losses or of its
        leading axes: ``"none"`` gives :math:`w_i \ell_i`, ``"sum"`` :math:`\sum_i w_i \ell_i`,
        ``"mean"`` :math:`\sum_i w_i \ell_i / \sum_i w_i` (scikit-learn's weighted mean).
    reduction : {"mean", "sum", "none"}, default "mean"
        The mean :math:`J`, the sum, or every :math:`\ell_i`.

    Returns
    -------
    float or numpy.ndarray
        A float for ``"mean"`` and ``"sum"``; for ``"none"``, :math:`\ell_i` elementwise, with
        the shape of ``y_pred`` (a float if that is a scalar).

    Examples
    --------
    >>> mae([1.0, 2.0], [0.0, 4.0])
    1.5
    """
    y_true, y_pred, how, w = _pair(y_true, y_pred, reduction, sample_weight)
    return _reduce.reduce(np.abs(y_pred - y_true), how, w)


def mae_grad(y_true, y_pred, *, sample_weight=None, reduction="mean"):
    r"""A (sub)gradient of :func:`mae` with respect to ``y_pred``.

    .. math::
        \frac{\partial J}{\partial \hat y_i} = \frac{1}{N} \operatorname{sign}(\hat y_i - y_i)
        \quad\text{(mean; without the } 1/N \text{ for sum and none)}

    :math:`|r|` has no derivative at :math:`r = 0`; every value in :math:`[-1, 1]`
    is a subgradient there, and we return 0 (as ``np.sign`` and PyTorch do).

    Parameters
    ----------
    y_true : array_like
        The targets :math:`y_i`, any shape, finite.
    y_pred : array_like
        The predictions :math:`\hat y_i`, the shape of ``y_true``, finite.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, as in :func:`mae`.
    reduction : {"mean", "sum", "none"}, default "mean"
        The reduction whose gradient is taken (``"none"``: that of the sum).

    Returns
    -------
    numpy.ndarray
        The subgradient, with the shape of ``y_pred``.

    Examples
    --------
    >>> mae_grad([1.0, 2.0, 3.0], [0.0, 4.0, 3.0], reduction="sum")
    array([-1.,  1.,  0.])
    """
    y_true, y_pred, how, w = _pair(y_true, y_pred, reduction, sample_weight)
    return _reduce.reduction_scale(y_pred.size, how, w) * np.sign(y_pred - y_true)


def huber(y_true, y_pred, *, delta=1.0, sample_weight=None, reduction="mean"):
    r"""Huber loss: quadratic for small residuals, linear for large ones.

    .. math::
        \ell_i = \begin{cases}
            \tfrac12 r_i^2 & |r_i| \le \delta \\
            \delta\,|r_i| - \tfrac12 \delta^2 & |r_i| > \delta
        \end{cases}
        \qquad r_i = \hat y_i - y_i

    Computed as :math:`\tfrac12 c^2 + \delta(|r| - c)` with :math:`c = \min(|r|, \delta)`,
    one formula with no branch. The two pieces meet with equal value and slope at
    :math:`|r| = \delta`, so ``<`` or ``≤`` at the boundary gives the same function
    (chapter 3). This equals ``scipy.special.huber(delta, r)`` and PyTorch's ``HuberLoss``.

    Parameters
    ----------
    y_true : array_like
        The targets :math:`y_i`, any shape, finite.
    y_pred : array_like
        The predictions :math:`\hat y_i`, the shape of ``y_true``, finite.
    delta : float, default 1.0
        The threshold :math:`\delta > 0` where the quadratic turns linear.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, of the shape of the per-example losses or of its
        leading axes: ``"none"`` gives :math:`w_i \ell_i`, ``"sum"`` :math:`\sum_i w_i \ell_i`,
        ``"mean"`` :math:`\sum_i w_i \ell_i / \sum_i w_i` (scikit-learn's weighted mean).
    reduction : {"mean", "sum", "none"}, default "mean"
        The mean :math:`J`, the sum, or every :math:`\ell_i`.

    Returns
    -------
    float or numpy.ndarray
        A float for ``"mean"`` and ``"sum"``; for ``"none"``, :math:`\ell_i` elementwise, with
        the shape of ``y_pred`` (a float if that is a scalar).

    Examples
    --------
    >>> huber([0.0, 0.0], [0.5, 3.0], reduction="none")  # 0.5 * 0.25, 3 - 0.5
    array([0.125, 2.5  ])
    """
    delta = _validate.positive(delta, "delta")
    y_true, y_pred, how, w = _pair(y_true, y_pred, reduction, sample_weight)
    a = np.abs(y_pred - y_true)
    c = np.minimum(a, delta)
    return _reduce.reduce(0.5 * c * c + delta * (a - c), how, w)


def huber_grad(y_true, y_pred, *, delta=1.0, sample_weight=None, reduction="mean"):
    r"""Gradient of :func:`huber` with respect to ``y_pred``: the residual, clipped.

    .. math::
        \frac{\partial J}{\partial \hat y_i} = \frac{1}{N}\operatorname{clip}(r_i, -\delta, \delta)
        \quad\text{(mean; without the } 1/N \text{ for sum and none)}

    Parameters
    ----------
    y_true : array_like
        The targets :math:`y_i`, any shape, finite.
    y_pred : array_like
        The predictions :math:`\hat y_i`, the shape of ``y_true``, finite.
    delta : float, default 1.0
        The threshold :math:`\delta > 0` where the quadratic turns linear.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, as in :func:`huber`.
    reduction : {"mean", "sum", "none"}, default "mean"
        The reduction whose gradient is taken (``"none"``: that of the sum).

    Returns
    -------
    numpy.ndarray
        The gradient, with the shape of ``y_pred``.

    Examples
    --------
    >>> huber_grad([0.0, 0.0], [0.5, -3.0], reduction="sum")
    array([ 0.5, -1. ])
    """
    delta = _validate.positive(delta, "delta")
    y_true, y_pred, how, w = _pair(y_true, y_pred, reduction, sample_weight)
    return _reduce.reduction_scale(y_pred.size, how, w) * np.clip(y_pred - y_true, -delta, delta)


# --------------------------------------------------------------------------- binary


def _probabilities_pair(y_true, p, reduction, sample_weight):
    """Targets and predicted probabilities of a binary loss, both in [0, 1], checked."""
    y_true, p, how, w = _pair(y_true, p, reduction, sample_weight, "y_true", "p")
    _validate.in_unit_interval(y_true, "y_true")
    _validate.in_unit_interval(p, "p")
    return y_true, p, how, w


def binary_cross_entropy(y_true, p, *, eps=1e-7, sample_weight=None, reduction="mean"):
    r"""Binary cross-entropy on probabilities, clipped to :math:`[\epsilon, 1 - \epsilon]`.

    .. math::
        \ell_i = -\bigl[y_i \log \tilde p_i + (1 - y_i) \log(1 - \tilde p_i)\bigr],
        \qquad \tilde p_i = \operatorname{clip}(p_i, \epsilon, 1 - \epsilon)

    The clip keeps :math:`\log 0` away but caps the loss near :math:`-\log\epsilon`
    and zeroes the gradient of saturated predictions; prefer
    :func:`binary_cross_entropy_with_logits`, which needs no clip (chapter 4).
    The loss is elementwise, so a multi-label problem passes one column per label.

    Parameters
    ----------
    y_true : array_like
        The labels :math:`y_i \in [0, 1]`: 0 or 1, or soft labels in between; any shape.
    p : array_like
        The predicted probabilities :math:`p_i \in [0, 1]` of label 1, the shape of ``y_true``.
    eps : float, default 1e-7
        The clip width :math:`\epsilon \in (0, 0.5)` (Keras' default).
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, of the shape of the per-example losses or of its
        leading axes: ``"none"`` gives :math:`w_i \ell_i`, ``"sum"`` :math:`\sum_i w_i \ell_i`,
        ``"mean"`` :math:`\sum_i w_i \ell_i / \sum_i w_i` (scikit-learn's weighted mean).
    reduction : {"mean", "sum", "none"}, default "mean"
        The mean :math:`J`, the sum, or every :math:`\ell_i`.

    Returns
    -------
    float or numpy.ndarray
        A float for ``"mean"`` and ``"sum"``; for ``"none"``, :math:`\ell_i` elementwise, with
        the shape of ``p`` (a float if that is a scalar).

    Examples
    --------
    >>> round(binary_cross_entropy([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]), 6)
    0.197635
    """
    eps = _clip_eps(eps)
    y_true, p, how, w = _probabilities_pair(y_true, p, reduction, sample_weight)
    pc = np.clip(p, eps, 1.0 - eps)
    return _reduce.reduce(-(y_true * np.log(pc) + (1.0 - y_true) * np.log1p(-pc)), how, w)


def binary_cross_entropy_grad(y_true, p, *, eps=1e-7, sample_weight=None, reduction="mean"):
    r"""Gradient of :func:`binary_cross_entropy` with respect to ``p``.

    .. math::
        \frac{\partial \ell_i}{\partial p_i} = \frac{\tilde p_i - y_i}{\tilde p_i (1 - \tilde p_i)}
        \quad\text{inside the clip, } 0 \text{ where the clip is active,}

    divided by :math:`N` for the mean.

    Parameters
    ----------
    y_true : array_like
        The labels :math:`y_i \in [0, 1]`: 0 or 1, or soft labels in between; any shape.
    p : array_like
        The predicted probabilities :math:`p_i \in [0, 1]` of label 1, the shape of ``y_true``.
    eps : float, default 1e-7
        The clip width :math:`\epsilon \in (0, 0.5)`.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, as in :func:`binary_cross_entropy`.
    reduction : {"mean", "sum", "none"}, default "mean"
        The reduction whose gradient is taken (``"none"``: that of the sum).

    Returns
    -------
    numpy.ndarray
        The gradient, with the shape of ``p``.

    Examples
    --------
    >>> binary_cross_entropy_grad([1.0], [0.5])
    array([-2.])
    """
    eps = _clip_eps(eps)
    y_true, p, how, w = _probabilities_pair(y_true, p, reduction, sample_weight)
    pc = np.clip(p, eps, 1.0 - eps)
    inside = (p >= eps) & (p <= 1.0 - eps)
    grad = np.where(inside, (pc - y_true) / (pc * (1.0 - pc)), 0.0)
    return _reduce.reduction_scale(p.size, how, w) * grad


def binary_cross_entropy_with_logits(y_true, z, *, sample_weight=None, reduction="mean"):
    r"""Binary cross-entropy of :math:`\sigma(z)`, computed from the logits ``z`` exactly.

    .. math::
        \ell_i = -\bigl[y_i \log\sigma(z_i) + (1 - y_i)\log(1 - \sigma(z_i))\bigr]
               = \max(z_i, 0) - y_i z_i + \log\bigl(1 + e^{-|z_i|}\bigr)

    The right-hand form never takes the log of a rounded-off probability, so it is
    exact for any finite logit (chapter 4 shows the naive form failing at :math:`|z| = 40`).
    This is PyTorch's ``binary_cross_entropy_with_logits``.

    Parameters
    ----------
    y_true : array_like
        The labels :math:`y_i \in [0, 1]`: 0 or 1, or soft labels in between; any shape.
    z : array_like
        The logits :math:`z_i`, any finite reals, the shape of ``y_true``.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, of the shape of the per-example losses or of its
        leading axes: ``"none"`` gives :math:`w_i \ell_i`, ``"sum"`` :math:`\sum_i w_i \ell_i`,
        ``"mean"`` :math:`\sum_i w_i \ell_i / \sum_i w_i` (scikit-learn's weighted mean).
    reduction : {"mean", "sum", "none"}, default "mean"
        The mean :math:`J`, the sum, or every :math:`\ell_i`.

    Returns
    -------
    float or numpy.ndarray
        A float for ``"mean"`` and ``"sum"``; for ``"none"``, :math:`\ell_i` elementwise, with
        the shape of ``z`` (a float if that is a scalar).

    Examples
    --------
    >>> binary_cross_entropy_with_logits([1.0, 0.0], [0.0, 0.0], reduction="none")
    array([0.69314718, 0.69314718])
    >>> binary_cross_entropy_with_logits([1.0], [-1000.0])  # not capped by a clip
    1000.0
    """
    y_true, z, how, w = _pair(y_true, z, reduction, sample_weight, "y_true", "z")
    _validate.in_unit_interval(y_true, "y_true")
    loss = np.maximum(z, 0.0) - y_true * z + np.log1p(np.exp(-np.abs(z)))
    return _reduce.reduce(loss, how, w)


def binary_cross_entropy_with_logits_grad(y_true, z, *, sample_weight=None, reduction="mean"):
    r"""Gradient of :func:`binary_cross_entropy_with_logits` with respect to ``z``.

    .. math::
        \frac{\partial \ell_i}{\partial z_i} = \sigma(z_i) - y_i,

    divided by :math:`N` for the mean: the famous :math:`\hat y - y`, where the sigmoid's
    derivative cancels the log's (derived in SymPy in chapter 4).

    Parameters
    ----------
    y_true : array_like
        The labels :math:`y_i \in [0, 1]`: 0 or 1, or soft labels in between; any shape.
    z : array_like
        The logits :math:`z_i`, any finite reals, the shape of ``y_true``.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, as in :func:`binary_cross_entropy_with_logits`.
    reduction : {"mean", "sum", "none"}, default "mean"
        The reduction whose gradient is taken (``"none"``: that of the sum).

    Returns
    -------
    numpy.ndarray
        The gradient, with the shape of ``z``.

    Examples
    --------
    >>> binary_cross_entropy_with_logits_grad([1.0, 0.0], [0.0, 0.0], reduction="sum")
    array([-0.5,  0.5])
    """
    y_true, z, how, w = _pair(y_true, z, reduction, sample_weight, "y_true", "z")
    _validate.in_unit_interval(y_true, "y_true")
    return _reduce.reduction_scale(z.size, how, w) * (sigmoid(z) - y_true)


def _pm1_labels(y_true):
    if np.any((y_true != 1.0) & (y_true != -1.0)):
        bad = np.unique(y_true[(y_true != 1.0) & (y_true != -1.0)])[:5]
        raise ValueError(
            f"y_true (shape {y_true.shape}) must hold labels -1 or +1 for the hinge loss, "
            f"found {bad.tolist()} (map 0/1 labels with 2*y - 1)"
        )


def hinge(y_true, scores, *, sample_weight=None, reduction="mean"):
    r"""Hinge loss of raw scores with labels :math:`y \in \{-1, +1\}`.

    .. math::
        \ell_i = \max(0,\; 1 - y_i s_i)

    Zero once the *margin* :math:`y_i s_i` reaches 1; linear in the score before that.

    Parameters
    ----------
    y_true : array_like
        The labels :math:`y_i`, each -1 or +1; any shape.
    scores : array_like
        The raw scores :math:`s_i`, any finite reals, the shape of ``y_true``.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, of the shape of the per-example losses or of its
        leading axes: ``"none"`` gives :math:`w_i \ell_i`, ``"sum"`` :math:`\sum_i w_i \ell_i`,
        ``"mean"`` :math:`\sum_i w_i \ell_i / \sum_i w_i` (scikit-learn's weighted mean).
    reduction : {"mean", "sum", "none"}, default "mean"
        The mean :math:`J`, the sum, or every :math:`\ell_i`.

    Returns
    -------
    float or numpy.ndarray
        A float for ``"mean"`` and ``"sum"``; for ``"none"``, :math:`\ell_i` elementwise, with
        the shape of ``scores`` (a float if that is a scalar).

    Examples
    --------
    >>> hinge([1, -1, 1], [2.0, 0.5, -1.0], reduction="none")
    array([0. , 1.5, 2. ])
    """
    y_true, scores, how, w = _pair(y_true, scores, reduction, sample_weight, "y_true", "scores")
    _pm1_labels(y_true)
    return _reduce.reduce(np.maximum(0.0, 1.0 - y_true * scores), how, w)


def hinge_grad(y_true, scores, *, sample_weight=None, reduction="mean"):
    r"""A (sub)gradient of :func:`hinge` with respect to ``scores``.

    .. math::
        \frac{\partial \ell_i}{\partial s_i} = \begin{cases} -y_i & y_i s_i < 1 \\
            0 & y_i s_i \ge 1 \end{cases}

    divided by :math:`N` for the mean; at the kink :math:`y_i s_i = 1` we take 0.

    Parameters
    ----------
    y_true : array_like
        The labels :math:`y_i`, each -1 or +1; any shape.
    scores : array_like
        The raw scores :math:`s_i`, any finite reals, the shape of ``y_true``.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, as in :func:`hinge`.
    reduction : {"mean", "sum", "none"}, default "mean"
        The reduction whose gradient is taken (``"none"``: that of the sum).

    Returns
    -------
    numpy.ndarray
        The subgradient, with the shape of ``scores``.

    Examples
    --------
    >>> hinge_grad([1, -1, 1], [2.0, 0.5, -1.0], reduction="sum")
    array([ 0.,  1., -1.])
    """
    y_true, scores, how, w = _pair(y_true, scores, reduction, sample_weight, "y_true", "scores")
    _pm1_labels(y_true)
    scale = _reduce.reduction_scale(scores.size, how, w)
    return scale * np.where(y_true * scores < 1.0, -y_true, 0.0)


# --------------------------------------------------------------------------- categorical


def _n_examples(x):
    """The number of examples in a (..., K) array: the product of the leading axes."""
    return math.prod(x.shape[:-1])


def _distributions(target, pred, reduction, sample_weight, name_target, name_pred):
    """A target distribution per row, predictions of its shape, the reduction and weights."""
    target = _validate.as_probabilities(target, name_target)
    pred = _validate.as_float(pred, name_pred)
    _validate.same_shape(target, pred, name_target, name_pred)
    _validate.has_classes(pred, name_pred)
    _validate.sums_to_one(target, name_target)
    how = _validate.reduction(reduction, pred, name_pred, _n_examples(pred))
    return target, pred, how, _reduce.weights(sample_weight, pred.shape[:-1], how)


def _sparse(labels, pred, reduction, sample_weight, name_pred):
    """Integer labels of shape pred.shape[:-1], predictions (..., K), the reduction, weights."""
    pred = _validate.as_float(pred, name_pred)
    _validate.has_classes(pred, name_pred)
    labels = _validate.integer_labels(labels, "labels", pred.shape[-1])
    if labels.shape != pred.shape[:-1]:
        raise ValueError(
            f"labels must have shape {name_pred}.shape[:-1] = {pred.shape[:-1]}, got {labels.shape}"
        )
    how = _validate.reduction(reduction, pred, name_pred, _n_examples(pred))
    return labels, pred, how, _reduce.weights(sample_weight, pred.shape[:-1], how)


def _probabilities(p, name):
    _validate.in_unit_interval(p, name)
    _validate.sums_to_one(p, name)


def _rows(scale):
    """A per-example scale (an array over the leading axes) spread over the last axis of classes."""
    return scale[..., None] if isinstance(scale, np.ndarray) else scale


def _pick(x, labels):
    """x[..., labels] taken row by row: the entry of each example's true class."""
    return np.take_along_axis(x, labels[..., None], axis=-1)[..., 0]


def categorical_cross_entropy(y_onehot, p, *, eps=1e-7, sample_weight=None, reduction="mean"):
    r"""Categorical cross-entropy on probabilities (the output of a softmax).

    .. math::
        \ell_i = -\sum_{k=1}^K y_{ik} \log \tilde p_{ik},
        \qquad \tilde p = \operatorname{clip}(p, \epsilon, 1 - \epsilon)

    Prefer :func:`softmax_cross_entropy` on logits, which needs no clip.

    Parameters
    ----------
    y_onehot : array_like, shape (..., K)
        The targets, one row per example: one-hot, or any distribution (entries in [0, 1]
        summing to 1).
    p : array_like, shape (..., K)
        The predicted probabilities, the shape of ``y_onehot``; each row a distribution.
    eps : float, default 1e-7
        The clip width :math:`\epsilon \in (0, 0.5)`.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, of the shape of the per-example losses or of its
        leading axes: ``"none"`` gives :math:`w_i \ell_i`, ``"sum"`` :math:`\sum_i w_i \ell_i`,
        ``"mean"`` :math:`\sum_i w_i \ell_i / \sum_i w_i` (scikit-learn's weighted mean).
    reduction : {"mean", "sum", "none"}, default "mean"
        The mean over the examples, the sum, or every :math:`\ell_i`.

    Returns
    -------
    float or numpy.ndarray
        A float for ``"mean"`` and ``"sum"``; for ``"none"``, one :math:`\ell_i` per row,
        shape ``p.shape[:-1]`` (a float for one example of shape ``(K,)``).

    Examples
    --------
    >>> round(categorical_cross_entropy([0, 1, 0], [0.2, 0.7, 0.1]), 4)  # -log 0.7
    0.3567
    """
    eps = _clip_eps(eps)
    y_onehot, p, how, w = _distributions(y_onehot, p, reduction, sample_weight, "y_onehot", "p")
    _probabilities(p, "p")
    return _reduce.reduce(-np.sum(y_onehot * np.log(np.clip(p, eps, 1.0 - eps)), axis=-1), how, w)


def categorical_cross_entropy_grad(y_onehot, p, *, eps=1e-7, sample_weight=None, reduction="mean"):
    r"""Gradient of :func:`categorical_cross_entropy` with respect to ``p``.

    .. math::
        \frac{\partial \ell_i}{\partial p_{ik}} = -\frac{y_{ik}}{\tilde p_{ik}}
        \quad\text{inside the clip, } 0 \text{ where the clip is active or } y_{ik} = 0,

    divided by :math:`N`, the number of examples, for the mean.

    Parameters
    ----------
    y_onehot : array_like, shape (..., K)
        The targets, one row per example: one-hot, or any distribution.
    p : array_like, shape (..., K)
        The predicted probabilities, the shape of ``y_onehot``; each row a distribution.
    eps : float, default 1e-7
        The clip width :math:`\epsilon \in (0, 0.5)`.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, as in :func:`categorical_cross_entropy`.
    reduction : {"mean", "sum", "none"}, default "mean"
        The reduction whose gradient is taken (``"none"``: that of the sum).

    Returns
    -------
    numpy.ndarray
        The gradient, with the shape of ``p``.

    Examples
    --------
    >>> categorical_cross_entropy_grad([0, 1], [0.5, 0.5])
    array([ 0., -2.])
    """
    eps = _clip_eps(eps)
    y_onehot, p, how, w = _distributions(y_onehot, p, reduction, sample_weight, "y_onehot", "p")
    _probabilities(p, "p")
    inside = (p >= eps) & (p <= 1.0 - eps)
    # 0 where the clip is flat, and where y = 0: the term 0 log p does not depend on p
    grad = np.where(inside & (y_onehot > 0), -y_onehot / np.clip(p, eps, 1.0 - eps), 0.0)
    return _rows(_reduce.reduction_scale(_n_examples(p), how, w)) * grad


def sparse_categorical_cross_entropy(labels, p, *, eps=1e-7, sample_weight=None, reduction="mean"):
    r"""Categorical cross-entropy with integer labels: :math:`\ell_i = -\log \tilde p_{i, c_i}`.

    The same numbers as :func:`categorical_cross_entropy` with the one-hot form of
    ``labels``, without building it (:math:`c_i` is the class of example :math:`i`).

    Parameters
    ----------
    labels : array_like of int, shape p.shape[:-1]
        The class :math:`c_i \in \{0, \dots, K-1\}` of each example (whole floats are accepted).
    p : array_like, shape (..., K)
        The predicted probabilities; each row a distribution.
    eps : float, default 1e-7
        The clip width :math:`\epsilon \in (0, 0.5)`: :math:`\tilde p = \operatorname{clip}(p,
        \epsilon, 1 - \epsilon)`.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, of the shape of the per-example losses or of its
        leading axes: ``"none"`` gives :math:`w_i \ell_i`, ``"sum"`` :math:`\sum_i w_i \ell_i`,
        ``"mean"`` :math:`\sum_i w_i \ell_i / \sum_i w_i` (scikit-learn's weighted mean).
    reduction : {"mean", "sum", "none"}, default "mean"
        The mean over the examples, the sum, or every :math:`\ell_i`.

    Returns
    -------
    float or numpy.ndarray
        A float for ``"mean"`` and ``"sum"``; for ``"none"``, one :math:`\ell_i` per example,
        shape ``labels.shape`` (a float for one example).

    Examples
    --------
    >>> round(sparse_categorical_cross_entropy([1], [[0.2, 0.7, 0.1]]), 4)
    0.3567
    """
    eps = _clip_eps(eps)
    labels, p, how, w = _sparse(labels, p, reduction, sample_weight, "p")
    _probabilities(p, "p")
    return _reduce.reduce(-np.log(np.clip(_pick(p, labels), eps, 1.0 - eps)), how, w)


def sparse_categorical_cross_entropy_grad(
    labels, p, *, eps=1e-7, sample_weight=None, reduction="mean"
):
    r"""Gradient of :func:`sparse_categorical_cross_entropy` with respect to ``p``.

    .. math::
        \frac{\partial \ell_i}{\partial p_{ik}} = \begin{cases}
            -1 / \tilde p_{ik} & k = c_i \text{ and inside the clip} \\
            0 & \text{otherwise}
        \end{cases}

    divided by :math:`N` for the mean.

    Parameters
    ----------
    labels : array_like of int, shape p.shape[:-1]
        The class :math:`c_i \in \{0, \dots, K-1\}` of each example (whole floats are accepted).
    p : array_like, shape (..., K)
        The predicted probabilities; each row a distribution.
    eps : float, default 1e-7
        The clip width :math:`\epsilon \in (0, 0.5)`.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, as in :func:`sparse_categorical_cross_entropy`.
    reduction : {"mean", "sum", "none"}, default "mean"
        The reduction whose gradient is taken (``"none"``: that of the sum).

    Returns
    -------
    numpy.ndarray
        The gradient, with the shape of ``p``.

    Examples
    --------
    >>> sparse_categorical_cross_entropy_grad([1], [[0.5, 0.5]])
    array([[ 0., -2.]])
    """
    eps = _clip_eps(eps)
    labels, p, how, w = _sparse(labels, p, reduction, sample_weight, "p")
    _probabilities(p, "p")
    picked = _pick(p, labels)
    inside = (picked >= eps) & (picked <= 1.0 - eps)
    slope = (
        -_reduce.reduction_scale(_n_examples(p), how, w) * inside / np.clip(picked, eps, 1 - eps)
    )
    grad = np.zeros_like(p)
    np.put_along_axis(grad, labels[..., None], slope[..., None], axis=-1)
    return grad


# --------------------------------------------------------------------------- softmax cross-entropy


def _class_weight(class_weight, k):
    """The weights of the K classes, finite and non-negative, as a float64 array (None: None)."""
    if class_weight is None:
        return None
    w = _validate.as_float(class_weight, "class_weight")
    if w.shape != (k,):
        raise ValueError(
            f"class_weight must have one weight per class, shape ({k},); got {w.shape}"
        )
    if w.min() < 0.0:
        raise ValueError(
            f"class_weight (shape {w.shape}) must be non-negative, found {w.min():.6g}"
        )
    return w


def _softmax_xent(
    z, target=None, labels=None, *, label_smoothing, how, weights=None, class_weight=None, grad=True
):
    r"""Softmax cross-entropy of the logits ``z`` (..., K), reduced, and (if ``grad``) its
    gradient: the one implementation behind the six public functions. The target is a
    distribution per row, ``target`` (..., K), or the integer ``labels`` (...).

    For each example (a row of ``z``; leading axes are flattened into rows), in the shifted
    logits :math:`s = z - \max_k z_k`, which are all :math:`\le 0`, so that :math:`e^{s}` cannot
    overflow, and whose largest exponential is :math:`e^0 = 1`, so that the sum cannot be 0:

    .. math::
        \ell = \log \sum_k e^{s_k} - t \cdot s, \qquad
        \frac{\partial J}{\partial z} = c \left( \frac{e^{s}}{\sum_k e^{s_k}} - t \right),

    with :math:`c = 1/N` for the mean and 1 otherwise. With ``labels`` the target :math:`t` is
    the one-hot row of class :math:`c_i`, never built: :math:`t \cdot s = s_{c_i}`. Label
    smoothing mixes it with the uniform distribution, :math:`t = (1 - \varepsilon) y +
    \varepsilon / K`, so that :math:`t \cdot s = (1 - \varepsilon)\, y \cdot s +
    \varepsilon \operatorname{mean}_k s_k`.

    Class weights :math:`w_k` weight each class's term, :math:`\ell = -\sum_k w_k t_k \log
    \operatorname{softmax}(z)_k`: the target becomes :math:`u = w \odot t`, which no longer
    sums to 1, so :math:`\ell = (\textstyle\sum_k u_k) \log \sum_k e^{s_k} - u \cdot s` and the
    gradient is :math:`(\sum_k u_k) \operatorname{softmax}(z) - u`. For integer labels the mean
    divides by :math:`\sum_i w_{c_i}`, as PyTorch's ``cross_entropy(weight=...)`` does; for
    target distributions by :math:`N`. Per-example ``weights`` :math:`v_i` multiply both the
    losses and those denominators' terms.
    """
    smoothing = _validate.in_closed_unit(label_smoothing, "label_smoothing")
    shape, k = z.shape, z.shape[-1]
    class_weight = _class_weight(class_weight, k)
    z = z.reshape(-1, k)  # one row per example
    n, rows = len(z), np.arange(len(z))
    s = z - z.max(axis=1, keepdims=True)
    # The (class-weighted) target before smoothing, y_w = w * y (w = 1 without class weights):
    # its total y_mass and its product with s. For labels, y is the one-hot row, never built.
    if labels is None:
        target = target.reshape(-1, k)
        y_w = target if class_weight is None else target * class_weight
        y_mass = 1.0 if class_weight is None else y_w.sum(axis=1)
        y_dot_s = np.einsum("ik,ik->i", y_w, s)
    else:
        labels = labels.reshape(-1)
        y_mass = 1.0 if class_weight is None else class_weight[labels]
        y_dot_s = y_mass * s[rows, labels]
    # smoothing mixes in w / K: u = (1 - eps) w y + eps w / K
    mass, u_dot_s = y_mass, y_dot_s
    if smoothing:
        w_sum, w_dot_s = (
            (k, s.sum(axis=1)) if class_weight is None else (class_weight.sum(), s @ class_weight)
        )
        mass = (1.0 - smoothing) * y_mass + smoothing * w_sum / k
        u_dot_s = (1.0 - smoothing) * y_dot_s + smoothing * w_dot_s / k
    # the mean divides by the examples' weights, times w_{c_i} for integer labels (PyTorch's)
    per_example = None if weights is None else weights.reshape(-1)
    total = None
    if how == "mean" and class_weight is not None and labels is not None:
        total = np.sum(
            class_weight[labels] if per_example is None else class_weight[labels] * per_example
        )
        if not total > 0.0:
            raise ValueError(
                "class_weight gives the examples' classes a total weight of 0: their weighted "
                "mean is 0/0"
            )
    # in place, so that s, e^s and the gradient are one (N, K) array: a second one would cost
    # more than exp itself (fresh memory must be paged in)
    exp_s = np.exp(s, out=s)
    sum_exp = exp_s @ np.ones(k)  # the row sums, as a product with ones: fast on short rows
    value = _reduce.reduce(
        (mass * np.log(sum_exp) - u_dot_s).reshape(shape[:-1]), how, weights, total
    )
    if not grad:
        return value, None
    c = np.broadcast_to(_reduce.reduction_scale(n, how, per_example, total), (n,))
    gradient = exp_s  # turned into c (mass softmax(z) - u) in place, without another (N, K) array
    gradient *= (c * mass / sum_exp)[:, None]
    if labels is None:
        gradient -= (c * (1.0 - smoothing))[:, None] * y_w
    else:
        gradient[rows, labels] -= c * (1.0 - smoothing) * y_mass
    if smoothing:
        gradient -= (c * smoothing / k)[:, None] * (1.0 if class_weight is None else class_weight)
    return value, gradient.reshape(shape)


def softmax_cross_entropy(
    target, z, *, label_smoothing=0.0, class_weight=None, sample_weight=None, reduction="mean"
):
    r"""Cross-entropy of :math:`\operatorname{softmax}(z)` against a target, from logits.

    .. math::
        \ell_i = -\sum_k t_{ik} \log \operatorname{softmax}(z_i)_k
               = \operatorname{LSE}(z_i) - \sum_k t_{ik} z_{ik},
        \qquad t = (1 - \varepsilon)\, y + \varepsilon / K

    where :math:`y` is ``target``, :math:`\varepsilon` is ``label_smoothing`` (Szegedy et al.,
    2016) and LSE is the log-sum-exp, evaluated stably (chapter 5). This is PyTorch's
    ``cross_entropy`` with class probabilities as the target.

    Parameters
    ----------
    target : array_like, shape (..., K)
        The target of each example, one row each: one-hot, or any distribution (entries in
        [0, 1] summing to 1).
    z : array_like, shape (..., K)
        The logits, the shape of ``target``: any finite reals, at least one class.
    label_smoothing : float, default 0.0
        :math:`\varepsilon \in [0, 1]`; 0 leaves the target as it is, 1 replaces it with the
        uniform distribution (as in PyTorch, optax and Keras).
    class_weight : array_like or None, default None
        A weight :math:`w_k \ge 0` per class, shape ``(K,)``, as PyTorch's ``weight``:
        :math:`\ell_i = -\sum_k w_k t_{ik} \log \operatorname{softmax}(z_i)_k`. The mean then
        divides by :math:`N` (or the sum of the example weights), as PyTorch's does.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, of the shape of the per-example losses or of its
        leading axes: ``"none"`` gives :math:`w_i \ell_i`, ``"sum"`` :math:`\sum_i w_i \ell_i`,
        ``"mean"`` :math:`\sum_i w_i \ell_i / \sum_i w_i` (scikit-learn's weighted mean).
    reduction : {"mean", "sum", "none"}, default "mean"
        The mean over the examples, the sum, or every :math:`\ell_i`.

    Returns
    -------
    float or numpy.ndarray
        A float for ``"mean"`` and ``"sum"``; for ``"none"``, one :math:`\ell_i` per row,
        shape ``z.shape[:-1]`` (a float for one example of shape ``(K,)``).

    Examples
    --------
    >>> import numpy as np
    >>> z = np.log([[0.2, 0.7, 0.1]])  # logits whose softmax is [0.2, 0.7, 0.1]
    >>> round(softmax_cross_entropy([[0, 1, 0]], z), 4)
    0.3567
    >>> softmax_cross_entropy([[0, 1]], [[1000.0, -1000.0]])  # exact, no overflow
    2000.0
    """
    target, z, how, w = _distributions(target, z, reduction, sample_weight, "target", "z")
    return _softmax_xent(
        z,
        target,
        label_smoothing=label_smoothing,
        how=how,
        weights=w,
        class_weight=class_weight,
        grad=False,
    )[0]


def softmax_cross_entropy_grad(
    target, z, *, label_smoothing=0.0, class_weight=None, sample_weight=None, reduction="mean"
):
    r"""Gradient of :func:`softmax_cross_entropy` with respect to the logits.

    .. math::
        \frac{\partial \ell_i}{\partial z_i} = \operatorname{softmax}(z_i) - t_i,

    divided by :math:`N` for the mean, with :math:`t` the (smoothed) target.

    Parameters
    ----------
    target : array_like, shape (..., K)
        The target of each example, one row each: one-hot, or any distribution.
    z : array_like, shape (..., K)
        The logits, the shape of ``target``: any finite reals, at least one class.
    label_smoothing : float, default 0.0
        :math:`\varepsilon \in [0, 1]`, as in :func:`softmax_cross_entropy`.
    class_weight : array_like or None, default None
        A weight :math:`w_k \ge 0` per class, as in :func:`softmax_cross_entropy`.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, as in :func:`softmax_cross_entropy`.
    reduction : {"mean", "sum", "none"}, default "mean"
        The reduction whose gradient is taken (``"none"``: that of the sum).

    Returns
    -------
    numpy.ndarray
        The gradient, with the shape of ``z``.

    Examples
    --------
    >>> softmax_cross_entropy_grad([[0, 1]], [[0.0, 0.0]])
    array([[ 0.5, -0.5]])
    """
    target, z, how, w = _distributions(target, z, reduction, sample_weight, "target", "z")
    return _softmax_xent(
        z, target, label_smoothing=label_smoothing, how=how, weights=w, class_weight=class_weight
    )[1]


def softmax_cross_entropy_value_and_grad(
    target, z, *, label_smoothing=0.0, class_weight=None, sample_weight=None, reduction="mean"
):
    r"""``(softmax_cross_entropy(...), softmax_cross_entropy_grad(...))`` from one pass.

    A training step needs both; computing them together exponentiates the logits once.

    Parameters
    ----------
    target : array_like, shape (..., K)
        The target of each example, one row each: one-hot, or any distribution.
    z : array_like, shape (..., K)
        The logits, the shape of ``target``: any finite reals, at least one class.
    label_smoothing : float, default 0.0
        :math:`\varepsilon \in [0, 1]`, as in :func:`softmax_cross_entropy`.
    class_weight : array_like or None, default None
        A weight :math:`w_k \ge 0` per class, as in :func:`softmax_cross_entropy`.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, as in :func:`softmax_cross_entropy`.
    reduction : {"mean", "sum", "none"}, default "mean"
        The mean over the examples, the sum, or every :math:`\ell_i`.

    Returns
    -------
    value : float or numpy.ndarray
        As :func:`softmax_cross_entropy` returns it.
    grad : numpy.ndarray
        As :func:`softmax_cross_entropy_grad` returns it, with the shape of ``z``.

    Examples
    --------
    >>> loss, grad = softmax_cross_entropy_value_and_grad([[0, 1]], [[0.0, 0.0]])
    >>> round(loss, 6), grad
    (0.693147, array([[ 0.5, -0.5]]))
    """
    target, z, how, w = _distributions(target, z, reduction, sample_weight, "target", "z")
    return _softmax_xent(
        z, target, label_smoothing=label_smoothing, how=how, weights=w, class_weight=class_weight
    )


def sparse_softmax_cross_entropy(
    labels, z, *, label_smoothing=0.0, class_weight=None, sample_weight=None, reduction="mean"
):
    r"""Softmax cross-entropy with integer labels.

    .. math::
        \ell_i = \operatorname{LSE}(z_i) - z_{i, c_i}

    The same numbers as :func:`softmax_cross_entropy` with one-hot targets, without building
    them (:math:`c_i` is the class of example :math:`i`); with label smoothing
    :math:`\varepsilon`, :math:`z_{i, c_i}` becomes :math:`(1 - \varepsilon) z_{i, c_i} +
    \varepsilon \operatorname{mean}_k z_{ik}`. This is PyTorch's ``cross_entropy`` with class
    indices as the target.

    Parameters
    ----------
    labels : array_like of int, shape z.shape[:-1]
        The class :math:`c_i \in \{0, \dots, K-1\}` of each example (whole floats are accepted).
    z : array_like, shape (..., K)
        The logits: any finite reals, at least one class.
    label_smoothing : float, default 0.0
        :math:`\varepsilon \in [0, 1]`, as in :func:`softmax_cross_entropy`.
    class_weight : array_like or None, default None
        A weight :math:`w_k \ge 0` per class, shape ``(K,)``, as PyTorch's ``weight``:
        :math:`\ell_i = -\sum_k w_k t_{ik} \log \operatorname{softmax}(z_i)_k`. The mean then
        divides by :math:`\sum_i w_{c_i}` (each times the example's weight), as PyTorch's does.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, of the shape of the per-example losses or of its
        leading axes: ``"none"`` gives :math:`w_i \ell_i`, ``"sum"`` :math:`\sum_i w_i \ell_i`,
        ``"mean"`` :math:`\sum_i w_i \ell_i / \sum_i w_i` (scikit-learn's weighted mean).
    reduction : {"mean", "sum", "none"}, default "mean"
        The mean over the examples, the sum, or every :math:`\ell_i`.

    Returns
    -------
    float or numpy.ndarray
        A float for ``"mean"`` and ``"sum"``; for ``"none"``, one :math:`\ell_i` per example,
        shape ``labels.shape`` (a float for one example).

    Examples
    --------
    >>> import numpy as np
    >>> round(sparse_softmax_cross_entropy([1], np.log([[0.2, 0.7, 0.1]])), 4)
    0.3567
    """
    labels, z, how, w = _sparse(labels, z, reduction, sample_weight, "z")
    return _softmax_xent(
        z,
        labels=labels,
        label_smoothing=label_smoothing,
        how=how,
        weights=w,
        class_weight=class_weight,
        grad=False,
    )[0]


def sparse_softmax_cross_entropy_grad(
    labels, z, *, label_smoothing=0.0, class_weight=None, sample_weight=None, reduction="mean"
):
    r"""Gradient of :func:`sparse_softmax_cross_entropy` with respect to the logits.

    .. math::
        \frac{\partial \ell_i}{\partial z_{ik}} = \operatorname{softmax}(z_i)_k
            - \bigl[(1 - \varepsilon)\,\mathbb{1}[k = c_i] + \varepsilon / K\bigr],

    divided by :math:`N` for the mean.

    Parameters
    ----------
    labels : array_like of int, shape z.shape[:-1]
        The class :math:`c_i \in \{0, \dots, K-1\}` of each example (whole floats are accepted).
    z : array_like, shape (..., K)
        The logits: any finite reals, at least one class.
    label_smoothing : float, default 0.0
        :math:`\varepsilon \in [0, 1]`, as in :func:`softmax_cross_entropy`.
    class_weight : array_like or None, default None
        A weight :math:`w_k \ge 0` per class, as in :func:`sparse_softmax_cross_entropy`.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, as in :func:`sparse_softmax_cross_entropy`.
    reduction : {"mean", "sum", "none"}, default "mean"
        The reduction whose gradient is taken (``"none"``: that of the sum).

    Returns
    -------
    numpy.ndarray
        The gradient, with the shape of ``z``.

    Examples
    --------
    >>> sparse_softmax_cross_entropy_grad([1], [[0.0, 0.0]])
    array([[ 0.5, -0.5]])
    """
    labels, z, how, w = _sparse(labels, z, reduction, sample_weight, "z")
    return _softmax_xent(
        z,
        labels=labels,
        label_smoothing=label_smoothing,
        how=how,
        weights=w,
        class_weight=class_weight,
    )[1]


def sparse_softmax_cross_entropy_value_and_grad(
    labels, z, *, label_smoothing=0.0, class_weight=None, sample_weight=None, reduction="mean"
):
    r"""``(sparse_softmax_cross_entropy(...), sparse_softmax_cross_entropy_grad(...))`` at once.

    A training step needs both; computing them together exponentiates the logits once.

    Parameters
    ----------
    labels : array_like of int, shape z.shape[:-1]
        The class :math:`c_i \in \{0, \dots, K-1\}` of each example (whole floats are accepted).
    z : array_like, shape (..., K)
        The logits: any finite reals, at least one class.
    label_smoothing : float, default 0.0
        :math:`\varepsilon \in [0, 1]`, as in :func:`softmax_cross_entropy`.
    class_weight : array_like or None, default None
        A weight :math:`w_k \ge 0` per class, as in :func:`sparse_softmax_cross_entropy`.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, as in :func:`sparse_softmax_cross_entropy`.
    reduction : {"mean", "sum", "none"}, default "mean"
        The mean over the examples, the sum, or every :math:`\ell_i`.

    Returns
    -------
    value : float or numpy.ndarray
        As :func:`sparse_softmax_cross_entropy` returns it.
    grad : numpy.ndarray
        As :func:`sparse_softmax_cross_entropy_grad` returns it, with the shape of ``z``.

    Examples
    --------
    >>> loss, grad = sparse_softmax_cross_entropy_value_and_grad([0], [[0.0, 0.0]])
    >>> round(loss, 6), grad
    (0.693147, array([[-0.5,  0.5]]))
    """
    labels, z, how, w = _sparse(labels, z, reduction, sample_weight, "z")
    return _softmax_xent(
        z,
        labels=labels,
        label_smoothing=label_smoothing,
        how=how,
        weights=w,
        class_weight=class_weight,
    )


# --------------------------------------------------------------------------- information theory


def _two_distributions(p, q, reduction, sample_weight):
    p, q, how, w = _distributions(p, q, reduction, sample_weight, "p", "q")
    _probabilities(q, "q")
    return p, q, how, w


def _plogq(p, q):
    """p * log(q) with 0 * log(anything) = 0 and -inf where q = 0 < p, without warnings."""
    safe_q = np.where(q > 0, q, 1.0)
    return np.where(p > 0, np.where(q > 0, p * np.log(safe_q), -np.inf), 0.0)


def entropy(p, *, sample_weight=None, reduction="none"):
    r"""Shannon entropy in nats over the last axis.

    .. math::
        H(p) = -\sum_k p_k \log p_k

    With the convention :math:`0 \log 0 = 0` (the limit of :math:`x \log x` as
    :math:`x \to 0^+`); so a one-hot distribution has entropy 0 and the uniform one
    :math:`\log K`, the largest.

    Parameters
    ----------
    p : array_like, shape (..., K)
        The distributions, one per row: entries in [0, 1] summing to 1.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, of the shape of the per-example losses or of its
        leading axes: ``"none"`` gives :math:`w_i \ell_i`, ``"sum"`` :math:`\sum_i w_i \ell_i`,
        ``"mean"`` :math:`\sum_i w_i \ell_i / \sum_i w_i` (scikit-learn's weighted mean).
    reduction : {"none", "mean", "sum"}, default "none"
        One value per distribution, or their mean or sum.

    Returns
    -------
    float or numpy.ndarray
        For ``"none"``, one value per row, shape ``p.shape[:-1]`` (a float for one
        distribution of shape ``(K,)``); a float for ``"mean"`` and ``"sum"``.

    Examples
    --------
    >>> round(entropy([0.25, 0.25, 0.25, 0.25]), 6)  # log 4
    1.386294
    >>> entropy([1.0, 0.0])
    0.0
    """
    p = _validate.as_float(p, "p")
    _validate.has_classes(p, "p")
    _probabilities(p, "p")
    how = _validate.reduction(reduction, p, "p", _n_examples(p))
    w = _reduce.weights(sample_weight, p.shape[:-1], how)
    # + 0.0 turns the -0.0 of a one-hot row, -(1 log 1), into 0.0
    return _reduce.reduce(-np.sum(_plogq(p, p), axis=-1) + 0.0, how, w)


def cross_entropy(p, q, *, sample_weight=None, reduction="none"):
    r"""Cross-entropy of ``q`` relative to ``p`` over the last axis.

    .. math::
        H(p, q) = -\sum_k p_k \log q_k = H(p) + \operatorname{KL}(p \,\|\, q)

    Infinite (``inf``, without a warning) when some :math:`q_k = 0` where
    :math:`p_k > 0`: no finite number is the right answer then.

    Parameters
    ----------
    p : array_like, shape (..., K)
        The reference ("true") distributions, one per row: entries in [0, 1] summing to 1.
    q : array_like, shape (..., K)
        The distributions compared with ``p`` (a model's), the shape of ``p``.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, of the shape of the per-example losses or of its
        leading axes: ``"none"`` gives :math:`w_i \ell_i`, ``"sum"`` :math:`\sum_i w_i \ell_i`,
        ``"mean"`` :math:`\sum_i w_i \ell_i / \sum_i w_i` (scikit-learn's weighted mean).
    reduction : {"none", "mean", "sum"}, default "none"
        One value per pair of rows, or their mean or sum.

    Returns
    -------
    float or numpy.ndarray
        For ``"none"``, one value per row, shape ``p.shape[:-1]`` (a float for one pair of
        distributions of shape ``(K,)``); a float for ``"mean"`` and ``"sum"``.

    Examples
    --------
    >>> round(cross_entropy([0.0, 1.0, 0.0], [0.2, 0.7, 0.1]), 4)
    0.3567
    """
    p, q, how, w = _two_distributions(p, q, reduction, sample_weight)
    # + 0.0 turns the -0.0 of equal one-hot rows, -(1 log 1), into 0.0
    return _reduce.reduce(-np.sum(_plogq(p, q), axis=-1) + 0.0, how, w)


def cross_entropy_grad(p, q, *, sample_weight=None, reduction="none"):
    r"""Gradient of :func:`cross_entropy` with respect to ``q``.

    .. math::
        \frac{\partial H(p, q)}{\partial q_k} = -\frac{p_k}{q_k}

    Zero where :math:`p_k = 0`; divided by :math:`N`, the number of rows, for the mean. It is
    also the gradient of :func:`kl_divergence`, since the two differ by :math:`H(p)`, which
    does not depend on ``q``.

    Parameters
    ----------
    p : array_like, shape (..., K)
        The reference ("true") distributions, one per row: entries in [0, 1] summing to 1.
    q : array_like, shape (..., K)
        The distributions compared with ``p`` (a model's), the shape of ``p``.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, as in :func:`cross_entropy`.
    reduction : {"none", "mean", "sum"}, default "none"
        The reduction whose gradient is taken (``"none"``: that of the sum).

    Returns
    -------
    numpy.ndarray
        The gradient, with the shape of ``q``; ``-inf`` where :math:`q_k = 0 < p_k`.

    Examples
    --------
    >>> cross_entropy_grad([0.5, 0.5], [0.25, 0.75])
    array([-2.        , -0.66666667])
    """
    p, q, how, w = _two_distributions(p, q, reduction, sample_weight)
    safe_q = np.where(q > 0, q, 1.0)
    grad = np.where(p > 0, np.where(q > 0, -p / safe_q, -np.inf), 0.0)
    return _rows(_reduce.reduction_scale(_n_examples(q), how, w)) * grad


def kl_divergence(p, q, *, sample_weight=None, reduction="none"):
    r"""Kullback-Leibler divergence of ``q`` from ``p`` over the last axis.

    .. math::
        \operatorname{KL}(p \,\|\, q) = \sum_k p_k \log \frac{p_k}{q_k} = H(p, q) - H(p) \;\ge\; 0

    Terms with :math:`p_k = 0` contribute 0; a :math:`q_k = 0` where :math:`p_k > 0`
    makes it ``inf``. Not symmetric in ``p`` and ``q`` (chapter 6). The exact value is never
    negative (Gibbs' inequality), but in float64 two nearly equal distributions can give a
    value a few units in the last place below 0 (about ``-1e-15``): the sum of rounded terms is
    returned as it is, not clamped, so that a caller sees the rounding (chapter 6 measures it).

    Parameters
    ----------
    p : array_like, shape (..., K)
        The reference ("true") distributions, one per row: entries in [0, 1] summing to 1.
    q : array_like, shape (..., K)
        The distributions compared with ``p`` (a model's), the shape of ``p``.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, of the shape of the per-example losses or of its
        leading axes: ``"none"`` gives :math:`w_i \ell_i`, ``"sum"`` :math:`\sum_i w_i \ell_i`,
        ``"mean"`` :math:`\sum_i w_i \ell_i / \sum_i w_i` (scikit-learn's weighted mean).
    reduction : {"none", "mean", "sum"}, default "none"
        One value per pair of rows, or their mean or sum.

    Returns
    -------
    float or numpy.ndarray
        For ``"none"``, one value per row, shape ``p.shape[:-1]`` (a float for one pair of
        distributions of shape ``(K,)``); a float for ``"mean"`` and ``"sum"``.

    Examples
    --------
    >>> round(kl_divergence([0.5, 0.5], [0.9, 0.1]), 6)
    0.510826
    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])
    0.0
    """
    p, q, how, w = _two_distributions(p, q, reduction, sample_weight)
    # sum p (log p - log q) term by term, so equal p and q give exactly 0
    safe_p = np.where(p > 0, p, 1.0)
    safe_q = np.where(q > 0, q, 1.0)
    terms = np.where(p > 0, np.where(q > 0, p * (np.log(safe_p) - np.log(safe_q)), np.inf), 0.0)
    return _reduce.reduce(np.sum(terms, axis=-1), how, w)


def kl_divergence_grad(p, q, *, sample_weight=None, reduction="none"):
    r"""Gradient of :func:`kl_divergence` with respect to ``q``: that of :func:`cross_entropy`.

    .. math::
        \frac{\partial \operatorname{KL}(p \,\|\, q)}{\partial q_k} = -\frac{p_k}{q_k}

    Parameters
    ----------
    p : array_like, shape (..., K)
        The reference ("true") distributions, one per row: entries in [0, 1] summing to 1.
    q : array_like, shape (..., K)
        The distributions compared with ``p`` (a model's), the shape of ``p``.
    sample_weight : array_like or None, default None
        A weight :math:`w_i \ge 0` per example, as in :func:`kl_divergence`.
    reduction : {"none", "mean", "sum"}, default "none"
        The reduction whose gradient is taken (``"none"``: that of the sum).

    Returns
    -------
    numpy.ndarray
        The gradient, with the shape of ``q``; ``-inf`` where :math:`q_k = 0 < p_k`.

    Examples
    --------
    >>> kl_divergence_grad([1.0, 0.0], [0.5, 0.5])
    array([-2.,  0.])
    """
    return cross_entropy_grad(p, q, sample_weight=sample_weight, reduction=reduction)


# --------------------------------------------------------------------------- losses real data needs
# Chapter "Losses real data needs": a variance, a count rate, a quantile, and imbalanced classes.
# Each loss takes per-example weights, ``sample_weight``, reduced as scikit-learn does.

__all__ += [
    "gaussian_nll",
    "gaussian_nll_grad",
    "poisson_nll",
    "poisson_nll_grad",
    "pinball",
    "pinball_grad",
    "sigmoid_focal",
    "sigmoid_focal_grad",
]

_HALF_LOG_2PI = 0.5 * math.log(2.0 * math.pi)


def _same_shapes(reduction, sample_weight, **arrays):
    """The named arrays as finite float64 arrays of one shape (nothing is broadcast), the
    reduction and the weights, checked."""
    out = [_validate.as_float(x, name) for name, x in arrays.items()]
    names = list(arrays)
    for name, x in zip(names[1:], out[1:], strict=True):
        _validate.same_shape(out[0], x, names[0], name)
    how = _validate.reduction(reduction, out[-1], names[-1], out[-1].size)
    return (*out, how, _reduce.weights(sample_weight, out[0].shape, how))


def gaussian_nll(y_true, mean, var, *, eps=1e-6, full=False, sample_weight=None, reduction="mean"):
    r"""Gaussian negative log-likelihood of a predicted mean *and variance*.

    .. math::
        \ell_i = \tfrac12 \log \tilde\sigma_i^2 + \frac{(y_i - \hat y_i)^2}{2\tilde\sigma_i^2}
                 \;\bigl[+ \tfrac12 \log 2\pi\bigr],
        \qquad \tilde\sigma_i^2 = \max(\sigma_i^2, \epsilon)

    This is :math:`-\log \mathcal N(y_i; \hat y_i, \tilde\sigma_i^2)`: a model that predicts a
    variance :math:`\sigma_i^2` for each example (heteroscedastic regression, Nix and Weigend 1994)
    learns where its targets are noisy. With a constant variance it is MSE up to a scale and a
    constant. The same numbers as ``torch.nn.functional.gaussian_nll_loss`` (which also clamps
    the variance at ``eps``), without its broadcasting of ``var``.

    Parameters
    ----------
    y_true : array_like
        Targets :math:`y_i`, any finite reals.
    mean : array_like
        Predicted means :math:`\hat y_i`, the shape of ``y_true``.
    var : array_like
        Predicted variances :math:`\sigma_i^2 \ge 0`, the shape of ``y_true`` (for a constant
        variance pass ``np.full_like(mean, v)``). A network usually predicts
        :math:`\log \sigma^2` and passes its exponential.
    eps : float, default 1e-6
        Variances below ``eps`` are raised to ``eps`` (the loss would tend to
        :math:`-\infty` as :math:`\sigma^2 \to 0` where :math:`y = \hat y`). Positive.
    full : bool, default False
        Add the constant :math:`\tfrac12 \log 2\pi`, making :math:`\ell_i` the exact negative
        log-density.
    sample_weight : array_like or None, default None
        Non-negative weight of each example: the shape of ``y_true`` or its leading axes.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"none"``: :math:`w_i \ell_i` per element; ``"sum"``: :math:`\sum_i w_i \ell_i`;
        ``"mean"``: :math:`\sum_i w_i \ell_i / \sum_i w_i` (:math:`w_i = 1` without weights).

    Returns
    -------
    float or numpy.ndarray
        The reduced loss.

    Shape
    -----
    ``y_true``, ``mean``, ``var``: any one shape :math:`S`. ``reduction="none"``: :math:`S`;
    ``"mean"`` and ``"sum"``: a float.

    Examples
    --------
    >>> gaussian_nll([3.0], [1.0], [4.0])  # (log 4 + (3 - 1)^2 / 4) / 2
    1.193147
    >>> gaussian_nll([0.0], [0.0], [0.0])  # var 0 is raised to eps: (log 1e-6) / 2
    -6.907755
    """
    eps = _validate.positive(eps, "eps")
    y_true, mean, var, how, w = _same_shapes(
        reduction, sample_weight, y_true=y_true, mean=mean, var=var
    )
    _non_negative_array(var, "var")
    vc = np.maximum(var, eps)
    loss = 0.5 * (np.log(vc) + (y_true - mean) ** 2 / vc)
    if full:
        loss = loss + _HALF_LOG_2PI
    return _reduce.reduce(loss, how, w)


def gaussian_nll_grad(
    y_true, mean, var, *, eps=1e-6, full=False, sample_weight=None, reduction="mean"
):
    r"""Gradient of :func:`gaussian_nll`: the pair of its derivatives in ``mean`` and ``var``.

    .. math::
        \frac{\partial \ell_i}{\partial \hat y_i} = \frac{\hat y_i - y_i}{\tilde\sigma_i^2}, \qquad
        \frac{\partial \ell_i}{\partial \sigma_i^2} = \frac{1}{2 \tilde\sigma_i^2}
            \Bigl(1 - \frac{(y_i - \hat y_i)^2}{\tilde\sigma_i^2}\Bigr)
            \text{ where } \sigma_i^2 \ge \epsilon, \; 0 \text{ below},

    each times the reduction's scale (:math:`w_i`, over :math:`\sum_i w_i` for the mean). The
    first is MSE's residual divided by the variance: examples predicted to be noisy pull less
    on the mean. The second is zero where the variance equals the squared residual. Below
    ``eps`` the loss does not depend on ``var``, so its gradient there is 0 (PyTorch's autograd
    instead passes the gradient at ``eps`` through its clamp). If a network outputs
    :math:`\log \sigma^2`, the chain rule gives
    :math:`\partial\ell/\partial\log\sigma^2 = \sigma^2\,\partial\ell/\partial\sigma^2
    = \tfrac12 (1 - (y - \hat y)^2 / \sigma^2)`.

    Parameters
    ----------
    y_true, mean, var, eps, full, sample_weight, reduction
        As for :func:`gaussian_nll` (``full`` adds a constant and does not change the gradient).

    Returns
    -------
    tuple of numpy.ndarray
        ``(d_mean, d_var)``, each with the shape of ``mean``.

    Examples
    --------
    >>> d_mean, d_var = gaussian_nll_grad([3.0], [1.0], [4.0], reduction="sum")
    >>> d_mean, d_var  # (1 - 3) / 4 and (1 - 4 / 4) / 8
    (array([-0.5]), array([0.]))
    """
    eps = _validate.positive(eps, "eps")
    y_true, mean, var, how, w = _same_shapes(
        reduction, sample_weight, y_true=y_true, mean=mean, var=var
    )
    _non_negative_array(var, "var")
    scale = _reduce.reduction_scale(y_true.size, how, w)
    vc = np.maximum(var, eps)
    r = mean - y_true
    d_mean = scale * r / vc
    d_var = scale * np.where(var >= eps, 0.5 * (1.0 - r * r / vc) / vc, 0.0)
    return d_mean, d_var


def _non_negative_array(x, name):
    if x.size and x.min() < 0.0:
        raise ValueError(
            f"{name} (shape {x.shape}) must be non-negative, found values down to {x.min():.6g}"
        )


def _stirling(y):
    r""":math:`y \log y - y + \tfrac12 \log(2\pi y)` where :math:`y > 1`, else 0 (as PyTorch)."""
    big = y > 1.0
    safe = np.where(big, y, 1.0)  # no log of 0 where the term is not used
    return np.where(big, safe * np.log(safe) - safe + 0.5 * np.log(2.0 * np.pi * safe), 0.0)


def poisson_nll(y_true, log_rate, *, full=False, sample_weight=None, reduction="mean"):
    r"""Poisson negative log-likelihood of counts, from the log of the predicted rate.

    .. math::
        \ell_i = e^{z_i} - y_i z_i \; \bigl[+\, y_i \log y_i - y_i + \tfrac12 \log(2\pi y_i)
        \text{ where } y_i > 1\bigr]

    with :math:`z_i = \log \hat y_i`, the log of the predicted rate :math:`\hat y_i`. The exact
    negative log-probability of a Poisson count is
    :math:`\hat y - y \log\hat y + \log y!`; the last term does not depend on the model, so it
    is dropped, or with ``full=True`` replaced by its Stirling approximation for :math:`y > 1`
    (0 for :math:`y \le 1`, where :math:`\log y! = 0`). The same numbers as
    ``torch.nn.functional.poisson_nll_loss`` with ``log_input=True``. A log-rate keeps the rate
    :math:`e^z` positive for any output :math:`z`, and the gradient is :math:`e^z - y`
    (:func:`poisson_nll_grad`).

    Parameters
    ----------
    y_true : array_like
        Counts :math:`y_i \ge 0` (non-integer values are accepted, as for a rate per unit).
    log_rate : array_like
        Predicted log-rates :math:`z_i = \log\hat y_i`, the shape of ``y_true``. Above
        :math:`\log(\text{largest float}) \approx 709.78` the rate itself overflows, and so
        does the loss (NumPy warns).
    full : bool, default False
        Add the Stirling term shown in brackets.
    sample_weight : array_like or None, default None
        Non-negative weight of each example: the shape of ``y_true`` or its leading axes.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"none"``: :math:`w_i \ell_i` per element; ``"sum"``: :math:`\sum_i w_i \ell_i`;
        ``"mean"``: :math:`\sum_i w_i \ell_i / \sum_i w_i` (:math:`w_i = 1` without weights).

    Returns
    -------
    float or numpy.ndarray
        The reduced loss.

    Shape
    -----
    ``y_true``, ``log_rate``: any one shape :math:`S`. ``reduction="none"``: :math:`S`;
    ``"mean"`` and ``"sum"``: a float.

    Examples
    --------
    >>> import math
    >>> round(poisson_nll([2.0], [math.log(2.0)]), 6)  # 2 - 2 log 2
    0.613706
    >>> poisson_nll([0.0, 1.0], [0.0, 0.0], reduction="none")
    array([1., 1.])
    """
    y_true, log_rate, how, w = _same_shapes(
        reduction, sample_weight, y_true=y_true, log_rate=log_rate
    )
    _non_negative_array(y_true, "y_true")
    loss = np.exp(log_rate) - y_true * log_rate
    if full:
        loss = loss + _stirling(y_true)
    return _reduce.reduce(loss, how, w)


def poisson_nll_grad(y_true, log_rate, *, full=False, sample_weight=None, reduction="mean"):
    r"""Gradient of :func:`poisson_nll` with respect to the log-rate: :math:`e^{z_i} - y_i`.

    The predicted rate minus the count, times the reduction's scale (:math:`w_i`, over
    :math:`\sum_i w_i` for the mean): "prediction minus target" again, as for the sigmoid with
    binary cross-entropy and the softmax with categorical cross-entropy.

    Parameters
    ----------
    y_true, log_rate, full, sample_weight, reduction
        As for :func:`poisson_nll` (``full`` adds a constant and does not change the gradient).

    Returns
    -------
    numpy.ndarray
        The shape of ``log_rate``.

    Examples
    --------
    >>> import math
    >>> poisson_nll_grad([3.0, 0.0], [math.log(2.0), 0.0], reduction="sum")
    array([-1.,  1.])
    """
    y_true, log_rate, how, w = _same_shapes(
        reduction, sample_weight, y_true=y_true, log_rate=log_rate
    )
    _non_negative_array(y_true, "y_true")
    return _reduce.reduction_scale(y_true.size, how, w) * (np.exp(log_rate) - y_true)


def _quantile(quantile):
    if not np.isfinite(quantile) or not 0.0 < quantile < 1.0:
        raise ValueError(f"quantile must be in (0, 1), got {quantile!r}")
    return float(quantile)


def pinball(y_true, y_pred, *, quantile=0.5, sample_weight=None, reduction="mean"):
    r"""Pinball (quantile) loss: its minimiser is the ``quantile``-th quantile of the targets.

    .. math::
        \ell_i = \max\bigl(\tau (y_i - \hat y_i),\; (\tau - 1)(y_i - \hat y_i)\bigr)
               = \begin{cases} \tau\,(y_i - \hat y_i) & \hat y_i \le y_i \\
                 (1 - \tau)(\hat y_i - y_i) & \hat y_i > y_i \end{cases}

    A prediction below the target costs :math:`\tau` per unit, one above it :math:`1 - \tau`,
    so the minimiser has a fraction :math:`\tau` of the targets below it (Koenker and Bassett,
    1978). :math:`\tau = 1/2` gives half the absolute error. The same numbers as
    ``sklearn.metrics.mean_pinball_loss`` with ``alpha=quantile`` (and its ``sample_weight``).

    Parameters
    ----------
    y_true : array_like
        Targets, any finite reals.
    y_pred : array_like
        Predicted quantiles, the shape of ``y_true``.
    quantile : float, default 0.5
        The level :math:`\tau`, in the open interval (0, 1).
    sample_weight : array_like or None, default None
        Non-negative weight of each example: the shape of ``y_true`` or its leading axes.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"none"``: :math:`w_i \ell_i` per element; ``"sum"``: :math:`\sum_i w_i \ell_i`;
        ``"mean"``: :math:`\sum_i w_i \ell_i / \sum_i w_i` (:math:`w_i = 1` without weights).

    Returns
    -------
    float or numpy.ndarray
        The reduced loss.

    Shape
    -----
    ``y_true``, ``y_pred``: any one shape :math:`S`. ``reduction="none"``: :math:`S`;
    ``"mean"`` and ``"sum"``: a float.

    Examples
    --------
    >>> pinball([10.0, 10.0], [8.0, 12.0], quantile=0.9, reduction="none")  # 0.9 * 2, 0.1 * 2
    array([1.8, 0.2])
    """
    quantile = _quantile(quantile)
    y_true, y_pred, how, w = _same_shapes(reduction, sample_weight, y_true=y_true, y_pred=y_pred)
    u = y_true - y_pred
    return _reduce.reduce(np.maximum(quantile * u, (quantile - 1.0) * u), how, w)


def pinball_grad(y_true, y_pred, *, quantile=0.5, sample_weight=None, reduction="mean"):
    r"""A (sub)gradient of :func:`pinball` with respect to ``y_pred``.

    .. math::
        \frac{\partial \ell_i}{\partial \hat y_i} =
        \begin{cases} -\tau & \hat y_i < y_i \\ 0 & \hat y_i = y_i \\ 1 - \tau & \hat y_i > y_i
        \end{cases}

    times the reduction's scale (:math:`w_i`, over :math:`\sum_i w_i` for the mean). At the
    kink every value in :math:`[-\tau, 1 - \tau]` is a subgradient; 0 is the one that makes
    ``pinball_grad(..., quantile=0.5)`` half of :func:`mae_grad`.

    Parameters
    ----------
    y_true, y_pred, quantile, sample_weight, reduction
        As for :func:`pinball`.

    Returns
    -------
    numpy.ndarray
        The shape of ``y_pred``.

    Examples
    --------
    >>> pinball_grad([10.0, 10.0, 10.0], [8.0, 10.0, 12.0], quantile=0.9, reduction="sum")
    array([-0.9,  0. ,  0.1])
    """
    quantile = _quantile(quantile)
    y_true, y_pred, how, w = _same_shapes(reduction, sample_weight, y_true=y_true, y_pred=y_pred)
    slope = np.where(y_pred > y_true, 1.0 - quantile, np.where(y_pred < y_true, -quantile, 0.0))
    return _reduce.reduction_scale(y_true.size, how, w) * slope


def _focal_args(y_true, z, alpha, gamma, reduction, sample_weight):
    if alpha is not None and (not np.isfinite(alpha) or not 0.0 <= alpha <= 1.0):
        raise ValueError(f"alpha must be None or in [0, 1], got {alpha!r}")
    gamma = _validate.non_negative(gamma, "gamma")
    y_true, z, how, w = _same_shapes(reduction, sample_weight, y_true=y_true, z=z)
    if np.any((y_true != 0.0) & (y_true != 1.0)):
        bad = np.unique(y_true[(y_true != 0.0) & (y_true != 1.0)])[:5]
        raise ValueError(
            f"y_true (shape {y_true.shape}) must hold labels 0 or 1 for the focal loss, "
            f"found {bad.tolist()}"
        )
    alpha_t = 1.0 if alpha is None else alpha * y_true + (1.0 - alpha) * (1.0 - y_true)
    return y_true, z, alpha_t, gamma, how, w


def _sigmoid_power(u, gamma):
    r""":math:`\sigma(u)^\gamma` as :math:`e^{\gamma \log\sigma(u)}`, exactly 0 where it underflows.

    The exponent is floored at -1000, where ``exp`` already gives 0, so that it cannot
    overflow to -inf (with a warning) for a huge logit.
    """
    if gamma == 0.0:
        return np.ones_like(u)
    return np.exp(gamma * np.maximum(log_sigmoid(u), -1000.0 / gamma))


def sigmoid_focal(y_true, z, *, alpha=0.25, gamma=2.0, sample_weight=None, reduction="mean"):
    r"""Focal loss on logits (Lin et al., 2017): cross-entropy that fades on easy examples.

    .. math::
        \ell_i = -\alpha_t\, (1 - p_t)^\gamma \log p_t, \qquad
        p_t = \begin{cases} \sigma(z_i) & y_i = 1 \\ 1 - \sigma(z_i) & y_i = 0 \end{cases},
        \qquad \alpha_t = \begin{cases} \alpha & y_i = 1 \\ 1 - \alpha & y_i = 0 \end{cases}

    :math:`p_t` is the probability given to the true label. The factor :math:`(1 - p_t)^\gamma`
    shrinks the loss of examples already classified well (by :math:`100\times` at
    :math:`p_t = 0.9` with :math:`\gamma = 2`), so the many easy examples of an imbalanced
    problem do not drown the few hard ones; :math:`\alpha_t` weights the two classes. With
    ``gamma=0`` and ``alpha=None`` it is :func:`binary_cross_entropy_with_logits`. Computed in
    log-sigmoid form, :math:`p_t = \sigma(u)` and :math:`1 - p_t = \sigma(-u)` with
    :math:`u = (2y - 1) z`, so :math:`(1 - p_t)^\gamma = e^{\gamma \log\sigma(-u)}`: exact for
    any finite logit, with no :math:`1 - p` that cancels. The same numbers as
    ``torchvision.ops.sigmoid_focal_loss`` (whose ``alpha=-1`` is our ``alpha=None``, and whose
    default reduction is ``"none"``).

    Parameters
    ----------
    y_true : array_like
        Labels, each 0 or 1.
    z : array_like
        Logits, the shape of ``y_true``, any finite reals.
    alpha : float in [0, 1] or None, default 0.25
        Weight :math:`\alpha` of the positive class, :math:`1 - \alpha` of the negative one;
        ``None`` weights both by 1. (Lin et al. found 0.25 best with :math:`\gamma = 2`: the
        modulating factor already favours the rare class, so :math:`\alpha` leans the other way.)
    gamma : float, default 2.0
        The focusing exponent :math:`\gamma \ge 0`; 0 gives (:math:`\alpha`-weighted)
        cross-entropy.
    sample_weight : array_like or None, default None
        Non-negative weight of each example: the shape of ``y_true`` or its leading axes.
    reduction : {"mean", "sum", "none"}, default "mean"
        ``"none"``: :math:`w_i \ell_i` per element; ``"sum"``: :math:`\sum_i w_i \ell_i`;
        ``"mean"``: :math:`\sum_i w_i \ell_i / \sum_i w_i` (:math:`w_i = 1` without weights).
        Note that :math:`\alpha_t` is part of :math:`\ell_i`: the plain mean divides by
        :math:`N`, not by :math:`\sum_i \alpha_t`.

    Returns
    -------
    float or numpy.ndarray
        The reduced loss.

    Shape
    -----
    ``y_true``, ``z``: any one shape :math:`S`. ``reduction="none"``: :math:`S`;
    ``"mean"`` and ``"sum"``: a float.

    Examples
    --------
    >>> import math
    >>> z = math.log(9.0)  # sigma(z) = 0.9: an easy positive
    >>> round(sigmoid_focal([1.0], [z]) / -math.log(0.9), 6)  # alpha (1 - 0.9)^2
    0.0025
    >>> sigmoid_focal([0.0], [1000.0], alpha=None, gamma=0.0)  # cross-entropy, no overflow
    1000.0
    """
    y_true, z, alpha_t, gamma, how, w = _focal_args(
        y_true, z, alpha, gamma, reduction, sample_weight
    )
    u = (2.0 * y_true - 1.0) * z
    loss = -alpha_t * _sigmoid_power(-u, gamma) * log_sigmoid(u)  # -alpha_t (1 - p_t)^g log p_t
    return _reduce.reduce(loss, how, w)


def sigmoid_focal_grad(y_true, z, *, alpha=0.25, gamma=2.0, sample_weight=None, reduction="mean"):
    r"""Gradient of :func:`sigmoid_focal` with respect to the logits.

    .. math::
        \frac{\partial \ell_i}{\partial z_i} = (2y_i - 1)\, \alpha_t\, (1 - p_t)^\gamma
            \bigl(\gamma\, p_t \log p_t + p_t - 1\bigr)

    (Lin et al., 2017, appendix), times the reduction's scale (:math:`w_i`, over
    :math:`\sum_i w_i` for the mean). With :math:`\gamma = 0` and :math:`\alpha_t = 1` it is
    :math:`\sigma(z_i) - y_i`, the gradient of binary cross-entropy.

    Parameters
    ----------
    y_true, z, alpha, gamma, sample_weight, reduction
        As for :func:`sigmoid_focal`.

    Returns
    -------
    numpy.ndarray
        The shape of ``z``.

    Examples
    --------
    >>> sigmoid_focal_grad([1.0, 0.0], [0.0, 0.0], alpha=None, gamma=0.0, reduction="sum")
    array([-0.5,  0.5])
    """
    y_true, z, alpha_t, gamma, how, w = _focal_args(
        y_true, z, alpha, gamma, reduction, sample_weight
    )
    sign = 2.0 * y_true - 1.0
    u = sign * z
    p_t, log_p_t = sigmoid(u), log_sigmoid(u)
    d_u = alpha_t * _sigmoid_power(-u, gamma) * (gamma * p_t * log_p_t - sigmoid(-u))
    return _reduce.reduction_scale(y_true.size, how, w) * sign * d_u
