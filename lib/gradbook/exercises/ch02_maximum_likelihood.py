"""Expected answers for chapter 2, where losses come from: maximum likelihood.

Each value is worked by hand (a closed form), never computed with gradbook, so a
bug in the library cannot make a wrong answer look right.
"""

import math

import numpy as np

from . import Expected


def _poisson_checker(answer):
    """Accept f(y, y_pred) = a (y_pred - y log y_pred) + c(y), a > 0, c free of y_pred."""
    if not callable(answer):
        return False, f"expected a function poisson_loss(y, y_pred), got {type(answer).__name__}"
    y = np.array([0.0, 1.0, 2.0, 3.0, 7.0, 12.0])
    m1 = np.array([0.3, 1.0, 2.5, 0.8, 7.0, 20.0])
    m2 = np.array([1.7, 0.2, 2.0, 4.0, 3.0, 11.0])
    got = np.asarray(answer(y, m1), dtype=float) - np.asarray(answer(y, m2), dtype=float)
    if got.shape != y.shape:
        return (
            False,
            f"your function should return one loss per example, shape {y.shape}, got {got.shape}",
        )
    want = (m1 - y * np.log(m1)) - (m2 - y * np.log(m2))
    if not np.all(np.isfinite(got)):
        return False, "your function returns NaN or inf for positive means"
    factor = float(
        got @ want / (want @ want)
    )  # a positive multiple is the same loss (same minimiser)
    if factor > 0 and np.allclose(got, factor * want, rtol=1e-6, atol=1e-9):
        return True, ""
    if np.allclose(got, -want, rtol=1e-6, atol=1e-9):
        return False, "the sign is flipped: that is the log-likelihood, not its negative"
    return (
        False,
        "your function does not change with y_pred as the Poisson negative log-likelihood does",
    )


ANSWERS = {
    # y = (0.5, 1.5, 3.0), yhat = 1, sigma = 2: (3/2) log(2 pi 4) + (0.25 + 0.25 + 4) / (2 * 4)
    "02-maximum-likelihood/gaussian-nll": Expected(
        1.5 * math.log(8 * math.pi) + 4.5 / 8,
        hint="N/2 log(2 pi sigma^2) plus the sum of squared residuals over 2 sigma^2",
        wrong_examples=(
            4.5 / 8,  # constant forgotten
            1.5 * math.log(2 * math.pi * 2)
            + 4.5 / 8,  # log(2 pi sigma) instead of log(2 pi sigma^2)
            (1.5 * math.log(8 * math.pi) + 4.5 / 8) / 3,  # the mean, not the sum
            1.5 * math.log10(8 * math.pi) + 4.5 / 8,  # log base 10
        ),
    ),
    # b_hat = mean |y - yhat| = (2 + 1 + 1 + 6) / 4
    "02-maximum-likelihood/laplace-scale": Expected(
        2.5,
        hint="set the derivative of N log(2b) + (1/b) sum |r| with respect to b to zero",
        wrong_examples=(
            math.sqrt((4 + 1 + 1 + 36) / 4),  # root mean square residual (the Gaussian answer)
            10.0,  # the sum, not the mean
            1.5,  # the median absolute residual
        ),
    ),
    # the best constant is 7/20; the cost there is the entropy -(0.35 ln 0.35 + 0.65 ln 0.65)
    "02-maximum-likelihood/bernoulli-min-cost": Expected(
        -(0.35 * math.log(0.35) + 0.65 * math.log(0.65)),
        hint="the best constant probability is the fraction of ones; evaluate the mean BCE there",
        wrong_examples=(
            0.35,  # the minimiser, not the minimum
            -(0.35 * math.log2(0.35) + 0.65 * math.log2(0.65)),  # bits, not nats
            -20 * (0.35 * math.log(0.35) + 0.65 * math.log(0.65)),  # the sum, not the mean
        ),
    ),
    "02-maximum-likelihood/poisson-loss": Expected(
        checker=_poisson_checker,
        hint="-log of yhat^y e^(-yhat) / y! is yhat - y log yhat + log y!",
        right_examples=(
            lambda y, m: m - y * np.log(m),
            lambda y, m: m - y * np.log(m) + np.array([math.lgamma(v + 1) for v in np.ravel(y)]),
            lambda y, m: 0.5 * (m - y * np.log(m)) + y,
        ),
        wrong_examples=(
            lambda y, m: y * np.log(m) - m,  # the log-likelihood, sign flipped
            lambda y, m: m - y * np.log10(m),  # log base 10
            lambda y, m: (m - y) ** 2,  # the squared error
            lambda y, m: -y * np.log(m),  # the e^(-yhat) term forgotten
        ),
    ),
    # E[sum (y_i - ybar)^2] = N (sigma^2 + m^2) - N (sigma^2 / N + m^2) = (N - 1) sigma^2
    "02-maximum-likelihood/variance-bias": Expected(
        formula="(N - 1)*sigma**2/N",
        positive="N sigma",
        domain={"N": (2, 100)},
        hint="E[sum y_i^2] = N (sigma^2 + m^2) and E[N ybar^2] = sigma^2 + N m^2",
        right_examples=("sigma**2 - sigma**2/N",),
        wrong_examples=(
            "sigma**2",  # no bias
            "(N - 1)*sigma**2",  # the sum, not divided by N
            "N*sigma**2/(N - 1)",  # the correction the wrong way round
            "(N + 1)*sigma**2/N",
        ),
    ),
    # l(z) = exp(z) - y z + log(y!) with y_hat = exp(z); dl/dz = exp(z) - y: the prediction minus
    # the target, as sigma(z) - y for the Bernoulli and the logit in chapter 4
    "02-maximum-likelihood/poisson-log-link": Expected(
        formula="exp(z) - y",
        symbols="z y",
        domain={"y": (0, 10)},
        hint="with y_hat = exp(z), the chain rule multiplies dl/dy_hat = 1 - y/y_hat by exp(z)",
        right_examples=("exp(z)*(1 - y*exp(-z))",),
        wrong_examples=(
            "1 - y*exp(-z)",  # dl/dy_hat: the chain rule's factor exp(z) forgotten
            "y - exp(z)",  # the log-likelihood's derivative: sign flipped
            "exp(z) - y*z",  # the loss itself with log(y!) dropped, not its derivative
        ),
    ),
}
