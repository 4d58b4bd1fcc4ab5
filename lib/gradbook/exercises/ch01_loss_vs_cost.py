"""Expected answers for chapter 1, loss vs cost.

Each value is worked by hand (a closed form), never computed with gradbook, so a
bug in the library cannot make a wrong answer look right.
"""

import math

from . import Expected

_XY = "(x1*y1 + x2*y2 + x3*y3)"
_XX = "(x1**2 + x2**2 + x3**2)"

ANSWERS = {
    # the line 0.5 x + 0.5 at x = 4 predicts 2.5; (2.5 - 3.0)^2
    "01-loss-vs-cost/squared-error": Expected(
        0.25,
        hint="square the difference between the prediction and the truth",
        wrong_examples=(
            0.5,  # the residual, not squared
            -0.5,
            0.125,  # halved, note D's convention
            1.0,  # bias forgotten: (0.5 * 4 - 3)**2
            2.25,  # slope forgotten: (4 + 0.5 - 3)**2
        ),
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
    # argmin_w of (1/3) sum (w x_i - y_i)^2 + (lambda/2) w^2: dJ/dw = (2/3) sum (w x_i - y_i) x_i
    # + lambda w = 0, so w* = sum x_i y_i / (sum x_i^2 + 3 lambda / 2), the N lambda / 2 of ridge
    "01-loss-vs-cost/regularised-minimiser": Expected(
        formula=f"{_XY}/({_XX} + 3*lambda/2)",
        symbols="x1 x2 x3 y1 y2 y3",
        positive="lambda",
        hint="set dJ/dw = (2/3) sum_i (w x_i - y_i) x_i + lambda w to zero and solve for w",
        right_examples=(f"(2*{_XY}/3)/(2*{_XX}/3 + lambda)",),
        wrong_examples=(
            f"{_XY}/({_XX} + lambda/2)",  # N lambda / 2 written as lambda / 2
            f"{_XY}/({_XX} + 3*lambda)",  # the 1/2 of the penalty lost
            f"{_XY}/{_XX}",  # the penalty forgotten: least squares
            f"{_XY}/({_XX} + lambda)",  # both: the mean's 1/N and the penalty's 1/2 dropped
        ),
    ),
    # SGD steps lr (g + wd theta); with the sum g becomes B g, so lr / B and wd * B keep the step
    "01-loss-vs-cost/sum-vs-mean": Expected(
        (1 / 32, 32.0),
        hint="write the step lr * (gradient + weight_decay * theta) for both reductions",
        wrong_examples=(
            (1 / 32, 1.0),  # the weight decay left alone: it is then 32 times weaker
            (1.0, 1.0),  # Adam's answer, not SGD's
            (32.0, 1 / 32),  # the factors inverted
            (1 / 32, 1 / 32),  # the weight decay scaled like the learning rate
        ),
    ),
}
