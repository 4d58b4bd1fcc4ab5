"""Chapter 8's checker against gradbook and its formula against SciPy.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry's code meets the library it names, and its hand-written formula the library's
double softmax, by finite differences.
"""

import numpy as np

from gradbook import losses
from gradbook.activations import softmax
from gradbook.exercises import _numpy_function
from gradbook.exercises.ch08_choosing_a_loss import _ACCEPTED, ANSWERS
from gradbook.gradcheck import numerical_grad

CHECKER = ANSWERS["08-choosing-a-loss/which-loss"].checker


def test_which_loss_accepts_only_names_the_library_has():
    for names in _ACCEPTED:
        for name in names:
            assert callable(getattr(losses, name)), name


def test_which_loss_accepts_the_library_functions_by_name_and_says_which_task_is_wrong():
    tree = [
        losses.huber,
        losses.binary_cross_entropy_with_logits,
        losses.sparse_softmax_cross_entropy,
        losses.hinge,
    ]
    ok, message = CHECKER([f"losses.{f.__name__}" for f in tree])
    assert ok, message
    tree[2] = losses.softmax_cross_entropy  # one-hot loss for integer labels
    ok, message = CHECKER([f.__name__ for f in tree])
    assert not ok and message.startswith("task 3: 'softmax_cross_entropy'")


def test_double_softmax_start_formula_is_the_slope_of_the_library_double_softmax_at_zero():
    gradient = _numpy_function(ANSWERS["08-choosing-a-loss/double-softmax-start"])  # (K, y)
    for n_classes in range(2, 9):
        z = np.zeros((1, n_classes))
        slope = numerical_grad(
            lambda z=z: losses.sparse_softmax_cross_entropy([1], softmax(z), reduction="sum"), z
        )
        y = (np.arange(n_classes) == 1).astype(float)
        assert np.allclose(gradient(float(n_classes), y), slope[0], rtol=1e-6, atol=1e-10)
