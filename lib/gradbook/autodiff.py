r"""Reverse-mode automatic differentiation on float64 NumPy arrays, readable in one sitting.

A :class:`Tensor` holds an array ``value``. Every operation on tensors returns a new tensor that
records its operands (``parents``) and its local backward rule, written beside its forward
value as in micrograd: a function that maps :math:`\bar y = \partial L/\partial y`, the gradient
at its output, to each operand's share :math:`\bar y\,\partial y/\partial x` (a vector-Jacobian
product). ``L.backward()`` visits the recorded graph in reverse topological order, so that a
node's gradient is complete, summed over all its uses, before it is passed on.

Broadcasting: an operand that NumPy stretched along an axis was used once per copy, so its
share is summed over that axis, back to the operand's shape.

A second ``backward()`` resets, it does not accumulate: each call first sets the ``grad`` of
every node of its graph to zero, so calling it twice leaves the same gradients, as
``gradbook.nn``'s ``backward`` does. PyTorch accumulates into the ``.grad`` of leaf tensors (so
training loops call ``zero_grad()``) and frees the values a graph saved for its backward pass, so
that a second call through them raises unless the first passed ``retain_graph=True``; micrograd
accumulates into every node, so a second call on the same graph counts gradients more than once.
To add two losses' gradients, call ``(L1 + L2).backward()``.

An operation whose result is not finite (``exp`` overflowing, ``log`` of 0, division by 0)
raises ``ValueError`` instead of warning, and ``backward()`` does so for a gradient that is not.
"""

import functools

import numpy as np

from gradbook import activations
from gradbook._validate import as_float

__all__ = ["Tensor"]


def _sum_to(grad, shape):
    """Sum ``grad`` over the axes that broadcasting added or stretched, back to ``shape``."""
    lead = grad.ndim - len(shape)
    stretched = tuple(lead + i for i, n in enumerate(shape) if n == 1)
    return grad.sum(axis=tuple(range(lead)) + stretched, keepdims=True).reshape(shape)


def _unreduce(grad, axis, keepdims, shape):
    """Spread the gradient of a reduction along ``axis`` back over the axes it reduced."""
    if axis is not None and not keepdims:
        grad = np.expand_dims(grad, axis)
    return np.broadcast_to(grad, shape)


def _op(method):
    """Run an operation with NumPy's warnings off, and refuse a result that is not finite."""

    @functools.wraps(method)
    def run(*args, **kwargs):
        with np.errstate(all="ignore"):
            out = method(*args, **kwargs)
        if not np.isfinite(out.value).all():
            shapes = " and ".join(str(parent.shape) for parent in out.parents)
            raise ValueError(
                f"{out.op} of shape(s) {shapes} gives NaN or inf "
                f"(an overflow, the log of x <= 0, a division by 0?)"
            )
        return out

    return run


class Tensor:
    r"""A node of a computational graph: a float64 array and, after ``backward()``, its gradient.

    Parameters
    ----------
    value : array-like
        Finite numbers, copied into a new float64 array.

    Attributes
    ----------
    value : numpy.ndarray
        The array (0-d for a scalar).
    grad : numpy.ndarray, shape of ``value``
        :math:`\partial L/\partial(\text{this tensor})` after ``L.backward()``; zeros before.
    parents : tuple of Tensor
        The operands it was computed from; empty for a leaf.
    op : str
        The operation that computed it; ``""`` for a leaf.

    Examples
    --------
    >>> x = Tensor([1.0, 2.0, 3.0])
    >>> L = (x * x).sum()  # x is used twice: the two shares add up to 2x
    >>> L.backward()
    >>> L.value, x.grad
    (array(14.), array([2., 4., 6.]))
    >>> b = Tensor(0.5)
    >>> y = (2 * b + x.reshape((3, 1))).tanh().mean()  # a number on either side of an operation
    >>> y.backward()
    >>> round(float(b.grad), 6)  # b was broadcast to all three rows: its shares are summed
    0.054572
    """

    __array_ufunc__ = None  # NumPy defers to Tensor's operators: array * Tensor is a Tensor

    def __init__(self, value):
        self.value = as_float(value, "value").copy()
        self.grad = np.zeros_like(self.value)
        self.parents, self.op, self._vjp = (), "", None

    @staticmethod
    def _node(value, op, parents, vjp):
        """The result of ``op``: ``vjp`` maps its gradient to one share per parent."""
        out = Tensor.__new__(Tensor)
        out.value = np.asarray(value, dtype=np.float64)
        out.grad = np.zeros_like(out.value)
        out.parents, out.op, out._vjp = parents, op, vjp
        return out

    @property
    def shape(self):
        return self.value.shape

    def __repr__(self):
        return np.array_repr(self.value).replace("array", "Tensor", 1)

    # Each operation: forward value, then its backward rule ``g -> shares`` (g = dL/d(result)).
    @_op
    def __add__(self, other):
        """x + y. Backward: g, g."""
        other = _lift(other)
        return self._node(self.value + other.value, "+", (self, other), lambda g: (g, g))

    @_op
    def __sub__(self, other):
        """x - y. Backward: g, -g."""
        other = _lift(other)
        return self._node(self.value - other.value, "-", (self, other), lambda g: (g, -g))

    @_op
    def __mul__(self, other):
        """x * y. Backward: g y, g x."""
        other = _lift(other)
        x, y = self.value, other.value
        return self._node(x * y, "*", (self, other), lambda g: (g * y, g * x))

    @_op
    def __truediv__(self, other):
        """x / y. Backward: g / y, -g x / y^2."""
        other = _lift(other)
        x, y = self.value, other.value
        return self._node(x / y, "/", (self, other), lambda g: (g / y, -g * x / y**2))

    @_op
    def __matmul__(self, other):
        """A @ B for 1-D or 2-D operands (a vector is a row on the left). Backward: g B^T, A^T g."""
        other = _lift(other)
        a, b = self.value, other.value
        if not (1 <= a.ndim <= 2 and 1 <= b.ndim <= 2) or a.shape[-1] != b.shape[0]:
            raise ValueError(
                f"@ needs 1-D or 2-D operands with matching inner sizes, got {a.shape} @ {b.shape}"
            )
        a2, b2 = a.reshape(-1, a.shape[-1]), b.reshape(b.shape[0], -1)

        def vjp(g):
            g = g.reshape(a2.shape[0], b2.shape[1])
            return (g @ b2.T).reshape(a.shape), (a2.T @ g).reshape(b.shape)

        return self._node(a @ b, "@", (self, other), vjp)

    @_op
    def __pow__(self, p):
        """x ** p for a number p. Backward: g p x^(p - 1)."""
        if isinstance(p, Tensor) or np.ndim(p) != 0:
            raise ValueError(
                f"the exponent must be a number, got {type(p).__name__} of shape {np.shape(p)}; "
                f"for a tensor exponent write (p * x.log()).exp()"
            )
        x, p = self.value, float(as_float(p, "exponent"))
        return self._node(x**p, f"**{p:g}", (self,), lambda g: (g * p * x ** (p - 1),))

    @_op
    def __neg__(self):
        """-x. Backward: -g."""
        return self._node(-self.value, "neg", (self,), lambda g: (-g,))

    __radd__, __rmul__ = __add__, __mul__  # a number on the left: 2 * x is x * 2

    def __rsub__(self, other):
        return _lift(other) - self

    def __rtruediv__(self, other):
        return _lift(other) / self

    def __rmatmul__(self, other):
        return _lift(other) @ self

    @_op
    def exp(self):
        """e^x. Backward: g e^x."""
        e = np.exp(self.value)
        return self._node(e, "exp", (self,), lambda g: (g * e,))

    @_op
    def log(self):
        """log x, natural. Backward: g / x."""
        x = self.value
        return self._node(np.log(x), "log", (self,), lambda g: (g / x,))

    @_op
    def tanh(self):
        """tanh x. Backward: g (1 - tanh^2 x), computed without cancellation."""
        x = self.value
        return self._node(np.tanh(x), "tanh", (self,), lambda g: (g * activations.tanh_grad(x),))

    @_op
    def sigmoid(self):
        """sigma(x) = 1 / (1 + e^-x), stably. Backward: g sigma(x) (1 - sigma(x))."""
        x = self.value
        s = activations.sigmoid(x)
        return self._node(s, "sigmoid", (self,), lambda g: (g * activations.sigmoid_grad(x),))

    @_op
    def relu(self):
        """max(x, 0). Backward: g 1[x > 0] (0 at the kink, as in PyTorch)."""
        x = self.value
        return self._node(np.maximum(x, 0.0), "relu", (self,), lambda g: (g * (x > 0),))

    @_op
    def sum(self, axis=None, keepdims=False):
        """The sum over ``axis`` (an int, a tuple, or None for all). Backward: g copied back.

        >>> x = Tensor([[1.0, 2.0], [3.0, 4.0]])
        >>> (x.sum(axis=0) * Tensor([1.0, 10.0])).sum().backward(); x.grad
        array([[ 1., 10.],
               [ 1., 10.]])
        """
        shape = self.shape
        total = self.value.sum(axis=axis, keepdims=keepdims)
        return self._node(total, "sum", (self,), lambda g: (_unreduce(g, axis, keepdims, shape),))

    def mean(self, axis=None):
        """The mean over ``axis``: ``sum(axis)`` times 1/n, so its backward rule is theirs."""
        if self.value.size == 0:
            raise ValueError(f"the mean of an empty tensor (shape {self.shape}) is undefined")
        total = self.sum(axis=axis)
        return total * (total.value.size / self.value.size)

    @_op
    def logsumexp(self, axis=-1, keepdims=False):
        """log sum_k e^(x_k) over ``axis``, stably. Backward: g softmax(x) along ``axis``.

        >>> z = Tensor([1000.0, 1000.0]); y = z.logsumexp(); y.backward()
        >>> y.value, z.grad  # 1000 + log 2, and softmax(z) = (1/2, 1/2)
        (array(1000.69314718), array([0.5, 0.5]))
        """
        x = self.value
        lse = activations.logsumexp(x, axis=axis, keepdims=keepdims)
        p = activations.softmax(x, axis=axis)
        return self._node(
            lse, "logsumexp", (self,), lambda g: (_unreduce(g, axis, keepdims, x.shape) * p,)
        )

    @property
    @_op
    def T(self):
        """The transpose, all axes reversed. Backward: g transposed."""
        return self._node(self.value.T, "T", (self,), lambda g: (g.T,))

    @_op
    def reshape(self, shape):
        """The same numbers in a new shape. Backward: g reshaped back."""
        old = self.shape
        return self._node(
            self.value.reshape(shape), "reshape", (self,), lambda g: (g.reshape(old),)
        )

    def topological_order(self):
        """Every node of this tensor's graph once, each after all the nodes it was computed from.

        A depth-first search with its own stack, so a graph of any depth fits.
        """
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, parents_done = stack.pop()
            if parents_done:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))  # popped again after all its parents
                stack.extend((parent, False) for parent in node.parents)
        return order

    def backward(self):
        """Fill the ``grad`` of every node of the graph with d(self)/d(node), by the chain rule.

        ``self`` must be a scalar (one element). Every ``grad`` of the graph is first replaced by
        a new array of zeros, so a second call gives the same gradients, not their sum.

        >>> w = Tensor([0.5, -1.0]); L = (w**2).sum()
        >>> L.backward(); L.backward(); w.grad  # the same after two calls, not doubled
        array([ 1., -2.])
        """
        if self.value.size != 1:
            raise ValueError(
                f"backward() starts from a scalar, got a tensor of shape {self.shape}; "
                f"reduce it first, for example with .sum() or .mean()"
            )
        order = self.topological_order()
        for node in order:
            node.grad = np.zeros_like(node.value)
        self.grad = np.ones_like(self.value)
        with np.errstate(all="ignore"):
            for node in reversed(order):  # every use of a node comes before it in this order
                shares = node._vjp(node.grad) if node.parents else ()
                for parent, share in zip(node.parents, shares, strict=True):
                    parent.grad += _sum_to(np.asarray(share), parent.shape)
                    if not np.isfinite(parent.grad).all():
                        raise ValueError(
                            f"the backward rule of {node.op} gives NaN or inf for its operand of "
                            f"shape {parent.shape} (an infinite derivative, as of x ** 0.5 at 0?)"
                        )


def _lift(x):
    """A Tensor as it is; a number or an array as a new leaf (a constant)."""
    return x if isinstance(x, Tensor) else Tensor(x)
