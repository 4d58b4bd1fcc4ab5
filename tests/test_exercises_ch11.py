"""Chapter 11's hand-written formula against gradbook's Nesterov momentum.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry's critical momentum meets the recursion that gradbook.optim.SGD(nesterov=True) runs.
"""

import numpy as np

from gradbook.exercises import _numpy_function
from gradbook.exercises.ch11_momentum import ANSWERS
from gradbook.optim import SGD


def nesterov_path(lr, mu, beta, steps=60):
    """gradbook's Nesterov momentum on J = mu theta^2 / 2, from theta = 1."""
    theta = np.array([1.0])
    opt = SGD([theta], lr=lr, momentum=beta, nesterov=True)
    path = [theta[0]]
    for _ in range(steps):
        opt.step([mu * theta])
        path.append(theta[0])
    return np.array(path)


def recursion_coefficients(path):
    """(c1, c2) with path[t] = c1 path[t-1] + c2 path[t-2], by least squares over the path."""
    A = np.column_stack([path[1:-1], path[:-2]])
    return np.linalg.lstsq(A, path[2:], rcond=None)[0]


def test_nesterov_critical_momentum_gives_the_library_recursion_a_double_root():
    critical = _numpy_function(ANSWERS["11-momentum/nesterov-critical-momentum"])  # (η, μ)
    for lr, mu in ((0.01, 1.0), (0.2, 0.2), (0.5, 0.4), (1.0, 0.5)):
        h = lr * mu
        beta = critical(lr, mu)
        c1, c2 = recursion_coefficients(nesterov_path(lr, mu, beta, steps=12))
        assert np.isclose(c1, (1 + beta) * (1 - h), rtol=1e-9)
        assert np.isclose(c2, -beta * (1 - h), rtol=1e-9)
        assert abs(c1**2 + 4 * c2) < 1e-9  # a zero discriminant: the double root
        assert np.isclose(c1 / 2, 1 - np.sqrt(h), rtol=1e-9)  # the rate 1 - sqrt(h)


def test_above_the_critical_momentum_the_iterates_oscillate_and_below_they_do_not():
    beta = _numpy_function(ANSWERS["11-momentum/nesterov-critical-momentum"])(0.01, 1.0)
    sign_changes = [
        np.count_nonzero(np.diff(np.sign(nesterov_path(0.01, 1.0, b, steps=400))))
        for b in (0.95 * beta, 1.05 * beta)
    ]
    assert sign_changes[0] == 0 and sign_changes[1] >= 3
