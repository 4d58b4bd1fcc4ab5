r"""Loss functions and their gradients.

Every loss ``f(y_true, y_pred, *, reduction="mean")`` has a twin ``f_grad`` with the
same arguments that returns :math:`\partial(\text{reduced loss}) / \partial y_\text{pred}`
with the shape of ``y_pred``. The ``reduction`` is

- ``"none"``: the per-example loss (elementwise for regression, binary and hinge losses;
  summed over the last, class axis for the categorical losses),
- ``"mean"``: the mean of those values (the *cost* of chapter 1),
- ``"sum"``: their sum.

The information measures :func:`entropy`, :func:`cross_entropy` and :func:`kl_divergence`
are quantities of distributions rather than costs, so they default to ``reduction="none"``
(one value per distribution, over the last axis); pass ``"mean"`` or ``"sum"`` to reduce.

Conventions (the book's notation page has them all): arrays are float64, the argument
order is ``(y_true, y_pred)`` as in scikit-learn and Keras, ``log`` is the natural
logarithm, and MSE has **no** factor 1/2 (chapter 3 reconciles the two conventions).
Inputs are validated: shapes must match exactly (nothing is broadcast), probabilities
must lie in [0, 1], labels must be valid, and NaN or inf is refused, each with a
``ValueError`` that names the argument and its shape.
"""

import contextvars
import math
import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from . import _validate as v
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


def _pair(y_true, y_pred, name_true="y_true", name_pred="y_pred"):
    y_true = v.as_float(y_true, name_true)
    y_pred = v.as_float(y_pred, name_pred)
    v.same_shape(y_true, y_pred, name_true, name_pred)
    return y_true, y_pred


def _eps(eps):
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

    Shape: ``y_true`` and ``y_pred`` any equal shapes; ``reduction="none"`` keeps it.

    Examples
    --------
    >>> round(mse([1.0], [0.8]), 12)  # (0.8 - 1.0)**2
    0.04
    >>> mse([1.0, 2.0], [0.0, 0.0], reduction="none")
    array([1., 4.])
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return v.reduce((y_pred - y_true) ** 2, v.reduction(reduction))


def mse_grad(y_true, y_pred, *, reduction="mean"):
    r"""Gradient of :func:`mse` with respect to ``y_pred``: :math:`2(\hat y - y)/N` for the mean.

    Examples
    --------
    >>> mse_grad([1.0, 2.0], [0.0, 0.0])
    array([-1., -2.])
    """
    y_true, y_pred = _pair(y_true, y_pred)
    scale = v.reduction_scale(max(y_pred.size, 1), v.reduction(reduction))
    return 2.0 * scale * (y_pred - y_true)


def mae(y_true, y_pred, *, reduction="mean"):
    r"""Mean absolute error, :math:`\ell_i = |\hat y_i - y_i|`.

    Examples
    --------
    >>> mae([1.0, 2.0], [0.0, 4.0])
    1.5
    """
    y_true, y_pred = _pair(y_true, y_pred)
    return v.reduce(np.abs(y_pred - y_true), v.reduction(reduction))


def mae_grad(y_true, y_pred, *, reduction="mean"):
    r"""A (sub)gradient of :func:`mae`: :math:`\operatorname{sign}(\hat y - y)/N`.

    :math:`|r|` has no derivative at :math:`r = 0`; every value in :math:`[-1, 1]`
    is a subgradient there, and we return 0 (as ``np.sign`` and PyTorch do).

    Examples
    --------
    >>> mae_grad([1.0, 2.0, 3.0], [0.0, 4.0, 3.0], reduction="sum")
    array([-1.,  1.,  0.])
    """
    y_true, y_pred = _pair(y_true, y_pred)
    scale = v.reduction_scale(max(y_pred.size, 1), v.reduction(reduction))
    return scale * np.sign(y_pred - y_true)


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

    Examples
    --------
    >>> huber([0.0, 0.0], [0.5, 3.0], reduction="none")  # 0.5 * 0.25, 3 - 0.5
    array([0.125, 2.5  ])
    """
    delta = v.positive(delta, "delta")
    y_true, y_pred = _pair(y_true, y_pred)
    a = np.abs(y_pred - y_true)
    c = np.minimum(a, delta)
    return v.reduce(0.5 * c * c + delta * (a - c), v.reduction(reduction))


def huber_grad(y_true, y_pred, *, delta=1.0, reduction="mean"):
    r"""Gradient of :func:`huber`: the residual clipped to :math:`[-\delta, \delta]`, over :math:`N`.

    Examples
    --------
    >>> huber_grad([0.0, 0.0], [0.5, -3.0], reduction="sum")
    array([ 0.5, -1. ])
    """
    delta = v.positive(delta, "delta")
    y_true, y_pred = _pair(y_true, y_pred)
    scale = v.reduction_scale(max(y_pred.size, 1), v.reduction(reduction))
    return scale * np.clip(y_pred - y_true, -delta, delta)


# --------------------------------------------------------------------------- binary


def binary_cross_entropy(y_true, p, *, eps=1e-7, reduction="mean"):
    r"""Binary cross-entropy on probabilities, clipped to :math:`[\epsilon, 1 - \epsilon]`.

    .. math::
        \ell_i = -\bigl[y_i \log \tilde p_i + (1 - y_i) \log(1 - \tilde p_i)\bigr],
        \qquad \tilde p_i = \operatorname{clip}(p_i, \epsilon, 1 - \epsilon)

    The clip keeps :math:`\log 0` away but caps the loss near :math:`-\log\epsilon`
    and zeroes the gradient of saturated predictions; prefer
    :func:`binary_cross_entropy_with_logits`, which needs no clip (chapter 4).
    ``y_true`` may be soft labels in [0, 1]; the loss is elementwise, so a
    multi-label problem passes one column per label.

    Examples
    --------
    >>> round(binary_cross_entropy([0, 1, 1, 0], [0.1, 0.9, 0.8, 0.3]), 6)
    0.197635
    """
    eps = _eps(eps)
    y_true, p = _pair(y_true, p, "y_true", "p")
    v.in_unit_interval(y_true, "y_true")
    v.in_unit_interval(p, "p")
    pc = np.clip(p, eps, 1.0 - eps)
    loss = -(y_true * np.log(pc) + (1.0 - y_true) * np.log1p(-pc))
    return v.reduce(loss, v.reduction(reduction))


def binary_cross_entropy_grad(y_true, p, *, eps=1e-7, reduction="mean"):
    r"""Gradient of :func:`binary_cross_entropy` with respect to ``p``.

    .. math::
        \frac{\partial \ell_i}{\partial p_i} = \frac{\tilde p_i - y_i}{\tilde p_i (1 - \tilde p_i)}
        \quad\text{inside the clip, } 0 \text{ where the clip is active.}

    Examples
    --------
    >>> binary_cross_entropy_grad([1.0], [0.5])
    array([-2.])
    """
    eps = _eps(eps)
    y_true, p = _pair(y_true, p, "y_true", "p")
    v.in_unit_interval(y_true, "y_true")
    v.in_unit_interval(p, "p")
    scale = v.reduction_scale(max(p.size, 1), v.reduction(reduction))
    pc = np.clip(p, eps, 1.0 - eps)
    inside = (p >= eps) & (p <= 1.0 - eps)
    return scale * np.where(inside, (pc - y_true) / (pc * (1.0 - pc)), 0.0)


def binary_cross_entropy_with_logits(y_true, z, *, reduction="mean"):
    r"""Binary cross-entropy of :math:`\sigma(z)`, computed from the logits ``z`` exactly.

    .. math::
        \ell_i = -\bigl[y_i \log\sigma(z_i) + (1 - y_i)\log(1 - \sigma(z_i))\bigr]
               = \max(z_i, 0) - y_i z_i + \log\bigl(1 + e^{-|z_i|}\bigr)

    The right-hand form never takes the log of a rounded-off probability, so it is
    exact for any finite logit (chapter 4 shows the naive form failing at :math:`|z| = 40`).

    Examples
    --------
    >>> binary_cross_entropy_with_logits([1.0, 0.0], [0.0, 0.0], reduction="none")
    array([0.69314718, 0.69314718])
    >>> binary_cross_entropy_with_logits([1.0], [-1000.0])  # not capped by a clip
    1000.0
    """
    y_true, z = _pair(y_true, z, "y_true", "z")
    v.in_unit_interval(y_true, "y_true")
    loss = np.maximum(z, 0.0) - y_true * z + np.log1p(np.exp(-np.abs(z)))
    return v.reduce(loss, v.reduction(reduction))


def binary_cross_entropy_with_logits_grad(y_true, z, *, reduction="mean"):
    r"""Gradient of :func:`binary_cross_entropy_with_logits`: :math:`(\sigma(z) - y)/N`.

    The famous :math:`\hat y - y`: the sigmoid's derivative cancels the log's
    (derived in SymPy in chapter 4).

    Examples
    --------
    >>> binary_cross_entropy_with_logits_grad([1.0, 0.0], [0.0, 0.0], reduction="sum")
    array([-0.5,  0.5])
    """
    y_true, z = _pair(y_true, z, "y_true", "z")
    v.in_unit_interval(y_true, "y_true")
    scale = v.reduction_scale(max(z.size, 1), v.reduction(reduction))
    return scale * (sigmoid(z) - y_true)


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

    Examples
    --------
    >>> hinge([1, -1, 1], [2.0, 0.5, -1.0], reduction="none")
    array([0. , 1.5, 2. ])
    """
    y_true, scores = _pair(y_true, scores, "y_true", "scores")
    _pm1_labels(y_true)
    return v.reduce(np.maximum(0.0, 1.0 - y_true * scores), v.reduction(reduction))


def hinge_grad(y_true, scores, *, reduction="mean"):
    r"""A (sub)gradient of :func:`hinge`: :math:`-y_i` where :math:`y_i s_i < 1`, else 0.

    Examples
    --------
    >>> hinge_grad([1, -1, 1], [2.0, 0.5, -1.0], reduction="sum")
    array([ 0.,  1., -1.])
    """
    y_true, scores = _pair(y_true, scores, "y_true", "scores")
    _pm1_labels(y_true)
    scale = v.reduction_scale(max(scores.size, 1), v.reduction(reduction))
    return scale * np.where(y_true * scores < 1.0, -y_true, 0.0)


# --------------------------------------------------------------------------- categorical


def _n_examples(x):
    """The number of examples in a (..., K) array: the product of the leading axes."""
    return max(math.prod(x.shape[:-1]), 1)


def _distributions(y_true, p, name_true, name_pred):
    y_true = v.as_float(y_true, name_true, finite=False)  # in_unit_interval refuses NaN and inf
    p = v.as_float(p, name_pred)
    v.same_shape(y_true, p, name_true, name_pred)
    v.at_least_1d(p, name_pred)
    v.in_unit_interval(y_true, name_true)
    v.sums_to_one(y_true, name_true)
    return y_true, p


def _probabilities(p, name):
    v.at_least_1d(p, name)
    v.in_unit_interval(p, name)
    v.sums_to_one(p, name)


def categorical_cross_entropy(y_onehot, p, *, eps=1e-7, reduction="mean"):
    r"""Categorical cross-entropy on probabilities (the output of a softmax).

    .. math::
        \ell_i = -\sum_{k=1}^K y_{ik} \log \tilde p_{ik},
        \qquad \tilde p = \operatorname{clip}(p, \epsilon, 1 - \epsilon)

    Shape: ``y_onehot`` and ``p`` are ``(N, K)`` (or ``(K,)`` for one example), each
    row a distribution; ``reduction="none"`` returns ``(N,)``. Prefer
    :func:`softmax_cross_entropy` on logits, which needs no clip.

    Examples
    --------
    >>> round(categorical_cross_entropy([0, 1, 0], [0.2, 0.7, 0.1]), 4)  # -log 0.7
    0.3567
    """
    eps = _eps(eps)
    y_onehot, p = _distributions(y_onehot, p, "y_onehot", "p")
    _probabilities(p, "p")
    loss = -np.sum(y_onehot * np.log(np.clip(p, eps, 1.0 - eps)), axis=-1)
    return v.reduce(loss, v.reduction(reduction))


def categorical_cross_entropy_grad(y_onehot, p, *, eps=1e-7, reduction="mean"):
    r"""Gradient of :func:`categorical_cross_entropy` with respect to ``p``: :math:`-y/\tilde p` (over :math:`N`), 0 where clipped.

    Examples
    --------
    >>> categorical_cross_entropy_grad([0, 1], [0.5, 0.5])
    array([ 0., -2.])
    """
    eps = _eps(eps)
    y_onehot, p = _distributions(y_onehot, p, "y_onehot", "p")
    _probabilities(p, "p")
    scale = v.reduction_scale(_n_examples(p), v.reduction(reduction))
    inside = (p >= eps) & (p <= 1.0 - eps)
    return (
        scale * np.where(inside, -y_onehot / np.clip(p, eps, 1.0 - eps), 0.0) + 0.0
    )  # + 0.0: no -0.0


def _sparse(labels, p, name_pred):
    p = v.as_float(p, name_pred, finite=False)  # NaN and inf: refused by each caller's value checks
    v.at_least_1d(p, name_pred)
    labels = v.integer_labels(labels, "labels", p.shape[-1])
    if labels.shape != p.shape[:-1]:
        raise ValueError(
            f"labels must have shape {name_pred}.shape[:-1] = {p.shape[:-1]}, got {labels.shape}"
        )
    return labels, p


def _pick(x, labels):
    """x[..., labels] taken row by row: the entry of each example's true class."""
    return np.take_along_axis(x, labels[..., None], axis=-1)[..., 0]


def sparse_categorical_cross_entropy(labels, p, *, eps=1e-7, reduction="mean"):
    r"""Categorical cross-entropy with integer labels: :math:`\ell_i = -\log \tilde p_{i, c_i}`.

    The same numbers as :func:`categorical_cross_entropy` with the one-hot form of
    ``labels``, without building it. ``labels`` has shape ``p.shape[:-1]`` and holds
    integers in ``[0, K)``.

    Examples
    --------
    >>> round(sparse_categorical_cross_entropy([1], [[0.2, 0.7, 0.1]]), 4)
    0.3567
    """
    eps = _eps(eps)
    labels, p = _sparse(labels, p, "p")
    _probabilities(p, "p")
    loss = -np.log(np.clip(_pick(p, labels), eps, 1.0 - eps))
    return v.reduce(loss, v.reduction(reduction))


def sparse_categorical_cross_entropy_grad(labels, p, *, eps=1e-7, reduction="mean"):
    r"""Gradient of :func:`sparse_categorical_cross_entropy` with respect to ``p``.

    Examples
    --------
    >>> sparse_categorical_cross_entropy_grad([1], [[0.5, 0.5]])
    array([[ 0., -2.]])
    """
    eps = _eps(eps)
    labels, p = _sparse(labels, p, "p")
    _probabilities(p, "p")
    scale = v.reduction_scale(_n_examples(p), v.reduction(reduction))
    picked = _pick(p, labels)
    inside = (picked >= eps) & (picked <= 1.0 - eps)
    grad = np.zeros_like(p)
    np.put_along_axis(
        grad, labels[..., None], (-scale * inside / np.clip(picked, eps, 1 - eps))[..., None], -1
    )
    return grad


def _smoothing(label_smoothing):
    return v.in_half_open_unit(label_smoothing, "label_smoothing")


# Softmax cross-entropy is the loss a training loop calls at every step, on (batch, classes)
# logits that may hold millions of entries, so its one implementation, _softmax_xent, is tuned
# for speed (chapter 5 derives its formulas). Its settings:
_BLOCK_SIZE = 2**17  # entries in a block of rows: 1 MB of float64, small enough to stay in cache
_MIN_SIZE_FOR_THREADS = 10**6  # entries; on less, starting a thread costs more than it saves
# A second thread halves the time of exp; the other passes are held back by memory bandwidth,
# which more threads hardly raise.
_THREADS = min(2, os.cpu_count() or 1)


def _logits_and_target(target, z):
    """The arrays of softmax_cross_entropy*, with their shapes checked; _softmax_xent checks the values."""
    target = v.as_float(target, "y_onehot_or_dist", finite=False)
    z = v.as_float(z, "z", finite=False)
    v.same_shape(target, z, "y_onehot_or_dist", "z")
    v.at_least_1d(z, "z")
    return target, z


def _softmax_xent(
    z, target=None, labels=None, label_smoothing=0.0, reduction="mean", value=True, grad=True
):
    r"""Value and/or gradient of softmax cross-entropy: the one implementation behind the six
    public functions (a ``target`` distribution per row, or integer ``labels``; value,
    gradient or both). It also checks the values of ``z`` and ``target``.

    For each example :math:`i` (a row of ``z``; leading axes are flattened), in the shifted
    logits :math:`s_i = z_i - \max_k z_{ik}`, which are all :math:`\le 0` so that :math:`e^{s}`
    cannot overflow, and whose largest exponential is 1 so that the sum cannot be 0,

    .. math::
        \ell_i = \log \sum_k e^{s_{ik}} - \sum_k t_{ik} s_{ik}, \qquad
        \frac{\partial J}{\partial z_i} = \frac{c}{\sum_k e^{s_{ik}}}\, e^{s_i} - c\, t_i ,

    with :math:`c = 1/N` for the mean and 1 otherwise. With ``labels`` the target :math:`t_i`
    is the one-hot row of class :math:`c_i`, never built: :math:`t_i \cdot s_i = s_{i c_i}`.
    Label smoothing mixes it with the uniform distribution, :math:`t = (1 - \varepsilon) y +
    \varepsilon / K`, so that :math:`t_i \cdot s_i = (1 - \varepsilon)\, y_i \cdot s_i +
    \varepsilon \operatorname{mean}_k s_{ik}`.

    Why blocks and threads: written over whole (N, K) arrays, these formulas make seven
    passes (max, subtract, exp, sum, divide, subtract the target, scale), and on a large
    batch each pass streams its array through main memory, which is slower than the CPU.

    - Blocks: all the passes run on one block of rows (about 1 MB) before the next block,
      so every pass after the first finds its data in the CPU cache. They work in place in
      the block's rows of the gradient, the only (N, K) array allocated. The checks of the
      inputs run on the block too, where they are cheap; if one fails, the whole-array
      checks of ``_validate`` run at the end to say what is wrong.
    - Threads: ``exp`` is the slowest pass (NumPy's float64 ``exp`` is not vectorised on
      most CPUs) and NumPy releases the GIL inside its loops, so on a large batch two
      threads take blocks in turn. Each block writes only its own rows of the gradient and
      of the per-example losses, which are reduced once at the end: the result is bit for
      bit the same whichever thread runs which block, and the same as with no threads.
    """
    how = v.reduction(reduction)
    eps = _smoothing(label_smoothing)
    shape, k = z.shape, z.shape[-1]
    n = math.prod(shape[:-1])
    zs = z.reshape(n, k)
    targets = None if target is None else target.reshape(n, k)
    labels = None if labels is None else labels.reshape(n)
    c = v.reduction_scale(max(n, 1), how)
    losses = np.empty(n)
    gradient = np.empty_like(zs) if grad else None

    def block(rows):
        """Losses and gradient of one block of rows; False (and nothing done) if its input is invalid."""
        t = None if targets is None else targets[rows]
        if t is not None and not v.holds_distributions(t):
            return False
        zb = zs[rows]
        zb_max = zb.max(axis=1, keepdims=True)
        if not (-np.inf < zb.min() and zb_max.max() < np.inf):  # false for NaN as well
            return False
        s = gradient[rows] if grad else np.empty_like(zb)  # s, then exp(s), then the gradient
        np.subtract(zb, zb_max, out=s)
        if t is not None:
            true = np.einsum("ij,ij->i", t, s)
        else:
            picks = (np.arange(len(s)), labels[rows])  # (row, true class) of each example
            true = s[picks]
        if eps:
            true = (1.0 - eps) * true + eps * s.mean(axis=1)
        np.exp(s, out=s)
        total = s.sum(axis=1)
        losses[rows] = np.log(total) - true
        if grad:
            s *= (c / total)[:, None]  # c * softmax(z)
            if t is not None:
                s -= c * (1.0 - eps) * t
            else:
                s[picks] -= c * (1.0 - eps)
            if eps:
                s -= c * eps / k
        return True

    step = max(_BLOCK_SIZE // max(k, 1), 1)
    pending = iter([slice(start, start + step) for start in range(0, n, step)])

    def work():  # run blocks until none is left (next() on a list iterator is thread-safe)
        return all([block(rows) for rows in pending])

    if _THREADS > 1 and zs.size >= _MIN_SIZE_FOR_THREADS and n > step:
        with ThreadPoolExecutor(_THREADS - 1) as pool:  # this thread works too
            # each helper runs in a copy of this thread's context, so np.errstate applies there too
            others = [
                pool.submit(contextvars.copy_context().run, work) for _ in range(_THREADS - 1)
            ]
            valid = work()
            valid = all([other.result() for other in others]) and valid  # result() re-raises errors
    else:
        valid = work()
    if not valid:  # raise, naming the argument and describing the whole array
        if target is not None:
            v.all_finite(target, "y_onehot_or_dist")
        v.all_finite(z, "z")
        if target is not None:
            v.in_unit_interval(target, "y_onehot_or_dist")
            v.sums_to_one(target, "y_onehot_or_dist")
        raise AssertionError("unreachable: the checks of the blocks are those of the whole arrays")
    out_value = v.reduce(losses.reshape(shape[:-1]), how) if value else None
    return out_value, gradient.reshape(shape) if grad else None


def softmax_cross_entropy(y_onehot_or_dist, z, *, label_smoothing=0.0, reduction="mean"):
    r"""Cross-entropy of :math:`\operatorname{softmax}(z)` against a target, from logits.

    .. math::
        \ell_i = -\sum_k t_{ik} \log \operatorname{softmax}(z_i)_k
               = \operatorname{LSE}(z_i) - \sum_k t_{ik} z_{ik},
        \qquad t = (1 - \varepsilon)\, y + \varepsilon / K

    where :math:`\varepsilon` is ``label_smoothing`` (Szegedy et al., 2016) and LSE is
    the log-sum-exp, evaluated stably (chapter 5). Shape: ``y_onehot_or_dist`` and ``z``
    are ``(N, K)`` (or ``(K,)``); each target row is a distribution.

    Examples
    --------
    >>> import numpy as np
    >>> z = np.log([[0.2, 0.7, 0.1]])  # logits whose softmax is [0.2, 0.7, 0.1]
    >>> round(softmax_cross_entropy([[0, 1, 0]], z), 4)
    0.3567
    >>> softmax_cross_entropy([[0, 1]], [[1000.0, -1000.0]])  # exact, no overflow
    2000.0
    """
    target, z = _logits_and_target(y_onehot_or_dist, z)
    return _softmax_xent(
        z, target=target, label_smoothing=label_smoothing, reduction=reduction, grad=False
    )[0]


def softmax_cross_entropy_grad(y_onehot_or_dist, z, *, label_smoothing=0.0, reduction="mean"):
    r"""Gradient of :func:`softmax_cross_entropy` with respect to the logits: :math:`(\operatorname{softmax}(z) - t)/N`.

    Examples
    --------
    >>> softmax_cross_entropy_grad([[0, 1]], [[0.0, 0.0]])
    array([[ 0.5, -0.5]])
    """
    target, z = _logits_and_target(y_onehot_or_dist, z)
    return _softmax_xent(
        z, target=target, label_smoothing=label_smoothing, reduction=reduction, value=False
    )[1]


def softmax_cross_entropy_value_and_grad(
    y_onehot_or_dist, z, *, label_smoothing=0.0, reduction="mean"
):
    r"""``(softmax_cross_entropy(...), softmax_cross_entropy_grad(...))`` from one pass.

    A training step needs both; computing them together exponentiates the logits once.

    Examples
    --------
    >>> loss, grad = softmax_cross_entropy_value_and_grad([[0, 1]], [[0.0, 0.0]])
    >>> round(loss, 6), grad
    (0.693147, array([[ 0.5, -0.5]]))
    """
    target, z = _logits_and_target(y_onehot_or_dist, z)
    return _softmax_xent(z, target=target, label_smoothing=label_smoothing, reduction=reduction)


def sparse_softmax_cross_entropy(labels, z, *, label_smoothing=0.0, reduction="mean"):
    r"""Softmax cross-entropy with integer labels: :math:`\ell_i = \operatorname{LSE}(z_i) - z_{i, c_i}`.

    The same numbers as :func:`softmax_cross_entropy` with one-hot targets.
    ``labels`` has shape ``z.shape[:-1]`` with integers in ``[0, K)``.

    Examples
    --------
    >>> import numpy as np
    >>> round(sparse_softmax_cross_entropy([1], np.log([[0.2, 0.7, 0.1]])), 4)
    0.3567
    """
    labels, z = _sparse(labels, z, "z")
    return _softmax_xent(
        z, labels=labels, label_smoothing=label_smoothing, reduction=reduction, grad=False
    )[0]


def sparse_softmax_cross_entropy_grad(labels, z, *, label_smoothing=0.0, reduction="mean"):
    r"""Gradient of :func:`sparse_softmax_cross_entropy` with respect to the logits.

    Examples
    --------
    >>> sparse_softmax_cross_entropy_grad([1], [[0.0, 0.0]])
    array([[ 0.5, -0.5]])
    """
    labels, z = _sparse(labels, z, "z")
    return _softmax_xent(
        z, labels=labels, label_smoothing=label_smoothing, reduction=reduction, value=False
    )[1]


def sparse_softmax_cross_entropy_value_and_grad(
    labels, z, *, label_smoothing=0.0, reduction="mean"
):
    r"""``(sparse_softmax_cross_entropy(...), sparse_softmax_cross_entropy_grad(...))`` from one pass.

    Examples
    --------
    >>> loss, grad = sparse_softmax_cross_entropy_value_and_grad([0], [[0.0, 0.0]])
    >>> round(loss, 6), grad
    (0.693147, array([[-0.5,  0.5]]))
    """
    labels, z = _sparse(labels, z, "z")
    return _softmax_xent(z, labels=labels, label_smoothing=label_smoothing, reduction=reduction)


# --------------------------------------------------------------------------- information theory


def _two_distributions(p, q):
    p, q = _pair(p, q, "p", "q")
    _probabilities(p, "p")
    _probabilities(q, "q")
    return p, q


def _plogq(p, q):
    """p * log(q) with 0 * log(anything) = 0 and -inf where q = 0 < p, without warnings."""
    safe_q = np.where(q > 0, q, 1.0)
    return np.where(p > 0, np.where(q > 0, p * np.log(safe_q), -np.inf), 0.0)


def entropy(p, *, reduction="none"):
    r"""Shannon entropy in nats over the last axis: :math:`H(p) = -\sum_k p_k \log p_k`.

    With the convention :math:`0 \log 0 = 0` (the limit of :math:`x \log x` as
    :math:`x \to 0^+`). Returns one value per distribution (``p.shape[:-1]``) unless a
    reduction is asked for.

    Examples
    --------
    >>> round(entropy([0.25, 0.25, 0.25, 0.25]), 6)  # log 4
    1.386294
    >>> entropy([1.0, 0.0])
    0.0
    """
    p = v.as_float(p, "p")
    _probabilities(p, "p")
    return v.reduce(-np.sum(_plogq(p, p), axis=-1) + 0.0, v.reduction(reduction))  # + 0.0: no -0.0


def cross_entropy(p, q, *, reduction="none"):
    r"""Cross-entropy of ``q`` relative to ``p`` over the last axis: :math:`H(p, q) = -\sum_k p_k \log q_k`.

    Infinite (``inf``, without a warning) when some :math:`q_k = 0` where
    :math:`p_k > 0`: no finite number is the right answer then.

    Examples
    --------
    >>> round(cross_entropy([0.0, 1.0, 0.0], [0.2, 0.7, 0.1]), 4)
    0.3567
    """
    p, q = _two_distributions(p, q)
    return v.reduce(-np.sum(_plogq(p, q), axis=-1) + 0.0, v.reduction(reduction))  # + 0.0: no -0.0


def cross_entropy_grad(p, q, *, reduction="none"):
    r"""Gradient of :func:`cross_entropy` (summed, or reduced) with respect to ``q``: :math:`-p/q`.

    Zero where :math:`p_k = 0`. It is also the gradient of :func:`kl_divergence`,
    since the two differ by :math:`H(p)`, which does not depend on ``q``.

    Examples
    --------
    >>> cross_entropy_grad([0.5, 0.5], [0.25, 0.75])
    array([-2.        , -0.66666667])
    """
    p, q = _two_distributions(p, q)
    how = v.reduction(reduction)
    scale = v.reduction_scale(_n_examples(q), how) if how == "mean" else 1.0
    safe_q = np.where(q > 0, q, 1.0)
    return scale * np.where(p > 0, np.where(q > 0, -p / safe_q, -np.inf), 0.0)


def kl_divergence(p, q, *, reduction="none"):
    r"""Kullback-Leibler divergence over the last axis.

    .. math::
        \operatorname{KL}(p \,\|\, q) = \sum_k p_k \log \frac{p_k}{q_k} = H(p, q) - H(p) \;\ge\; 0

    Terms with :math:`p_k = 0` contribute 0; a :math:`q_k = 0` where :math:`p_k > 0`
    makes it ``inf``. Not symmetric in ``p`` and ``q`` (chapter 6).

    Examples
    --------
    >>> round(kl_divergence([0.5, 0.5], [0.9, 0.1]), 6)
    0.510826
    >>> kl_divergence([0.5, 0.5], [0.5, 0.5])
    0.0
    """
    p, q = _two_distributions(p, q)
    # sum p (log p - log q) term by term, so equal p and q give exactly 0
    safe_p = np.where(p > 0, p, 1.0)
    safe_q = np.where(q > 0, q, 1.0)
    terms = np.where(p > 0, np.where(q > 0, p * (np.log(safe_p) - np.log(safe_q)), np.inf), 0.0)
    return v.reduce(np.sum(terms, axis=-1), v.reduction(reduction))


def kl_divergence_grad(p, q, *, reduction="none"):
    r"""Gradient of :func:`kl_divergence` with respect to ``q``: :math:`-p/q`, as for :func:`cross_entropy`.

    Examples
    --------
    >>> kl_divergence_grad([1.0, 0.0], [0.5, 0.5])
    array([-2.,  0.])
    """
    return cross_entropy_grad(p, q, reduction=reduction)


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


def _same_shapes(**arrays):
    """The named arrays as finite float64 arrays of one shape (nothing is broadcast)."""
    out = [v.as_float(x, name) for name, x in arrays.items()]
    names = list(arrays)
    for name, x in zip(names[1:], out[1:], strict=True):
        v.same_shape(out[0], x, names[0], name)
    return out


def _sample_weight(sample_weight, shape):
    """``sample_weight`` as float64 weights that broadcast over a loss of ``shape`` (None: None).

    Allowed shapes: ``shape`` itself, or its leading axes (``(N,)`` for an ``(N, d)`` loss), each
    weight then applying to a whole row. Weights are finite and non-negative.
    """
    if sample_weight is None:
        return None
    w = v.as_float(sample_weight, "sample_weight")
    if w.shape != shape[: w.ndim] or (w.ndim == 0 and len(shape) > 0):
        raise ValueError(
            f"sample_weight must have the shape of the per-example loss, {shape}, or its leading "
            f"axes, {shape[:1]}; got {w.shape}"
        )
    if w.size and w.min() < 0.0:
        raise ValueError(
            f"sample_weight (shape {w.shape}) must be non-negative, found {w.min():.6g}"
        )
    return np.broadcast_to(w.reshape(w.shape + (1,) * (len(shape) - w.ndim)), shape)


def _total_weight(w, shape):
    """The denominator of the mean: the number of values, or the sum of their weights."""
    if w is None:
        return math.prod(shape)
    total = float(w.sum())
    if total <= 0.0:
        raise ValueError(
            f"sample_weight (shape {w.shape}) sums to {total:g}: the weighted mean is undefined"
        )
    return total


def _weighted_reduce(loss, w, reduction):
    r"""``"none"``: :math:`w_i \ell_i`; ``"sum"``: :math:`\sum_i w_i \ell_i`;
    ``"mean"``: :math:`\sum_i w_i \ell_i / \sum_i w_i` (:math:`w = 1` without weights)."""
    how = v.reduction(reduction)
    weighted = loss if w is None else w * loss
    if how == "none":
        return v.scalar_if_0d(weighted)
    total = float(np.sum(weighted))
    if how == "sum":
        return total
    count = _total_weight(w, loss.shape)
    return total / count if count else math.nan


def _weighted_scale(w, shape, reduction):
    """d(reduced loss) / d(per-example loss): the weight, over the total weight for the mean."""
    how = v.reduction(reduction)
    scale = 1.0 if w is None else w
    if how == "mean":
        count = _total_weight(w, shape)
        return scale / count if count else scale * math.nan
    return scale


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
    eps = v.positive(eps, "eps")
    y_true, mean, var = _same_shapes(y_true=y_true, mean=mean, var=var)
    _non_negative_array(var, "var")
    w = _sample_weight(sample_weight, y_true.shape)
    vc = np.maximum(var, eps)
    loss = 0.5 * (np.log(vc) + (y_true - mean) ** 2 / vc)
    if full:
        loss = loss + _HALF_LOG_2PI
    return _weighted_reduce(loss, w, reduction)


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
    eps = v.positive(eps, "eps")
    y_true, mean, var = _same_shapes(y_true=y_true, mean=mean, var=var)
    _non_negative_array(var, "var")
    w = _sample_weight(sample_weight, y_true.shape)
    scale = _weighted_scale(w, y_true.shape, reduction)
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
    y_true, log_rate = _same_shapes(y_true=y_true, log_rate=log_rate)
    _non_negative_array(y_true, "y_true")
    w = _sample_weight(sample_weight, y_true.shape)
    loss = np.exp(log_rate) - y_true * log_rate
    if full:
        loss = loss + _stirling(y_true)
    return _weighted_reduce(loss, w, reduction)


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
    y_true, log_rate = _same_shapes(y_true=y_true, log_rate=log_rate)
    _non_negative_array(y_true, "y_true")
    w = _sample_weight(sample_weight, y_true.shape)
    return _weighted_scale(w, y_true.shape, reduction) * (np.exp(log_rate) - y_true)


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
    y_true, y_pred = _same_shapes(y_true=y_true, y_pred=y_pred)
    w = _sample_weight(sample_weight, y_true.shape)
    u = y_true - y_pred
    return _weighted_reduce(np.maximum(quantile * u, (quantile - 1.0) * u), w, reduction)


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
    y_true, y_pred = _same_shapes(y_true=y_true, y_pred=y_pred)
    w = _sample_weight(sample_weight, y_true.shape)
    slope = np.where(y_pred > y_true, 1.0 - quantile, np.where(y_pred < y_true, -quantile, 0.0))
    return _weighted_scale(w, y_true.shape, reduction) * slope


def _focal_args(y_true, z, alpha, gamma):
    if alpha is not None and (not np.isfinite(alpha) or not 0.0 <= alpha <= 1.0):
        raise ValueError(f"alpha must be None or in [0, 1], got {alpha!r}")
    gamma = v.non_negative(gamma, "gamma")
    y_true, z = _same_shapes(y_true=y_true, z=z)
    if np.any((y_true != 0.0) & (y_true != 1.0)):
        bad = np.unique(y_true[(y_true != 0.0) & (y_true != 1.0)])[:5]
        raise ValueError(
            f"y_true (shape {y_true.shape}) must hold labels 0 or 1 for the focal loss, "
            f"found {bad.tolist()}"
        )
    alpha_t = 1.0 if alpha is None else alpha * y_true + (1.0 - alpha) * (1.0 - y_true)
    return y_true, z, alpha_t, gamma


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
    y_true, z, alpha_t, gamma = _focal_args(y_true, z, alpha, gamma)
    w = _sample_weight(sample_weight, y_true.shape)
    u = (2.0 * y_true - 1.0) * z
    loss = -alpha_t * _sigmoid_power(-u, gamma) * log_sigmoid(u)  # -alpha_t (1 - p_t)^g log p_t
    return _weighted_reduce(loss, w, reduction)


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
    y_true, z, alpha_t, gamma = _focal_args(y_true, z, alpha, gamma)
    w = _sample_weight(sample_weight, y_true.shape)
    sign = 2.0 * y_true - 1.0
    u = sign * z
    p_t, log_p_t = sigmoid(u), log_sigmoid(u)
    d_u = alpha_t * _sigmoid_power(-u, gamma) * (gamma * p_t * log_p_t - sigmoid(-u))
    return _weighted_scale(w, y_true.shape, reduction) * sign * d_u
