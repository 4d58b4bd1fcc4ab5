"""What the library's test files share: the tolerances, and the one finite-difference check.

The test files import these names (``from conftest import EXACT, ...``): pytest puts this
folder on ``sys.path`` for them.

The PyTorch comparisons skip where torch is missing (``make test``). ``make test-torch`` sets
``GRADBOOK_REQUIRE_TORCH=1``, and there such a skip is a failure, so that a broken install cannot
pass for a green run. (torchvision is optional even there: see the Makefile.)
"""

import os

import numpy as np
import pytest

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


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under ``GRADBOOK_REQUIRE_TORCH=1``, a test skipped for want of torch fails."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("GRADBOOK_REQUIRE_TORCH") != "1" or not report.skipped:
        return
    reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else ""
    if "could not import 'torch'" in reason:
        report.outcome = "failed"
        report.longrepr = f"GRADBOOK_REQUIRE_TORCH=1, yet: {reason}"
