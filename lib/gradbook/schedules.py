r"""Learning-rate schedules: pure functions of the step number.

Each function gives the learning rate at step :math:`t = 0, 1, 2, \dots` as the closed
form of a ``torch.optim.lr_scheduler`` class, where :math:`t` is that scheduler's
``last_epoch`` (the number of times ``scheduler.step()`` has been called). Use one by
setting an optimizer's ``lr`` before each step:

>>> import numpy as np
>>> from gradbook.optim import SGD
>>> theta = np.array([1.0])
>>> opt = SGD([theta], lr=0.1)
>>> for t in range(3):
...     opt.lr = step_decay(t, lr0=0.1, step_size=2, gamma=0.5)
...     opt.step([np.array([1.0])])
>>> theta                                    # 1 - 0.1 - 0.1 - 0.05
array([0.75])

``step`` may be a whole number (the result is a float) or an array of whole numbers
(the result is a float64 array of the same shape, handy for plotting):

>>> exponential_decay(np.arange(4), lr0=1.0, gamma=0.5)
array([1.   , 0.5  , 0.25 , 0.125])

Schedules compose by hand, for example a linear warm-up followed by cosine annealing
(the cosine starts at step ``warmup_steps``):

>>> steps = np.arange(0, 21, 5)
>>> np.where(steps < 10,
...          linear_warmup(steps, lr0=1.0, warmup_steps=10),
...          cosine_annealing(np.maximum(steps - 10, 0), lr0=1.0, T_max=10))
array([0. , 0.5, 1. , 0.5, 0. ])
"""

import math

import numpy as np

from . import _reduce, _validate

__all__ = [
    "step_decay",
    "exponential_decay",
    "cosine_annealing",
    "cosine_warm_restarts",
    "linear_warmup",
]


def step_decay(step, lr0, step_size, gamma):
    r"""Multiply the learning rate by :math:`\gamma` every ``step_size`` steps.

    .. math::
        \eta_t = \eta_0\, \gamma^{\lfloor t / s \rfloor}

    As ``torch.optim.lr_scheduler.StepLR(optimizer, step_size, gamma)``.

    Parameters
    ----------
    step : int or array of int
        The step :math:`t \ge 0`.
    lr0 : float
        The initial learning rate :math:`\eta_0 \ge 0`.
    step_size : int
        The period :math:`s \ge 1`.
    gamma : float
        The factor :math:`\gamma > 0`. A :math:`\gamma > 1` (which PyTorch allows too) makes
        the rate grow without bound; where :math:`\eta_t` itself exceeds the largest float64
        it is held there rather than overflow (an overflowing :math:`\gamma^k` alone is not
        enough: ``lr0=1e-10, gamma=2.0`` at :math:`k = 1030` gives :math:`1.15 \times 10^{300}`).

    Returns
    -------
    float or numpy.ndarray
        :math:`\eta_t`, with the shape of ``step``.

    Examples
    --------
    >>> [step_decay(t, lr0=0.1, step_size=3, gamma=0.1) for t in (0, 2, 3, 6)]
    [0.1, 0.1, 0.01, 0.001]
    """
    t = _steps(step)
    lr0 = _validate.non_negative(lr0, "lr0")
    step_size = _validate.positive_int(step_size, "step_size")
    gamma = _validate.positive(gamma, "gamma")
    return _reduce.scalar_if_0d(_times_power(lr0, gamma, t // step_size))


def exponential_decay(step, lr0, gamma):
    r"""Multiply the learning rate by :math:`\gamma` at every step.

    .. math::
        \eta_t = \eta_0\, \gamma^{t}

    As ``torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma)``.

    Parameters
    ----------
    step : int or array of int
        The step :math:`t \ge 0`.
    lr0 : float
        The initial learning rate :math:`\eta_0 \ge 0`.
    gamma : float
        The factor :math:`\gamma > 0`. A :math:`\gamma > 1` (which PyTorch allows too) makes
        the rate grow without bound; where :math:`\eta_t` itself exceeds the largest float64
        it is held there rather than overflow (an overflowing :math:`\gamma^k` alone is not
        enough: ``lr0=1e-10, gamma=2.0`` at :math:`k = 1030` gives :math:`1.15 \times 10^{300}`).

    Returns
    -------
    float or numpy.ndarray
        :math:`\eta_t`, with the shape of ``step``.

    Examples
    --------
    >>> exponential_decay(2, lr0=0.1, gamma=0.9)
    0.081
    >>> exponential_decay(100_000, lr0=0.1, gamma=1.5)  # 0.1 * 1.5**100000 > 1.8e308
    1.7976931348623157e+308
    >>> float(f"{exponential_decay(1030, lr0=1e-10, gamma=2.0):.6g}")  # 2**1030 overflows alone
    1.15052e+300
    """
    t = _steps(step)
    lr0 = _validate.non_negative(lr0, "lr0")
    gamma = _validate.positive(gamma, "gamma")
    return _reduce.scalar_if_0d(_times_power(lr0, gamma, t))


def cosine_annealing(step, lr0, T_max, eta_min=0.0):
    r"""Half a cosine from ``lr0`` down to ``eta_min`` over ``T_max`` steps.

    .. math::
        \eta_t = \eta_\text{min} + \tfrac12 (\eta_0 - \eta_\text{min})
                 \left(1 + \cos\frac{\pi t}{T_\text{max}}\right)

    As the closed form of ``torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max,
    eta_min)`` (Loshchilov and Hutter, 2017, without restarts). The formula holds for every
    :math:`t`, **including** :math:`t > T_\text{max}`: the rate reaches ``eta_min`` at
    :math:`t = T_\text{max}` and then climbs back along the cosine, to ``lr0`` at
    :math:`2 T_\text{max}`, as PyTorch does. To stay at ``eta_min`` afterwards, pass
    ``np.minimum(step, T_max)``; to restart instead, see ``cosine_warm_restarts``.

    Parameters
    ----------
    step : int or array of int
        The step :math:`t \ge 0`.
    lr0 : float
        The initial (largest) learning rate :math:`\eta_0 \ge 0`.
    T_max : int
        The number of steps :math:`T_\text{max} \ge 1` to reach ``eta_min``.
    eta_min : float
        The smallest learning rate :math:`\eta_\text{min} \ge 0`.

    Returns
    -------
    float or numpy.ndarray
        :math:`\eta_t`, with the shape of ``step``.

    Examples
    --------
    >>> import numpy as np
    >>> cosine_annealing(np.array([0, 5, 10, 15, 20]), lr0=1.0, T_max=10, eta_min=0.1)
    array([1.  , 0.55, 0.1 , 0.55, 1.  ])
    """
    t = _steps(step)
    lr0 = _validate.non_negative(lr0, "lr0")
    T_max = _validate.positive_int(T_max, "T_max")
    eta_min = _validate.non_negative(eta_min, "eta_min")
    return _reduce.scalar_if_0d(eta_min + (lr0 - eta_min) * (1 + np.cos(math.pi * t / T_max)) / 2)


def cosine_warm_restarts(step, lr0, T_0, T_mult=1, eta_min=0.0):
    r"""Cosine annealing that restarts at ``lr0``, each cycle ``T_mult`` times longer (SGDR).

    .. math::
        \eta_t = \eta_\text{min} + \tfrac12 (\eta_0 - \eta_\text{min})
                 \left(1 + \cos\frac{\pi T_\text{cur}}{T_i}\right)

    where cycle :math:`i = 0, 1, \dots` lasts :math:`T_i = T_0 T_\text{mult}^i` steps and
    :math:`T_\text{cur}` counts the steps since the last restart. Restarts happen at
    :math:`t = T_0 (1 + T_\text{mult} + \dots + T_\text{mult}^{i-1})`, for example at 10,
    20, 30, … for ``T_0=10, T_mult=1`` and at 10, 30, 70, … for ``T_0=10, T_mult=2``,
    where the rate jumps from near ``eta_min`` back to ``lr0``.

    As ``torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(optimizer, T_0, T_mult,
    eta_min)`` stepped once per step (Loshchilov and Hutter, 2017). The cycle is found with
    integer arithmetic, so restarts land exactly; PyTorch's ``scheduler.step(epoch)``
    computes it with a floating-point logarithm, which can put an exact restart point in
    the previous cycle.

    Parameters
    ----------
    step : int or array of int
        The step :math:`t \ge 0`.
    lr0 : float
        The learning rate at each restart, :math:`\eta_0 \ge 0`.
    T_0 : int
        The length of the first cycle, :math:`T_0 \ge 1`.
    T_mult : int
        The growth factor of the cycle length, a whole number :math:`\ge 1`.
    eta_min : float
        The smallest learning rate :math:`\eta_\text{min} \ge 0`.

    Returns
    -------
    float or numpy.ndarray
        :math:`\eta_t`, with the shape of ``step``.

    Examples
    --------
    >>> import numpy as np
    >>> cosine_warm_restarts(np.array([0, 5, 10, 20, 30]), lr0=1.0, T_0=10, T_mult=2)
    array([1. , 0.5, 1. , 0.5, 1. ])
    """
    t = _steps(step)
    lr0 = _validate.non_negative(lr0, "lr0")
    T_0 = _validate.positive_int(T_0, "T_0")
    T_mult = _validate.positive_int(T_mult, "T_mult")
    eta_min = _validate.non_negative(eta_min, "eta_min")
    if T_mult == 1:
        T_cur, T_i = t % T_0, np.full_like(t, T_0)
    else:
        # Walk through the cycles (a few dozen at most: T_i grows geometrically).
        T_cur, T_i = t.copy(), np.full_like(t, T_0)
        while np.any(later := T_cur >= T_i):
            T_cur = np.where(later, T_cur - T_i, T_cur)
            T_i = np.where(later, T_i * T_mult, T_i)
    return _reduce.scalar_if_0d(eta_min + (lr0 - eta_min) * (1 + np.cos(math.pi * T_cur / T_i)) / 2)


def linear_warmup(step, lr0, warmup_steps, start_factor=0.0):
    r"""Ramp the learning rate linearly from ``start_factor * lr0`` to ``lr0``, then hold it.

    .. math::
        \eta_t = \eta_0 \left(f + (1 - f) \frac{\min(t, W)}{W}\right)

    As the closed form of ``torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=f,
    end_factor=1.0, total_iters=W)``, except that PyTorch requires :math:`f > 0` (and
    defaults to :math:`f = 1/3`) while here the default :math:`f = 0` starts from zero.
    To follow the warm-up with another schedule, see the example at the top of this module.

    Parameters
    ----------
    step : int or array of int
        The step :math:`t \ge 0`.
    lr0 : float
        The learning rate reached at the end of the warm-up, :math:`\eta_0 \ge 0`.
    warmup_steps : int
        The length :math:`W \ge 1` of the ramp; :math:`\eta_t = \eta_0` for :math:`t \ge W`.
    start_factor : float
        The fraction :math:`f \in [0, 1]` of ``lr0`` at step 0.

    Returns
    -------
    float or numpy.ndarray
        :math:`\eta_t`, with the shape of ``step``.

    Examples
    --------
    >>> [linear_warmup(t, lr0=0.1, warmup_steps=4) for t in (0, 1, 4, 9)]
    [0.0, 0.025, 0.1, 0.1]
    """
    t = _steps(step)
    lr0 = _validate.non_negative(lr0, "lr0")
    warmup_steps = _validate.positive_int(warmup_steps, "warmup_steps")
    start_factor = _validate.in_closed_unit(start_factor, "start_factor")
    return _reduce.scalar_if_0d(
        lr0 * (start_factor + (1.0 - start_factor) * np.minimum(warmup_steps, t) / warmup_steps)
    )


def _times_power(lr0, gamma, k):
    """``lr0 * gamma**k``, held at the largest float64 only where the product overflows.

    ``gamma**k`` alone can overflow (or underflow) where the product is representable, as
    ``1e-10 * 2.0**1030``; there the product is taken in log space instead.
    """
    if lr0 == 0:
        return np.zeros(np.shape(k))
    largest = np.finfo(np.float64).max
    with np.errstate(over="ignore", under="ignore"):
        power = gamma**k
        direct = lr0 * power
        log_rate = math.log(lr0) + k * math.log(gamma)
        via_logs = np.where(log_rate < math.log(largest), np.exp(log_rate), largest)
        power_is_normal = (power >= np.finfo(np.float64).tiny) & (power <= largest)
        return np.minimum(np.where(power_is_normal, direct, via_logs), largest)


def _steps(step):
    """``step`` as an int64 array of whole numbers >= 0 (0-d for a scalar)."""
    arr = np.asarray(step)
    if arr.dtype == bool or not (
        np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)
    ):
        raise ValueError(f"step (shape {arr.shape}) must hold whole numbers, got dtype {arr.dtype}")
    if np.issubdtype(arr.dtype, np.floating):
        bad = ~np.isfinite(arr) | (arr != np.round(arr))
        if bad.any():
            raise ValueError(
                f"step (shape {arr.shape}) must hold whole numbers, found {arr[bad].flat[0]!r}"
            )
    if arr.size and arr.min() < 0:
        raise ValueError(f"step (shape {arr.shape}) must be >= 0, found {arr.min()}")
    return arr.astype(np.int64)
