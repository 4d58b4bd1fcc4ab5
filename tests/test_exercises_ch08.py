"""Chapter 8's checker against gradbook and its formula against SciPy.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry's code meets the library it names, and its hand-written formula SciPy's Poisson.
"""

import numpy as np
from scipy import stats

from gradbook import losses
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


def test_poisson_link_gradient_formula_is_the_slope_of_scipys_nll_in_the_logit():
    gradient = _numpy_function(ANSWERS["08-choosing-a-loss/poisson-link-gradient"])  # (z, y)
    rng = np.random.default_rng(7)
    y, z = rng.integers(0, 15, size=8).astype(float), rng.uniform(-2.0, 3.0, size=8)
    probe = z.copy()
    slope = numerical_grad(lambda: -stats.poisson.logpmf(y, np.exp(probe)).sum(), probe)
    assert np.allclose(gradient(z, y), slope, rtol=1e-6, atol=1e-8)
