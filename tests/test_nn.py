"""Tests of gradbook.nn: every backward pass against central differences, the seeds' 2-2-1
worked example recomputed by hand, aliasing of params()/grads(), and every error."""

import math

import numpy as np
import pytest
from conftest import assert_matches_finite_differences
from scipy import special

from gradbook.nn import Dense, Layer, ReLU, Sequential, Sigmoid, Tanh

BATCH_SIZES = (1, 3, 7)


def away_from_zero(rng, shape):
    """Random inputs with |x| >= 0.1, so central differences never straddle ReLU's kink."""
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.1, 2.0, size=shape)


def check_gradients(layer, x, rng):
    """Compare layer.backward with central differences of L = sum(forward(x) * P)."""
    P = rng.normal(size=layer.forward(x).shape)  # a fixed random projection to a scalar

    def loss():
        return np.sum(layer.forward(x) * P)

    loss()
    dx = layer.backward(P)
    analytic = [g.copy() for g in layer.grads()]  # before the finite differences run forward
    assert_matches_finite_differences(loss, x, dx)
    for p, g in zip(layer.params(), analytic, strict=True):
        assert_matches_finite_differences(loss, p, g)


# --------------------------------------------------------------------------- gradient checks


@pytest.mark.parametrize("batch", BATCH_SIZES)
@pytest.mark.parametrize(
    "make_layer",
    [
        lambda rng: Dense(4, 3, rng=rng),
        lambda rng: Sigmoid(),
        lambda rng: Tanh(),
        lambda rng: ReLU(),
    ],
    ids=["Dense", "Sigmoid", "Tanh", "ReLU"],
)
def test_layer_backward_matches_central_differences(make_layer, batch):
    rng = np.random.default_rng(batch)
    layer = make_layer(rng)
    if isinstance(layer, Dense):
        layer.b = rng.normal(size=3)  # a non-zero bias, so b enters the check
    check_gradients(layer, away_from_zero(rng, (batch, 4)), rng)


@pytest.mark.parametrize("batch", BATCH_SIZES)
def test_network_backward_matches_central_differences(batch):
    rng = np.random.default_rng(100 + batch)
    net = Sequential(
        Dense(3, 5, rng=rng), Tanh(), Dense(5, 4, rng=rng), Sigmoid(), Dense(4, 2, rng=rng)
    )
    for p in net.params():
        p[...] = rng.normal(size=p.shape)  # biases too
    check_gradients(net, rng.normal(size=(batch, 3)), rng)


@pytest.mark.parametrize("batch", BATCH_SIZES)
def test_network_with_relu_and_sum_of_squares_loss(batch):
    rng = np.random.default_rng(200 + batch)
    net = Sequential(Dense(3, 6, rng=rng), ReLU(), Dense(6, 1, rng=rng))
    net.layers[0].b = rng.uniform(0.5, 1.0, size=6)
    x = rng.normal(size=(batch, 3))
    z = x @ net.layers[0].W + net.layers[0].b
    assert np.min(np.abs(z)) > 1e-3  # no pre-activation near ReLU's kink
    out = net.forward(x)
    net.backward(out)  # d(0.5 * sum out^2)/d out = out
    analytic = [g.copy() for g in net.grads()]
    for p, g in zip(net.params(), analytic, strict=True):
        assert_matches_finite_differences(lambda: 0.5 * np.sum(net.forward(x) ** 2), p, g)


def test_batch_gradient_is_the_sum_of_per_example_gradients():
    rng = np.random.default_rng(3)
    net = Sequential(Dense(3, 4, rng=rng), Tanh(), Dense(4, 2, rng=rng), Sigmoid())
    x, g = rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
    net.forward(x)
    dx = net.backward(g)
    batch_grads = [a.copy() for a in net.grads()]
    total = [np.zeros_like(a) for a in batch_grads]
    for n in range(5):
        net.forward(x[n : n + 1])
        np.testing.assert_allclose(
            net.backward(g[n : n + 1]), dx[n : n + 1], rtol=1e-12, atol=1e-15
        )
        for t, a in zip(total, net.grads(), strict=True):
            t += a
    for a, t in zip(batch_grads, total, strict=True):
        np.testing.assert_allclose(a, t, rtol=1e-12, atol=1e-15)


# --------------------------------------------------------------------------- the seeds' 2-2-1


def test_worked_example_2_2_1_matches_hand_computation():
    # By hand, scalar by scalar (w_ij: from input i to neuron j), independent of the library.
    def sig(z):
        return 1.0 / (1.0 + math.exp(-z))

    x1, x2, y = 1.0, 0.0, 1.0
    w11, w21, b1, w12, w22, b2, w13, w23, b3 = 0.2, 0.4, 0.1, 0.3, 0.1, 0.2, 0.7, 0.5, 0.3
    a1 = sig(w11 * x1 + w21 * x2 + b1)  # sigma(0.3)
    a2 = sig(w12 * x1 + w22 * x2 + b2)  # sigma(0.5)
    z3 = w13 * a1 + w23 * a2 + b3
    y_hat = sig(z3)
    loss = -(y * math.log(y_hat) + (1 - y) * math.log(1 - y_hat))
    d3 = y_hat - y  # BCE after a sigmoid: dL/dz3 = y_hat - y
    d1 = w13 * d3 * a1 * (1 - a1)
    d2 = w23 * d3 * a2 * (1 - a2)

    # The seeds print z3 ~ 1.086 and y_hat ~ 0.748: slips. The true values:
    assert z3 == pytest.approx(1.0133394, abs=1e-7)
    assert y_hat == pytest.approx(0.7336732, abs=1e-7)
    assert loss == pytest.approx(0.3096916, abs=1e-7)

    net = Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1), Sigmoid())
    hidden, output = net.layers[0], net.layers[2]
    hidden.W = np.array([[w11, w12], [w21, w22]])
    hidden.b = np.array([b1, b2])
    output.W = np.array([[w13], [w23]])
    output.b = np.array([b3])

    out = net.forward(np.array([[x1, x2]]))
    assert out.shape == (1, 1)
    assert abs(out[0, 0] - y_hat) <= 1e-12
    p = out[0, 0]
    net.backward(np.array([[-y / p + (1 - y) / (1 - p)]]))  # dL/dy_hat into the last Sigmoid

    expected = [
        np.array([[x1 * d1, x1 * d2], [x2 * d1, x2 * d2]]),  # dL/dW1 = x (outer) [d1, d2]
        np.array([d1, d2]),
        np.array([[d3 * a1], [d3 * a2]]),  # dL/dW2 = d3 [a1, a2]
        np.array([d3]),
    ]
    for got, want in zip(net.grads(), expected, strict=True):
        assert got.shape == want.shape
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)


# --------------------------------------------------------------------------- aliasing


def test_backward_twice_gives_the_same_gradients_not_their_sum():
    rng = np.random.default_rng(4)
    net = Sequential(Dense(3, 4, rng=rng), Sigmoid(), Dense(4, 2, rng=rng))
    x, g = rng.normal(size=(3, 3)), rng.normal(size=(3, 2))
    net.forward(x)
    dx1 = net.backward(g)
    first = [a.copy() for a in net.grads()]
    dx2 = net.backward(g)
    np.testing.assert_array_equal(dx1, dx2)
    for a, b in zip(first, net.grads(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_params_and_grads_order_and_aliasing():
    rng = np.random.default_rng(5)
    d1, d2 = Dense(2, 3, rng=rng), Dense(3, 1, rng=rng)
    net = Sequential(d1, Tanh(), d2)
    params, grads = net.params(), net.grads()
    assert [p is q for p, q in zip(params, [d1.W, d1.b, d2.W, d2.b], strict=True)] == [True] * 4
    assert [g is q for g, q in zip(grads, [d1.dW, d1.db, d2.dW, d2.db], strict=True)] == [True] * 4
    assert [p.shape for p in params] == [(2, 3), (3,), (3, 1), (1,)]
    assert [g.shape for g in grads] == [p.shape for p in params]
    assert all(np.all(g == 0) for g in grads)  # zeros until backward

    params[0] += 1.0  # an in-place update through the list changes the layer
    assert params[0] is d1.W

    x = rng.normal(size=(4, 2))
    net.forward(x)
    net.backward(np.ones((4, 1)))
    first = [g.copy() for g in grads]  # the list taken before backward is current
    assert any(np.any(g != 0) for g in first)
    for g, q in zip(grads, net.grads(), strict=True):
        assert g is q
    net.backward(2 * np.ones((4, 1)))  # and stays current after another backward
    for g, f in zip(grads, first, strict=True):
        np.testing.assert_allclose(g, 2 * f, rtol=1e-15)


def test_in_place_training_loop_with_lists_taken_once():
    rng = np.random.default_rng(6)
    net = Sequential(Dense(2, 8, rng=rng), Tanh(), Dense(8, 1, rng=rng))
    x = rng.normal(size=(16, 2))
    y = np.sin(x[:, :1]) + 0.5 * x[:, 1:]
    params, grads = net.params(), net.grads()

    def mse():
        return float(np.mean((net.forward(x) - y) ** 2))

    before = mse()
    for _ in range(200):
        out = net.forward(x)
        net.backward(2 * (out - y) / len(x))  # the 1/N of the mean comes in through grad_out
        for p, g in zip(params, grads, strict=True):
            p -= 0.1 * g
    assert mse() < 0.2 * before


def test_hand_set_weights_are_converted_and_params_reflect_them():
    layer = Dense(2, 1, rng=0)
    layer.W = [[1], [2]]  # any array-like; ints become float64 at forward
    layer.b = [0]
    out = layer.forward(np.array([[1, 1]]))
    assert out.dtype == np.float64
    np.testing.assert_array_equal(out, [[3.0]])
    assert isinstance(layer.W, np.ndarray) and layer.W.dtype == np.float64
    assert layer.params()[0] is layer.W


def test_caches_are_private():
    rng = np.random.default_rng(7)
    for layer in (Dense(3, 3, rng=rng), Sigmoid(), Tanh(), ReLU()):
        x = rng.normal(size=(2, 3))
        out = layer.forward(x)
        g = rng.normal(size=out.shape)
        dx = layer.backward(g)
        grads = [a.copy() for a in layer.grads()]
        x += 10.0
        out *= -3.0  # a user clipping or editing arrays after forward changes nothing
        np.testing.assert_array_equal(layer.backward(g), dx)
        for a, b in zip(layer.grads(), grads, strict=True):
            np.testing.assert_array_equal(a, b)


# --------------------------------------------------------------------------- init, stability


def test_dense_initialisation_is_glorot_uniform_and_seeded():
    a, b = Dense(30, 20, rng=1), Dense(30, 20, rng=1)
    np.testing.assert_array_equal(a.W, b.W)
    limit = math.sqrt(6 / 50)
    assert a.W.shape == (30, 20) and a.W.dtype == np.float64
    assert np.max(np.abs(a.W)) <= limit
    assert np.max(np.abs(a.W)) > 0.9 * limit  # spread over the whole interval
    assert abs(a.W.std() - limit / math.sqrt(3)) < 0.05 * limit
    np.testing.assert_array_equal(a.b, np.zeros(20))
    np.testing.assert_array_equal(a.dW, np.zeros((30, 20)))
    np.testing.assert_array_equal(a.db, np.zeros(20))

    gen = np.random.default_rng(2)  # a generator is used, so two layers differ
    c, d = Dense(3, 3, rng=gen), Dense(3, 3, rng=gen)
    assert not np.array_equal(c.W, d.W)
    assert Dense(3, 3, rng=np.int64(2)).W.shape == (3, 3)
    assert Dense(3, 3).W.shape == (3, 3)  # rng=None: fresh entropy


def test_outputs_are_float64_and_sigmoid_is_stable():
    x = np.array([[-1000.0, -40.0, 0.0, 40.0, 1000.0]], dtype=np.float32)
    for layer in (Sigmoid(), Tanh(), ReLU(), Dense(5, 2, rng=0)):
        out = layer.forward(x)
        assert out.dtype == np.float64 and np.isfinite(out).all()
        dx = layer.backward(np.ones_like(out))
        assert dx.dtype == np.float64 and np.isfinite(dx).all()
    s = Sigmoid().forward(np.array([[-1000.0, 0.0, 1000.0]]))
    np.testing.assert_array_equal(s, [[0.0, 0.5, 1.0]])


@pytest.mark.parametrize("z", [5.0, 20.0, 40.0, 300.0])
def test_sigmoid_and_tanh_backward_keep_relative_accuracy_where_they_saturate(z):
    # s (1 - s) and 1 - t^2 cancel to 0 near z = 37 and |z| = 19; the layers must not
    x = np.array([[z, -z]])
    sigmoid, tanh = Sigmoid(), Tanh()
    sigmoid.forward(x)
    tanh.forward(x)
    exact_sigmoid = special.expit(z) * special.expit(-z)  # sigma(z) sigma(-z), no cancellation
    exact_tanh = 4.0 * math.exp(-2.0 * z) / (1.0 + math.exp(-2.0 * z)) ** 2  # sech^2 z
    assert exact_sigmoid > 0.0 and exact_tanh > 0.0
    np.testing.assert_allclose(sigmoid.backward(np.ones((1, 2))), [[exact_sigmoid] * 2], rtol=1e-13)
    np.testing.assert_allclose(tanh.backward(np.ones((1, 2))), [[exact_tanh] * 2], rtol=1e-13)


def test_relu_derivative_at_zero_is_zero():
    layer = ReLU()
    layer.forward(np.array([[0.0, -0.0, 1e-300]]))
    np.testing.assert_array_equal(layer.backward(np.ones((1, 3))), [[0.0, 0.0, 1.0]])


def test_relu_output_is_relu_exactly_and_never_minus_zero():
    # forward uses np.maximum(x, 0.0): the same bits as np.where(x > 0, x, 0.0), -0.0 included
    x = np.array(
        [[-0.0, 0.0, -2.0, 1e-300, -1e-300, 3.5]] * 20
    )  # 120 values: NumPy's SIMD loop too
    out = ReLU().forward(x)
    expected = np.where(x > 0, x, 0.0)
    np.testing.assert_array_equal(out, expected)
    assert not np.signbit(out).any()


def test_repr_is_deterministic():
    net = Sequential(Dense(2, 2, rng=0), Sigmoid(), Dense(2, 1, rng=1), Tanh(), ReLU())
    assert repr(net) == "Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1), Tanh(), ReLU())"
    assert "0x" not in repr(net)


def test_layers_without_parameters():
    for layer in (Sigmoid(), Tanh(), ReLU()):
        assert layer.params() == [] and layer.grads() == []
    assert Sequential(Sigmoid()).params() == []


def test_custom_layer_in_sequential():
    class Double(Layer):
        def forward(self, x):
            return 2.0 * np.asarray(x, dtype=float)

        def backward(self, grad_out):
            return 2.0 * grad_out

    net = Sequential(Dense(2, 3, rng=0), Double(), Dense(3, 1, rng=1))
    assert repr(net) == "Sequential(Dense(2, 3), Double(), Dense(3, 1))"
    rng = np.random.default_rng(8)
    check_gradients(net, rng.normal(size=(3, 2)), rng)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("bad", [0, -1, 2.0, 2.5, True, "3", None])
@pytest.mark.parametrize("name", ["n_in", "n_out"])
def test_dense_sizes_must_be_positive_integers(name, bad):
    kwargs = {"n_in": 2, "n_out": 2, name: bad}
    with pytest.raises(ValueError, match=f"{name} must be a positive integer"):
        Dense(**kwargs)


@pytest.mark.parametrize("bad", ["seed", 1.5, True, np.random.RandomState(0)])
def test_dense_rng_must_be_generator_int_or_none(bad):
    with pytest.raises(ValueError, match="rng must be"):
        Dense(2, 2, rng=bad)


def test_dense_input_width_must_match_n_in():
    with pytest.raises(
        ValueError, match=r"x has shape \(5, 3\) but Dense\(4, 2\) expects n_in=4 columns"
    ):
        Dense(4, 2, rng=0).forward(np.zeros((5, 3)))


@pytest.mark.parametrize("make_layer", [lambda: Dense(3, 2, rng=0), Sigmoid, Tanh, ReLU])
@pytest.mark.parametrize("shape", [(3,), (), (2, 3, 1)])
def test_input_must_be_2d(make_layer, shape):
    with pytest.raises(ValueError, match=r"x has shape .* expects a 2-D batch .*reshape\(1, -1\)"):
        make_layer().forward(np.zeros(shape))


@pytest.mark.parametrize("make_layer", [lambda: Dense(2, 2, rng=0), Sigmoid, Tanh, ReLU])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_input_must_be_finite(make_layer, bad):
    with pytest.raises(ValueError, match=r"x \(shape \(1, 2\)\) contains 1 NaN or inf"):
        make_layer().forward(np.array([[0.0, bad]]))


def test_input_must_be_numeric():
    with pytest.raises(ValueError, match="x must be numeric"):
        Sigmoid().forward([["a", "b"]])


@pytest.mark.parametrize(
    "layer",
    [Dense(2, 2, rng=0), Sigmoid(), Tanh(), ReLU(), Sequential(Dense(2, 2, rng=0), Sigmoid())],
    ids=repr,
)
def test_backward_before_forward(layer):
    with pytest.raises(ValueError, match="backward called before forward"):
        layer.backward(np.zeros((1, 2)))


@pytest.mark.parametrize("make_layer", [lambda: Dense(2, 3, rng=0), Sigmoid, Tanh, ReLU])
def test_grad_out_must_match_the_forward_output(make_layer):
    layer = make_layer()
    out = layer.forward(np.ones((4, 2)))
    for bad in [np.ones((3, out.shape[1])), np.ones((4, out.shape[1] + 1)), np.ones(out.shape[1])]:
        with pytest.raises(
            ValueError, match=rf"grad_out has shape .* had shape \({4}, {out.shape[1]}\)"
        ):
            layer.backward(bad)
    with pytest.raises(ValueError, match=r"grad_out .* NaN or inf"):
        layer.backward(np.full(out.shape, np.nan))


def test_network_grad_out_must_match_the_network_output():
    net = Sequential(Dense(2, 3, rng=0), Sigmoid(), Dense(3, 1, rng=1))
    net.forward(np.ones((4, 2)))
    with pytest.raises(
        ValueError, match=r"grad_out has shape \(4,\) .*Dense\(3, 1\) had shape \(4, 1\)"
    ):
        net.backward(np.ones(4))


@pytest.mark.parametrize(
    ("name", "value", "shape"),
    [
        ("W", np.ones((3, 2)), r"\(3, 2\)"),
        ("W", np.ones(4), r"\(4,\)"),
        ("b", np.ones((1, 2)), r"\(1, 2\)"),
        ("b", np.ones(3), r"\(3,\)"),
    ],
)
def test_hand_set_parameters_of_the_wrong_shape(name, value, shape):
    layer = Dense(2, 2, rng=0)
    setattr(layer, name, value)
    with pytest.raises(
        ValueError, match=rf"{name} has shape {shape} but Dense\(2, 2\) needs {name} of shape \("
    ):
        layer.forward(np.ones((1, 2)))


def test_hand_set_parameters_must_be_finite():
    layer = Dense(2, 2, rng=0)
    layer.forward(np.ones((1, 2)))
    layer.W[0, 0] = np.nan  # e.g. a diverged training run
    with pytest.raises(ValueError, match=r"W \(shape \(2, 2\)\) contains 1 NaN or inf"):
        layer.forward(np.ones((1, 2)))
    with pytest.raises(ValueError, match=r"W \(shape \(2, 2\)\) contains 1 NaN or inf"):
        layer.backward(np.ones((1, 2)))
    layer.W[0, 0] = 0.5
    layer.b[1] = np.inf  # b is checked by forward, where it is used (backward does not need it)
    with pytest.raises(ValueError, match=r"b \(shape \(2,\)\) contains 1 NaN or inf"):
        layer.forward(np.ones((1, 2)))


def test_sequential_refuses_bad_layers():
    with pytest.raises(ValueError, match="at least one layer"):
        Sequential()
    with pytest.raises(
        ValueError, match=r"layers\[0\] \(list\) is not a layer.*separate arguments"
    ):
        Sequential([Dense(2, 2), Sigmoid()])
    with pytest.raises(
        ValueError, match=r"layers\[1\] \(ufunc\) is not a layer: it lacks forward, .*, grads$"
    ):
        Sequential(Dense(2, 2), np.tanh)
    s = Sigmoid()
    with pytest.raises(ValueError, match=r"layers\[3\] \(Sigmoid\(\)\) appears twice"):
        Sequential(Dense(2, 2), s, Dense(2, 2), s)
    with pytest.raises(
        ValueError, match=r"layers\[2\] is Dense\(4, 1\) with n_in=4, but .* before it output 3"
    ):
        Sequential(Dense(2, 3), Tanh(), Dense(4, 1))
