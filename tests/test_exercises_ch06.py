"""Chapter 6's checker and formula against SciPy and gradbook.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry's code and its hand-written formula meet independent numbers.
"""

import numpy as np
from scipy import integrate, special, stats
from sklearn.metrics import mutual_info_score

from gradbook import losses
from gradbook.exercises import _numpy_function
from gradbook.exercises.ch06_information_theory import ANSWERS
from gradbook.gradcheck import numerical_grad


def kl_by_quadrature(m1, s1, m2, s2):
    """KL(N(m1, s1^2) || N(m2, s2^2)) as the integral of p log(p/q), by SciPy."""
    p, q = stats.norm(m1, s1), stats.norm(m2, s2)
    value, _ = integrate.quad(lambda x: p.pdf(x) * (p.logpdf(x) - q.logpdf(x)), -np.inf, np.inf)
    return value


def test_gaussian_kl_checker_accepts_quadrature_and_names_the_case_a_swap_fails():
    checker = ANSWERS["06-information-theory/gaussian-kl"].checker
    ok, message = checker(kl_by_quadrature)
    assert ok, message
    ok, message = checker(lambda m1, s1, m2, s2: kl_by_quadrature(m2, s2, m1, s1))
    assert not ok and message.startswith("at (m1, sigma1, m2, sigma2) = (0.8, 0.5, 0.0, 1.0)")
    ok, message = checker(1.0)
    assert not ok and "expected a function" in message


def test_binary_entropy_slope_formula_is_the_slope_of_the_library_entropy():
    slope = _numpy_function(ANSWERS["06-information-theory/binary-entropy-slope"])  # (p,)
    p = np.array([0.01, 0.2, 0.5, 0.7, 0.99])
    probe = p.copy()  # one distribution (p, 1 - p) per entry; each entropy reads its own p only
    library = numerical_grad(
        lambda: losses.entropy(np.stack([probe, 1 - probe], axis=-1)).sum(), probe
    )
    assert np.allclose(slope(p), library, rtol=1e-6, atol=1e-8)
    assert np.allclose(slope(p), -special.logit(p), rtol=1e-12, atol=1e-15)


def test_channel_information_formula_is_the_mutual_information_by_sklearn_and_the_library():
    information = _numpy_function(ANSWERS["06-information-theory/channel-information"])  # (psi,)
    for flips in (1, 100, 250, 500, 900):
        psi = flips / 1000
        counts = np.array([[1000 - flips, flips], [flips, 1000 - flips]])  # a fair bit X, then Y
        assert np.isclose(
            information(psi), mutual_info_score(None, None, contingency=counts), atol=1e-12
        )
        joint = counts / counts.sum()  # I(X; Y) = KL(p(x, y) || p(x) p(y)), p(x) = p(y) = 1/2
        as_kl = losses.kl_divergence(joint.ravel(), np.full(4, 0.25))
        assert np.isclose(information(psi), as_kl, atol=1e-12)
