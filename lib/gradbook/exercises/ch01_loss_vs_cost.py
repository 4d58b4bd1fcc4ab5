"""Expected answers for chapter 1, loss vs cost.

Each value is worked by hand (a closed form), never computed with gradbook, so a
bug in the library cannot make a wrong answer look right.
"""

import math

from . import Expected

ANSWERS = {
    # (2.5 - 3.0)^2
    "01-loss-vs-cost/squared-error": Expected(
        0.25,
        hint="square the difference between the prediction and the truth",
        wrong_examples=(0.5, -0.5, 0.125),
    ),
    # mean of -ln(0.6), -ln(0.5), -ln(0.3): the probability each example gives its true class
    "01-loss-vs-cost/cost-of-batch": Expected(
        -(math.log(0.6) + math.log(0.5) + math.log(0.3)) / 3,
        hint="average, over the examples, minus the log of the probability of the true class",
        wrong_examples=(
            -(math.log(0.6) + math.log(0.5) + math.log(0.3)),  # the sum, not the mean
            -(math.log10(0.6) + math.log10(0.5) + math.log10(0.3)) / 3,  # log base 10
        ),
    ),
    # dJ/dw = (2/3) * sum((w x_i - y_i) x_i) + lam * w at x = [1, 2, 3], y = [2, 4, 7], w = 1.5,
    # lam = 0.1
    "01-loss-vs-cost/regularised-gradient": Expected(
        (2 / 3) * ((1.5 - 2) * 1 + (3.0 - 4) * 2 + (4.5 - 7) * 3) + 0.1 * 1.5,
        hint="differentiate each squared error by the chain rule, then add the derivative of "
        "(lambda/2) w^2",
        wrong_examples=(
            (2 / 3) * ((1.5 - 2) * 1 + (3.0 - 4) * 2 + (4.5 - 7) * 3),  # penalty forgotten
            (1 / 3) * ((1.5 - 2) * 1 + (3.0 - 4) * 2 + (4.5 - 7) * 3)
            + 0.1 * 1.5,  # the 2 forgotten
        ),
    ),
    "01-loss-vs-cost/sum-vs-mean": Expected(
        32,
        hint="the mean divides the sum by the number of examples",
        wrong_examples=(1, 1 / 32, 32.5),
    ),
}
