"""Tests of gradbook.nn's LayerNorm, BatchNorm1d and Dropout, and of train()/eval().

References independent of the library: means and variances from Python's ``statistics``
module, the running-statistics recurrence written out by hand, central differences for every
backward pass, the binomial law of dropout's mask, and (when it is installed) PyTorch.
"""

import statistics

import numpy as np
import pytest

from gradbook.gradcheck import numerical_grad, relative_error
from gradbook.nn import (
    BatchNorm1d,
    Dense,
    Dropout,
    Layer,
    LayerNorm,
    ReLU,
    Sequential,
    Sigmoid,
    Tanh,
)

TOL = 1e-7
EPS = 1e-5


def standardised(values, eps=EPS):
    """A list standardised with the population variance, by the statistics module."""
    mean, var = statistics.fmean(values), statistics.pvariance(values)
    return [(v - mean) / (var + eps) ** 0.5 for v in values]


def random_affine(layer, rng):
    """Give a normalisation layer a non-trivial scale and shift, in place."""
    layer.gamma[...] = rng.uniform(0.5, 2.0, size=layer.n_features)
    layer.beta[...] = rng.normal(size=layer.n_features)
    return layer


def check_gradients(make_output, layer, x, rng, params=True):
    """Backward against central differences of L = sum(output * P) for x and the parameters.

    ``make_output()`` runs the forward pass to check; it may build a fresh layer each call
    (Dropout draws a new mask at every forward).
    """
    P = rng.normal(size=make_output().shape)

    def loss():
        return np.sum(make_output() * P)

    numeric_x = numerical_grad(loss, x)
    numeric_params = [numerical_grad(loss, p) for p in layer.params()] if params else []
    make_output()
    dx = layer.backward(P)
    assert dx.shape == x.shape
    assert relative_error(dx, numeric_x) <= TOL
    for analytic, numeric in zip(layer.grads(), numeric_params, strict=True):
        assert relative_error(analytic, numeric) <= TOL


# --- LayerNorm ------------------------------------------------------------------------------


def test_layer_norm_standardises_each_row():
    rng = np.random.default_rng(0)
    x = rng.normal(3.0, 2.0, size=(5, 4))
    y = LayerNorm(4).forward(x)
    for row, out in zip(x, y, strict=True):
        np.testing.assert_allclose(out, standardised(list(row)), rtol=1e-12, atol=1e-14)
        assert abs(out.mean()) < 1e-14
        var = statistics.pvariance(list(row))
        assert out.var() == pytest.approx(var / (var + EPS), rel=1e-12)  # 1, up to eps


def test_layer_norm_scale_and_shift_and_batch_independence():
    rng = np.random.default_rng(1)
    layer = random_affine(LayerNorm(3, eps=1e-3), rng)
    x = rng.normal(size=(4, 3))
    y = layer.forward(x)
    expected = [layer.gamma * standardised(list(row), 1e-3) + layer.beta for row in x]
    np.testing.assert_allclose(y, expected, rtol=1e-12, atol=1e-14)
    # each example on its own, in either mode: the same numbers
    np.testing.assert_allclose(layer.eval().forward(x[2:3]), y[2:3], rtol=1e-14)


@pytest.mark.parametrize("batch", [1, 3, 6])
def test_layer_norm_backward_matches_central_differences(batch):
    rng = np.random.default_rng(10 + batch)
    layer = random_affine(LayerNorm(5), rng)
    x = rng.normal(size=(batch, 5))
    check_gradients(lambda: layer.forward(x), layer, x, rng)


def test_layer_norm_gradient_is_orthogonal_to_shifts_and_scalings_of_each_row():
    # y does not change when a row is shifted, and (up to eps) when it is scaled, so the
    # gradient w.r.t. each row sums to 0 and is orthogonal to the row's x_hat
    rng = np.random.default_rng(2)
    layer = random_affine(LayerNorm(6, eps=1e-12), rng)
    z = rng.normal(size=(4, 6))
    x_hat = (z - z.mean(axis=1, keepdims=True)) / z.std(axis=1, keepdims=True)
    x = 3.0 * x_hat + 5.0  # rows of variance 9, so eps / var is negligible
    layer.forward(x)
    dx = layer.backward(rng.normal(size=(4, 6)))
    np.testing.assert_allclose(dx.sum(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose((dx * x_hat).sum(axis=1), 0.0, atol=1e-10)


# --- BatchNorm1d ----------------------------------------------------------------------------


def test_batch_norm_standardises_each_column_in_training():
    rng = np.random.default_rng(3)
    x = rng.normal(-1.0, 4.0, size=(8, 3))
    layer = random_affine(BatchNorm1d(3), rng)
    y = layer.forward(x)
    for j in range(3):
        col = list(x[:, j])
        np.testing.assert_allclose(
            y[:, j],
            layer.gamma[j] * np.array(standardised(col)) + layer.beta[j],
            rtol=1e-12,
            atol=1e-14,
        )
    x_hat = (y - layer.beta) / layer.gamma
    np.testing.assert_allclose(x_hat.mean(axis=0), 0.0, atol=1e-14)
    var = x.var(axis=0)
    np.testing.assert_allclose(x_hat.var(axis=0), var / (var + EPS), rtol=1e-12)


@pytest.mark.parametrize("momentum", [0.1, 0.3, 1.0, 0.0])
def test_running_statistics_follow_the_recurrence_with_the_unbiased_variance(momentum):
    rng = np.random.default_rng(4)
    layer = BatchNorm1d(2, momentum=momentum)
    mean, var = [0.0, 0.0], [1.0, 1.0]  # PyTorch's initial buffers
    for k in range(5):
        x = rng.normal(k, 1.0 + k, size=(4 + k, 2))
        layer.forward(x)
        for j in range(2):
            col = list(x[:, j])
            mean[j] = (1 - momentum) * mean[j] + momentum * statistics.fmean(col)
            var[j] = (1 - momentum) * var[j] + momentum * statistics.variance(col)  # n - 1
    np.testing.assert_allclose(layer.running_mean, mean, rtol=1e-12)
    np.testing.assert_allclose(layer.running_var, var, rtol=1e-12)


def test_running_variance_is_not_the_biased_one():
    layer = BatchNorm1d(1, momentum=1.0)  # the running statistics become the last batch's
    layer.forward(np.array([[0.0], [2.0]]))
    assert layer.running_var[0] == pytest.approx(2.0, rel=1e-15)  # unbiased; the biased is 1
    assert layer.running_mean[0] == pytest.approx(1.0, rel=1e-15)


def test_evaluation_uses_the_running_statistics_and_leaves_them_alone():
    rng = np.random.default_rng(5)
    layer = random_affine(BatchNorm1d(3, eps=1e-3), rng)
    for _ in range(3):
        layer.forward(rng.normal(2.0, 3.0, size=(10, 3)))
    mean, var = layer.running_mean.copy(), layer.running_var.copy()
    x = rng.normal(size=(4, 3))
    y = layer.eval().forward(x)
    np.testing.assert_allclose(
        y, layer.gamma * (x - mean) / np.sqrt(var + 1e-3) + layer.beta, rtol=1e-12
    )
    np.testing.assert_array_equal(layer.running_mean, mean)
    np.testing.assert_array_equal(layer.running_var, var)
    # evaluation works example by example: the same rows alone
    np.testing.assert_allclose(layer.forward(x[1:2]), y[1:2], rtol=1e-15)
    # and back in training mode the batch statistics return
    y_train = layer.train().forward(x)
    assert not np.allclose(y_train, y)


@pytest.mark.parametrize("batch", [2, 3, 7])
def test_batch_norm_training_backward_matches_central_differences(batch):
    rng = np.random.default_rng(20 + batch)
    layer = random_affine(BatchNorm1d(4), rng)
    # with two examples x_hat is +-1 whatever x, unless the spread is comparable to sqrt(eps)
    spread = 0.003 if batch == 2 else 2.0
    x = rng.normal(1.0, spread, size=(batch, 4))
    check_gradients(lambda: layer.forward(x), layer, x, rng)


def test_batch_norm_evaluation_backward_matches_central_differences():
    rng = np.random.default_rng(6)
    layer = random_affine(BatchNorm1d(4), rng)
    layer.forward(rng.normal(size=(8, 4)))
    layer.eval()
    x = rng.normal(size=(3, 4))
    check_gradients(lambda: layer.forward(x), layer, x, rng)


def test_batch_norm_training_gradient_is_orthogonal_to_shifts_and_scalings_of_each_column():
    rng = np.random.default_rng(7)
    layer = random_affine(BatchNorm1d(3, eps=1e-12), rng)
    z = rng.normal(size=(6, 3))
    x_hat = (z - z.mean(axis=0)) / z.std(axis=0)
    x = 2.0 * x_hat - 1.0  # columns of variance 4
    layer.forward(x)
    dx = layer.backward(rng.normal(size=(6, 3)))
    np.testing.assert_allclose(dx.sum(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose((dx * x_hat).sum(axis=0), 0.0, atol=1e-10)
    # in evaluation mode the statistics are constants: the layer is affine in x
    layer.eval().forward(x)
    dx_eval = layer.backward(np.ones((6, 3)))
    np.testing.assert_allclose(dx_eval[0], layer.gamma / np.sqrt(layer.running_var), rtol=1e-12)
    np.testing.assert_array_equal(dx_eval, np.tile(dx_eval[0], (6, 1)))


def test_backward_follows_the_mode_of_the_last_forward():
    rng = np.random.default_rng(8)
    layer = BatchNorm1d(2)
    x, g = rng.normal(size=(5, 2)), rng.normal(size=(5, 2))
    layer.forward(x)
    dx_train = layer.backward(g)
    layer.eval()  # switching mode without a new forward changes nothing
    np.testing.assert_array_equal(layer.backward(g), dx_train)
    layer.forward(x)
    assert not np.allclose(layer.backward(g), dx_train)


def test_params_grads_alias_and_backward_overwrites():
    rng = np.random.default_rng(9)
    for layer in (LayerNorm(3), BatchNorm1d(3)):
        params, grads = layer.params(), layer.grads()
        assert params[0] is layer.gamma and params[1] is layer.beta
        assert grads[0] is layer.dgamma and grads[1] is layer.dbeta
        np.testing.assert_array_equal(layer.gamma, np.ones(3))
        np.testing.assert_array_equal(layer.beta, np.zeros(3))
        x, g = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
        layer.forward(x)
        layer.backward(g)
        first = [a.copy() for a in grads]
        layer.backward(g)  # twice: the same gradients, not their sum
        for a, b in zip(first, layer.grads(), strict=True):
            np.testing.assert_array_equal(a, b)
        assert layer.grads()[0] is grads[0]  # written in place


def test_running_statistics_are_updated_in_place():
    layer = BatchNorm1d(2)
    mean, var = layer.running_mean, layer.running_var
    layer.forward(np.array([[0.0, 1.0], [2.0, 5.0]]))
    assert layer.running_mean is mean and layer.running_var is var
    assert mean[0] != 0.0 and var[1] != 1.0
    assert len(layer.params()) == 2  # buffers are not parameters


def test_caches_are_private():
    rng = np.random.default_rng(11)
    for layer in (LayerNorm(3), BatchNorm1d(3), Dropout(0.3, rng=0)):
        x = rng.normal(size=(4, 3))
        out = layer.forward(x)
        g = rng.normal(size=out.shape)
        dx = layer.backward(g)
        x += 5.0
        out *= -2.0
        np.testing.assert_array_equal(layer.backward(g), dx)


def test_hand_set_parameters_are_converted_and_checked():
    layer = LayerNorm(2)
    layer.gamma = [2, 2]
    layer.beta = [1, -1]
    y = layer.forward(np.array([[0.0, 2.0]]))
    assert isinstance(layer.gamma, np.ndarray) and layer.gamma.dtype == np.float64
    np.testing.assert_allclose(y, [[2 * -1 / np.sqrt(1 + EPS) + 1, 2 / np.sqrt(1 + EPS) - 1]])
    layer.gamma = np.ones(3)
    with pytest.raises(ValueError, match=r"gamma has shape \(3,\) but LayerNorm\(2\) needs"):
        layer.forward(np.ones((1, 2)))
    bn = BatchNorm1d(2)
    bn.running_var[0] = np.nan
    with pytest.raises(ValueError, match=r"running_var \(shape \(2,\)\) contains 1 NaN"):
        bn.eval().forward(np.ones((1, 2)))
    bn.running_var[0] = -1.0
    with pytest.raises(ValueError, match=r"running_var of BatchNorm1d\(2\) must be non-negative"):
        bn.forward(np.ones((1, 2)))


# --- Dropout --------------------------------------------------------------------------------


@pytest.mark.parametrize("p", [0.1, 0.5, 0.8])
def test_dropout_keeps_a_fraction_one_minus_p_and_scales_by_one_over_one_minus_p(p):
    x = np.random.default_rng(12).uniform(1.0, 2.0, size=(200, 50))
    y = Dropout(p, rng=0).forward(x)
    ratio = y / x
    kept = ratio != 0
    np.testing.assert_allclose(ratio[kept], 1.0 / (1.0 - p), rtol=1e-15)
    # the number kept is Binomial(n, 1 - p): within 5 standard deviations
    n = x.size
    assert abs(kept.sum() - n * (1 - p)) < 5 * np.sqrt(n * p * (1 - p))


def test_dropout_is_unbiased():
    # E[y] = x: the mean of many independent masks converges to x
    x = np.array([[1.0, -2.0, 0.5, 3.0]])
    p, draws = 0.4, 20_000
    layer = Dropout(p, rng=1)
    mean = np.mean([layer.forward(x) for _ in range(draws)], axis=0)
    std_of_mean = np.abs(x) * np.sqrt(p / (1 - p)) / np.sqrt(draws)  # Var y = x^2 p / (1 - p)
    assert np.all(np.abs(mean - x) < 5 * std_of_mean)
    # without the 1/(1 - p), the mean would be (1 - p) x: far outside that band
    assert np.all(np.abs((1 - p) * x - x) > 50 * std_of_mean)


def test_dropout_backward_uses_the_same_mask():
    rng = np.random.default_rng(13)
    x = rng.uniform(1.0, 2.0, size=(6, 5))
    layer = Dropout(0.5, rng=2)
    y = layer.forward(x)
    g = rng.normal(size=x.shape)
    np.testing.assert_allclose(layer.backward(g), g * y / x, rtol=1e-15)
    assert not np.array_equal(layer.forward(x), y)  # a new mask at the next forward


@pytest.mark.parametrize("p", [0.0, 0.3, 0.9])
def test_dropout_backward_matches_central_differences(p):
    rng = np.random.default_rng(14)
    x = rng.normal(size=(4, 6))
    masks = np.random.default_rng(3)
    state = masks.bit_generator.state
    layer = Dropout(p, rng=masks)

    def forward():
        masks.bit_generator.state = state  # the same mask at every call
        return layer.forward(x)

    check_gradients(forward, layer, x, rng, params=False)
    layer.forward(x)
    assert layer.params() == [] and layer.grads() == []


def test_dropout_is_the_identity_in_evaluation_and_with_p_zero():
    x = np.random.default_rng(15).normal(size=(3, 4))
    layer = Dropout(0.7, rng=4).eval()
    y = layer.forward(x)
    np.testing.assert_array_equal(y, x)
    assert y is not x
    np.testing.assert_array_equal(layer.backward(2 * x), 2 * x)
    np.testing.assert_array_equal(Dropout(0.0, rng=5).forward(x), x)


def test_dropout_masks_are_seeded():
    x = np.ones((4, 8))
    np.testing.assert_array_equal(Dropout(0.5, rng=7).forward(x), Dropout(0.5, rng=7).forward(x))
    gen = np.random.default_rng(7)
    a, b = Dropout(0.5, rng=gen), Dropout(0.5, rng=gen)  # one generator, shared and advanced
    assert not np.array_equal(a.forward(x), b.forward(x))


# --- modes and Sequential -------------------------------------------------------------------


def test_every_layer_starts_in_training_mode_and_train_eval_return_it():
    for layer in (Dense(2, 2, rng=0), Sigmoid(), Tanh(), ReLU(), LayerNorm(2), BatchNorm1d(2)):
        assert layer.training is True
        assert layer.eval() is layer and layer.training is False
        assert layer.train() is layer and layer.training is True
    fresh = Dropout(0.5)
    assert fresh.training is True and Dropout(0.5).eval().training is False
    assert fresh.training is True  # the mode belongs to the instance


def test_sequential_modes_reach_every_layer():
    class Plain:  # a layer without modes, not derived from Layer: skipped, not an error
        def forward(self, x):
            return x

        def backward(self, g):
            return g

        def params(self):
            return []

        def grads(self):
            return []

    inner = Sequential(Dense(3, 3, rng=0), Dropout(0.5, rng=0))
    net = Sequential(Dense(2, 3, rng=1), BatchNorm1d(3), ReLU(), inner, Plain(), LayerNorm(3))
    assert net.eval() is net
    modes = [layer.training for layer in (net, *net.layers[:4], *inner.layers, net.layers[5])]
    assert modes == [False] * len(modes)
    assert not hasattr(net.layers[4], "training")
    net.train()
    modes = [layer.training for layer in (net, *net.layers[:4], *inner.layers, net.layers[5])]
    assert modes == [True] * len(modes)


def test_network_with_every_new_layer_matches_central_differences():
    rng = np.random.default_rng(16)
    masks = np.random.default_rng(0)
    net = Sequential(
        Dense(3, 5, rng=rng),
        BatchNorm1d(5),
        Tanh(),
        Dropout(0.3, rng=masks),
        Dense(5, 4, rng=rng),
        LayerNorm(4),
        Dense(4, 2, rng=rng),
    )
    for layer in net.layers:
        if isinstance(layer, (LayerNorm, BatchNorm1d)):
            random_affine(layer, rng)
    net.eval()
    net.forward(rng.normal(size=(6, 3)))  # nothing is learnt in evaluation: stats unchanged
    np.testing.assert_array_equal(net.layers[1].running_mean, np.zeros(5))
    net.train()
    x = rng.normal(size=(6, 3))
    state = masks.bit_generator.state

    def forward():
        masks.bit_generator.state = state  # the same dropout mask at every call
        return net.forward(x)

    P = rng.normal(size=(6, 2))

    def loss():
        return np.sum(forward() * P)

    numeric = [numerical_grad(loss, p) for p in [x, *net.params()]]
    forward()
    analytic = [net.backward(P), *net.grads()]
    assert np.count_nonzero(net.layers[3].forward(np.ones((6, 5)))) < 30  # some were dropped
    # the bias of the Dense layer before BatchNorm has no effect: the batch mean removes it
    np.testing.assert_allclose(analytic[2], 0.0, atol=1e-14)
    np.testing.assert_allclose(numeric[2], 0.0, atol=1e-8)
    for i, (a, n) in enumerate(zip(analytic, numeric, strict=True)):
        if i != 2:
            assert relative_error(a, n) <= TOL, i


def test_sequential_checks_the_width_of_normalisation_layers():
    Sequential(Dense(2, 3), BatchNorm1d(3), Dropout(0.1), LayerNorm(3), Dense(3, 1))
    with pytest.raises(
        ValueError, match=r"layers\[1\] is LayerNorm\(4\) with n_features=4, but .* output 3"
    ):
        Sequential(Dense(2, 3), LayerNorm(4))
    with pytest.raises(ValueError, match=r"layers\[3\] is Dense\(4, 1\) with n_in=4, .* output 3"):
        Sequential(Dense(2, 3), Dropout(0.5), BatchNorm1d(3), Dense(4, 1))


def test_repr():
    assert repr(LayerNorm(3)) == "LayerNorm(3)"
    assert repr(LayerNorm(3, eps=1e-3)) == "LayerNorm(3, eps=0.001)"
    assert repr(BatchNorm1d(4)) == "BatchNorm1d(4)"
    assert repr(BatchNorm1d(4, momentum=0.2)) == "BatchNorm1d(4, momentum=0.2)"
    assert repr(Dropout(0.25)) == "Dropout(p=0.25)"
    assert issubclass(Dropout, Layer) and issubclass(BatchNorm1d, Layer)


# --- stability and errors -------------------------------------------------------------------


@pytest.mark.parametrize("scale", [1e-300, 1.0, 1e100, 1e150])
def test_finite_for_extreme_and_constant_inputs(scale):
    rng = np.random.default_rng(17)
    x = scale * rng.uniform(-1.0, 1.0, size=(5, 4))
    x[:, 0] = scale  # a constant column
    x[0, :] = -scale  # a constant row
    for layer in (LayerNorm(4), BatchNorm1d(4)):
        y = layer.forward(x)
        dx = layer.backward(np.ones_like(y))
        assert np.isfinite(y).all() and np.isfinite(dx).all()
        assert all(np.isfinite(a).all() for a in layer.grads())
    bn = BatchNorm1d(4)
    bn.forward(x)
    assert np.isfinite(bn.running_var).all()
    y = bn.eval().forward(x)
    assert np.isfinite(y).all() and np.isfinite(bn.backward(np.ones_like(y))).all()


def test_too_large_inputs_are_refused_with_a_reason():
    for layer in (LayerNorm(2), BatchNorm1d(2)):
        with pytest.raises(ValueError, match=r"x \(shape \(2, 2\)\) holds values up to 1e\+200"):
            layer.forward(np.array([[1.0, 1e200], [0.0, 1.0]]))


@pytest.mark.parametrize("cls", [LayerNorm, BatchNorm1d])
def test_the_documented_limit_is_1e150_and_rescaling_only_changes_eps(cls):
    at_limit = np.array([[1e150, -1e150], [0.5e150, 2.0]])
    assert np.isfinite(cls(2).forward(at_limit)).all()
    with pytest.raises(ValueError, match="beyond 1e\\+150: rescale x"):
        cls(2).forward(np.nextafter(at_limit, np.inf))
    # the docstrings' advice: x / s standardised with eps is x standardised with eps * s^2
    rng = np.random.default_rng(23)
    s = 1e3
    x = s * rng.normal(size=(6, 4))
    np.testing.assert_allclose(
        cls(4, eps=1e-5).forward(x / s), cls(4, eps=1e-5 * s**2).forward(x), rtol=1e-12
    )
    assert not np.allclose(cls(4, eps=1e-5).forward(x / s), cls(4, eps=1e-5).forward(x))
    # and eps / s^2 on x / s gives exactly x's output with eps
    np.testing.assert_allclose(
        cls(4, eps=1e-5 / s**2).forward(x / s), cls(4, eps=1e-5).forward(x), rtol=1e-12
    )


def test_rescaling_in_evaluation_mode_needs_the_running_statistics_rescaled_too():
    # BatchNorm1d's docstring: in evaluation mode, x / s with eps / s^2 gives x's x-hat when
    # running_mean and running_var are those for x divided by s and s^2
    rng = np.random.default_rng(24)
    s, eps = 1e3, 1e-5
    x = s * rng.normal(2.0, 3.0, size=(6, 4))
    mean, var = s * rng.normal(size=4), s**2 * rng.uniform(0.5, 2.0, size=4)
    layer = BatchNorm1d(4, eps=eps / s**2).eval()
    layer.running_mean[...], layer.running_var[...] = mean / s, var / s**2
    np.testing.assert_allclose(layer.forward(x / s), (x - mean) / np.sqrt(var + eps), rtol=1e-12)


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "3", None])
@pytest.mark.parametrize("cls", [LayerNorm, BatchNorm1d])
def test_n_features_must_be_a_positive_integer(cls, bad):
    with pytest.raises(ValueError, match="n_features must be a positive integer"):
        cls(bad)


@pytest.mark.parametrize("bad", [0.0, -1e-5, np.nan, np.inf, "1e-5", None, True])
@pytest.mark.parametrize("cls", [LayerNorm, BatchNorm1d])
def test_eps_must_be_positive_and_finite(cls, bad):
    with pytest.raises(ValueError, match="eps must be"):
        cls(3, eps=bad)


@pytest.mark.parametrize("bad", [-0.1, 1.5, np.nan, "0.1", None])
def test_momentum_must_be_in_the_unit_interval(bad):
    with pytest.raises(ValueError, match="momentum must be"):
        BatchNorm1d(3, momentum=bad)


@pytest.mark.parametrize("bad", [-0.1, 1.0, 1.5, np.nan, "0.5", None, True, 10**400])
def test_dropout_p_must_be_in_zero_one(bad):
    with pytest.raises(ValueError, match=r"p must be"):
        Dropout(bad)


@pytest.mark.parametrize("bad", ["seed", 1.5, True, np.random.RandomState(0)])
def test_dropout_rng_must_be_generator_int_or_none(bad):
    with pytest.raises(ValueError, match="rng must be"):
        Dropout(0.5, rng=bad)


def test_batch_norm_needs_two_examples_in_training_only():
    layer = BatchNorm1d(3)
    with pytest.raises(
        ValueError, match=r"x has shape \(1, 3\), but BatchNorm1d\(3\) in training .* eval\(\)"
    ):
        layer.forward(np.ones((1, 3)))
    assert layer.eval().forward(np.ones((1, 3))).shape == (1, 3)


@pytest.mark.parametrize("make_layer", [lambda: LayerNorm(3), lambda: BatchNorm1d(3)])
def test_input_width_must_match_n_features(make_layer):
    with pytest.raises(ValueError, match=r"x has shape \(4, 2\) but .*\(3\) expects n_features=3"):
        make_layer().forward(np.ones((4, 2)))


@pytest.mark.parametrize(
    "make_layer", [lambda: LayerNorm(3), lambda: BatchNorm1d(3), lambda: Dropout(0.5, rng=0)]
)
def test_input_errors(make_layer):
    layer = make_layer()
    with pytest.raises(ValueError, match=r"x has shape \(3,\) but .* expects a 2-D batch"):
        layer.forward(np.ones(3))
    with pytest.raises(ValueError, match=r"x \(shape \(2, 3\)\) contains 1 NaN or inf"):
        layer.forward(np.array([[0.0, 1.0, np.inf], [1.0, 2.0, 3.0]]))
    with pytest.raises(ValueError, match="backward called before forward"):
        make_layer().backward(np.ones((2, 3)))
    layer.forward(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"grad_out has shape \(3, 3\) .* had shape \(2, 3\)"):
        layer.backward(np.ones((3, 3)))


# --- PyTorch (skipped without it; `make test-torch`) -----------------------------------------


def _torch():
    return pytest.importorskip("torch")


def test_layer_norm_equals_pytorch():
    torch = _torch()
    rng = np.random.default_rng(30)
    x, g = rng.normal(2.0, 3.0, size=(5, 6)), rng.normal(size=(5, 6))
    ours = random_affine(LayerNorm(6, eps=1e-4), rng)
    theirs = torch.nn.LayerNorm(6, eps=1e-4, dtype=torch.float64)
    with torch.no_grad():
        theirs.weight.copy_(torch.from_numpy(ours.gamma))
        theirs.bias.copy_(torch.from_numpy(ours.beta))
    xt = torch.tensor(x, requires_grad=True)
    yt = theirs(xt)
    yt.backward(torch.from_numpy(g))
    y = ours.forward(x)
    dx = ours.backward(g)
    np.testing.assert_allclose(y, yt.detach().numpy(), rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(ours.dgamma, theirs.weight.grad.numpy(), rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(ours.dbeta, theirs.bias.grad.numpy(), rtol=1e-12, atol=1e-13)


@pytest.mark.parametrize("momentum", [0.1, 0.25])
def test_batch_norm_equals_pytorch_in_training_and_evaluation(momentum):
    torch = _torch()
    rng = np.random.default_rng(31)
    ours = random_affine(BatchNorm1d(4, eps=1e-3, momentum=momentum), rng)
    theirs = torch.nn.BatchNorm1d(4, eps=1e-3, momentum=momentum, dtype=torch.float64)
    with torch.no_grad():
        theirs.weight.copy_(torch.from_numpy(ours.gamma))
        theirs.bias.copy_(torch.from_numpy(ours.beta))

    def both(x, g):
        theirs.zero_grad()
        xt = torch.tensor(x, requires_grad=True)
        yt = theirs(xt)
        yt.backward(torch.from_numpy(g))
        y = ours.forward(x)
        dx = ours.backward(g)
        np.testing.assert_allclose(y, yt.detach().numpy(), rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(dx, xt.grad.numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(ours.dgamma, theirs.weight.grad.numpy(), rtol=1e-12)
        np.testing.assert_allclose(ours.dbeta, theirs.bias.grad.numpy(), rtol=1e-12)
        np.testing.assert_allclose(ours.running_mean, theirs.running_mean.numpy(), rtol=1e-12)
        np.testing.assert_allclose(ours.running_var, theirs.running_var.numpy(), rtol=1e-12)

    for k in range(4):  # training: batch statistics, running statistics updated
        n = 3 + 2 * k
        both(rng.normal(k, 1.0 + k, size=(n, 4)), rng.normal(size=(n, 4)))
    ours.eval()
    theirs.eval()
    both(rng.normal(size=(5, 4)), rng.normal(size=(5, 4)))  # evaluation
    both(rng.normal(size=(1, 4)), rng.normal(size=(1, 4)))  # one example


@pytest.mark.parametrize("p", [0.2, 0.5])
def test_dropout_equals_pytorch_given_each_mask(p):
    # The two draw different masks; given its mask, each must compute x M / (1 - p) forward
    # and g M / (1 - p) backward: the same rule, checked on the masks they drew.
    torch = _torch()
    rng = np.random.default_rng(32)
    x = rng.uniform(1.0, 2.0, size=(50, 40))  # no zeros, so the mask is y != 0
    g = rng.normal(size=x.shape)
    torch.manual_seed(0)
    xt = torch.tensor(x, requires_grad=True)
    yt = torch.nn.functional.dropout(xt, p=p, training=True)
    yt.backward(torch.from_numpy(g))
    layer = Dropout(p, rng=0)
    y = layer.forward(x)
    dx = layer.backward(g)
    for out, grad in ((yt.detach().numpy(), xt.grad.numpy()), (y, dx)):
        mask = out != 0
        np.testing.assert_allclose(out, x * mask / (1 - p), rtol=1e-15)
        np.testing.assert_allclose(grad, g * mask / (1 - p), rtol=1e-15)
    assert torch.nn.functional.dropout(xt, p=p, training=False).detach().numpy() == pytest.approx(
        Dropout(p).eval().forward(x)
    )
