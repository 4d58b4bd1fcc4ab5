"""Expected answers for chapter 16, automatic differentiation from scratch.

Each value is worked out by hand (plain Python, ``math`` and NumPy's arithmetic, formulas as
text), never with gradbook, so a bug in the library cannot make a wrong answer look right.
"""

import math

import numpy as np

from . import Expected

# broadcast-bias: L = sum_ij (X_ij + b_j)^2, dL/db_j = sum_i 2 (X_ij + b_j)
_X = ((1.0, -2.0, 0.0), (3.0, 1.0, -1.0))
_B = (0.5, 0.0, -1.0)
_BIAS_GRAD = tuple(sum(2 * (row[j] + _B[j]) for row in _X) for j in range(3))  # (10, -2, -6)


def _sigma(v):
    return 1.0 / (1.0 + math.exp(-v))


# softplus-grad: d/dx_i of (1/3) sum log(1 + e^x) is sigma(x_i) / 3
_XS = (-1.0, 0.0, 2.0)

# mul-vjp: z = x * y with broadcasting; the shapes the checker tries, (x's, y's)
_MUL_SHAPES = (((3, 4), (4,)), ((3, 1), (1, 4)), ((2, 3), ()), ((5,), (5,)), ((4, 1), (2, 1, 3)))


def _central_differences(loss, a, h=1e-6):
    """d loss / d a by central differences, entry by entry (exact for a loss linear in a)."""
    grad = np.zeros_like(a)
    for i in np.ndindex(a.shape):
        step = np.zeros_like(a)
        step[i] = h
        grad[i] = (loss(a + step) - loss(a - step)) / (2 * h)
    return grad


def _mul_vjp_checker(answer):
    """A function (g, x, y) -> (share of x, share of y), against central differences."""
    if not callable(answer):
        return False, "expected a function mul_vjp(g, x, y) returning (share_x, share_y)"
    rng = np.random.default_rng(22)
    for x_shape, y_shape in _MUL_SHAPES:
        x, y = rng.normal(size=x_shape), rng.normal(size=y_shape)
        g = rng.normal(size=np.broadcast_shapes(x_shape, y_shape))
        try:
            share_x, share_y = (np.asarray(s, dtype=float) for s in answer(g, x, y))
        except Exception as err:  # the reader's code: report what went wrong, do not crash
            return False, f"mul_vjp raised {type(err).__name__}: {err} (x {x_shape}, y {y_shape})"
        for name, share, shape in (("x", share_x, x_shape), ("y", share_y, y_shape)):
            if share.shape != shape:
                return False, (
                    f"the share of {name} has shape {share.shape}, not {name}'s shape {shape} "
                    f"(x {x_shape}, y {y_shape}): sum it over the axes broadcasting added or "
                    f"stretched"
                )
        want_x = _central_differences(lambda a, y=y, g=g: float((g * a * y).sum()), x)
        want_y = _central_differences(lambda b, x=x, g=g: float((g * x * b).sum()), y)
        for name, share, want in (("x", share_x, want_x), ("y", share_y, want_y)):
            if not np.allclose(share, want, rtol=1e-6, atol=1e-8):
                return False, (
                    f"the share of {name} differs from central differences for x {x_shape}, "
                    f"y {y_shape}: each operand's share is g times the other operand"
                )
    return True, ""


def _sum_to(a, shape):
    """Reference for the right examples: sum a back to shape (written without gradbook)."""
    lead = a.ndim - len(shape)
    a = a.sum(axis=tuple(range(lead)))
    return a.sum(axis=tuple(i for i, n in enumerate(shape) if n == 1), keepdims=True)


def _mul_vjp_reference(g, x, y):
    return _sum_to(g * y, np.shape(x)), _sum_to(g * x, np.shape(y))


def _mul_vjp_by_loops(g, x, y):
    """Another right answer: add g * (other operand) into each entry it came from."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    xb, yb = np.broadcast_to(x, g.shape), np.broadcast_to(y, g.shape)
    share_x, share_y = np.zeros_like(x), np.zeros_like(y)
    for i in np.ndindex(g.shape):  # entry i of z came from these entries of x and y
        ix = tuple(k if n > 1 else 0 for k, n in zip(i[g.ndim - x.ndim :], x.shape, strict=True))
        iy = tuple(k if n > 1 else 0 for k, n in zip(i[g.ndim - y.ndim :], y.shape, strict=True))
        share_x[ix] += g[i] * yb[i]
        share_y[iy] += g[i] * xb[i]
    return share_x, share_y


# second-backward-diamond: u = e^x, a = tanh u, l = u a. Two calls of micrograd's backward:
# the share through the direct path (u t) is counted 3 times, the one through tanh 4 times
_TRUE = "exp(x)*(tanh(exp(x)) + exp(x)*(1 - tanh(exp(x))**2))"  # the true dl/dx

ANSWERS = {
    "16-autodiff/mul-vjp": Expected(
        checker=_mul_vjp_checker,
        hint="z = x y: x's share is g y and y's is g x, each summed back to its operand's shape",
        right_examples=(
            _mul_vjp_reference,
            _mul_vjp_by_loops,
        ),
        wrong_examples=(
            lambda g, x, y: (g * y, g * x),  # not summed back to the operands' shapes
            lambda g, x, y: (_sum_to(g * x, np.shape(x)), _sum_to(g * y, np.shape(y))),  # swap
            lambda g, x, y: (_sum_to(y + 0 * g, np.shape(x)), _sum_to(x + 0 * g, np.shape(y))),
            lambda g, x, y: (  # the mean over the copies instead of their sum
                _sum_to(g * y, np.shape(x)) * np.size(x) / g.size,
                _sum_to(g * x, np.shape(y)) * np.size(y) / g.size,
            ),
            "g * y",  # not a function
        ),
    ),
    "16-autodiff/broadcast-bias": Expected(
        _BIAS_GRAD,
        hint="each b_j is used once per row: add the shares 2 (X_ij + b_j) over the rows i",
        wrong_examples=(
            tuple(2 * (_X[0][j] + _B[j]) for j in range(3)),  # only the first row's share
            tuple(sum(row[j] + _B[j] for row in _X) for j in range(3)),  # factor 2 lost
            tuple(sum(2 * row[j] for row in _X) for j in range(3)),  # b forgotten
            tuple(tuple(2 * (row[j] + _B[j]) for j in range(3)) for row in _X),  # not summed back
        ),
    ),
    "16-autodiff/softplus-grad": Expected(
        tuple(_sigma(v) / 3 for v in _XS),
        hint="d/dx log(1 + e^x) = e^x / (1 + e^x); do not forget the 1/3 of the mean",
        wrong_examples=(
            tuple(_sigma(v) for v in _XS),  # the mean's 1/3 forgotten
            tuple(math.log1p(math.exp(v)) / 3 for v in _XS),  # the value, not the gradient
            tuple(math.exp(v) / 3 for v in _XS),  # d/dx e^x only
        ),
    ),
    "16-autodiff/second-backward-diamond": Expected(
        formula="3*exp(x)*tanh(exp(x)) + 4*exp(2*x)*(1 - tanh(exp(x))**2)",
        symbols="x",
        domain={"x": (-2, 1)},
        hint="follow u's gradient through the second call: it keeps its old value, gets a = tanh u "
        "again from the product, and then the share through tanh of the doubled gradient of a",
        right_examples=(f"3*({_TRUE}) + exp(2*x)*(1 - tanh(exp(x))**2)",),
        wrong_examples=(
            f"2*({_TRUE})",  # as if the second call only doubled
            f"3*({_TRUE})",  # one more copy per operation, as on a chain of two
            f"4*({_TRUE})",  # as on a chain of three
            "4*exp(x)*tanh(exp(x)) + 3*exp(2*x)*(1 - tanh(exp(x))**2)",  # the paths swapped
        ),
    ),
    # classifier R^784 -> R^10: 784 columns or 10 rows; autoencoder R^784 -> R^784: a tie
    "16-autodiff/jacobian-passes": Expected(
        (784, 10, 784, 784),
        hint="forward mode: one run (or one tangent) per input; reverse mode: one sweep per output",
        wrong_examples=((10, 784, 784, 784), (784, 10, 784, 1), (784, 1, 784, 784)),
    ),
    # M(s) = D/s + s, M'(s) = 1 - D/s^2 = 0 at s = sqrt(D)
    "16-autodiff/checkpoint-spacing": Expected(
        formula="sqrt(D)",
        positive="D",
        hint="with a checkpoint every s layers you keep D/s of them, plus the s activations of "
        "the segment being recomputed: minimise M(s) = D/s + s",
        right_examples=("D**(1/2)", "D**0.5"),
        wrong_examples=("D/2", "sqrt(D)/2", "2*sqrt(D)", "D"),
    ),
}
