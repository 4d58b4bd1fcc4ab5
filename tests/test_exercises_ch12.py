"""Chapter 12's hand-written formula against gradbook's RMSprop.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry's step after a jump in the gradient meets gradbook.optim.RMSprop, and the cycle of
Reddi et al.'s example meets gradbook.optim.Adam.
"""

import numpy as np

from gradbook.exercises import _numpy_function
from gradbook.exercises.ch12_adaptive_methods import ANSWERS
from gradbook.optim import Adam, RMSprop


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


def test_reddi_v1_is_the_library_second_moment_after_the_large_gradient():
    v1_of = _numpy_function(ANSWERS["12-adaptive-methods/reddi-v1"])  # (C, beta2)
    for C, beta2 in [(3.0, 0.1), (3.0, 0.47), (4.0, 1 / 17), (2.5, 0.9), (10.0, 0.3)]:
        theta = np.zeros(1)
        opt = Adam([theta], lr=0.01, betas=(0.0, beta2))
        after_large = []
        for t in range(1, 1501):  # the bias of v_0 = 0 fades as beta2^t
            opt.step([np.array([C if t % 3 == 1 else -1.0])])
            if t % 3 == 1:
                after_large.append(opt.v[0][0])
        assert np.isclose(after_large[-1], v1_of(C, beta2), rtol=1e-12)
