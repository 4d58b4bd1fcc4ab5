"""Chapter 14's expected answers (written with ``math`` alone) against gradbook.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry, built independently of the library, meets the library's numbers.
"""

import math

import numpy as np

from gradbook import losses
from gradbook.exercises import _numpy_function
from gradbook.exercises.ch14_chain_rule import ANSWERS
from gradbook.nn import Dense, Sequential, Sigmoid
from gradbook.optim import SGD

Y = np.array([[1.0]])


def notes_net():
    """The notes' 2-2-1 sigmoid network with its initial weights."""
    net = Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1), Sigmoid())
    net.layers[0].W[...] = [[0.2, 0.3], [0.4, 0.1]]
    net.layers[0].b[...] = [0.1, 0.2]
    net.layers[2].W[...] = [[0.7], [0.5]]
    net.layers[2].b[...] = [0.3]
    return net


def backward(net, x):
    return net.backward(losses.binary_cross_entropy_grad(Y, net.forward(x), reduction="sum"))


def test_delta1_for_label_zero_is_the_hidden_bias_gradient():
    net = notes_net()
    x = np.array([[1.0, 0.0]])
    net.backward(
        losses.binary_cross_entropy_grad(np.array([[0.0]]), net.forward(x), reduction="sum")
    )
    assert math.isclose(
        net.layers[0].db[0], ANSWERS["14-chain-rule/delta1-y0"].value, rel_tol=1e-12
    )


def test_dw21_for_input_one_one():
    net = notes_net()
    backward(net, np.array([[1.0, 1.0]]))
    assert math.isclose(
        net.layers[0].dW[1, 0], ANSWERS["14-chain-rule/dw21-x11"].value, rel_tol=1e-12
    )


def test_input_gradient_is_the_sum_over_paths():
    net = notes_net()
    dx = backward(net, np.array([[1.0, 0.0]]))
    assert math.isclose(dx[0, 0], ANSWERS["14-chain-rule/dL-dx1"].value, rel_tol=1e-12)


def test_loss_after_ten_steps_with_eta_one():
    net, x = notes_net(), np.array([[1.0, 0.0]])
    opt = SGD(net.params(), lr=1.0)
    for _ in range(10):
        backward(net, x)
        opt.step(net.grads())
    loss = losses.binary_cross_entropy(Y, net.forward(x), reduction="sum")
    assert math.isclose(
        loss, ANSWERS["14-chain-rule/loss-after-ten-steps-eta1"].value, rel_tol=1e-10
    )


def test_squared_error_neuron_formula_is_the_gradient_gradbook_nn_computes():
    derivative = _numpy_function(ANSWERS["14-chain-rule/squared-error-neuron"])  # (w, x, b, y)
    rng = np.random.default_rng(13)
    for _ in range(6):
        w, x, b, y = rng.uniform(-3, 3), rng.uniform(-3, 3), rng.uniform(-3, 3), rng.uniform()
        net = Sequential(Dense(1, 1), Sigmoid())
        net.layers[0].W[...], net.layers[0].b[...] = w, b
        a = net.forward(np.array([[x]]))
        net.backward(0.5 * losses.mse_grad(np.array([[y]]), a, reduction="sum"))
        assert math.isclose(net.layers[0].dW[0, 0], derivative(w, x, b, y), rel_tol=1e-10)
