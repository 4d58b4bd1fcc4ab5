"""What the library's test files share: the tolerances, and the one finite-difference check.

The test files import these names (``from conftest import EXACT, ...``): pytest puts this
folder on ``sys.path`` for them.
"""

import numpy as np

from gradbook.gradcheck import numerical_grad, relative_error

FD_TOL = 1e-7  # relative error of an analytic gradient against central differences
EXACT = {"rtol": 1e-12, "atol": 1e-15}  # where the maths is exact, only rounding differs


def assert_matches_finite_differences(f, x, analytic, h=1e-6):
    """``analytic`` against central differences of the scalar ``f()`` with respect to ``x``.

    ``f`` takes no argument and reads ``x`` (a writeable float64 array), which
    ``numerical_grad`` perturbs in place one entry at a time and then restores.
    """
    numeric = numerical_grad(f, x, h=h)
    assert np.shape(analytic) == x.shape
    assert np.any(numeric != 0.0), "degenerate check: the numerical gradient is zero"
    assert relative_error(analytic, numeric) <= FD_TOL
