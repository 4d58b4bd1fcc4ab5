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
- **Modes**: every layer starts in training mode; ``eval()`` switches it to evaluation mode and
  ``train()`` back (both return the layer, and a ``Sequential``'s reach all its layers). Only
  ``BatchNorm1d`` and ``Dropout`` behave differently in the two; ``backward`` follows the mode
  of the last ``forward``.
"""

import numbers

import numpy as np

from . import _validate
from .activations import sigmoid, sigmoid_grad, tanh, tanh_grad

__all__ = [
    "Layer",
    "Dense",
    "Sigmoid",
    "Tanh",
    "ReLU",
    "Sequential",
    "LayerNorm",
    "BatchNorm1d",
    "Dropout",
]


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
    inherit empty ``params()`` and ``grads()``, and ``train()`` and ``eval()``.
    """

    training = True  # the mode; train() and eval() set it on the instance

    def forward(self, x):
        raise NotImplementedError

    def backward(self, grad_out):
        raise NotImplementedError

    def params(self):
        return []

    def grads(self):
        return []

    def train(self):
        """Switch to training mode (``training = True``), the mode a new layer starts in."""
        self.training = True
        return self

    def eval(self):
        """Switch to evaluation mode (``training = False``): no dropout, running statistics."""
        self.training = False
        return self

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
        elif isinstance(layer, (LayerNorm, BatchNorm1d)):
            if width is not None and layer.n_features != width:
                raise ValueError(
                    f"layers[{i}] is {layer!r} with n_features={layer.n_features}, "
                    f"but the layers before it output {width} features"
                )
            width = layer.n_features
        elif not isinstance(layer, (*_WIDTH_PRESERVING, Dropout)):
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

    def train(self):
        """Training mode for the network and each layer in it (layers without modes are skipped)."""
        for layer in self.layers:
            if callable(getattr(layer, "train", None)):
                layer.train()
        return super().train()

    def eval(self):
        """Evaluation mode for the network and each layer in it (layers without modes: skipped)."""
        for layer in self.layers:
            if callable(getattr(layer, "eval", None)):
                layer.eval()
        return super().eval()

    def __repr__(self):
        return f"Sequential({', '.join(repr(layer) for layer in self.layers)})"


# --- keeping gradients alive: normalisation and dropout ----------------------------------

_MAX_ABS = 1e150  # a margin below the overflow of a normalisation's sum of squared deviations


def _real(value, name):
    """A finite real number (not a bool) as a float."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:  # an int beyond float64
            number = np.inf
        if np.isfinite(number):
            return number
    raise ValueError(f"{name} must be a finite real number, got {value!r}")


def _standardise(x, axis, eps):
    r"""``(x - mean) / sqrt(var + eps)`` along ``axis``, and the factor ``1 / sqrt(var + eps)``.

    The variance is the biased one (divided by the count), as in Ioffe and Szegedy (2015).
    """
    mean = x.mean(axis=axis, keepdims=True)
    var = x.var(axis=axis, keepdims=True)
    inv_std = 1.0 / np.sqrt(var + eps)
    return (x - mean) * inv_std, inv_std


def _standardise_backward(g_hat, x_hat, inv_std, axis):
    r"""Backward pass of :func:`_standardise`: :math:`\partial L/\partial x` from
    :math:`\hat G = \partial L/\partial \hat x`, with means taken along ``axis``.

    .. math::
        \frac{\partial L}{\partial x} = \frac{1}{\sqrt{\sigma^2 + \epsilon}}
        \Bigl(\hat G - \operatorname{mean}(\hat G)
        - \hat x \odot \operatorname{mean}(\hat G \odot \hat x)\Bigr)
    """
    mean_g = g_hat.mean(axis=axis, keepdims=True)
    mean_gx = (g_hat * x_hat).mean(axis=axis, keepdims=True)
    return inv_std * (g_hat - mean_g - x_hat * mean_gx)


class _Normalisation(Layer):
    """What LayerNorm and BatchNorm1d share: sizes, the scale and shift, their checks."""

    _STATE = ("gamma", "beta")  # the arrays forward checks (BatchNorm1d adds its buffers)

    def __init__(self, n_features, eps):
        self.n_features = _validate.positive_int(n_features, "n_features")
        self.eps = _real(eps, "eps")
        if self.eps <= 0:
            raise ValueError(
                f"eps must be positive (it keeps 1/sqrt(var + eps) finite), got {eps!r}"
            )
        self.gamma = np.ones(self.n_features)
        self.beta = np.zeros(self.n_features)
        self.dgamma = np.zeros(self.n_features)
        self.dbeta = np.zeros(self.n_features)
        self._cache = None

    def params(self):
        return [self.gamma, self.beta]

    def grads(self):
        return [self.dgamma, self.dbeta]

    def _input(self, x):
        """Check ``x`` (2-D, n_features columns, not too large to square) and the parameters."""
        x = _batch(x, self)
        if x.shape[1] != self.n_features:
            raise ValueError(
                f"x has shape {x.shape} but {self!r} expects n_features={self.n_features} columns"
            )
        if x.size and np.abs(x).max() > _MAX_ABS:
            raise ValueError(
                f"x (shape {x.shape}) holds values up to {np.abs(x).max():.3g}; {self!r} squares "
                f"deviations from the mean, which overflow float64 beyond {_MAX_ABS:g}: rescale x"
            )
        self._check_params(*self._STATE)
        return x

    def _scale_and_shift_backward(self, grad_out):
        """Store dgamma and dbeta (in place) and return dL/dx_hat = grad_out * gamma."""
        g = _grad_out(grad_out, None if self._cache is None else self._cache[0].shape, self)
        self._check_params("gamma")  # beta plays no part in the backward pass
        self.dgamma[...] = np.sum(g * self._cache[0], axis=0)
        self.dbeta[...] = np.sum(g, axis=0)
        return g * self.gamma

    def _check_params(self, *names):
        """Check the named arrays: finite, of shape (n_features,); convert a hand-set array-like."""
        for name in names:
            value = getattr(self, name)
            array = _validate.as_float(value, name)
            if array.shape != (self.n_features,):
                raise ValueError(
                    f"{name} has shape {array.shape} but {self!r} needs {name} of shape "
                    f"({self.n_features},)"
                )
            if array is not value:
                setattr(self, name, array)

    def __repr__(self):
        extra = "" if self.eps == 1e-5 else f", eps={self.eps:g}"
        return f"{type(self).__name__}({self.n_features}{extra})"


class LayerNorm(_Normalisation):
    r"""Layer normalisation: each example standardised over its features, then scaled and shifted.

    .. math::
        \bar x_i = \frac{1}{n}\sum_{j=1}^{n} x_{ij}, \quad
        \sigma_i^2 = \frac{1}{n}\sum_{j=1}^{n} (x_{ij} - \bar x_i)^2, \quad
        \hat x_{ij} = \frac{x_{ij} - \bar x_i}{\sqrt{\sigma_i^2 + \epsilon}}, \quad
        y_{ij} = \gamma_j \hat x_{ij} + \beta_j

    and, with :math:`G = \partial L/\partial y` and :math:`\hat G = G \odot \gamma`,

    .. math::
        \frac{\partial L}{\partial \gamma} = \sum_{i} G_{i,:} \odot \hat x_{i,:}, \quad
        \frac{\partial L}{\partial \beta} = \sum_{i} G_{i,:}, \quad
        \frac{\partial L}{\partial x_{ij}} = \frac{1}{\sqrt{\sigma_i^2 + \epsilon}}
        \Bigl(\hat G_{ij} - \frac{1}{n}\sum_k \hat G_{ik}
        - \hat x_{ij}\,\frac{1}{n}\sum_k \hat G_{ik}\hat x_{ik}\Bigr)

    Each row is normalised on its own (Ba, Kiros and Hinton, 2016), so the layer behaves the
    same in training and evaluation and works on a batch of one. As ``torch.nn.LayerNorm``:
    biased variance, :math:`\epsilon` inside the root, ``gamma`` and ``beta`` are PyTorch's
    ``weight`` and ``bias``.

    Inputs beyond :math:`|x| = 10^{150}` are refused with a ``ValueError``: the sum of their
    squared deviations could overflow float64. Divide such an ``x`` by a constant :math:`s`
    first, which gives the :math:`\hat x` of ``x`` with :math:`\epsilon s^2` for :math:`\epsilon`;
    pass ``eps / s**2`` to get exactly the :math:`\hat x` of ``x`` with ``eps``.

    Shape: ``x``, the output and ``grad_out`` are ``(N, n_features)``.

    Parameters
    ----------
    n_features : int
        Number of features :math:`n` of each example (a positive integer).
    eps : float
        Added to the variance, positive; default ``1e-5`` (PyTorch's).

    Attributes
    ----------
    gamma, beta : numpy.ndarray, shape (n_features,)
        Scale (initialised to ones) and shift (zeros); ``params()`` is ``[gamma, beta]``.
    dgamma, dbeta : numpy.ndarray
        Their gradients from the last ``backward``, overwritten in place.

    Examples
    --------
    >>> import numpy as np
    >>> layer = LayerNorm(3)
    >>> y = layer.forward(np.array([[1.0, 2.0, 3.0], [10.0, 10.0, 40.0]]))
    >>> y.round(4)  # each row: mean 0, variance 1 (up to eps)
    array([[-1.2247,  0.    ,  1.2247],
           [-0.7071, -0.7071,  1.4142]])
    >>> layer.backward(np.ones((2, 3)))  # a shift of every feature changes nothing
    array([[0., 0., 0.],
           [0., 0., 0.]])
    >>> layer.dbeta
    array([2., 2., 2.])
    """

    def __init__(self, n_features, eps=1e-5):
        super().__init__(n_features, eps)

    def forward(self, x):
        x_hat, inv_std = _standardise(self._input(x), axis=1, eps=self.eps)
        self._cache = (x_hat, inv_std)
        return self.gamma * x_hat + self.beta

    def backward(self, grad_out):
        g_hat = self._scale_and_shift_backward(grad_out)
        x_hat, inv_std = self._cache
        return _standardise_backward(g_hat, x_hat, inv_std, axis=1)


class BatchNorm1d(_Normalisation):
    r"""Batch normalisation: each feature standardised over the batch, then scaled and shifted.

    In training mode, with the batch's mean and (biased) variance of feature :math:`j`,

    .. math::
        \bar x_j = \frac{1}{N}\sum_{i=1}^{N} x_{ij}, \quad
        \sigma_j^2 = \frac{1}{N}\sum_{i=1}^{N} (x_{ij} - \bar x_j)^2, \quad
        \hat x_{ij} = \frac{x_{ij} - \bar x_j}{\sqrt{\sigma_j^2 + \epsilon}}, \quad
        y_{ij} = \gamma_j \hat x_{ij} + \beta_j

    and the running statistics move towards the batch's, with the *unbiased* variance:

    .. math::
        m_j \leftarrow (1 - \rho)\, m_j + \rho\, \bar x_j, \qquad
        v_j \leftarrow (1 - \rho)\, v_j + \rho\, \frac{N}{N - 1}\,\sigma_j^2

    (:math:`\rho` is ``momentum``). In evaluation mode the running statistics replace the
    batch's, :math:`\hat x_{ij} = (x_{ij} - m_j)/\sqrt{v_j + \epsilon}`, so each example's output
    depends on it alone. The backward pass, with :math:`G = \partial L/\partial y` and
    :math:`\hat G = G \odot \gamma`, is in training mode (Ioffe and Szegedy, 2015)

    .. math::
        \frac{\partial L}{\partial \gamma} = \sum_{i} G_{i,:} \odot \hat x_{i,:}, \quad
        \frac{\partial L}{\partial \beta} = \sum_{i} G_{i,:}, \quad
        \frac{\partial L}{\partial x_{ij}} = \frac{1}{\sqrt{\sigma_j^2 + \epsilon}}
        \Bigl(\hat G_{ij} - \frac{1}{N}\sum_k \hat G_{kj}
        - \hat x_{ij}\,\frac{1}{N}\sum_k \hat G_{kj}\hat x_{kj}\Bigr)

    and in evaluation mode :math:`\partial L/\partial x_{ij} = \hat G_{ij}/\sqrt{v_j + \epsilon}`.
    Every rule is ``torch.nn.BatchNorm1d``'s on 2-D input: ``gamma`` and ``beta`` are its
    ``weight`` and ``bias``, ``running_mean`` and ``running_var`` its buffers.

    Inputs beyond :math:`|x| = 10^{150}` are refused with a ``ValueError``: the sum of their
    squared deviations, and the running variance, could overflow float64. Divide such an ``x``
    by a constant :math:`s` first, which gives the :math:`\hat x` of ``x`` with
    :math:`\epsilon s^2` for :math:`\epsilon`; pass ``eps / s**2`` to get exactly the
    :math:`\hat x` of ``x`` with ``eps``. This holds in training mode, and in evaluation mode
    when ``running_mean`` and ``running_var`` are those for ``x`` divided by :math:`s` and
    :math:`s^2`.

    Shape: ``x``, the output and ``grad_out`` are ``(N, n_features)``, with ``N >= 2`` in
    training mode (one example has no variance).

    Parameters
    ----------
    n_features : int
        Number of features (a positive integer).
    eps : float
        Added to the variance, positive; default ``1e-5``.
    momentum : float
        Weight :math:`\rho \in [0, 1]` of the new batch in the running statistics; default
        ``0.1``. (PyTorch's convention; Keras's ``momentum`` is :math:`1 - \rho`.)

    Attributes
    ----------
    gamma, beta : numpy.ndarray, shape (n_features,)
        Scale (ones) and shift (zeros); ``params()`` is ``[gamma, beta]``.
    dgamma, dbeta : numpy.ndarray
        Their gradients from the last ``backward``, overwritten in place.
    running_mean, running_var : numpy.ndarray, shape (n_features,)
        Running statistics (zeros and ones at first), updated in place by each training
        ``forward``; not parameters, so not in ``params()``.

    Examples
    --------
    >>> import numpy as np
    >>> layer = BatchNorm1d(2)
    >>> x = np.array([[1.0, 10.0], [3.0, 10.0], [5.0, 40.0]])
    >>> layer.forward(x).round(4)  # each column: mean 0, variance 1 (up to eps)
    array([[-1.2247, -0.7071],
           [ 0.    , -0.7071],
           [ 1.2247,  1.4142]])
    >>> layer.running_mean, layer.running_var  # 0.9 (0, 1) + 0.1 (mean, unbiased variance)
    (array([0.3, 2. ]), array([ 1.3, 30.9]))
    >>> layer.eval().forward(np.array([[0.3, 2.0]]))  # the running statistics now
    array([[0., 0.]])
    """

    _STATE = ("gamma", "beta", "running_mean", "running_var")

    def __init__(self, n_features, eps=1e-5, momentum=0.1):
        super().__init__(n_features, eps)
        self.momentum = _real(momentum, "momentum")
        if not 0.0 <= self.momentum <= 1.0:
            raise ValueError(f"momentum must be in [0, 1], got {momentum!r}")
        self.running_mean = np.zeros(self.n_features)
        self.running_var = np.ones(self.n_features)

    def forward(self, x):
        x = self._input(x)
        if self.training:
            n = len(x)
            if n < 2:
                raise ValueError(
                    f"x has shape {x.shape}, but {self!r} in training mode needs a batch of at "
                    f"least 2 examples to estimate a variance; call eval() to use the running "
                    f"statistics instead"
                )
            x_hat, inv_std = _standardise(x, axis=0, eps=self.eps)
            rho = self.momentum  # in place, so the arrays stay the layer's own
            self.running_mean[...] = (1 - rho) * self.running_mean + rho * x.mean(axis=0)
            self.running_var[...] = (1 - rho) * self.running_var + rho * x.var(axis=0) * n / (n - 1)
        else:
            if np.any(self.running_var < 0):
                raise ValueError(f"running_var of {self!r} must be non-negative")
            inv_std = 1.0 / np.sqrt(self.running_var + self.eps)
            x_hat = (x - self.running_mean) * inv_std
        self._cache = (x_hat, inv_std, self.training)
        return self.gamma * x_hat + self.beta

    def backward(self, grad_out):
        g_hat = self._scale_and_shift_backward(grad_out)
        x_hat, inv_std, batch_statistics = self._cache
        if batch_statistics:  # the mean and variance depend on x too
            return _standardise_backward(g_hat, x_hat, inv_std, axis=0)
        return g_hat * inv_std

    def __repr__(self):
        extra = "" if self.eps == 1e-5 else f", eps={self.eps:g}"
        extra += "" if self.momentum == 0.1 else f", momentum={self.momentum:g}"
        return f"BatchNorm1d({self.n_features}{extra})"


class Dropout(Layer):
    r"""Inverted dropout: in training, each value kept with probability :math:`1 - p` and scaled.

    .. math::
        y = \frac{M \odot x}{1 - p}, \quad M_{ij} \sim \text{Bernoulli}(1 - p), \qquad
        \frac{\partial L}{\partial x} = \frac{M \odot G}{1 - p}

    with a new mask :math:`M` at every training ``forward`` and the same mask in the
    ``backward`` that follows. Dividing by :math:`1 - p` keeps the expected output equal to
    the input, :math:`\mathbb{E}[y] = x`, so in evaluation mode the layer is the identity
    (Srivastava et al., 2014, scaled the weights at test time instead; PyTorch and this layer
    scale in training).

    Shape: ``x``, the output and ``grad_out`` have the same shape ``(N, features)``.

    Parameters
    ----------
    p : float
        Probability of dropping each value, in :math:`[0, 1)`.
    rng : numpy.random.Generator, int or None
        Source of the masks: a generator (used, so its state advances), a seed, or None for
        fresh entropy.

    Examples
    --------
    >>> import numpy as np
    >>> layer = Dropout(0.5, rng=0)
    >>> y = layer.forward(np.ones((2, 4)))
    >>> y  # kept values doubled, the others zero
    array([[2., 0., 0., 0.],
           [2., 2., 2., 2.]])
    >>> layer.backward(np.full((2, 4), 3.0))  # through the same mask
    array([[6., 0., 0., 0.],
           [6., 6., 6., 6.]])
    >>> layer.eval().forward(np.ones((1, 4)))
    array([[1., 1., 1., 1.]])
    """

    def __init__(self, p, rng=None):
        self.p = _real(p, "p")
        if not 0.0 <= self.p < 1.0:
            raise ValueError(
                f"p must be in [0, 1), got {p!r}; p = 1 would drop every value and leave "
                f"nothing to scale"
            )
        self._rng = _generator(rng)
        self._scale = None  # M / (1 - p) of the last forward; all ones in evaluation mode

    def forward(self, x):
        x = _batch(x, self)
        if self.training:
            keep = self._rng.random(x.shape) >= self.p  # True with probability 1 - p
            self._scale = keep / (1.0 - self.p)
        else:
            self._scale = np.ones(x.shape)
        return x * self._scale

    def backward(self, grad_out):
        g = _grad_out(grad_out, None if self._scale is None else self._scale.shape, self)
        return g * self._scale

    def __repr__(self):
        return f"Dropout(p={self.p:g})"
