"""Expected answers for the chapter "Losses real data needs".

Each value is worked by hand (fractions and closed forms written with ``math``), never
computed with gradbook, so a bug in the library cannot make a wrong answer look right.
The two derivations are formulas, written as text so that the registry imports without SymPy.
"""

import math

from . import Expected

ANSWERS = {
    # d/dsigma of log(2 pi sigma^2)/2 + r^2/(2 sigma^2) = 1/sigma - r^2/sigma^3
    "07-losses-real-data/std-gradient": Expected(
        formula="1/sigma - (y - yhat)**2/sigma**3",
        symbols="y yhat",
        positive="sigma",
        hint="write the variance as sigma**2 before differentiating (the chain rule gives 2 sigma)",
        right_examples=("(sigma**2 - (yhat - y)**2)/sigma**3",),
        wrong_examples=(
            "(1/sigma**2 - (y - yhat)**2/sigma**4)/2",  # the derivative in the variance
            "1/sigma - (y - yhat)**2/sigma**2",  # the power of sigma in the second term
            "(yhat - y)/sigma**2",  # the derivative in the mean
        ),
    ),
    # y = 5, yhat = 2, sigma^2 = 4: (log 4 + 9/4)/2, (2 - 5)/4, (4 - 9)/(2 * 16)
    "07-losses-real-data/gaussian-by-hand": Expected(
        (0.5 * (math.log(4.0) + 9 / 4), -3 / 4, -5 / 32),
        hint="the residual is 3; the variance's derivative is (sigma^2 - r^2) / (2 sigma^4)",
        wrong_examples=(
            (0.5 * (math.log(4.0) + 9 / 4) + 0.5 * math.log(2 * math.pi), -3 / 4, -5 / 32),  # full
            (0.5 * (math.log(4.0) + 9 / 4), 3 / 4, -5 / 32),  # y - yhat instead of yhat - y
            # 4 taken for the standard deviation, so the variance 16
            (0.5 * (math.log(16.0) + 9 / 16), -3 / 16, 7 / 512),
        ),
    ),
    # (0.1 * 1.5 + 0.1 * 0.5 + 0.9 * 0.5 + 0.9 * 7.5) / 4 = 1.85; the 0.9-quantile of four: 10
    "07-losses-real-data/pinball-by-hand": Expected(
        (1.85, 10.0),
        hint="a target above the prediction costs tau per unit, one below costs 1 - tau",
        wrong_examples=(
            (0.65, 3.0),  # tau and 1 - tau swapped: the 0.1 quantile's loss, and its median-ish 3
            (7.4, 10.0),  # the sum, not the mean
            (1.85, 7.9),  # np.quantile's default, interpolated: not a minimiser of the loss
        ),
    ),
    # alpha (1 - q)^gamma with alpha = 0.25, gamma = 2 at q = 0.9 and 0.1
    "07-losses-real-data/focal-by-hand": Expected(
        (0.25 * 0.1**2, 0.25 * 0.9**2),
        hint="the factor is alpha (1 - q)^gamma with q the probability of the true label",
        wrong_examples=(
            (0.1**2, 0.9**2),  # alpha forgotten
            (0.25 * 0.9**2, 0.25 * 0.1**2),  # q^gamma instead of (1 - q)^gamma
            (0.75 * 0.1**2, 0.75 * 0.9**2),  # 1 - alpha, the negatives' weight
        ),
    ),
    # sigma(z*) = ybar w+ / (ybar w+ + (1 - ybar) w-): z* = log(ybar w+ / ((1 - ybar) w-))
    "07-losses-real-data/weighted-logit": Expected(
        formula="log(ybar*w_pos/((1 - ybar)*w_neg))",
        positive="ybar w_pos w_neg",
        domain={"ybar": (0.05, 0.95)},
        hint="set the derivative in z to zero and solve for sigma(z) first, then take the logit",
        right_examples=("log(ybar/(1 - ybar)) + log(w_pos) - log(w_neg)",),
        wrong_examples=(
            "log(ybar/(1 - ybar))",  # the weights forgotten
            "log(ybar*w_neg/((1 - ybar)*w_pos))",  # the weights swapped
            "ybar*w_pos/((1 - ybar)*w_neg)",  # the odds, not their log
        ),
    ),
    # losses log 2, log(4/3), log 2 weighted 1, 1, 3; PyTorch divides by 1 + 1 + 3, not by N = 3
    "07-losses-real-data/weighted-mean": Expected(
        (4 * math.log(2.0) + math.log(4 / 3)) / 5,
        hint="weight each loss by its class's weight, then divide by the sum of those weights",
        wrong_examples=(
            (4 * math.log(2.0) + math.log(4 / 3)) / 3,  # divided by N
            (2 * math.log(2.0) + math.log(4 / 3)) / 3,  # no weights at all
            (4 * math.log(2.0) + 3 * math.log(4 / 3)) / 7,  # the weights on the wrong classes
        ),
    ),
}
