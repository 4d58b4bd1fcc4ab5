"""Tests of gradbook.autodiff: every operation's gradient against central differences and closed
forms, broadcasting, reuse of a node, stability, the second backward(), errors, and PyTorch.

The finite-difference helper below is local to this file; a shared one for every test module
is planned in tests/conftest.py.
"""

import math
import sys

import numpy as np
import pytest

from gradbook.autodiff import Tensor
from gradbook.nn import Dense, Sequential, Tanh

TOL = 1e-7  # relative error a correct gradient meets against central differences in float64


# ---------------------------------------------------------------- helpers


def central_differences(f, arrays, h=1e-6):
    """d f / d arrays[k] by central differences; ``f`` takes the arrays and returns a float."""
    grads = []
    for k, x in enumerate(arrays):
        grad = np.zeros_like(x)
        for i in np.ndindex(x.shape):
            plus, minus = [a.copy() for a in arrays], [a.copy() for a in arrays]
            plus[k][i] += h
            minus[k][i] -= h
            grad[i] = (f(*plus) - f(*minus)) / (2 * h)
        grads.append(grad)
    return grads


def relative_error(a, b):
    scale = max(np.linalg.norm(a), np.linalg.norm(b))
    return 0.0 if scale == 0 else float(np.linalg.norm(a - b) / scale)


def autodiff_grads(build, arrays):
    """The value of ``build(*tensors)`` and the gradient of each input, by backward()."""
    tensors = [Tensor(a) for a in arrays]
    out = build(*tensors)
    out.backward()
    return float(out.value), [t.grad for t in tensors]


def assert_matches_central_differences(build, arrays, tol=TOL):
    value, grads = autodiff_grads(build, arrays)
    numeric = central_differences(lambda *a: float(build(*map(Tensor, a)).value), arrays)
    for array, grad, expected in zip(arrays, grads, numeric, strict=True):
        assert grad.shape == np.shape(array)
        assert relative_error(grad, expected) <= tol, (grad, expected)
    return value, grads


def projected(op, shape, seed=0):
    """L = sum(op(x) * P) for a fixed random P, so each output entry has its own weight."""
    P = np.random.default_rng(seed).normal(size=shape)
    return lambda *ts: (op(*ts) * P).sum()


RNG = np.random.default_rng(20260101)


def away_from_zero(shape, low=0.2, high=2.0, rng=RNG):
    return np.array(rng.choice([-1.0, 1.0], size=shape) * rng.uniform(low, high, size=shape))


# ---------------------------------------------------------------- each operation against FD

UNARY = {
    "neg": (lambda x: -x, None),
    "exp": (lambda x: x.exp(), None),
    "log": (lambda x: x.log(), "positive"),
    "tanh": (lambda x: x.tanh(), None),
    "sigmoid": (lambda x: x.sigmoid(), None),
    "relu": (lambda x: x.relu(), None),
    "square": (lambda x: x**2, None),
    "cube": (lambda x: x**3, None),
    "sqrt": (lambda x: x**0.5, "positive"),
    "reciprocal": (lambda x: x**-1, None),
    "power -2.5": (lambda x: x**-2.5, "positive"),
    "T": (lambda x: x.T, None),
    "reshape": (lambda x: x.reshape((4, 3)), None),
    "reshape -1": (lambda x: x.reshape(-1), None),
}


@pytest.mark.parametrize("name", UNARY)
def test_unary_operation_matches_central_differences(name):
    op, domain = UNARY[name]
    x = away_from_zero((3, 4))
    if domain == "positive":
        x = np.abs(x)
    out_shape = op(Tensor(x)).shape
    assert_matches_central_differences(projected(op, out_shape), [x])


REDUCTIONS = [
    ("sum", {}),
    ("sum", {"axis": 0}),
    ("sum", {"axis": -1, "keepdims": True}),
    ("sum", {"axis": (0, 2)}),
    ("mean", {}),
    ("mean", {"axis": 1}),
    ("mean", {"axis": (0, 1)}),
    ("logsumexp", {}),
    ("logsumexp", {"axis": 0}),
    ("logsumexp", {"axis": 1, "keepdims": True}),
    ("logsumexp", {"axis": None}),
    ("logsumexp", {"axis": (0, 2)}),
]


@pytest.mark.parametrize("name, kwargs", REDUCTIONS, ids=lambda v: str(v))
def test_reduction_matches_central_differences(name, kwargs):
    x = RNG.normal(size=(2, 3, 4))

    def op(t):
        return getattr(t, name)(**kwargs)

    out_shape = op(Tensor(x)).shape
    assert_matches_central_differences(projected(op, out_shape), [x])


def test_forward_values_match_numpy():
    x = RNG.normal(size=(2, 3, 4))
    t = Tensor(x)
    e = np.exp(x)
    pairs = [
        (t.sum(axis=(0, 2)), x.sum(axis=(0, 2))),
        (t.sum(axis=1, keepdims=True), x.sum(axis=1, keepdims=True)),
        (t.mean(), x.mean()),
        (t.mean(axis=1), x.mean(axis=1)),
        (t.mean(axis=(0, 2)), x.mean(axis=(0, 2))),
        (t.logsumexp(), np.log(e.sum(axis=-1))),
        (t.logsumexp(axis=(0, 1), keepdims=True), np.log(e.sum(axis=(0, 1), keepdims=True))),
        (t.sigmoid(), 1 / (1 + np.exp(-x))),
        (t.tanh(), np.tanh(x)),
        (t.relu(), np.where(x > 0, x, 0.0)),
        (t.T, x.transpose(2, 1, 0)),
        (t.reshape((6, 4)), x.reshape(6, 4)),
        (-t, -x),
        (t.exp().log(), x),
        ((t * t) ** 0.75, np.abs(x) ** 1.5),
    ]
    for out, expected in pairs:
        assert out.shape == np.shape(expected)
        np.testing.assert_allclose(out.value, expected, rtol=1e-14, atol=1e-15)


BINARY = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
}
BROADCAST_SHAPES = [
    ((3, 4), (3, 4)),
    ((3, 4), ()),  # a matrix and a scalar
    ((), (3, 4)),
    ((3, 1), (1, 4)),  # both stretched: the result is (3, 4)
    ((4,), (3, 4)),  # a missing leading axis
    ((3, 4), (3, 1)),
    ((2, 3, 4), (3, 1)),
    ((1,), (5,)),
]


@pytest.mark.parametrize("op", BINARY)
@pytest.mark.parametrize("shapes", BROADCAST_SHAPES, ids=str)
def test_binary_operation_with_broadcasting_matches_central_differences(op, shapes):
    a, b = away_from_zero(shapes[0]), away_from_zero(shapes[1], low=0.5)
    out_shape = np.broadcast_shapes(*shapes)
    _, grads = assert_matches_central_differences(projected(BINARY[op], out_shape), [a, b])
    assert [g.shape for g in grads] == [a.shape, b.shape]


@pytest.mark.parametrize(
    "shapes", [((3, 4), (4, 2)), ((4,), (4, 2)), ((3, 4), (4,)), ((4,), (4,)), ((1, 1), (1, 5))]
)
def test_matmul_matches_central_differences(shapes):
    a, b = RNG.normal(size=shapes[0]), RNG.normal(size=shapes[1])
    out_shape = (a @ b).shape
    assert_matches_central_differences(projected(lambda x, y: x @ y, out_shape), [a, b])


def test_a_composite_expression_matches_central_differences():
    """A small network with every kind of operation, losses included."""
    X, W, b, v = (
        RNG.normal(size=(5, 3)),
        RNG.normal(size=(3, 4)),
        RNG.normal(size=4),
        RNG.normal(size=4),
    )

    def build(X, W, b, v):
        h = (X @ W + b).tanh()
        z = h.relu() * v - (h / 3.0).sigmoid() + (h**2).mean(axis=0)
        return z.logsumexp(axis=1).mean() + 0.1 * (W * W).sum() - (1.0 + h.exp()).log().sum() / 7

    assert_matches_central_differences(build, [X, W, b, v])


# ---------------------------------------------------------------- closed forms


def test_square_gives_two_x():
    x = np.array([-1.5, 0.0, 2.0, 3.0])
    _, (g,) = autodiff_grads(lambda t: (t * t).sum(), [x])
    np.testing.assert_array_equal(g, 2 * x)


def test_matmul_gradients_are_g_b_transpose_and_a_transpose_g():
    A, B, G = RNG.normal(size=(3, 4)), RNG.normal(size=(4, 2)), RNG.normal(size=(3, 2))
    _, (gA, gB) = autodiff_grads(lambda a, b: ((a @ b) * G).sum(), [A, B])
    np.testing.assert_allclose(gA, G @ B.T, rtol=1e-14, atol=1e-15)
    np.testing.assert_allclose(gB, A.T @ G, rtol=1e-14, atol=1e-15)


def test_division_gradients():
    x, y = np.array([1.5, -2.0]), np.array([0.5, 4.0])
    _, (gx, gy) = autodiff_grads(lambda a, b: (a / b).sum(), [x, y])
    np.testing.assert_allclose(gx, 1 / y, rtol=1e-15)
    np.testing.assert_allclose(gy, -x / y**2, rtol=1e-15)


def test_logsumexp_gradient_is_the_softmax():
    z = np.array([[0.3, -1.2, 2.0], [1.0, 1.0, 1.0]])
    value, (g,) = autodiff_grads(lambda t: t.logsumexp(axis=1).sum(), [z])
    e = np.exp(z)
    np.testing.assert_allclose(g, e / e.sum(axis=1, keepdims=True), rtol=1e-14)
    assert math.isclose(value, sum(math.log(sum(math.exp(v) for v in row)) for row in z))


def test_sigmoid_and_tanh_gradients_match_their_closed_forms():
    z = np.linspace(-4, 4, 9)
    _, (gs,) = autodiff_grads(lambda t: t.sigmoid().sum(), [z])
    s = 1 / (1 + np.exp(-z))
    np.testing.assert_allclose(gs, s * (1 - s), rtol=1e-13)
    _, (gt,) = autodiff_grads(lambda t: t.tanh().sum(), [z])
    np.testing.assert_allclose(gt, 1 - np.tanh(z) ** 2, rtol=1e-13)
    # at z = 20, 1 - tanh^2 cancels to 0 in float64; the exact value is 4 e^-40 / (1 + e^-40)^2
    _, (g20,) = autodiff_grads(lambda t: t.tanh().sum(), [np.array([20.0])])
    assert math.isclose(g20[0], 4 * math.exp(-40) / (1 + math.exp(-40)) ** 2, rel_tol=1e-14)


def test_broadcast_scalar_gradient_is_the_sum_over_its_copies():
    X, c = RNG.normal(size=(3, 4)), np.array(0.7)
    G = RNG.normal(size=(3, 4))
    _, (gX, gc) = autodiff_grads(lambda x, s: ((x * s) * G).sum(), [X, c])
    assert gc.shape == ()
    assert math.isclose(float(gc), float((G * X).sum()), rel_tol=1e-14)
    np.testing.assert_allclose(gX, 0.7 * G, rtol=1e-15)


def test_outer_broadcast_sums_rows_and_columns():
    """(3, 1) + (1, 4): the column's gradient sums G over the 4 columns, the row's over 3 rows."""
    a, b, G = RNG.normal(size=(3, 1)), RNG.normal(size=(1, 4)), RNG.normal(size=(3, 4))
    _, (ga, gb) = autodiff_grads(lambda x, y: ((x + y) * G).sum(), [a, b])
    np.testing.assert_allclose(ga, G.sum(axis=1, keepdims=True), rtol=1e-14)
    np.testing.assert_allclose(gb, G.sum(axis=0, keepdims=True), rtol=1e-14)


def test_the_notes_two_two_one_network_gives_chapter_13s_gradients():
    """The 2-2-1 sigmoid network with BCE, against the chain rule written out with math."""

    def sig(v):
        return 1 / (1 + math.exp(-v))

    a1, a2 = sig(0.2 + 0.1), sig(0.3 + 0.2)
    y_hat = sig(0.7 * a1 + 0.5 * a2 + 0.3)
    d3 = y_hat - 1
    d1, d2 = 0.7 * d3 * a1 * (1 - a1), 0.5 * d3 * a2 * (1 - a2)
    x = Tensor([[1.0, 0.0]])
    W1, b1 = Tensor([[0.2, 0.3], [0.4, 0.1]]), Tensor([0.1, 0.2])
    W2, b2 = Tensor([[0.7], [0.5]]), Tensor([0.3])
    L = -((x @ W1 + b1).sigmoid() @ W2 + b2).sigmoid().log().sum()
    L.backward()
    assert math.isclose(float(L.value), -math.log(y_hat), rel_tol=1e-15)
    np.testing.assert_allclose(W1.grad, [[d1, d2], [0.0, 0.0]], rtol=1e-14, atol=0)
    np.testing.assert_allclose(b1.grad, [d1, d2], rtol=1e-14)
    np.testing.assert_allclose(W2.grad, [[d3 * a1], [d3 * a2]], rtol=1e-14)
    np.testing.assert_allclose(b2.grad, [d3], rtol=1e-14)


# ---------------------------------------------------------------- the graph


def test_a_node_used_twice_accumulates_both_uses():
    x = Tensor(3.0)
    y = x * x + x  # x enters three times: dy/dx = 2x + 1
    y.backward()
    assert float(x.grad) == 7.0


def test_diamond_graph_sums_both_paths_before_passing_on():
    """x -> u -> (a, b) -> L: u's gradient must be complete before it reaches x."""
    x0 = 0.4
    x = Tensor(x0)
    u = x.exp()
    L = u.tanh() * u + u * 2.0
    L.backward()
    u0 = math.exp(x0)
    du = (1 - math.tanh(u0) ** 2) * u0 + math.tanh(u0) + 2.0
    assert math.isclose(float(u.grad), du, rel_tol=1e-14)
    assert math.isclose(float(x.grad), du * u0, rel_tol=1e-14)


def test_topological_order_lists_each_node_once_after_its_parents():
    x = Tensor([1.0, 2.0])
    u = x * 2.0
    L = (u * u + u.exp()).sum()
    order = L.topological_order()
    assert len(order) == len({id(n) for n in order})
    position = {id(n): i for i, n in enumerate(order)}
    for node in order:
        for parent in node.parents:
            assert position[id(parent)] < position[id(node)]
    assert order[-1] is L and x in order


def test_a_deep_graph_does_not_hit_the_recursion_limit():
    depth = sys.getrecursionlimit() * 3
    x = Tensor(0.5)
    y = x
    for _ in range(depth):
        y = y * 1.0 + 0.0
    y.backward()
    assert float(x.grad) == 1.0


def test_every_gradient_has_the_shape_of_its_value_and_is_none_before_backward():
    x = Tensor(RNG.normal(size=(4, 3)))
    w = Tensor(RNG.normal(size=3))
    L = ((x @ w).tanh() + 1.0).sum()
    assert all(node.grad is None for node in L.topological_order())  # no array allocated yet
    L.backward()
    for node in L.topological_order():
        assert node.grad.shape == node.value.shape


def test_gradients_are_separate_arrays():
    """The + rule passes the same g to both operands: each must still get its own array."""
    x, y = Tensor([1.0, 2.0]), Tensor([3.0, 4.0])
    (x + y).sum().backward()
    x.grad *= 0.0
    np.testing.assert_array_equal(y.grad, [1.0, 1.0])


def test_a_second_loss_leaves_the_gradients_of_other_graphs_alone():
    """backward() resets only its own graph: u, outside the second loss's graph, keeps 2u."""
    a = Tensor(1.0)
    u = a * 2.0
    (u * u).backward()
    (a * 3.0).backward()
    assert float(a.grad) == 3.0 and float(u.grad) == 4.0


def test_relu_gradient_is_0_at_the_kink():
    x = Tensor([-1.0, 0.0, 1.0])
    x.relu().sum().backward()
    assert x.grad.tolist() == [0.0, 0.0, 1.0]


def test_division_by_a_tiny_number_and_power_0_have_finite_gradients():
    x, y = Tensor(1e-200), Tensor(1e-200)
    (x / y).backward()  # y ** 2 would underflow to 0
    assert float(x.grad) == 1e200 and float(y.grad) == -1e200
    x = Tensor([0.0, 2.0])
    (x**0).sum().backward()  # 0 * 0 ** -1 would be NaN
    assert x.grad.tolist() == [0.0, 0.0]


def test_tensor_copies_its_value_and_numpy_defers_to_its_operators():
    a = np.array([1.0, 2.0])
    t = Tensor(a)
    a[0] = 100.0
    assert t.value[0] == 1.0
    for out in (a * t, a + t, a - t, a / t, np.ones((2, 2)) @ t, 2 - t, 2 / t):
        assert isinstance(out, Tensor)
    assert repr(Tensor([1.0, 2.0])) == "Tensor([1., 2.])"


def test_python_numbers_on_either_side():
    x0 = 1.5
    cases = {
        lambda x: 2 * x: 2.0,
        lambda x: x * 2: 2.0,
        lambda x: 1 - x: -1.0,
        lambda x: x - 1: 1.0,
        lambda x: 3 / x: -3 / x0**2,
        lambda x: x / 4: 0.25,
        lambda x: 5 + x: 1.0,
        lambda x: x**2: 2 * x0,
    }
    for build, expected in cases.items():
        _, (g,) = autodiff_grads(build, [np.array(x0)])
        assert math.isclose(float(g), expected, rel_tol=1e-15)


# ---------------------------------------------------------------- stability


def test_logsumexp_is_stable_at_1000():
    z = np.array([[1000.0, 1000.0, 999.0], [-1000.0, -1000.0, -1000.0]])
    value, (g,) = autodiff_grads(lambda t: t.logsumexp(axis=1).sum(), [z])
    lse0 = 1000.0 + math.log(2.0 + math.exp(-1.0))
    lse1 = -1000.0 + math.log(3.0)
    assert math.isclose(value, lse0 + lse1, rel_tol=1e-15)
    p = np.array([1.0, 1.0, math.exp(-1.0)]) / (2.0 + math.exp(-1.0))
    np.testing.assert_allclose(g, [p, [1 / 3] * 3], rtol=1e-15)


def test_sigmoid_tanh_relu_stay_finite_at_extremes():
    z = np.array([-1000.0, -40.0, 0.0, 40.0, 1000.0])
    for build in (
        lambda t: t.sigmoid().sum(),
        lambda t: t.tanh().sum(),
        lambda t: t.relu().sum(),
        lambda t: (t.sigmoid() + 1.0).log().sum(),
    ):
        value, (g,) = autodiff_grads(build, [z])
        assert np.isfinite(value) and np.isfinite(g).all()
    _, (g,) = autodiff_grads(lambda t: t.sigmoid().sum(), [z])
    assert g[0] == 0.0 and g[2] == 0.25 and math.isclose(g[1], math.exp(-40), rel_tol=1e-12)


# ---------------------------------------------------------------- a second backward()


def test_a_second_backward_resets_instead_of_accumulating():
    x = Tensor([0.5, -2.0])
    u = x.tanh()
    L = (u * u).sum()
    L.backward()
    first_x, first_u = x.grad.copy(), u.grad.copy()
    L.backward()
    np.testing.assert_array_equal(x.grad, first_x)
    np.testing.assert_array_equal(u.grad, first_u)


def test_a_second_loss_overwrites_shared_leaves_and_a_sum_adds():
    x = Tensor([1.0, 2.0])
    L1, L2 = (x * x).sum(), (3.0 * x).sum()
    L1.backward()
    np.testing.assert_array_equal(x.grad, [2.0, 4.0])
    L2.backward()
    np.testing.assert_array_equal(x.grad, [3.0, 3.0])
    (L1 + L2).backward()
    np.testing.assert_array_equal(x.grad, [5.0, 7.0])


# ---------------------------------------------------------------- against gradbook.nn


def test_an_mlp_has_the_gradients_of_gradbook_nn():
    rng = np.random.default_rng(3)
    X, Y = rng.normal(size=(8, 5)), rng.normal(size=(8, 2))
    net = Sequential(Dense(5, 6, rng=1), Tanh(), Dense(6, 2, rng=2))
    out = net.forward(X)
    net.backward(2 * (out - Y) / Y.size)  # the gradient of the mean squared error
    params = [Tensor(p) for p in net.params()]
    W1, b1, W2, b2 = params
    L = ((((Tensor(X) @ W1 + b1).tanh() @ W2 + b2) - Y) ** 2).mean()
    L.backward()
    assert math.isclose(float(L.value), float(np.mean((out - Y) ** 2)), rel_tol=1e-14)
    for t, g in zip(params, net.grads(), strict=True):
        np.testing.assert_allclose(t.grad, g, rtol=1e-12, atol=1e-15)


# ---------------------------------------------------------------- errors


def test_backward_needs_a_scalar():
    with pytest.raises(ValueError, match=r"scalar.*shape \(2, 3\).*\.sum\(\)"):
        Tensor(np.ones((2, 3))).tanh().backward()
    Tensor(np.ones((1, 1))).exp().backward()  # one element is a scalar


@pytest.mark.parametrize(
    "exponent, fragment",
    [(np.array([1.0, 2.0]), r"number.*shape \(2,\)"), (Tensor(2.0), "number.*Tensor")],
)
def test_the_exponent_must_be_a_number(exponent, fragment):
    with pytest.raises(ValueError, match=fragment):
        Tensor([1.0, 2.0]) ** exponent


@pytest.mark.parametrize(
    "value, fragment",
    [(np.nan, "NaN or inf"), ([1.0, np.inf], r"shape \(2,\).*NaN or inf"), ("a", "numeric")],
)
def test_a_tensor_refuses_non_finite_or_non_numeric_values(value, fragment):
    with pytest.raises(ValueError, match=fragment):
        Tensor(value)
    with pytest.raises(ValueError, match=fragment):
        Tensor(1.0) * value


@pytest.mark.parametrize(
    "build, fragment",
    [
        (lambda x: (x * 800.0).exp(), r"exp of shape\(s\) \(3,\) gives NaN or inf"),
        (lambda x: (x - 1.0).log(), "log"),
        (lambda x: (-x).log(), "log"),
        (lambda x: 1.0 / (x - 1.0), "/"),
        (lambda x: (x - 1.0) ** -1, r"\*\*-1"),
        (lambda x: (-x) ** 0.5, r"\*\*0.5"),
        (lambda x: (x * 1e200) * 1e200, r"\*"),
    ],
)
def test_a_result_that_is_not_finite_raises_instead_of_warning(build, fragment):
    with pytest.raises(ValueError, match=fragment):
        build(Tensor([1.0, 2.0, 3.0]))


def test_an_infinite_gradient_raises():
    x = Tensor([0.0, 1.0])
    L = (x**0.5).sum()
    with pytest.raises(
        ValueError,
        match=r"backward rule of \*\*0.5 gives NaN or inf for its operand of shape \(2,\)",
    ):
        L.backward()


@pytest.mark.parametrize(
    "build, fragment",
    [
        (
            lambda: Tensor(np.ones((2, 3))) @ Tensor(np.ones((2, 3))),
            r"matmul of shape\(s\) \(2, 3\) and \(2, 3\): @ needs",
        ),
        (
            lambda: Tensor(np.ones((2, 2, 2))) @ Tensor(np.ones((2, 2))),
            r"matmul of shape\(s\) \(2, 2, 2\) and \(2, 2\)",
        ),
        (lambda: Tensor(1.0) @ Tensor(np.ones(1)), r"matmul of shape\(s\) \(\) and \(1,\)"),
        (lambda: Tensor(np.ones(3)) + Tensor(np.ones(4)), r"^add of shape\(s\) \(3,\) and \(4,\)"),
        (lambda: Tensor(np.ones(3)) * np.ones(2), r"^mul of shape\(s\) \(3,\) and \(2,\)"),
        (lambda: Tensor(np.ones(6)).reshape((4, 2)), r"size 6.*\(4, ?2\)"),
        # only operands' shapes: not that of the tuple (3,) or of the axis 2
        (lambda: Tensor([1.0, 2.0]).reshape((3,)), r"^reshape of shape\(s\) \(2,\): cannot"),
        (lambda: Tensor(np.ones((2, 3))).sum(2), r"^sum of shape\(s\) \(2, 3\): .*axis 2"),
        (lambda: Tensor(np.ones((2, 3))).sum(axis=2), r"^sum of shape\(s\) \(2, 3\).*axis 2"),
        (lambda: Tensor(np.ones((2, 3))).logsumexp(axis=2), r"^logsumexp .*axis 2"),
        (lambda: Tensor(np.ones(0)).mean(), r"empty.*\(0,\)"),
    ],
)
def test_shape_errors_name_the_shapes(build, fragment):
    with pytest.raises(ValueError, match=fragment):
        build()


# ---------------------------------------------------------------- PyTorch (skipped without it)


def test_every_operation_agrees_with_pytorch():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(7)
    arrays = [rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=(1, 4))]

    def build(X, W, b, lib):
        h = X @ W + b
        lse = h.logsumexp(axis=1) if lib == "ours" else torch.logsumexp(h, dim=1)
        z = h.tanh() * h.sigmoid() - h.relu() / (1.0 + h.exp()) + (h**2).log() * 0.1
        return lse.mean() + z.T.reshape((20,)).sum() - (-h).mean()

    ours = [Tensor(a) for a in arrays]
    L = build(*ours, "ours")
    L.backward()
    theirs = [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in arrays]
    kink = torch.tensor([-1.0, 0.0, 1.0], dtype=torch.float64, requires_grad=True)
    torch.relu(kink).sum().backward()
    assert kink.grad.tolist() == [0.0, 0.0, 1.0]  # as Tensor.relu at 0
    L_t = build(*theirs, "torch")
    L_t.backward()
    assert math.isclose(float(L.value), L_t.item(), rel_tol=1e-13)
    for t, tt in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(t.grad, tt.grad.numpy(), rtol=1e-12, atol=1e-14)


def test_pytorch_accumulates_where_we_reset():
    """What the module docstring says about PyTorch's second backward()."""
    torch = pytest.importorskip("torch")
    x_t = torch.tensor([0.5, -2.0], dtype=torch.float64, requires_grad=True)
    L_t = (x_t.tanh() ** 2).sum()
    L_t.backward(retain_graph=True)
    once = x_t.grad.clone()
    L_t.backward()
    np.testing.assert_allclose(x_t.grad.numpy(), 2 * once.numpy(), rtol=1e-15)
    with pytest.raises(RuntimeError, match="second time"):
        L_t.backward()  # the graph was freed by the call without retain_graph
    x_plus = torch.tensor([0.5, -2.0], dtype=torch.float64, requires_grad=True)
    L_plus = (x_plus + 1.0).sum()  # + saves no tensor: nothing to free, so no error
    L_plus.backward()
    L_plus.backward()
    assert x_plus.grad.tolist() == [2.0, 2.0]
    x = Tensor([0.5, -2.0])
    L = (x.tanh() ** 2).sum()
    L.backward()
    L.backward()
    np.testing.assert_allclose(x.grad, once.numpy(), rtol=1e-15)
