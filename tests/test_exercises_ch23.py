"""Chapter 23's expected answers (written with math, statistics and SymPy) against gradbook.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry, built independently of the library, meets the library's numbers, and the SymPy
checker meets SymPy objects as well as strings.
"""

import math

import numpy as np
import pytest

from gradbook.exercises import check
from gradbook.exercises.ch23_keeping_gradients_alive import ANSWERS
from gradbook.nn import BatchNorm1d, Dense, Dropout, ReLU, Sequential

PREFIX = "23-keeping-gradients-alive/"


def test_running_var_is_what_batchnorm_computes():
    layer = BatchNorm1d(1)
    for batch in ([1.0, 2.0, 3.0, 6.0], [0.0, 4.0], [2.0, 2.0, 5.0]):
        layer.forward(np.array(batch).reshape(-1, 1))
    assert math.isclose(layer.running_var[0], ANSWERS[PREFIX + "running-var"].value, rel_tol=1e-12)


def test_folded_bias_reproduces_dense_then_batchnorm_in_evaluation():
    pair = Sequential(Dense(2, 2), BatchNorm1d(2))
    pair.layers[0].W[...] = [[1.0, -2.0], [0.5, 3.0]]
    pair.layers[0].b[...] = [0.1, -0.2]
    bn = pair.layers[1]
    bn.gamma[...], bn.beta[...] = [3.0, 0.5], [0.0, 1.0]
    bn.running_mean[...], bn.running_var[...] = [0.3, -1.0], [4.0, 0.04]
    pair.eval()
    b_folded = np.array(ANSWERS[PREFIX + "fold-batchnorm"].value)
    W_folded = pair.layers[0].W * bn.gamma / np.sqrt(bn.running_var + bn.eps)
    np.testing.assert_allclose(pair.forward(np.zeros((1, 2)))[0], b_folded, rtol=1e-12)
    x = np.random.default_rng(0).normal(size=(4, 2))
    np.testing.assert_allclose(pair.forward(x), x @ W_folded + b_folded, rtol=1e-12)


def test_depth_factor_is_the_mean_over_wide_glorot_relu_networks():
    # the variance formula is for the average over initialisations: wide layers, many seeds
    ratios = []
    for seed in range(8):
        rng = np.random.default_rng(seed)
        h = rng.normal(size=(256, 256))
        first = None
        for _ in range(20):
            h = Dense(256, 256, rng=rng).forward(h)
            first = h.var() if first is None else first
            last = h.var()
            h = ReLU().forward(h)
        ratios.append(last / first)
    expected = ANSWERS[PREFIX + "depth-factor"].value
    assert abs(math.sqrt(np.mean(ratios)) / expected - 1) < 0.15


def test_dropout_variance_shift_by_monte_carlo():
    import sympy as sp

    p = 0.3
    rng = np.random.default_rng(1)
    a = rng.normal(0.5, 1.0, size=(200_000, 1))
    y = Dropout(p, rng=2).forward(a)
    measured = np.mean(y**2) / np.mean(a**2)  # Var z is proportional to E[y^2]
    expected = float(sp.sympify("1/(1 - p)").subs("p", p))
    assert abs(measured / expected - 1) < 0.01
    assert check(PREFIX + "dropout-variance-shift", sp.Integer(1) / (1 - sp.Symbol("p")))


def test_residual_branch_scale_doubles_the_predicted_growth():
    c = ANSWERS[PREFIX + "residual-branch-scale"].value
    assert math.isclose((1 + c / 2) ** 50, 2.0, rel_tol=1e-12)


@pytest.mark.parametrize(
    "answer, ok",
    [
        ("2/((1 + alpha**2)*n)", True),
        ("2/n/(1 + alpha^2)", True),  # SymPy reads ^ as a power in a string
        ("2/((1 + alpha**2)*n", False),  # a syntax error is a wrong answer
        (None, False),
    ],
)
def test_the_sympy_checker_reads_strings_and_objects(answer, ok, capsys):
    assert check(PREFIX + "leaky-relu-scale", answer) is ok
    import sympy as sp

    n, alpha = sp.symbols("n alpha", positive=True)  # assumptions do not matter
    assert check(PREFIX + "leaky-relu-scale", 2 / ((1 + alpha**2) * n))
    assert not check(PREFIX + "leaky-relu-scale", 2 / n)
    capsys.readouterr()
