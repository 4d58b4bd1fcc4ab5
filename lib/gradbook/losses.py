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
from .activations import sigmoid

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


def _pair(y_true, y_pred, reduction, name_true="y_true", name_pred="y_pred"):
    """The arrays of an elementwise loss, of one shape, and its reduction, checked."""
    y_true = _validate.as_float(y_true, name_true)
    y_pred = _validate.as_float(y_pred, name_pred)
    _validate.same_shape(y_true, y_pred, name_true, name_pred)
    how = _validate.reduction(reduction, y_pred, name_pred, y_pred.size)
    return y_true, y_pred, how


def _clip_eps(eps):
    if not np.isfinite(eps) or not 0.0 < eps < 0.5:
        raise ValueError(f"eps must be in (0, 0.5), got {eps!r}")
    return float(eps)


# --------------------------------------------------------------------------- regression


def mse(y_true, y_pred, *, reduction="mean"):
    r"""Mean squared error.

    .. math::
        \ell_i = (\hat y_i - y_i)^2, \qquad J = \frac{1}{N}\sum_{i=1}^N \ell_i

    No factor 1/2: ``mse`` is what scikit-learn, Keras and PyTorch call MSE. Some
    texts (Bishop; seed 003) write :math:`\tfrac12(\hat y - y)^2`, whose gradient is
    :math:`\hat y - y`; it has the same minimiser.

    Parameters
    ----------
    y_true : array_like
        The targets :math:`y_i`, any shape, finite.
    y_pred : array_like
        The predictions :math:`\hat y_i`, the shape of ``y_true``, finite.
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
    y_true, y_pred, how = _pair(y_true, y_pred, reduction)
    return _reduce.reduce((y_pred - y_true) ** 2, how)


def mse_grad(y_true, y_pred, *, reduction="mean"):
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
    y_true, y_pred, how = _pair(y_true, y_pred, reduction)
    return 2.0 * _reduce.reduction_scale(y_pred.size, how) * (y_pred - y_true)


def mae(y_true, y_pred, *, reduction="mean"):
    r"""Mean absolute error.

    .. math::
        \ell_i = |\hat y_i - y_i|, \qquad J = \frac{1}{N}\sum_{i=1}^N \ell_i

    Parameters
    ----------
    y_true : array_like
        The targets :math:`y_i`, any shape, finite.
    y_pred : array_like
        The predictions :math:`\hat y_i`, the shape of ``y_true``, finite.
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
    y_true, y_pred, how = _pair(y_true, y_pred, reduction)
    return _reduce.reduce(np.abs(y_pred - y_true), how)


def mae_grad(y_true, y_pred, *, reduction="mean"):
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
    y_true, y_pred, how = _pair(y_true, y_pred, reduction)
    return _reduce.reduction_scale(y_pred.size, how) * np.sign(y_pred - y_true)


def huber(y_true, y_pred, *, delta=1.0, reduction="mean"):
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
    y_true, y_pred, how = _pair(y_true, y_pred, reduction)
    a = np.abs(y_pred - y_true)
    c = np.minimum(a, delta)
    return _reduce.reduce(0.5 * c * c + delta * (a - c), how)


def huber_grad(y_true, y_pred, *, delta=1.0, reduction="mean"):
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
    y_true, y_pred, how = _pair(y_true, y_pred, reduction)
    return _reduce.reduction_scale(y_pred.size, how) * np.clip(y_pred - y_true, -delta, delta)


# --------------------------------------------------------------------------- binary


def _probabilities_pair(y_true, p, reduction):
    """Targets and predicted probabilities of a binary loss, both in [0, 1], checked."""
    y_true, p, how = _pair(y_true, p, reduction, "y_true", "p")
    _validate.in_unit_interval(y_true, "y_true")
    _validate.in_unit_interval(p, "p")
    return y_true, p, how


def binary_cross_entropy(y_true, p, *, eps=1e-7, reduction="mean"):
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
    y_true, p, how = _probabilities_pair(y_true, p, reduction)
    pc = np.clip(p, eps, 1.0 - eps)
    return _reduce.reduce(-(y_true * np.log(pc) + (1.0 - y_true) * np.log1p(-pc)), how)


def binary_cross_entropy_grad(y_true, p, *, eps=1e-7, reduction="mean"):
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
    y_true, p, how = _probabilities_pair(y_true, p, reduction)
    pc = np.clip(p, eps, 1.0 - eps)
    inside = (p >= eps) & (p <= 1.0 - eps)
    grad = np.where(inside, (pc - y_true) / (pc * (1.0 - pc)), 0.0)
    return _reduce.reduction_scale(p.size, how) * grad


def binary_cross_entropy_with_logits(y_true, z, *, reduction="mean"):
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
    y_true, z, how = _pair(y_true, z, reduction, "y_true", "z")
    _validate.in_unit_interval(y_true, "y_true")
    loss = np.maximum(z, 0.0) - y_true * z + np.log1p(np.exp(-np.abs(z)))
    return _reduce.reduce(loss, how)


def binary_cross_entropy_with_logits_grad(y_true, z, *, reduction="mean"):
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
    y_true, z, how = _pair(y_true, z, reduction, "y_true", "z")
    _validate.in_unit_interval(y_true, "y_true")
    return _reduce.reduction_scale(z.size, how) * (sigmoid(z) - y_true)


def _pm1_labels(y_true):
    if np.any((y_true != 1.0) & (y_true != -1.0)):
        bad = np.unique(y_true[(y_true != 1.0) & (y_true != -1.0)])[:5]
        raise ValueError(
            f"y_true (shape {y_true.shape}) must hold labels -1 or +1 for the hinge loss, "
            f"found {bad.tolist()} (map 0/1 labels with 2*y - 1)"
        )


def hinge(y_true, scores, *, reduction="mean"):
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
    y_true, scores, how = _pair(y_true, scores, reduction, "y_true", "scores")
    _pm1_labels(y_true)
    return _reduce.reduce(np.maximum(0.0, 1.0 - y_true * scores), how)


def hinge_grad(y_true, scores, *, reduction="mean"):
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
    y_true, scores, how = _pair(y_true, scores, reduction, "y_true", "scores")
    _pm1_labels(y_true)
    scale = _reduce.reduction_scale(scores.size, how)
    return scale * np.where(y_true * scores < 1.0, -y_true, 0.0)


# --------------------------------------------------------------------------- categorical


def _n_examples(x):
    """The number of examples in a (..., K) array: the product of the leading axes."""
    return math.prod(x.shape[:-1])


def _distributions(target, pred, reduction, name_target, name_pred):
    """A target distribution per row, predictions of its shape, and the reduction, checked."""
    target = _validate.as_probabilities(target, name_target)
    pred = _validate.as_float(pred, name_pred)
    _validate.same_shape(target, pred, name_target, name_pred)
    _validate.has_classes(pred, name_pred)
    _validate.sums_to_one(target, name_target)
    how = _validate.reduction(reduction, pred, name_pred, _n_examples(pred))
    return target, pred, how


def _sparse(labels, pred, reduction, name_pred):
    """Integer labels of shape pred.shape[:-1], predictions (..., K), the reduction, checked."""
    pred = _validate.as_float(pred, name_pred)
    _validate.has_classes(pred, name_pred)
    labels = _validate.integer_labels(labels, "labels", pred.shape[-1])
    if labels.shape != pred.shape[:-1]:
        raise ValueError(
            f"labels must have shape {name_pred}.shape[:-1] = {pred.shape[:-1]}, got {labels.shape}"
        )
    how = _validate.reduction(reduction, pred, name_pred, _n_examples(pred))
    return labels, pred, how


def _probabilities(p, name):
    _validate.in_unit_interval(p, name)
    _validate.sums_to_one(p, name)


def _pick(x, labels):
    """x[..., labels] taken row by row: the entry of each example's true class."""
    return np.take_along_axis(x, labels[..., None], axis=-1)[..., 0]


def categorical_cross_entropy(y_onehot, p, *, eps=1e-7, reduction="mean"):
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
    y_onehot, p, how = _distributions(y_onehot, p, reduction, "y_onehot", "p")
    _probabilities(p, "p")
    return _reduce.reduce(-np.sum(y_onehot * np.log(np.clip(p, eps, 1.0 - eps)), axis=-1), how)


def categorical_cross_entropy_grad(y_onehot, p, *, eps=1e-7, reduction="mean"):
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
    y_onehot, p, how = _distributions(y_onehot, p, reduction, "y_onehot", "p")
    _probabilities(p, "p")
    inside = (p >= eps) & (p <= 1.0 - eps)
    # 0 where the clip is flat, and where y = 0: the term 0 log p does not depend on p
    grad = np.where(inside & (y_onehot > 0), -y_onehot / np.clip(p, eps, 1.0 - eps), 0.0)
    return _reduce.reduction_scale(_n_examples(p), how) * grad


def sparse_categorical_cross_entropy(labels, p, *, eps=1e-7, reduction="mean"):
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
    labels, p, how = _sparse(labels, p, reduction, "p")
    _probabilities(p, "p")
    return _reduce.reduce(-np.log(np.clip(_pick(p, labels), eps, 1.0 - eps)), how)


def sparse_categorical_cross_entropy_grad(labels, p, *, eps=1e-7, reduction="mean"):
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
    labels, p, how = _sparse(labels, p, reduction, "p")
    _probabilities(p, "p")
    picked = _pick(p, labels)
    inside = (picked >= eps) & (picked <= 1.0 - eps)
    slope = -_reduce.reduction_scale(_n_examples(p), how) * inside / np.clip(picked, eps, 1 - eps)
    grad = np.zeros_like(p)
    np.put_along_axis(grad, labels[..., None], slope[..., None], axis=-1)
    return grad


# --------------------------------------------------------------------------- softmax cross-entropy


def _softmax_xent(z, target=None, labels=None, *, label_smoothing, how, grad=True):
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
    """
    smoothing = _validate.in_closed_unit(label_smoothing, "label_smoothing")
    shape, k = z.shape, z.shape[-1]
    z = z.reshape(-1, k)  # one row per example
    rows = np.arange(len(z))
    s = z - z.max(axis=1, keepdims=True)
    if labels is None:
        target = target.reshape(-1, k)
        t_dot_s = np.einsum("ik,ik->i", target, s)
    else:
        labels = labels.reshape(-1)
        t_dot_s = s[rows, labels]
    if smoothing:
        t_dot_s = (1.0 - smoothing) * t_dot_s + smoothing * s.mean(axis=1)
    # in place, so that s, e^s and the gradient are one (N, K) array: a second one would cost
    # more than exp itself (fresh memory must be paged in)
    exp_s = np.exp(s, out=s)
    sum_exp = exp_s @ np.ones(k)  # the row sums, as a product with ones: fast on short rows
    value = _reduce.reduce((np.log(sum_exp) - t_dot_s).reshape(shape[:-1]), how)
    if not grad:
        return value, None
    c = _reduce.reduction_scale(len(z), how)
    gradient = exp_s  # becomes c (softmax(z) - t), in place
    if labels is not None:  # t is one-hot: c softmax(z), less c (1 - ε) at the true class
        gradient *= (c / sum_exp)[:, None]
        gradient[rows, labels] -= c * (1.0 - smoothing)
    else:  # softmax(z) - (1 - ε) t, then times c: no other (N, K) array when ε = 0
        gradient *= (1.0 / sum_exp)[:, None]
        gradient -= (1.0 - smoothing) * target if smoothing else target
        gradient *= c
    if smoothing:
        gradient -= c * smoothing / k
    return value, gradient.reshape(shape)


def softmax_cross_entropy(target, z, *, label_smoothing=0.0, reduction="mean"):
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
    target, z, how = _distributions(target, z, reduction, "target", "z")
    return _softmax_xent(z, target, label_smoothing=label_smoothing, how=how, grad=False)[0]


def softmax_cross_entropy_grad(target, z, *, label_smoothing=0.0, reduction="mean"):
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
    target, z, how = _distributions(target, z, reduction, "target", "z")
    return _softmax_xent(z, target, label_smoothing=label_smoothing, how=how)[1]


def softmax_cross_entropy_value_and_grad(target, z, *, label_smoothing=0.0, reduction="mean"):
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
    target, z, how = _distributions(target, z, reduction, "target", "z")
    return _softmax_xent(z, target, label_smoothing=label_smoothing, how=how)


def sparse_softmax_cross_entropy(labels, z, *, label_smoothing=0.0, reduction="mean"):
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
    labels, z, how = _sparse(labels, z, reduction, "z")
    return _softmax_xent(z, labels=labels, label_smoothing=label_smoothing, how=how, grad=False)[0]


def sparse_softmax_cross_entropy_grad(labels, z, *, label_smoothing=0.0, reduction="mean"):
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
    labels, z, how = _sparse(labels, z, reduction, "z")
    return _softmax_xent(z, labels=labels, label_smoothing=label_smoothing, how=how)[1]


def sparse_softmax_cross_entropy_value_and_grad(
    labels, z, *, label_smoothing=0.0, reduction="mean"
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
    labels, z, how = _sparse(labels, z, reduction, "z")
    return _softmax_xent(z, labels=labels, label_smoothing=label_smoothing, how=how)


# --------------------------------------------------------------------------- information theory


def _two_distributions(p, q, reduction):
    p, q, how = _distributions(p, q, reduction, "p", "q")
    _probabilities(q, "q")
    return p, q, how


def _plogq(p, q):
    """p * log(q) with 0 * log(anything) = 0 and -inf where q = 0 < p, without warnings."""
    safe_q = np.where(q > 0, q, 1.0)
    return np.where(p > 0, np.where(q > 0, p * np.log(safe_q), -np.inf), 0.0)


def entropy(p, *, reduction="none"):
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
    # + 0.0 turns the -0.0 of a one-hot row, -(1 log 1), into 0.0
    return _reduce.reduce(-np.sum(_plogq(p, p), axis=-1) + 0.0, how)


def cross_entropy(p, q, *, reduction="none"):
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
    p, q, how = _two_distributions(p, q, reduction)
    # + 0.0 turns the -0.0 of equal one-hot rows, -(1 log 1), into 0.0
    return _reduce.reduce(-np.sum(_plogq(p, q), axis=-1) + 0.0, how)


def cross_entropy_grad(p, q, *, reduction="none"):
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
    p, q, how = _two_distributions(p, q, reduction)
    safe_q = np.where(q > 0, q, 1.0)
    grad = np.where(p > 0, np.where(q > 0, -p / safe_q, -np.inf), 0.0)
    return _reduce.reduction_scale(_n_examples(q), how) * grad


def kl_divergence(p, q, *, reduction="none"):
    r"""Kullback-Leibler divergence of ``q`` from ``p`` over the last axis.

    .. math::
        \operatorname{KL}(p \,\|\, q) = \sum_k p_k \log \frac{p_k}{q_k} = H(p, q) - H(p) \;\ge\; 0

    Terms with :math:`p_k = 0` contribute 0; a :math:`q_k = 0` where :math:`p_k > 0`
    makes it ``inf``. Not symmetric in ``p`` and ``q`` (chapter 6).

    Parameters
    ----------
    p : array_like, shape (..., K)
        The reference ("true") distributions, one per row: entries in [0, 1] summing to 1.
    q : array_like, shape (..., K)
        The distributions compared with ``p`` (a model's), the shape of ``p``.
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
    p, q, how = _two_distributions(p, q, reduction)
    # sum p (log p - log q) term by term, so equal p and q give exactly 0
    safe_p = np.where(p > 0, p, 1.0)
    safe_q = np.where(q > 0, q, 1.0)
    terms = np.where(p > 0, np.where(q > 0, p * (np.log(safe_p) - np.log(safe_q)), np.inf), 0.0)
    return _reduce.reduce(np.sum(terms, axis=-1), how)


def kl_divergence_grad(p, q, *, reduction="none"):
    r"""Gradient of :func:`kl_divergence` with respect to ``q``: that of :func:`cross_entropy`.

    .. math::
        \frac{\partial \operatorname{KL}(p \,\|\, q)}{\partial q_k} = -\frac{p_k}{q_k}

    Parameters
    ----------
    p : array_like, shape (..., K)
        The reference ("true") distributions, one per row: entries in [0, 1] summing to 1.
    q : array_like, shape (..., K)
        The distributions compared with ``p`` (a model's), the shape of ``p``.
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
    return cross_entropy_grad(p, q, reduction=reduction)
