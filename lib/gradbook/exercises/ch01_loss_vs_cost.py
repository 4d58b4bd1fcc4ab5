"""Expected answers for chapter 1, loss vs cost.

Each value is worked by hand (a closed form), never computed with gradbook, so a
bug in the library cannot make a wrong answer look right.
"""

import math

from . import Expected

_RESIDUALS = "(w*x1 + b - y1) + (w*x2 + b - y2) + (w*x3 + b - y3)"

ANSWERS = {
    # the line 0.5 x + 0.5 at x = 4 predicts 2.5; (2.5 - 3.0)^2
    "01-loss-vs-cost/squared-error": Expected(
        0.25,
        hint="square the difference between the prediction and the truth",
        wrong_examples=(0.5, -0.5, 0.125, 2.25),  # 2.25: the prediction 0.5 * 4, bias forgotten
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
    # dJ/db of (1/3) sum (w x_i + b - y_i)^2 + (lambda/2) w^2: the penalty has no b
    "01-loss-vs-cost/regularised-gradient": Expected(
        formula=f"2*({_RESIDUALS})/3",
        symbols="w b lambda x1 x2 x3 y1 y2 y3",
        hint="the penalty does not contain b, and d(w x + b)/db = 1",
        right_examples=("2*b + 2*w*(x1 + x2 + x3)/3 - 2*(y1 + y2 + y3)/3",),
        wrong_examples=(
            f"2*({_RESIDUALS})/3 + lambda*b",  # the bias penalised too
            f"({_RESIDUALS})/3",  # the 2 of the square forgotten
            f"2*({_RESIDUALS})",  # the sum, not the mean
            # dJ/dw instead of dJ/db
            "2*((w*x1 + b - y1)*x1 + (w*x2 + b - y2)*x2 + (w*x3 + b - y3)*x3)/3 + lambda*w",
        ),
    ),
    # Adam divides the gradient by the root of a running mean of its square: a factor B cancels
    "01-loss-vs-cost/sum-vs-mean": Expected(
        1,
        hint="Adam divides each gradient by a running estimate of its own size",
        wrong_examples=(32, 0, 1 / 32),  # 32: the factor on the gradient; 1/32: SGD's answer
    ),
}
