r"""Reverse-mode automatic differentiation on float64 NumPy arrays, readable in one sitting.

As in micrograd, every operation on a :class:`Tensor` records its forward value, its operands
(``parents``) and its backward rule: from :math:`\bar y = \partial \ell/\partial y` to each
operand's share :math:`\bar y\,\partial y/\partial x` (a vector-Jacobian product), summed back
over any axis that broadcasting stretched. ``backward()`` visits the graph in reverse
topological order, so that a node's gradient is complete, summed over all its uses, before it
is passed on. Each ``backward()`` first resets the gradients of its own graph: it does not
accumulate them. A result or a gradient that is not finite raises ``ValueError``, not a warning.
"""

import functools

import numpy as np

from gradbook import activations as act
from gradbook._validate import as_float

__all__ = ["Tensor"]


def _sum_to(grad, shape):
    """Sum ``grad`` over the axes that broadcasting added or stretched, back to ``shape``."""
    lead = grad.ndim - len(shape)
    stretched = tuple(lead + i for i, n in enumerate(shape) if n == 1)
    return grad.sum(axis=tuple(range(lead)) + stretched, keepdims=True).reshape(shape)


def _unreduce(grad, axis, keepdims, shape):
    """Copy the gradient of a reduction along ``axis`` back over the axes it reduced."""
    return np.broadcast_to(grad if axis is None or keepdims else np.expand_dims(grad, axis), shape)


def _op(method):
    """Run an operation with NumPy's warnings off, name it in NumPy's ValueError, refuse inf/NaN."""

    @functools.wraps(method)
    def run(*args, **kwargs):
        try:
            with np.errstate(all="ignore"):
                out = method(*args, **kwargs)
        except ValueError as err:  # NumPy's message names neither the operation nor the operands
            operands = args if method.__name__.startswith("__") else args[:1]  # x op y, or x.f(...)
            shapes = " and ".join(str(np.shape(getattr(a, "value", a))) for a in operands)
            raise ValueError(f"{method.__name__.strip('_')} of shape(s) {shapes}: {err}") from None
        if not np.isfinite(out.value).all():
            shapes = " and ".join(str(parent.shape) for parent in out.parents)
            raise ValueError(f"{out.op} of shape(s) {shapes} gives NaN or inf (overflow, log 0?)")
        return out

    return run


def _swap(op):
    """``y op x``, for a number or an array ``y`` on the left of a Tensor ``x``."""
    return lambda x, y: op(_lift(y), x)


def _elementwise(f, df, doc):
    """The method ``f(x)``, elementwise, whose backward rule is g -> g f'(x) with f' = ``df``."""

    def method(self):
        x = self.value  # the one array the rule reads
        return Tensor(f(x), (self,), f.__name__, lambda g: (g * df(x),))

    method.__name__, method.__qualname__, method.__doc__ = f.__name__, f"Tensor.{f.__name__}", doc
    return _op(method)


class Tensor:
    r"""A node of a computational graph: a float64 array and, after ``backward()``, its gradient.

    Parameters
    ----------
    value : array-like
        Finite numbers, copied into the float64 array ``value`` (0-d for a scalar).
    parents, op, vjp : tuple of Tensor, str, callable
        Set by the operations, not by users: the operands, the operation, the backward rule.

    Attributes
    ----------
    grad : numpy.ndarray of the shape of ``value``, or None
        :math:`\partial \ell/\partial(\text{this tensor})` after ``loss.backward()``, else None.

    Examples
    --------
    >>> x, b = Tensor([1.0, 2.0, 3.0]), Tensor(0.5)
    >>> loss = (x * x + 2 * b).sum()  # x is used twice, b is broadcast to x's three entries
    >>> loss.backward(); x.grad, float(b.grad)  # x's two shares add up to 2x, b's three are summed
    (array([2., 4., 6.]), 6.0)
    """

    __array_ufunc__ = None  # NumPy defers to Tensor's operators: array * Tensor is a Tensor

    def __init__(self, value, parents=(), op="", vjp=None):
        # a leaf: checked and copied here; a result: checked by _op, may share memory (T, reshape)
        self.value = np.asarray(value, np.float64) if parents else as_float(value, "value").copy()
        self.grad, self.parents, self.op, self._vjp = None, parents, op, vjp

    shape = property(lambda self: self.value.shape)

    def __repr__(self):
        return np.array_repr(self.value).replace("array", "Tensor", 1)

    # Each operation: forward value, then its backward rule ``g -> shares`` (g = dl/d(result)).
    # A rule keeps, through its closure, only the arrays it reads: + and - keep none.
    @_op
    def __add__(self, other):
        """x + y. Backward: g, g."""
        other = _lift(other)
        return Tensor(self.value + other.value, (self, other), "+", lambda g: (g, g))

    @_op
    def __sub__(self, other):
        """x - y. Backward: g, -g."""
        other = _lift(other)
        return Tensor(self.value - other.value, (self, other), "-", lambda g: (g, -g))

    @_op
    def __mul__(self, other):
        """x * y. Backward: g y, g x."""
        other = _lift(other)
        x, y = self.value, other.value
        return Tensor(x * y, (self, other), "*", lambda g: (g * y, g * x))

    @_op
    def __truediv__(self, other):
        """x / y. Backward: g / y, -g (x / y) / y (not x / y^2, which underflows for tiny y)."""
        other = _lift(other)
        q, y = self.value / other.value, other.value
        return Tensor(q, (self, other), "/", lambda g: (g / y, -g * q / y))

    @_op
    def __matmul__(self, other):
        """A @ B for 1-D or 2-D operands (a vector is a row on the left). Backward: g B^T, A^T g."""
        other = _lift(other)
        a, b = self.value, other.value
        if not (1 <= a.ndim <= 2 and 1 <= b.ndim <= 2) or a.shape[-1] != b.shape[0]:
            raise ValueError("@ needs 1-D or 2-D operands with matching inner sizes")
        a2, b2 = a.reshape(-1, a.shape[-1]), b.reshape(b.shape[0], -1)

        def vjp(g):
            g = g.reshape(a2.shape[0], b2.shape[1])
            return (g @ b2.T).reshape(a.shape), (a2.T @ g).reshape(b.shape)

        return Tensor(a @ b, (self, other), "@", vjp)

    @_op
    def __pow__(self, p):
        """x ** p for a number p. Backward: g p x^(p - 1), and 0 for p = 0 (even at x = 0)."""
        if isinstance(p, Tensor) or np.ndim(p) != 0:
            raise ValueError(f"p must be a number, not {type(p).__name__} of shape {np.shape(p)}")
        x, p = self.value, float(as_float(p, "exponent"))
        return Tensor(x**p, (self,), f"**{p:g}", lambda g: (g * p * x ** (p - 1) if p else 0 * g,))

    __radd__, __rmul__ = __add__, __mul__  # a number on the left: 2 * x is x * 2
    __rsub__, __rtruediv__, __rmatmul__ = _swap(__sub__), _swap(__truediv__), _swap(__matmul__)

    # Elementwise: the function f, then its derivative f' (the library's accurate ones).
    __neg__ = _elementwise(np.negative, lambda x: -1.0, "-x. Backward: -g.")
    exp = _elementwise(np.exp, np.exp, "e^x. Backward: g e^x.")
    log = _elementwise(np.log, np.reciprocal, "log x, natural. Backward: g / x.")
    tanh = _elementwise(act.tanh, act.tanh_grad, "tanh x. Backward: g (1 - tanh^2 x).")
    sigmoid = _elementwise(act.sigmoid, act.sigmoid_grad, "1 / (1 + e^-x). Backward: g s (1 - s).")
    relu = _elementwise(act.relu, act.relu_grad, "max(x, 0). Backward: g 1[x > 0].")

    @_op
    def sum(self, axis=None, keepdims=False):
        """The sum over ``axis`` (an int, a tuple, or None for all). Backward: g copied back."""
        shape = self.shape
        total = self.value.sum(axis=axis, keepdims=keepdims)
        return Tensor(total, (self,), "sum", lambda g: (_unreduce(g, axis, keepdims, shape),))

    def mean(self, axis=None):
        """The mean over ``axis``: ``sum(axis)`` times 1/n, so its backward rule is theirs."""
        if self.value.size == 0:
            raise ValueError(f"the mean of an empty tensor (shape {self.shape}) is undefined")
        total = self.sum(axis=axis)
        return total * (total.value.size / self.value.size)

    @_op
    def logsumexp(self, axis=-1, keepdims=False):
        """log sum_k e^(x_k) over ``axis``, stably. Backward: g softmax(x) along ``axis``.

        >>> Tensor([1000.0, 1000.0]).logsumexp()  # 1000 + log 2, with no overflow
        Tensor(1000.69314718)
        """
        x, shape = self.value, self.shape
        y = act.logsumexp(x, axis=axis, keepdims=keepdims)
        p = act.softmax(x, axis=axis)  # the one array the rule reads
        return Tensor(y, (self,), "logsumexp", lambda g: (_unreduce(g, axis, keepdims, shape) * p,))

    @property
    @_op
    def T(self):
        """The transpose, all axes reversed. Backward: g transposed."""
        return Tensor(self.value.T, (self,), "T", lambda g: (g.T,))

    @_op
    def reshape(self, shape):
        """The same numbers in a new shape. Backward: g reshaped back."""
        old, value = self.shape, self.value.reshape(shape)
        return Tensor(value, (self,), "reshape", lambda g: (g.reshape(old),))

    def topological_order(self):
        """Every node of this graph once, each after its parents (a stack, so any depth fits)."""
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, parents_done = stack.pop()
            if parents_done:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack += [(node, True)] + [(parent, False) for parent in node.parents]
        return order

    def backward(self):
        """Set the ``grad`` of every node of this graph to d(self)/d(node), by the chain rule.

        ``self`` must be a scalar. Each call first resets the gradients of this graph's nodes (other
        graphs keep theirs), so a second call gives the same gradients. micrograd adds them; PyTorch
        raises if the graph saved values (most do) unless the first had ``retain_graph=True``, and
        otherwise adds into the leaves. To sum two losses' gradients: ``(l1 + l2).backward()``.

        >>> w = Tensor([0.5, -1.0]); loss = (w**2).sum()
        >>> loss.backward(); loss.backward(); w.grad  # the same after two calls, not doubled
        array([ 1., -2.])
        """
        if self.value.size != 1:
            raise ValueError(f"backward() starts from a scalar, got shape {self.shape}: try .sum()")
        order = self.topological_order()
        for node in order:
            node.grad = None  # allocated at its first share: a reset costs nothing
        self.grad = np.ones_like(self.value)
        with np.errstate(all="ignore"):
            for node in reversed(order):  # every use of a node comes before it in this order
                shares = node._vjp(node.grad) if node.parents else ()
                for parent, share in zip(node.parents, shares, strict=True):
                    share = _sum_to(np.asarray(share), parent.shape)  # a new array
                    parent.grad = share if parent.grad is None else parent.grad + share
                    if not np.isfinite(parent.grad).all():
                        raise ValueError(
                            f"the backward rule of {node.op} gives NaN or inf for its operand of "
                            f"shape {parent.shape} (an infinite derivative, as of x**0.5 at 0?)"
                        )


def _lift(x):
    """A Tensor as it is; a number or an array as a new leaf (a constant)."""
    return x if isinstance(x, Tensor) else Tensor(x)
