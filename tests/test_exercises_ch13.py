"""The answers of chapter 13's exercises: each expected value is accepted, each typical
mistake is refused, and the expected values match the chapter's numbers computed another way."""

import math

import numpy as np
import pytest

from gradbook.exercises import ch13_chain_rule, check

ANSWERS = ch13_chain_rule.ANSWERS


def test_ids_belong_to_the_chapter():
    assert ANSWERS and all(key.startswith("13-chain-rule/") for key in ANSWERS)


@pytest.mark.parametrize("key", sorted(ANSWERS))
def test_expected_is_accepted(key):
    expected = ANSWERS[key]
    for answer in (expected.right_examples if expected.checker else (expected.value,)):
        assert check(key, answer)


@pytest.mark.parametrize("key", sorted(ANSWERS))
def test_typical_mistakes_are_refused(key):
    expected = ANSWERS[key]
    assert len(expected.wrong_examples) >= 2
    for wrong in expected.wrong_examples:
        assert not check(key, wrong), wrong


def test_values_against_gradbook():
    """The registry is written with math alone; here it meets the library."""
    from gradbook import losses
    from gradbook.nn import Dense, Sequential, Sigmoid
    from gradbook.optim import SGD

    def notes_net():
        net = Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1), Sigmoid())
        net.layers[0].W[...] = [[0.2, 0.3], [0.4, 0.1]]
        net.layers[0].b[...] = [0.1, 0.2]
        net.layers[2].W[...] = [[0.7], [0.5]]
        net.layers[2].b[...] = [0.3]
        return net

    x, y = np.array([[1.0, 1.0]]), np.array([[1.0]])
    net = notes_net()
    net.backward(losses.binary_cross_entropy_grad(y, net.forward(x), reduction="sum"))
    assert math.isclose(net.layers[0].dW[1, 0], ANSWERS["13-chain-rule/dw21-x11"].value, rel_tol=1e-12)

    x = np.array([[1.0, 0.0]])
    net = notes_net()
    dx = net.backward(losses.binary_cross_entropy_grad(y, net.forward(x), reduction="sum"))
    assert math.isclose(dx[0, 0], ANSWERS["13-chain-rule/dL-dx1"].value, rel_tol=1e-12)
    assert math.isclose(net.forward(x)[0, 0], ANSWERS["13-chain-rule/delta3-y0"].value, rel_tol=1e-12)

    opt = SGD(net.params(), lr=1.0)
    for _ in range(10):
        net.backward(losses.binary_cross_entropy_grad(y, net.forward(x), reduction="sum"))
        opt.step(net.grads())
    loss = losses.binary_cross_entropy(y, net.forward(x), reduction="sum")
    assert math.isclose(loss, ANSWERS["13-chain-rule/loss-after-ten-steps-eta1"].value, rel_tol=1e-10)
