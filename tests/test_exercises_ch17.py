"""Chapter 17's expected answers (written with math, statistics and formulas) against gradbook.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry, built independently of the library, meets the library's numbers.
"""

import math

import numpy as np
import pytest

from gradbook.exercises import check
from gradbook.exercises.ch17_keeping_gradients_alive import ANSWERS
from gradbook.nn import BatchNorm1d, Dense, Dropout, ReLU, Sequential

PREFIX = "17-keeping-gradients-alive/"
sp = pytest.importorskip("sympy")


def formula(key):
    expected = ANSWERS[PREFIX + key]
    names = f"{expected.symbols} {expected.positive}".split()
    return sp.sympify(expected.formula, locals={name: sp.Symbol(name) for name in names})


def test_running_var_is_what_batchnorm_computes():
    layer = BatchNorm1d(1)
    for batch in ([1.0, 2.0, 3.0, 6.0], [0.0, 4.0], [2.0, 2.0, 5.0]):
        layer.forward(np.array(batch).reshape(-1, 1))
    assert math.isclose(layer.running_var[0], ANSWERS[PREFIX + "running-var"].value, rel_tol=1e-12)


def test_folded_layer_reproduces_dense_then_batchnorm_in_evaluation():
    pair = Sequential(Dense(2, 2), BatchNorm1d(2))
    pair.layers[0].W[...] = [[1.0, -2.0], [0.5, 3.0]]
    pair.layers[0].b[...] = [0.1, -0.2]
    bn = pair.layers[1]
    bn.gamma[...], bn.beta[...] = [3.0, 0.5], [0.0, 1.0]
    bn.running_mean[...], bn.running_var[...] = [0.3, -1.0], [4.0, 0.04]
    pair.eval()
    folded = np.array(ANSWERS[PREFIX + "fold-batchnorm"].value)
    W_folded, b_folded = folded[:2], folded[2]
    np.testing.assert_allclose(pair.forward(np.zeros((1, 2)))[0], b_folded, rtol=1e-12)
    x = np.random.default_rng(0).normal(size=(4, 2))
    np.testing.assert_allclose(pair.forward(x), x @ W_folded + b_folded, rtol=1e-12)


def test_uneven_widths_match_the_average_over_library_networks():
    # the variance formulas are for the average over initialisations: many networks, a wide batch
    widths = [256 if d % 2 == 0 else 64 for d in range(21)]  # 256 -> 64 -> 256 ...
    forward, backward = [], []
    for seed in range(20):
        rng = np.random.default_rng(seed)
        layers = []
        for n_in, n_out in zip(widths[:-1], widths[1:], strict=True):
            layers += [Dense(n_in, n_out, rng=rng), ReLU()]  # Glorot, the library's default
        net = Sequential(*layers)
        h = rng.normal(size=(128, 256))
        dense_out = []
        for layer in net.layers:
            h = layer.forward(h)
            if isinstance(layer, Dense):
                dense_out.append(h.var())
        forward.append(dense_out[-1] / dense_out[0])
        for layer in net.layers[::2]:  # He's scale, fan-in, for the backward ratio
            layer.W[...] = rng.normal(0.0, math.sqrt(2 / layer.W.shape[0]), size=layer.W.shape)
        net.forward(rng.normal(size=(128, 256)))
        g = rng.normal(size=(128, 256))
        grads = []
        for layer in reversed(net.layers):
            if isinstance(layer, Dense):
                grads.append(g.var())  # dL/dz arriving at this Dense layer's output
            g = layer.backward(g)
        backward.append(grads[-1] / grads[0])
    glorot_forward, he_backward = ANSWERS[PREFIX + "uneven-widths"].value
    assert abs(math.log(np.mean(forward) / glorot_forward**2)) < math.log(1.5)
    assert abs(math.log(np.mean(backward) / he_backward**2)) < math.log(1.5)


def test_leaky_relu_scale_keeps_the_variance_of_a_leaky_layer():
    rng = np.random.default_rng(3)
    n, alpha = 400, 0.1
    variance = float(formula("leaky-relu-scale").subs({"n": n, "alpha": alpha}))
    z = rng.normal(size=(2000, n))
    a = np.where(z > 0, z, alpha * z)
    z_next = a @ rng.normal(0.0, math.sqrt(variance), size=(n, n))
    assert abs(z_next.var() / z.var() - 1) < 0.02


def test_batch_of_two_is_what_batchnorm_backward_gives():
    rng = np.random.default_rng(4)
    expr = formula("batch-of-two")
    for eps in (1e-5, 0.3):
        layer = BatchNorm1d(1, eps=eps)
        layer.gamma[...] = 1.7
        x, G = rng.normal(size=(2, 1)), rng.normal(size=(2, 1))
        layer.forward(x)
        dx = layer.backward(G)
        point = {"x1": x[0, 0], "x2": x[1, 0], "G1": G[0, 0], "G2": G[1, 0]}
        want = float(expr.subs(point | {"gamma": 1.7, "epsilon": eps}))
        assert math.isclose(dx[0, 0], want, rel_tol=1e-9, abs_tol=1e-15)
        assert math.isclose(dx[1, 0], -want, rel_tol=1e-9, abs_tol=1e-15)


def test_dropout_variance_shift_by_monte_carlo():
    p = 0.3
    rng = np.random.default_rng(1)
    a = rng.normal(0.5, 1.0, size=(200_000, 1))
    y = Dropout(p, rng=2).forward(a)
    measured = np.mean(y**2) / np.mean(a**2)  # Var z is proportional to E[y^2]
    expected = float(formula("dropout-variance-shift").subs("p", p))
    assert abs(measured / expected - 1) < 0.01
    assert check(PREFIX + "dropout-variance-shift", sp.Integer(1) / (1 - sp.Symbol("p")))


def test_residual_branch_scale_bounds_every_depth_by_two():
    c = ANSWERS[PREFIX + "residual-branch-scale"].value
    growth = [(1 + c / 2) ** (D / 2) for D in range(1, 101)]
    assert all(a < b for a, b in zip(growth, growth[1:], strict=False))  # increasing in D
    assert math.isclose(growth[-1], 2.0, rel_tol=1e-12)


def test_formula_answers_may_carry_assumptions(capsys):
    n, alpha = sp.symbols("n alpha", positive=True)  # assumptions do not matter
    assert check(PREFIX + "leaky-relu-scale", 2 / ((1 + alpha**2) * n))
    assert check(PREFIX + "leaky-relu-scale", "2/n/(1 + alpha^2)")  # ^ read as a power
    assert not check(PREFIX + "leaky-relu-scale", "2/((1 + alpha**2)*n")  # a syntax error
    assert not check(PREFIX + "leaky-relu-scale", 2 / n)
    capsys.readouterr()
