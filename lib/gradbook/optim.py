r"""Optimizers: SGD (with momentum and Nesterov), AdaGrad, RMSprop, Adam and AdamW (with
AMSGrad); gradient clipping by norm and by value.

Each optimizer holds a list of float64 NumPy arrays (the parameters
:math:`\theta`) and updates them **in place** when given their gradients:

>>> import numpy as np
>>> theta = np.array([1.0, -2.0])
>>> opt = SGD([theta], lr=0.1)
>>> for _ in range(3):
...     opt.step([2 * theta])        # the gradient of ||θ||²
>>> theta                            # (1 - 0.2)³ θ₀
array([ 0.512, -1.024])

The update rules, the order of their floating-point operations and the defaults
are those of ``torch.optim`` (its readable single-tensor path, ``_single_tensor_adam``
and its siblings), so that a reader gets the same numbers as PyTorch step by step, to
within a rounding error or two. Each rule is written as its formula, updating the
optimizer's state and the parameters in place.
``opt.lr`` is a plain attribute: change it between steps (for example from a
``gradbook.schedules`` function) and the next step uses it. ``opt.t`` counts the
steps taken (the :math:`t` of Adam's bias correction); ``opt.params`` is the list
of arrays being updated.
"""

import numpy as np

from . import _validate

__all__ = ["SGD", "Adagrad", "RMSprop", "Adam", "AdamW", "clip_grad_norm", "clip_grad_value"]


class Optimizer:
    """The shared part: checks the parameters, the gradients and ``lr``, counts steps.

    A subclass implements ``_update(i, theta, g, lr)``, which updates the parameter
    ``theta = self.params[i]`` in place given its (checked) gradient ``g``.

    Attributes
    ----------
    params : list of numpy.ndarray
        The parameters, updated in place.
    lr : float
        The learning rate of the next step; may be changed between steps.
    t : int
        The number of steps taken so far (PyTorch's per-parameter ``step``: here
        every parameter is updated at every step, so one counter serves them all).
    """

    def __init__(self, params, lr):
        self.params = _check_params(params)
        self.lr = _validate.non_negative(lr, "lr")
        self.t = 0

    def step(self, grads):
        """Update every parameter in place from its gradient, given in the order of ``params``.

        All the gradients are checked before any parameter changes.
        """
        lr = _validate.non_negative(self.lr, "lr")
        grads = self._check_grads(grads)
        self.t += 1
        for i, (theta, g) in enumerate(zip(self.params, grads, strict=True)):
            self._update(i, theta, g, lr)

    def _update(self, i, theta, g, lr):
        raise NotImplementedError

    def _check_grads(self, grads):
        if not isinstance(grads, (list, tuple)) or len(grads) != len(self.params):
            got = (
                f"{len(grads)} gradients"
                if isinstance(grads, (list, tuple))
                else type(grads).__name__
            )
            raise ValueError(
                f"grads must be a list of {len(self.params)} arrays, one per parameter, got {got}"
            )
        checked = []
        for i, (theta, g) in enumerate(zip(self.params, grads, strict=True)):
            g = _validate.as_float(g, f"grads[{i}]")
            if g.shape != theta.shape:
                raise ValueError(
                    f"grads[{i}] has shape {g.shape} but params[{i}] has shape {theta.shape}"
                )
            checked.append(g)
        return checked

    def __repr__(self):
        shapes = ", ".join(str(p.shape) for p in self.params)
        return f"{type(self).__name__}(lr={self.lr!r}, t={self.t}, params=[{shapes}])"


def _check_params(params):
    """A non-empty list of distinct, writeable, finite float64 arrays."""
    if not isinstance(params, (list, tuple)) or len(params) == 0:
        raise ValueError(
            f"params must be a non-empty list of float64 numpy arrays, got {type(params).__name__}"
            + (" of length 0" if isinstance(params, (list, tuple)) else "")
        )
    for i, p in enumerate(params):
        if not isinstance(p, np.ndarray) or p.dtype != np.float64:
            what = f"dtype {p.dtype}" if isinstance(p, np.ndarray) else type(p).__name__
            raise ValueError(
                f"params[{i}] (shape {np.shape(p)}) must be a float64 numpy array, got {what}: "
                "the optimizer updates it in place, so convert it first, e.g. "
                "np.asarray(p, dtype=np.float64)"
            )
        if not p.flags.writeable:
            raise ValueError(
                f"params[{i}] (shape {p.shape}) must be writeable: it is updated in place"
            )
        _validate.as_float(p, f"params[{i}]")
        if any(p is q for q in params[:i]):
            raise ValueError(f"params[{i}] (shape {p.shape}) appears more than once in params")
    return list(params)


class SGD(Optimizer):
    r"""Stochastic gradient descent, with optional momentum, Nesterov momentum and L2 weight decay.

    With weight decay :math:`\lambda`, momentum :math:`\beta` and learning rate :math:`\eta`,
    at step :math:`t = 1, 2, \dots` with gradient :math:`g_t`:

    .. math::
        g_t &\leftarrow g_t + \lambda \theta_{t-1} \\
        b_t &= \begin{cases} g_t & t = 1 \\ \beta b_{t-1} + g_t & t > 1 \end{cases} \\
        d_t &= \begin{cases} g_t + \beta b_t & \text{Nesterov} \\
            b_t & \text{otherwise} \end{cases} \\
        \theta_t &= \theta_{t-1} - \eta\, d_t

    With ``momentum=0`` this is plain gradient descent, :math:`\theta_t = \theta_{t-1} - \eta g_t`.
    The first buffer is the gradient itself (not :math:`(1-\beta) g_1`): this is PyTorch's
    convention, ``torch.optim.SGD`` with ``dampening=0``, and it is the same as starting
    from :math:`b_0 = 0`. Note that the learning rate multiplies the whole buffer, so
    changing ``lr`` rescales the velocity too (unlike the formulation
    :math:`v_t = \beta v_{t-1} - \eta g_t` of Sutskever et al., 2013).

    Parameters
    ----------
    params : list of numpy.ndarray
        Float64 arrays, updated in place.
    lr : float
        The learning rate :math:`\eta \ge 0`.
    momentum : float
        :math:`\beta \in [0, 1)`.
    nesterov : bool
        Use Nesterov's look-ahead :math:`g_t + \beta b_t`; needs ``momentum > 0``.
    weight_decay : float
        :math:`\lambda \ge 0`, an L2 penalty :math:`\tfrac{\lambda}{2}\lVert\theta\rVert^2`
        added to the loss (through its gradient).

    Attributes
    ----------
    buf : list
        The momentum buffers :math:`b_t`, one per parameter (``None`` before the first step).

    Examples
    --------
    >>> import numpy as np
    >>> theta = np.array([1.0])
    >>> opt = SGD([theta], lr=0.1, momentum=0.9)
    >>> opt.step([np.array([1.0])]); theta     # b = 1
    array([0.9])
    >>> opt.step([np.array([1.0])]); theta     # b = 0.9 * 1 + 1 = 1.9
    array([0.71])
    """

    def __init__(self, params, lr, momentum=0.0, nesterov=False, weight_decay=0.0):
        super().__init__(params, lr)
        self.momentum = _validate.in_half_open_unit(momentum, "momentum")
        self.weight_decay = _validate.non_negative(weight_decay, "weight_decay")
        if nesterov and self.momentum == 0.0:
            raise ValueError("nesterov=True requires momentum > 0, got momentum=0.0")
        self.nesterov = bool(nesterov)
        self.buf = [None] * len(self.params)

    def _update(self, i, theta, g, lr):
        if self.weight_decay != 0.0:
            g = g + self.weight_decay * theta
        if self.momentum != 0.0:
            if self.buf[i] is None:
                self.buf[i] = g.copy()
            else:
                self.buf[i] *= self.momentum
                self.buf[i] += g
            g = g + self.momentum * self.buf[i] if self.nesterov else self.buf[i]
        theta -= lr * g


class Adagrad(Optimizer):
    r"""AdaGrad: a per-coordinate step that shrinks with the sum of past squared gradients.

    .. math::
        s_t &= s_{t-1} + g_t^2, \qquad s_0 = 0 \\
        \theta_t &= \theta_{t-1} - \frac{\eta\, g_t}{\sqrt{s_t} + \epsilon}

    (squares, roots and divisions elementwise). As ``torch.optim.Adagrad`` with its defaults
    ``lr_decay=0``, ``weight_decay=0``, ``initial_accumulator_value=0`` (Duchi et al., 2011).
    Since :math:`s_t` only grows, the effective step :math:`\eta / \sqrt{s_t}` only shrinks.

    Parameters
    ----------
    params : list of numpy.ndarray
        Float64 arrays, updated in place.
    lr : float
        The learning rate :math:`\eta \ge 0`.
    eps : float
        :math:`\epsilon > 0`, added to the root to keep the division finite.

    Attributes
    ----------
    sum_sq : list of numpy.ndarray
        The sums :math:`s_t`, one per parameter.

    Examples
    --------
    The first step moves every coordinate by :math:`\eta` (times the sign of its gradient):

    >>> import numpy as np
    >>> theta = np.array([1.0, 1.0])
    >>> opt = Adagrad([theta], lr=0.5)
    >>> opt.step([np.array([4.0, -0.01])]); theta
    array([0.5, 1.5])
    """

    def __init__(self, params, lr=0.01, eps=1e-10):
        super().__init__(params, lr)
        self.eps = _validate.positive(eps, "eps")
        self.sum_sq = [np.zeros_like(p) for p in self.params]

    def _update(self, i, theta, g, lr):
        s = self.sum_sq[i]
        s += g * g
        theta -= lr * g / (np.sqrt(s) + self.eps)


class RMSprop(Optimizer):
    r"""RMSprop: divide the step by a running root-mean-square of recent gradients.

    .. math::
        v_t &= \alpha v_{t-1} + (1 - \alpha) g_t^2, \qquad v_0 = 0 \\
        \theta_t &= \theta_{t-1} - \frac{\eta\, g_t}{\sqrt{v_t} + \epsilon}

    As ``torch.optim.RMSprop`` with its defaults ``momentum=0``, ``centered=False``,
    ``weight_decay=0`` (Hinton's lecture 6e, 2012). Unlike AdaGrad, old gradients are
    forgotten at the rate :math:`\alpha`, so the step does not shrink for ever.
    There is no bias correction: the first steps are larger than later ones
    (:math:`v_1 = (1-\alpha) g_1^2`, so the first step is :math:`\eta / \sqrt{1 - \alpha}`).

    Parameters
    ----------
    params : list of numpy.ndarray
        Float64 arrays, updated in place.
    lr : float
        The learning rate :math:`\eta \ge 0`.
    alpha : float
        The smoothing constant :math:`\alpha \in [0, 1)`.
    eps : float
        :math:`\epsilon > 0`.

    Attributes
    ----------
    sq_avg : list of numpy.ndarray
        The running averages :math:`v_t`, one per parameter.

    Examples
    --------
    >>> import numpy as np
    >>> theta = np.array([1.0])
    >>> opt = RMSprop([theta], lr=0.01, alpha=0.99)
    >>> opt.step([np.array([3.0])]); theta    # 1 - 0.01 / sqrt(0.01)
    array([0.9])
    """

    def __init__(self, params, lr=0.01, alpha=0.99, eps=1e-8):
        super().__init__(params, lr)
        self.alpha = _validate.in_half_open_unit(alpha, "alpha")
        self.eps = _validate.positive(eps, "eps")
        self.sq_avg = [np.zeros_like(p) for p in self.params]

    def _update(self, i, theta, g, lr):
        v, alpha = self.sq_avg[i], self.alpha
        v *= alpha
        v += (1 - alpha) * g * g
        theta -= lr * g / (np.sqrt(v) + self.eps)


class Adam(Optimizer):
    r"""Adam: momentum on the gradient, RMSprop on its square, both bias-corrected.

    With optional L2 weight decay :math:`\lambda` added to the gradient:

    .. math::
        g_t &\leftarrow g_t + \lambda \theta_{t-1} \\
        m_t &= \beta_1 m_{t-1} + (1 - \beta_1) g_t, \qquad m_0 = 0 \\
        v_t &= \beta_2 v_{t-1} + (1 - \beta_2) g_t^2, \qquad v_0 = 0 \\
        \hat m_t &= \frac{m_t}{1 - \beta_1^t}, \qquad \hat v_t = \frac{v_t}{1 - \beta_2^t} \\
        \theta_t &= \theta_{t-1} - \frac{\eta\, \hat m_t}{\sqrt{\hat v_t} + \epsilon}

    As ``torch.optim.Adam`` (Kingma and Ba, 2015). The last line is
    computed in PyTorch's order, :math:`\theta_t = \theta_{t-1} - \frac{\eta}{1-\beta_1^t}
    \, m_t / \bigl(\sqrt{v_t} / \sqrt{1-\beta_2^t} + \epsilon\bigr)`, which is the same
    number up to rounding. The bias corrections undo the pull of :math:`m_0 = v_0 = 0`
    towards zero: at :math:`t = 1`, :math:`\hat m_1 = g_1` and :math:`\hat v_1 = g_1^2`, so the
    first step is :math:`-\eta\, \operatorname{sign}(g_1)` whatever the size of :math:`g_1`
    (up to :math:`\epsilon`).

    With ``weight_decay > 0`` the decay goes through :math:`\hat v_t` and is weakened where
    gradients are large; :class:`AdamW` decouples it (Loshchilov and Hutter, 2019).

    With ``amsgrad=True`` (Reddi, Kale and Kumar, 2018) the denominator uses the largest
    raw second moment :math:`v_t` so far:

    .. math::
        v^{\max}_t &= \max(v^{\max}_{t-1}, v_t), \qquad v^{\max}_0 = 0 \\
        \theta_t &= \theta_{t-1}
        - \frac{\eta\, \hat m_t}{\sqrt{v^{\max}_t / (1 - \beta_2^t)} + \epsilon}

    as ``torch.optim.Adam(..., amsgrad=True)``: the maximum is taken over the raw
    :math:`v_t` and then bias-corrected (the paper's algorithm has no bias corrections).
    Because the correction :math:`1/(1 - \beta_2^t)` is applied after the maximum and falls
    towards 1, the denominator is not monotone: during the first :math:`\sim 1/(1 - \beta_2)`
    steps it shrinks, so a large gradient met then is partly forgotten (a single gradient
    :math:`g` at step 1 with :math:`\beta_2 = 0.999` leaves the squared denominator at
    :math:`g^2` at step 1 but about :math:`g^2/632` at step 1000). After that transient a
    large gradient is kept.

    Parameters
    ----------
    params : list of numpy.ndarray
        Float64 arrays, updated in place.
    lr : float
        The learning rate :math:`\eta \ge 0`.
    betas : tuple of float
        :math:`(\beta_1, \beta_2)`, each in :math:`[0, 1)`.
    eps : float
        :math:`\epsilon > 0`.
    weight_decay : float
        :math:`\lambda \ge 0`, an L2 penalty added to the gradient.
    amsgrad : bool
        Divide by the running maximum of :math:`v_t` (AMSGrad) instead of :math:`v_t`.

    Attributes
    ----------
    m : list of numpy.ndarray
        The first moments :math:`m_t`, one per parameter.
    v : list of numpy.ndarray
        The second moments :math:`v_t`, one per parameter.
    v_max : list of numpy.ndarray or None
        With ``amsgrad=True``, the running maxima :math:`v^{\max}_t`, one per parameter;
        otherwise ``None``.

    Examples
    --------
    >>> import numpy as np
    >>> theta = np.array([1.0, 1.0])
    >>> opt = Adam([theta], lr=0.1)
    >>> opt.step([np.array([1e4, -1.0])]); theta   # each coordinate moves by lr
    array([0.9, 1.1])

    With AMSGrad a large gradient keeps the later steps small (``betas=(0, 0.5)``: no
    momentum, a short memory). After a gradient of 4, a gradient of 1 moves Adam by
    :math:`0.1 / \sqrt{4.5 / 0.75} = 0.0408` but AMSGrad by :math:`0.1 / \sqrt{8 / 0.75} = 0.0306`;
    as Adam forgets the 4 its steps grow towards 0.1, while AMSGrad's stay small:

    >>> for amsgrad in (False, True):
    ...     theta = np.array([0.0])
    ...     opt = Adam([theta], lr=0.1, betas=(0.0, 0.5), amsgrad=amsgrad)
    ...     moved = []
    ...     for g in (4.0, 1.0, 1.0, 1.0):
    ...         before = theta[0]
    ...         opt.step([np.array([g])])
    ...         moved.append(round(float(before - theta[0]), 4))
    ...     print(moved)
    [0.1, 0.0408, 0.0564, 0.0707]
    [0.1, 0.0306, 0.0331, 0.0342]
    """

    _decoupled = False

    def __init__(
        self, params, lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, amsgrad=False
    ):
        super().__init__(params, lr)
        if not isinstance(betas, (tuple, list)) or len(betas) != 2:
            raise ValueError(f"betas must be a pair (beta1, beta2), got {betas!r}")
        self.betas = (
            _validate.in_half_open_unit(betas[0], "betas[0]"),
            _validate.in_half_open_unit(betas[1], "betas[1]"),
        )
        self.eps = _validate.positive(eps, "eps")
        self.weight_decay = _validate.non_negative(weight_decay, "weight_decay")
        if not isinstance(amsgrad, (bool, np.bool_)):
            raise ValueError(f"amsgrad must be True or False, got {amsgrad!r}")
        self.amsgrad = bool(amsgrad)
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]
        self.v_max = [np.zeros_like(p) for p in self.params] if self.amsgrad else None

    def _update(self, i, theta, g, lr):
        (beta1, beta2), m, v, t = self.betas, self.m[i], self.v[i], self.t
        if self.weight_decay != 0.0:
            if self._decoupled:
                theta *= 1 - lr * self.weight_decay
            else:
                g = g + self.weight_decay * theta
        m += (1 - beta1) * (g - m)  # = beta1 m + (1 - beta1) g, as PyTorch's lerp
        v *= beta2
        v += (1 - beta2) * g * g
        bias_correction1 = 1 - beta1**t
        bias_correction2 = 1 - beta2**t
        if self.amsgrad:
            np.maximum(self.v_max[i], v, out=self.v_max[i])  # the largest v so far
        denom = np.sqrt(self.v_max[i] if self.amsgrad else v) / bias_correction2**0.5 + self.eps
        theta -= lr / bias_correction1 * m / denom


class AdamW(Adam):
    r"""AdamW: Adam with decoupled weight decay, applied to the parameters before the Adam step.

    .. math::
        \theta' &= (1 - \eta \lambda)\, \theta_{t-1} \\
        \theta_t &= \theta' - \frac{\eta\, \hat m_t}{\sqrt{\hat v_t} + \epsilon}

    with :math:`m_t, v_t, \hat m_t, \hat v_t` as in :class:`Adam` computed from the plain
    gradient :math:`g_t` (no :math:`\lambda\theta` added). As ``torch.optim.AdamW``
    (Loshchilov and Hutter, 2019), whose default is ``weight_decay=0.01``. Every weight
    shrinks by the same factor whatever its gradient history, whereas Adam's L2 term is
    divided by :math:`\sqrt{\hat v_t}` like the rest of the gradient. Since the decay is
    multiplied by ``lr``, a learning-rate schedule scales it too.

    Parameters
    ----------
    params : list of numpy.ndarray
        Float64 arrays, updated in place.
    lr : float
        The learning rate :math:`\eta \ge 0`.
    betas : tuple of float
        :math:`(\beta_1, \beta_2)`, each in :math:`[0, 1)`.
    eps : float
        :math:`\epsilon > 0`.
    weight_decay : float
        :math:`\lambda \ge 0`, the decoupled decay rate.
    amsgrad : bool
        Divide by the running maximum of :math:`v_t`, as in :class:`Adam`.

    Examples
    --------
    With a zero gradient Adam's step is zero, so only the decay acts:

    >>> import numpy as np
    >>> theta = np.array([2.0])
    >>> opt = AdamW([theta], lr=0.1, weight_decay=0.5)
    >>> opt.step([np.array([0.0])]); theta      # 2 * (1 - 0.1 * 0.5)
    array([1.9])
    """

    _decoupled = True

    def __init__(
        self, params, lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01, amsgrad=False
    ):
        super().__init__(
            params, lr, betas=betas, eps=eps, weight_decay=weight_decay, amsgrad=amsgrad
        )


# ---------------------------------------------------------------- gradient clipping


def _check_grads_list(grads):
    """A non-empty list of writeable, finite float64 arrays (clipping changes them in place)."""
    if not isinstance(grads, (list, tuple)) or len(grads) == 0:
        got = f"{type(grads).__name__}" + (
            " of length 0" if isinstance(grads, (list, tuple)) else ""
        )
        raise ValueError(
            f"grads must be a non-empty list of float64 numpy arrays (wrap a single array in a "
            f"list), got {got}"
        )
    for i, g in enumerate(grads):
        if not isinstance(g, np.ndarray) or g.dtype != np.float64:
            what = f"dtype {g.dtype}" if isinstance(g, np.ndarray) else type(g).__name__
            raise ValueError(
                f"grads[{i}] (shape {np.shape(g)}) must be a float64 numpy array, got {what}: "
                "it is clipped in place"
            )
        if not g.flags.writeable:
            raise ValueError(
                f"grads[{i}] (shape {g.shape}) must be writeable: it is clipped in place"
            )
        _validate.all_finite(g, f"grads[{i}]")
    return list(grads)


def _threshold(value, name):
    """A number >= 0 (inf allowed: no clipping), as a float."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a non-negative number, got {value!r}") from None
    if not value >= 0:  # refuses NaN too
        raise ValueError(f"{name} must be non-negative, got {value!r}")
    return value


def clip_grad_norm(grads, max_norm):
    r"""Scale the gradients in place so that their total 2-norm is at most ``max_norm``.

    The norm is taken over all the arrays together, as if they were one vector, so the
    direction of the whole update is kept and only its length is capped:

    .. math::
        \lVert g\rVert = \Bigl(\sum_i \lVert g_i \rVert^2\Bigr)^{1/2}, \qquad
        g_i \leftarrow g_i \min\Bigl(1, \frac{c}{\lVert g\rVert + 10^{-6}}\Bigr)

    with :math:`c` = ``max_norm``. As ``torch.nn.utils.clip_grad_norm_`` (its ``1e-6`` keeps
    the division finite; the gradients are left alone when the norm is at most about
    :math:`c`), with two deliberate differences:

    - when the sum of squares overflows or underflows (a total norm beyond about
      :math:`10^{154}` or below about :math:`10^{-154}`), the norm is computed after dividing
      by the largest entry, so it is still right: gradients of norm :math:`5 \cdot 10^{200}`
      are scaled to norm :math:`c`, where PyTorch returns ``inf`` and sets them to zero, and a
      norm of :math:`5 \cdot 10^{-200}` is returned as such, where PyTorch returns 0;
    - a NaN or inf in the gradients raises ``ValueError``, where PyTorch's default
      ``error_if_nonfinite=False`` proceeds (and returns a NaN or inf norm).

    Call it between computing the gradients and ``opt.step(grads)``.

    Parameters
    ----------
    grads : list of numpy.ndarray
        Float64 arrays of any shapes, finite, changed in place.
    max_norm : float
        :math:`c \ge 0`; ``numpy.inf`` measures the norm without clipping.

    Returns
    -------
    float
        The total norm :math:`\lVert g\rVert` *before* clipping (worth logging).

    Examples
    --------
    >>> import numpy as np
    >>> grads = [np.array([3.0]), np.array([[4.0, 0.0]])]   # total norm 5
    >>> clip_grad_norm(grads, max_norm=1.0)
    5.0
    >>> np.round(grads[0], 6), np.round(grads[1], 6)        # 1/5 of each, to 1e-6
    (array([0.6]), array([[0.8, 0. ]]))
    """
    grads = _check_grads_list(grads)
    max_norm = _threshold(max_norm, "max_norm")
    with np.errstate(over="ignore", under="ignore"):  # the norms of the norms, as PyTorch
        total = float(np.linalg.norm([np.linalg.norm(g.ravel()) for g in grads]))
    if not 0.0 < total < np.inf and any(g.any() for g in grads):
        # the squares overflowed or underflowed: divide by the largest entry first
        scale = max(float(np.abs(g).max()) for g in grads if g.size)
        total = scale * float(np.linalg.norm([np.linalg.norm((g / scale).ravel()) for g in grads]))
    coef = max_norm / (total + 1e-6)
    if coef < 1.0:
        for g in grads:
            g *= coef
    return total


def clip_grad_value(grads, clip_value):
    r"""Clip every entry of the gradients in place to :math:`[-c, c]`.

    .. math::
        g_j \leftarrow \min(\max(g_j, -c), c)

    with :math:`c` = ``clip_value``. As ``torch.nn.utils.clip_grad_value_``. Each entry is
    clipped on its own, so unlike :func:`clip_grad_norm` this changes the direction of the
    update (each entry keeps its sign, so the update still points downhill to first order).

    Parameters
    ----------
    grads : list of numpy.ndarray
        Float64 arrays of any shapes, finite, changed in place.
    clip_value : float
        :math:`c \ge 0`.

    Returns
    -------
    None

    Examples
    --------
    >>> import numpy as np
    >>> grads = [np.array([100.0, -0.5, -3.0])]
    >>> clip_grad_value(grads, clip_value=1.0)
    >>> grads[0]
    array([ 1. , -0.5, -1. ])
    """
    grads = _check_grads_list(grads)
    clip_value = _threshold(clip_value, "clip_value")
    for g in grads:
        np.clip(g, -clip_value, clip_value, out=g)
