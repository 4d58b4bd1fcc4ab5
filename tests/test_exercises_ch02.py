"""Chapter 2's expected answers (written with ``math`` alone) against gradbook and scipy.

tests/test_exercises.py already runs every registered right and wrong example; here the
registry, built independently of the library, meets the library's numbers.
"""

import math

import numpy as np
from scipy import stats

from gradbook import losses
from gradbook.exercises import _numpy_function
from gradbook.exercises.ch02_maximum_likelihood import ANSWERS
from gradbook.gradcheck import numerical_grad


def test_gaussian_nll_matches_scipy_and_the_mse_decomposition():
    y, y_hat, sigma = np.array([0.5, 1.5, 3.0]), np.ones(3), 2.0
    nll = -stats.norm.logpdf(y, loc=y_hat, scale=sigma).sum()
    assert math.isclose(ANSWERS["02-maximum-likelihood/gaussian-nll"].value, nll, rel_tol=1e-12)
    constant = 3 / 2 * math.log(2 * math.pi * sigma**2)
    assert math.isclose((nll - constant) * 2 * sigma**2 / 3, losses.mse(y, y_hat), rel_tol=1e-12)


def test_laplace_scale_is_the_mae_and_maximises_the_likelihood():
    y, y_hat = np.array([2.0, 3.0, 5.0, 10.0]), np.full(4, 4.0)
    b_hat = ANSWERS["02-maximum-likelihood/laplace-scale"].value
    assert math.isclose(b_hat, losses.mae(y, y_hat), rel_tol=1e-12)

    def loglik(b):
        return stats.laplace.logpdf(y, loc=y_hat, scale=b).sum()

    assert all(loglik(b_hat) > loglik(b) for b in (b_hat * 0.9, b_hat * 1.1))


def test_bernoulli_min_cost_is_the_bce_at_the_fraction_of_ones():
    y = np.array([1.0] * 7 + [0.0] * 13)
    best = losses.binary_cross_entropy(y, np.full(20, 0.35))
    assert math.isclose(
        ANSWERS["02-maximum-likelihood/bernoulli-min-cost"].value, best, rel_tol=1e-9
    )
    grid = np.linspace(0.01, 0.99, 99)
    assert min(losses.binary_cross_entropy(y, np.full(20, q)) for q in grid) >= best - 1e-12


def test_poisson_checker_accepts_the_full_scipy_nll():
    checker = ANSWERS["02-maximum-likelihood/poisson-loss"].checker
    ok, _ = checker(lambda y, m: -stats.poisson.logpmf(y, m))
    assert ok
    ok, message = checker(lambda y, m: stats.poisson.logpmf(y, m))
    assert not ok and "sign" in message


def test_poisson_log_link_formula_is_the_slope_of_scipys_nll():
    derivative = _numpy_function(ANSWERS["02-maximum-likelihood/poisson-log-link"])  # (z, y)
    rng = np.random.default_rng(2)
    y, z = rng.integers(0, 12, size=8).astype(float), rng.uniform(-2.0, 2.5, size=8)
    probe = z.copy()
    slope = numerical_grad(lambda: -stats.poisson.logpmf(y, np.exp(probe)).sum(), probe)
    assert np.allclose(derivative(z, y), slope, rtol=1e-6, atol=1e-8)


def test_variance_bias_formula_is_the_mean_of_the_ml_variance_by_scipy_and_simulation():
    bias = _numpy_function(ANSWERS["02-maximum-likelihood/variance-bias"])  # (N, sigma)
    rng = np.random.default_rng(3)
    for n, sigma in ((2, 1.0), (5, 2.0), (12, 0.5)):
        # N sigma_hat^2 / sigma^2 is chi-square with N - 1 degrees of freedom
        assert math.isclose(bias(n, sigma), stats.chi2(n - 1).mean() * sigma**2 / n, rel_tol=1e-12)
        samples = rng.normal(3.0, sigma, size=(100_000, n))
        means = np.repeat(samples.mean(axis=1, keepdims=True), n, axis=1)
        ml_variance = losses.mse(samples, means, reduction="none").mean(axis=1)
        standard_error = ml_variance.std() / math.sqrt(len(ml_variance))
        assert abs(ml_variance.mean() - bias(n, sigma)) < 4 * standard_error
        assert abs(ml_variance.mean() - sigma**2) > 4 * standard_error  # it is biased
