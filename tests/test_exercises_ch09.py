"""Chapter 9's hand-written formula against SciPy and gradbook.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry's formula for the exact line-search step meets a numerical line search.
"""

import numpy as np
from scipy.optimize import minimize_scalar

from gradbook.exercises import _numpy_function
from gradbook.exercises.ch09_gradient_descent import ANSWERS
from gradbook.optim import SGD


def test_line_search_step_is_the_minimiser_along_the_gradient():
    eta_star = _numpy_function(ANSWERS["09-gradient-descent/line-search-step"])  # (θ1, θ2, μ, L)
    rng = np.random.default_rng(8)
    for _ in range(6):
        mu, L = np.sort(rng.uniform(0.1, 20.0, size=2))
        theta = rng.uniform(-3.0, 3.0, size=2)
        curv = np.array([mu, L])
        g = curv * theta

        def cost_along(eta, theta=theta, curv=curv, g=g):
            return 0.5 * np.sum(curv * (theta - eta * g) ** 2)

        best = minimize_scalar(
            cost_along, bounds=(0.0, 2.0 / mu), method="bounded", options={"xatol": 1e-12}
        )
        step = eta_star(theta[0], theta[1], mu, L)
        assert np.isclose(step, best.x, rtol=1e-6)
        # one step of gradbook's SGD at that rate: the new gradient is orthogonal to the old
        SGD([theta], lr=step).step([g.copy()])
        assert abs(g @ (curv * theta)) < 1e-10 * (g @ g)
