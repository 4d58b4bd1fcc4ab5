"""Expected answers for the chapter "Losses real data needs".

Each value is worked by hand (fractions and closed forms written with ``math``), never
computed with gradbook, so a bug in the library cannot make a wrong answer look right.
The derivations are formulas, written as text so that the registry imports without SymPy.
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
    # l = s/2 + r^2 exp(-s)/2 + const: dl/ds = (1 - r^2 exp(-s))/2, d2l/ds2 = r^2 exp(-s)/2
    "07-losses-real-data/log-var-curvature": Expected(
        formula="(y - yhat)**2*exp(-s)/2",
        symbols="y yhat s",
        hint="write the variance as exp(s) and differentiate twice in s; log(sigma^2) is then s",
        right_examples=("(yhat - y)**2/(2*exp(s))",),
        wrong_examples=(
            "(1 - (y - yhat)**2*exp(-s))/2",  # the first derivative
            "(y - yhat)**2*exp(-s)",  # the one half forgotten
            "-(y - yhat)**2*exp(-s)/2",  # the sign of the exponent's derivative
        ),
    ),
    # sum_i t_i e^z - y_i (z + log t_i): derivative e^z sum t - sum y = 0, z = log(sum y / sum t)
    "07-losses-real-data/poisson-exposure": Expected(
        formula="log(y_total/t_total)",
        positive="y_total t_total",
        hint="the log-rate of example i is z + log(t_i); sum the NLL, set its derivative in z to 0",
        right_examples=("log(y_total) - log(t_total)",),
        wrong_examples=(
            "log(y_total)",  # the exposure forgotten
            "log(t_total/y_total)",  # upside down
            "y_total/t_total",  # the rate, not its log
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
    # (1 - q)^gamma (gamma q log q + q - 1) / (q - 1) with q = sigma(z) for an eight, no alpha
    "07-losses-real-data/focal-gradient-ratio": Expected(
        formula="(1 - q)**(gamma - 1)*(1 - q - gamma*q*log(q))",
        positive="q gamma",
        domain={"q": (0.05, 0.95)},
        hint="differentiate both losses in z, divide, then write sigma(z) as q: z drops out",
        right_examples=("(1 - q)**gamma - gamma*q*(1 - q)**(gamma - 1)*log(q)",),
        wrong_examples=(
            "(1 - q)**gamma",  # the ratio of the losses, not of their gradients
            "(1 - q)**(gamma - 1)*(1 - q + gamma*q*log(q))",  # the log term's sign
            "1/((1 - q)**(gamma - 1)*(1 - q - gamma*q*log(q)))",  # cross-entropy over focal
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
