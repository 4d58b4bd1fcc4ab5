r"""Layers for backpropagation, each with its forward and backward pass side by side.

Every layer maps a batch ``x`` of shape ``(N, features)`` to an output and has

- ``forward(x)``: computes the output and caches what the backward pass needs;
- ``backward(grad_out)``: takes :math:`G = \partial L / \partial \text{output}` (the shape of
  the last output), stores the gradients of the layer's parameters and returns
  :math:`\partial L / \partial x` (the shape of ``x``);
- ``params()`` and ``grads()``: lists of the parameter arrays and of their gradient arrays,
  in the same order (empty for a layer without parameters).

Conventions:

- **Strictly 2-D input**, ``(batch, features)``, float64 throughout. A single example is a
  batch of one: ``x.reshape(1, -1)``.
- **Gradients are sums over the batch**: they are the gradient of whatever scalar :math:`L`
  produced ``grad_out``. The :math:`1/N` of a mean loss arrives through ``grad_out``, as it does
  from ``gradbook.losses.*_grad`` with ``reduction="mean"``.
- **backward overwrites**: calling it twice with the same ``grad_out`` leaves the same
  gradients, never their sum (there is no ``zero_grad``).
- **In place, so lists stay live**: ``backward`` writes into the existing ``dW`` and ``db``
  arrays, and an optimizer updates the arrays of ``params()`` in place, so the lists taken once
  before a training loop (``opt = SGD(net.params(), lr)``; ``opt.step(net.grads())``) stay the
  network's own arrays.
- **Private caches**: ``forward`` keeps its own copy of what ``backward`` needs, so changing
  ``x`` or the returned array afterwards cannot change the gradients.
"""

import numbers

import numpy as np

from . import _validate
from .activations import sigmoid, sigmoid_grad, tanh, tanh_grad

__all__ = ["Layer", "Dense", "Sigmoid", "Tanh", "ReLU", "Sequential"]


def _generator(rng):
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or (isinstance(rng, numbers.Integral) and not isinstance(rng, bool)):
        return np.random.default_rng(rng)
    raise ValueError(f"rng must be a numpy.random.Generator, an int seed or None, got {rng!r}")


def _batch(x, layer):
    """Check a layer's input: finite, float64, 2-D (batch, features)."""
    x = _validate.as_float(x, "x")
    if x.ndim != 2:
        raise ValueError(
            f"x has shape {x.shape} but {layer!r} expects a 2-D batch of shape (batch, features); "
            f"make a single example a batch of one with x.reshape(1, -1)"
        )
    return x


def _grad_out(grad_out, out_shape, layer):
    """Check ``grad_out`` against the shape of the layer's last output (None: no forward yet)."""
    if out_shape is None:
        raise ValueError(f"{layer!r}: backward called before forward; call forward(x) first")
    grad_out = _validate.as_float(grad_out, "grad_out")
    if grad_out.shape != out_shape:
        raise ValueError(
            f"grad_out has shape {grad_out.shape} but the last forward output of {layer!r} "
            f"had shape {out_shape}; they must match"
        )
    return grad_out


class Layer:
    """Base class of the layers: no parameters, and a ``repr`` that is just the class name.

    A layer of your own needs ``forward(x)`` and ``backward(grad_out)``; subclass this to
    inherit empty ``params()`` and ``grads()``.
    """

    def forward(self, x):
        raise NotImplementedError

    def backward(self, grad_out):
        raise NotImplementedError

    def params(self):
        return []

    def grads(self):
        return []

    def __repr__(self):
        return f"{type(self).__name__}()"


class Dense(Layer):
    r"""Fully connected (affine) layer.

    .. math::
        Z = X W + b, \qquad
        \frac{\partial L}{\partial W} = X^\top G, \quad
        \frac{\partial L}{\partial b} = \sum_{n=1}^{N} G_{n,:}, \quad
        \frac{\partial L}{\partial X} = G W^\top

    where :math:`G = \partial L / \partial Z`. Weight :math:`W_{ij}` goes from input
    :math:`i` to unit :math:`j` (the seeds' :math:`w_{ij}`).

    Shape: ``x`` is ``(N, n_in)``, the output and ``grad_out`` are ``(N, n_out)``.

    Parameters
    ----------
    n_in, n_out : int
        Number of input features and of output units (positive integers).
    rng : numpy.random.Generator, int or None
        Source of the initial weights: a generator (used, so its state advances), a seed,
        or None for fresh entropy.

    Attributes
    ----------
    W : numpy.ndarray, shape (n_in, n_out)
        Weights, initialised Glorot (Xavier) uniform: :math:`W_{ij} \sim U(-a, a)` with
        :math:`a = \sqrt{6 / (n_\text{in} + n_\text{out})}`, which keeps the variance of
        activations and gradients about constant from layer to layer for tanh and sigmoid
        (Glorot and Bengio, 2010).
    b : numpy.ndarray, shape (n_out,)
        Biases, initialised to zero.
    dW, db : numpy.ndarray
        Gradients from the last ``backward`` (zeros before), overwritten in place.

    ``W`` and ``b`` may be set by hand (``layer.W = ...``, any array-like); ``forward`` checks
    their shapes and, if needed, converts them to float64 arrays. Assigning rebinds the
    attribute, so take ``params()`` again afterwards, or write in place (``layer.W[...] = ...``)
    to keep the arrays an optimizer already holds. ``backward`` uses the current ``W``.

    Examples
    --------
    >>> import numpy as np
    >>> layer = Dense(2, 1, rng=0)
    >>> layer.W = np.array([[0.7], [0.5]]); layer.b = np.array([0.3])
    >>> layer.forward(np.array([[1.0, 2.0], [0.0, 0.0]]))
    array([[2. ],
           [0.3]])
    >>> layer.backward(np.array([[1.0], [1.0]]))  # dL/dx for L = sum of the outputs
    array([[0.7, 0.5],
           [0.7, 0.5]])
    >>> layer.dW, layer.db
    (array([[1.], [2.]]), array([2.]))
    """

    def __init__(self, n_in, n_out, rng=None):
        self.n_in = _validate.positive_int(n_in, "n_in")
        self.n_out = _validate.positive_int(n_out, "n_out")
        limit = np.sqrt(6.0 / (self.n_in + self.n_out))
        self.W = _generator(rng).uniform(-limit, limit, size=(self.n_in, self.n_out))
        self.b = np.zeros(self.n_out)
        self.dW = np.zeros((self.n_in, self.n_out))
        self.db = np.zeros(self.n_out)
        self._x = None

    def forward(self, x):
        x = _batch(x, self)
        if x.shape[1] != self.n_in:
            raise ValueError(f"x has shape {x.shape} but {self!r} expects n_in={self.n_in} columns")
        self._check_params("W", "b")
        self._x = x.copy()
        return x @ self.W + self.b

    def backward(self, grad_out):
        g = _grad_out(grad_out, None if self._x is None else (len(self._x), self.n_out), self)
        self._check_params("W")  # b plays no part in the backward pass
        self.dW[...] = self._x.T @ g  # into the existing arrays: a list from grads() stays current
        self.db[...] = g.sum(axis=0)
        return g @ self.W.T

    def params(self):
        return [self.W, self.b]

    def grads(self):
        return [self.dW, self.db]

    def _check_params(self, *names):
        """Check the named parameters: finite, of the right shape; convert a hand-set array-like."""
        for name in names:
            value = getattr(self, name)
            shape = (self.n_in, self.n_out) if name == "W" else (self.n_out,)
            array = _validate.as_float(value, name)
            if array.shape != shape:
                raise ValueError(
                    f"{name} has shape {array.shape} but {self!r} needs {name} of shape {shape}"
                )
            if array is not value:
                setattr(self, name, array)

    def __repr__(self):
        return f"Dense({self.n_in}, {self.n_out})"


class Sigmoid(Layer):
    r"""Logistic sigmoid, elementwise.

    .. math::
        \sigma(z) = \frac{1}{1 + e^{-z}}, \qquad
        \frac{\partial L}{\partial z} = G \odot \sigma'(z), \quad
        \sigma'(z) = \sigma(z)\,(1 - \sigma(z))

    Both come from :mod:`gradbook.activations`: :func:`~gradbook.activations.sigmoid` is
    computed stably (:math:`e^{-|z|}` only), so ``z = ±1000`` gives exactly 1 and 0, and
    :func:`~gradbook.activations.sigmoid_grad` keeps full relative accuracy where
    :math:`\sigma` saturates (``s * (1 - s)`` gives 0 from :math:`z \approx 37`). So
    ``forward`` keeps its input :math:`z` for the backward pass.

    Examples
    --------
    >>> import numpy as np
    >>> layer = Sigmoid()
    >>> layer.forward(np.array([[0.0, 1000.0, -1000.0]]))
    array([[0.5, 1. , 0. ]])
    >>> layer.backward(np.ones((1, 3)))  # sigma'(0) = 1/4
    array([[0.25, 0.  , 0.  ]])
    """

    def __init__(self):
        self._z = None

    def forward(self, x):
        self._z = _batch(x, self).copy()
        return sigmoid(self._z)

    def backward(self, grad_out):
        g = _grad_out(grad_out, None if self._z is None else self._z.shape, self)
        return g * sigmoid_grad(self._z)


class Tanh(Layer):
    r"""Hyperbolic tangent, elementwise.

    .. math::
        \frac{\partial L}{\partial z} = G \odot \tanh'(z), \qquad \tanh'(z) = 1 - \tanh^2 z

    Both come from :mod:`gradbook.activations`; :func:`~gradbook.activations.tanh_grad` keeps
    full relative accuracy where tanh saturates (``1 - t**2`` gives 0 from :math:`|z| \approx 19`).
    So ``forward`` keeps its input :math:`z` for the backward pass.

    Examples
    --------
    >>> import numpy as np
    >>> layer = Tanh()
    >>> layer.forward(np.array([[0.0, 0.5]]))
    array([[0.     , 0.46211716]])
    >>> layer.backward(np.ones((1, 2)))
    array([[1.        , 0.78644773]])
    """

    def __init__(self):
        self._z = None

    def forward(self, x):
        self._z = _batch(x, self).copy()
        return tanh(self._z)

    def backward(self, grad_out):
        g = _grad_out(grad_out, None if self._z is None else self._z.shape, self)
        return g * tanh_grad(self._z)


class ReLU(Layer):
    r"""Rectified linear unit, elementwise.

    .. math::
        \operatorname{relu}(z) = \max(z, 0), \qquad
        \frac{\partial L}{\partial z} = G \odot \mathbb{1}[z > 0]

    The derivative at exactly 0 is taken to be 0 (a subgradient, as in PyTorch).

    Examples
    --------
    >>> import numpy as np
    >>> layer = ReLU()
    >>> layer.forward(np.array([[-2.0, 0.0, 3.0]]))
    array([[0., 0., 3.]])
    >>> layer.backward(np.array([[5.0, 5.0, 5.0]]))
    array([[0., 0., 5.]])
    """

    def __init__(self):
        self._positive = None

    def forward(self, x):
        x = _batch(x, self)
        self._positive = x > 0
        return np.maximum(x, 0.0)  # as np.where(self._positive, x, 0.0), faster; -0.0 gives 0.0

    def backward(self, grad_out):
        g = _grad_out(grad_out, None if self._positive is None else self._positive.shape, self)
        return np.where(self._positive, g, 0.0)


_WIDTH_PRESERVING = (Sigmoid, Tanh, ReLU)


def _check_chain(layers):
    """Refuse non-layers, a layer used twice, and consecutive Dense layers whose widths differ."""
    if not layers:
        raise ValueError("Sequential needs at least one layer, got none")
    width = None  # features flowing between layers, when known
    for i, layer in enumerate(layers):
        methods = ("forward", "backward", "params", "grads")
        missing = ", ".join(m for m in methods if not callable(getattr(layer, m, None)))
        if missing:
            hint = "; pass layers as separate arguments" if isinstance(layer, (list, tuple)) else ""
            raise ValueError(
                f"layers[{i}] ({type(layer).__name__}) is not a layer: it lacks {missing}{hint}"
            )
        if any(layer is other for other in layers[:i]):
            raise ValueError(
                f"layers[{i}] ({layer!r}) appears twice; create a new instance for each place"
            )
        if isinstance(layer, Dense):
            if width is not None and layer.n_in != width:
                raise ValueError(
                    f"layers[{i}] is {layer!r} with n_in={layer.n_in}, "
                    f"but the layers before it output {width} features"
                )
            width = layer.n_out
        elif not isinstance(layer, _WIDTH_PRESERVING):
            width = None


class Sequential(Layer):
    r"""A chain of layers: ``forward`` runs them in order, ``backward`` in reverse.

    .. math::
        f = f_K \circ \dots \circ f_1, \qquad
        \frac{\partial L}{\partial x} = J_{f_1}^\top \cdots J_{f_K}^\top G

    ``params()`` and ``grads()`` list each layer's arrays in layer order (``W``, ``b`` of each
    ``Dense``), as the network's own arrays: update ``params()`` in place to train it.

    Parameters
    ----------
    *layers
        At least one layer, each passed once (a layer caches its last input, so one instance
        cannot sit at two places in the chain). Widths of consecutive ``Dense`` layers are
        checked here.

    Examples
    --------
    The seeds' 2-2-1 worked example (sigmoid everywhere, binary cross-entropy, y = 1):

    >>> import numpy as np
    >>> net = Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1), Sigmoid())
    >>> net
    Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1), Sigmoid())
    >>> hidden, output = net.layers[0], net.layers[2]
    >>> hidden.W = np.array([[0.2, 0.3], [0.4, 0.1]]); hidden.b = np.array([0.1, 0.2])
    >>> output.W = np.array([[0.7], [0.5]]); output.b = np.array([0.3])
    >>> y_hat = net.forward(np.array([[1.0, 0.0]]))
    >>> y_hat
    array([[0.733673]])
    >>> dx = net.backward(-1.0 / y_hat)  # dL/dy_hat of L = -log(y_hat)
    >>> [g.round(6) for g in net.grads()]
    [array([[-0.045574, -0.031294], [ 0.      ,  0.      ]]), array([-0.045574, -0.031294]),
     array([[-0.152989], [-0.165778]]), array([-0.266327])]
    """

    def __init__(self, *layers):
        _check_chain(layers)
        self.layers = tuple(layers)

    def forward(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, grad_out):
        for layer in reversed(self.layers):
            grad_out = layer.backward(grad_out)
        return grad_out

    def params(self):
        return [p for layer in self.layers for p in layer.params()]

    def grads(self):
        return [g for layer in self.layers for g in layer.grads()]

    def __repr__(self):
        return f"Sequential({', '.join(repr(layer) for layer in self.layers)})"
