"""Chapter 13's hand-written formula against gradbook's SGD under a 1/t schedule.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry's expected excess cost meets the iterates of gradbook.optim.SGD, computed exactly:
the iteration is linear in the noise, so one run per noise impulse gives every coefficient.
"""

import numpy as np

from gradbook.exercises import _numpy_function
from gradbook.exercises.ch13_lr_schedules import ANSWERS
from gradbook.optim import SGD


def run(h, sigma, noise, theta_0):
    """SGD on J = h theta^2 / 2 with gradient h theta + sigma xi_t and lr 1 / (h (t + 1))."""
    theta = np.full(noise.shape[1], theta_0)
    opt = SGD([theta], lr=1.0)
    for t, xi in enumerate(noise):
        opt.lr = 1.0 / (h * (t + 1))
        opt.step([h * theta + sigma * xi])
    return theta


def test_one_over_t_excess_cost_is_the_library_iterates_variance():
    excess = _numpy_function(ANSWERS["13-lr-schedules/one-over-t-excess"])  # (σ, h, T)
    for h, sigma, T in ((1.0, 1.0, 10), (2.5, 0.3, 37), (0.4, 2.0, 200)):
        # copy i feels the noise 1 at step i only: theta_T of copy i is the weight of xi_i
        weights = run(h, sigma, np.eye(T), theta_0=0.0)
        variance = np.sum(weights**2)  # the weights already carry the factor sigma
        assert np.isclose(h / 2 * variance, excess(sigma, h, T), rtol=1e-12)
        # and the start is forgotten after the first step
        assert abs(run(h, sigma, np.zeros((T, 1)), theta_0=5.0)[0]) < 1e-12
