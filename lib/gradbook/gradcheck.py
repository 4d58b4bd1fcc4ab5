"""Gradient checking: central finite differences and a relative error.

Backpropagation is easy to get subtly wrong; a numerical gradient is slow but
hard to get wrong. Comparing the two is the standard test of a backward pass
(LeCun et al., *Efficient BackProp*, 1998).
"""

import numpy as np

__all__ = ["numerical_grad", "relative_error"]


def numerical_grad(f, x, h=1e-6):
    r"""Gradient of a scalar function by central differences.

    .. math::
        \frac{\partial f}{\partial x_i} \approx \frac{f(x + h e_i) - f(x - h e_i)}{2h}

    The error is :math:`O(h^2)` from truncation plus :math:`O(\epsilon_\text{mach} / h)`
    from rounding, which is why ``h = 1e-6`` suits float64.

    Parameters
    ----------
    f : callable
        Takes no argument and returns a scalar; it must read ``x`` (for example a
        closure over a layer's weights), because ``x`` is perturbed **in place**
        one entry at a time and restored afterwards.
    x : numpy.ndarray
        A writeable float64 array.
    h : float
        The step.

    Returns
    -------
    numpy.ndarray
        The estimated gradient, with the shape of ``x``.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.array([1.0, -2.0, 3.0])
    >>> np.round(numerical_grad(lambda: np.sum(x ** 2), x), 6)  # exact: 2x
    array([ 2., -4.,  6.])
    """
    if not isinstance(x, np.ndarray) or x.dtype != np.float64 or not x.flags.writeable:
        got = f"{type(x).__name__} with shape {np.shape(x)}"
        if isinstance(x, np.ndarray):
            got += f", dtype {x.dtype}" + ("" if x.flags.writeable else ", read-only")
        raise ValueError(f"x must be a writeable float64 numpy array that f reads, got {got}")
    if not np.isfinite(h) or h <= 0:
        raise ValueError(f"h must be positive and finite, got {h!r}")
    grad = np.zeros_like(x)
    flat_x, flat_g = x.reshape(-1), grad.reshape(-1)  # views; refused below if a copy
    if not np.shares_memory(flat_x, x):
        raise ValueError(f"x (shape {x.shape}) must be contiguous so it can be perturbed in place")
    for i in range(flat_x.size):
        saved = flat_x[i]
        flat_x[i] = saved + h
        f_plus = float(f())
        flat_x[i] = saved - h
        f_minus = float(f())
        flat_x[i] = saved
        flat_g[i] = (f_plus - f_minus) / (2.0 * h)
    return grad


def relative_error(a, b):
    r"""Relative error between two gradients.

    .. math::
        \operatorname{rel}(a, b)
            = \frac{\lVert a - b \rVert_2}{\max(\lVert a \rVert_2, \lVert b \rVert_2)}

    with ``0`` when both are zero. Values near ``1e-10`` mean agreement to rounding, and
    ``1e-7`` is the pass mark for float64: anything above it is a bug until explained. A
    bug need not give a large value, because the norms dilute a wrong entry: one of 1000
    equal entries 10 % off gives ``3.2e-3`` (example below), one of a million ``1e-4``. A
    kink within ``h`` of the checked point, such as ReLU's at 0, can also push it up.

    Parameters
    ----------
    a, b : array_like
        The two gradients (backprop and numerical), of the same shape.

    Returns
    -------
    float
        The relative error, in ``[0, 2]``.

    Examples
    --------
    >>> relative_error([1.0, 2.0], [1.0, 2.0])
    0.0
    >>> round(relative_error([1.0, 0.0], [0.0, 1.0]), 4)
    1.4142
    >>> wrong = np.ones(1000)
    >>> wrong[0] = 1.1                       # one entry of 1000 off by 10 %
    >>> round(relative_error(wrong, np.ones(1000)), 5)
    0.00316
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"a and b must have the same shape, got {a.shape} and {b.shape}")
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    if scale == 0.0:
        return 0.0
    return float(np.linalg.norm(a - b) / scale)
