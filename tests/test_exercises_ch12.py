"""Chapter 12's hand-written formula against gradbook's RMSprop.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry's step after a jump in the gradient meets gradbook.optim.RMSprop.
"""

import numpy as np

from gradbook.exercises import _numpy_function
from gradbook.exercises.ch12_adaptive_methods import ANSWERS
from gradbook.optim import RMSprop


def test_rmsprop_jump_step_is_the_library_step_from_a_settled_average():
    step_of = _numpy_function(ANSWERS["12-adaptive-methods/rmsprop-jump-step"])  # (η, α, g, g0)
    rng = np.random.default_rng(11)
    for _ in range(6):
        lr, alpha = rng.uniform(1e-3, 0.1), rng.uniform(0.5, 0.999)
        g0, g = rng.uniform(0.01, 2.0), rng.uniform(0.01, 200.0)
        theta = np.zeros(1)
        opt = RMSprop([theta], lr=lr, alpha=alpha, eps=1e-300)
        opt.sq_avg[0][...] = g0**2  # the average after a long run at |g| = g0
        opt.step([np.array([g])])
        assert np.isclose(-theta[0], step_of(lr, alpha, g, g0), rtol=1e-12)
        assert -theta[0] < lr / np.sqrt(1 - alpha)  # the bound of the chapter
