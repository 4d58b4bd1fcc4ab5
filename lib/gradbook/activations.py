r"""Activation functions, written so that no finite input gives NaN, inf or a warning.

The naive formulas overflow: :math:`e^{1000}` is inf in float64, so
``1 / (1 + np.exp(-z))`` warns at ``z = -1000`` and ``np.exp(z) / np.exp(z).sum()``
gives ``nan`` at ``z = 1000``. Each function here evaluates an equivalent form
in which every ``exp`` has a non-positive argument (chapters 4 and 5 derive them),
and each derivative is written so that nothing cancels where the activation saturates.

The elementwise functions take an array of any shape, or a number, and return an array
of the same shape, or a float. Inputs must be finite: NaN or inf raises ``ValueError``.
"""

import numpy as np

from . import _reduce, _validate

__all__ = [
    "sigmoid",
    "sigmoid_grad",
    "log_sigmoid",
    "log_sigmoid_grad",
    "softmax",
    "log_softmax",
    "logsumexp",
    "relu",
    "relu_grad",
    "tanh",
    "tanh_grad",
]


def sigmoid(z):
    r"""The logistic sigmoid, elementwise.

    .. math::
        \sigma(z) = \frac{1}{1 + e^{-z}} = \frac{e^{z}}{1 + e^{z}}

    Evaluated as :math:`1/(1+e^{-|z|})` for :math:`z \ge 0` and
    :math:`e^{-|z|}/(1+e^{-|z|})` for :math:`z < 0`, so ``exp`` never overflows.

    Parameters
    ----------
    z : array_like
        The logits, any shape, finite.

    Returns
    -------
    float or numpy.ndarray
        :math:`\sigma(z) \in [0, 1]`, with the shape of ``z`` (a float for a number).

    Examples
    --------
    >>> sigmoid([0.0, 1000.0, -1000.0])
    array([0.5, 1. , 0. ])
    """
    z = _validate.as_float(z, "z")
    e = np.exp(-np.abs(z))
    return _reduce.scalar_if_0d(np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


def sigmoid_grad(z):
    r"""Derivative of the sigmoid, elementwise.

    .. math::
        \sigma'(z) = \sigma(z)\,(1 - \sigma(z)) = \frac{e^{-|z|}}{(1 + e^{-|z|})^2}

    Its maximum is :math:`1/4` at :math:`z = 0`, the root of vanishing gradients
    in deep sigmoid networks (chapter 15). Evaluated by the right-hand form, the same
    function written so that no :math:`1 - \sigma` cancels to zero for large :math:`z`
    (where ``s * (1 - s)`` loses every digit: at :math:`z = 40` it gives 0 instead of
    :math:`4.2 \times 10^{-18}`).

    Parameters
    ----------
    z : array_like
        The points, any shape, finite.

    Returns
    -------
    float or numpy.ndarray
        :math:`\sigma'(z) \in (0, 1/4]` (0 once it underflows), with the shape of ``z``.

    Examples
    --------
    >>> sigmoid_grad([0.0, 1000.0])
    array([0.25, 0.  ])
    >>> float(sigmoid_grad(40.0))  # e^-40, to full relative precision
    4.248354255291589e-18
    """
    z = _validate.as_float(z, "z")
    e = np.exp(-np.abs(z))
    return _reduce.scalar_if_0d(e / (1.0 + e) ** 2)


def log_sigmoid(z):
    r"""The log of the sigmoid, elementwise, without forming :math:`\sigma(z)`.

    .. math::
        \log \sigma(z) = -\log(1 + e^{-z}) = -\bigl(\max(-z, 0) + \log(1 + e^{-|z|})\bigr)

    Parameters
    ----------
    z : array_like
        The logits, any shape, finite.

    Returns
    -------
    float or numpy.ndarray
        :math:`\log\sigma(z) \le 0`, with the shape of ``z`` (a float for a number).

    Examples
    --------
    >>> log_sigmoid(-1000.0)  # log(1 / (1 + e^1000)), beyond float64's range as a probability
    -1000.0
    >>> log_sigmoid(0.0)
    -0.6931471805599453
    """
    z = _validate.as_float(z, "z")
    return _reduce.scalar_if_0d(-(np.maximum(-z, 0.0) + np.log1p(np.exp(-np.abs(z)))))


def log_sigmoid_grad(z):
    r"""Derivative of :math:`\log\sigma(z)`, elementwise.

    .. math::
        \frac{d}{dz} \log\sigma(z) = 1 - \sigma(z) = \sigma(-z)

    Evaluated as :math:`\sigma(-z)`, which does not cancel for large :math:`z`.

    Parameters
    ----------
    z : array_like
        The points, any shape, finite.

    Returns
    -------
    float or numpy.ndarray
        :math:`\sigma(-z) \in [0, 1]`, with the shape of ``z`` (a float for a number).

    Examples
    --------
    >>> log_sigmoid_grad([0.0, -1000.0])
    array([0.5, 1. ])
    """
    z = _validate.as_float(z, "z")
    return sigmoid(-z)


def logsumexp(z, axis=-1, keepdims=False):
    r"""The log of the sum of exponentials along ``axis``, by the log-sum-exp trick.

    .. math::
        \operatorname{LSE}(z) = \log \sum_k e^{z_k} = m + \log \sum_k e^{z_k - m},
        \qquad m = \max_k z_k

    Shifting by the maximum makes the largest term :math:`e^0 = 1`, so the sum
    neither overflows nor becomes zero. This equals ``scipy.special.logsumexp``.

    Parameters
    ----------
    z : array_like
        The logits, at least one axis, finite.
    axis : int, default -1
        The axis to sum over (the classes).
    keepdims : bool, default False
        Keep that axis, with length 1, so that the result broadcasts against ``z``.

    Returns
    -------
    float or numpy.ndarray
        The shape of ``z`` without ``axis`` (a float for a vector), or with length 1 there
        if ``keepdims``.

    Examples
    --------
    >>> logsumexp([1000.0, 1000.0])  # 1000 + log 2
    1000.6931471805599
    """
    z = _validate.as_float(z, "z")
    _validate.at_least_1d(z, "z", "an axis to sum over")
    m = np.max(z, axis=axis, keepdims=True)
    out = m + np.log(np.sum(np.exp(z - m), axis=axis, keepdims=True))
    return out if keepdims else _reduce.scalar_if_0d(np.squeeze(out, axis=axis))


def log_softmax(z, axis=-1):
    r"""The log of the softmax along ``axis``.

    .. math::
        \log \operatorname{softmax}(z)_k = z_k - \operatorname{LSE}(z)

    Parameters
    ----------
    z : array_like
        The logits, at least one axis, finite.
    axis : int, default -1
        The axis of the classes.

    Returns
    -------
    numpy.ndarray
        The log-probabilities, all :math:`\le 0`, with the shape of ``z``.

    Examples
    --------
    >>> log_softmax([0.0, 0.0])
    array([-0.69314718, -0.69314718])
    """
    z = _validate.as_float(z, "z")
    return z - logsumexp(z, axis=axis, keepdims=True)


def softmax(z, axis=-1):
    r"""The softmax along ``axis``, a probability distribution over classes.

    .. math::
        \operatorname{softmax}(z)_k = \frac{e^{z_k}}{\sum_j e^{z_j}}
            = \frac{e^{z_k - m}}{\sum_j e^{z_j - m}}, \qquad m = \max_j z_j

    Adding a constant to every logit leaves the softmax unchanged; subtracting the
    maximum :math:`m` is the choice that keeps ``exp`` finite.

    Parameters
    ----------
    z : array_like
        The logits, at least one axis, finite.
    axis : int, default -1
        The axis of the classes.

    Returns
    -------
    numpy.ndarray
        The probabilities, in [0, 1] and summing to 1 along ``axis``, with the shape of ``z``.

    Examples
    --------
    >>> softmax([1.0, 2.0, 3.0]).round(4)
    array([0.09  , 0.2447, 0.6652])
    >>> softmax([1000.0, 0.0])
    array([1., 0.])
    """
    z = _validate.as_float(z, "z")
    _validate.at_least_1d(z, "z", "an axis of classes")
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def relu(z):
    r"""The rectified linear unit, elementwise.

    .. math::
        \operatorname{relu}(z) = \max(0, z)

    Parameters
    ----------
    z : array_like
        The pre-activations, any shape, finite.

    Returns
    -------
    float or numpy.ndarray
        :math:`\max(0, z)`, with the shape of ``z`` (a float for a number).

    Examples
    --------
    >>> relu([-2.0, 0.0, 3.0])
    array([0., 0., 3.])
    """
    z = _validate.as_float(z, "z")
    return _reduce.scalar_if_0d(np.maximum(z, 0.0))


def relu_grad(z):
    r"""Derivative of ReLU, elementwise.

    .. math::
        \operatorname{relu}'(z) = \mathbb{1}[z > 0]

    At the kink :math:`z = 0` we use 0, a subgradient, as PyTorch does.

    Parameters
    ----------
    z : array_like
        The pre-activations, any shape, finite.

    Returns
    -------
    float or numpy.ndarray
        1.0 where :math:`z > 0`, else 0.0, with the shape of ``z`` (a float for a number).

    Examples
    --------
    >>> relu_grad([-2.0, 0.0, 3.0])
    array([0., 0., 1.])
    """
    z = _validate.as_float(z, "z")
    return _reduce.scalar_if_0d((z > 0).astype(np.float64))


def tanh(z):
    r"""The hyperbolic tangent, elementwise.

    .. math::
        \tanh z = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = 2\sigma(2z) - 1

    Parameters
    ----------
    z : array_like
        The pre-activations, any shape, finite.

    Returns
    -------
    float or numpy.ndarray
        :math:`\tanh z \in [-1, 1]`, with the shape of ``z`` (a float for a number).

    Examples
    --------
    >>> tanh([0.0, 1000.0])
    array([0., 1.])
    """
    z = _validate.as_float(z, "z")
    return _reduce.scalar_if_0d(np.tanh(z))


def tanh_grad(z):
    r"""Derivative of tanh, elementwise.

    .. math::
        \tanh' z = 1 - \tanh^2 z = \frac{4 e^{-2|z|}}{(1 + e^{-2|z|})^2}

    Evaluated by the right-hand form, the same function written so that nothing cancels for
    large :math:`|z|` (where ``1 - t * t`` gives 0 from :math:`|z| \approx 19`).

    Parameters
    ----------
    z : array_like
        The pre-activations, any shape, finite.

    Returns
    -------
    float or numpy.ndarray
        :math:`\tanh' z \in (0, 1]` (0 once it underflows), with the shape of ``z``.

    Examples
    --------
    >>> tanh_grad([0.0, 1000.0])
    array([1., 0.])
    >>> float(tanh_grad(20.0))  # 4 e^-40, to full relative precision
    1.6993417021166355e-17
    """
    z = _validate.as_float(z, "z")
    e = np.exp(-2.0 * np.abs(z))
    return _reduce.scalar_if_0d(4.0 * e / (1.0 + e) ** 2)
