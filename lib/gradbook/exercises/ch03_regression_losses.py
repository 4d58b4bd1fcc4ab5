"""Expected answers for chapter 3, regression losses.

Each value is worked by hand (a closed form), never computed with gradbook, so a
bug in the library cannot make a wrong answer look right.
"""

import numbers

import numpy as np

from . import Expected


def _mae_minimiser_checker(answer):
    """Any number in [3, 7] minimises sum |mu - y| for y = (1, 2, 3, 7, 20, 21)."""
    if isinstance(answer, np.ndarray) and answer.size == 1:
        answer = answer.item()
    if isinstance(answer, bool) or not isinstance(answer, numbers.Real):
        return False, f"expected a single number, got {type(answer).__name__}"
    answer = float(answer)
    if 3.0 - 1e-9 <= answer <= 7.0 + 1e-9:
        return True, ""
    if abs(answer - 9.0) < 1e-6:
        return False, "that is the mean, the minimiser of the MSE, not of the MAE"
    return (
        False,
        "at that point one side has more targets than the other: the MAE still has a slope",
    )


def _huber_reference(r, delta):
    r = np.asarray(r, dtype=float)
    return np.where(np.abs(r) <= delta, 0.5 * r * r, delta * np.abs(r) - 0.5 * delta * delta)


def _huber_function_checker(answer):
    """Compare answer(r, delta) with the piecewise definition, at and around the boundary."""
    if not callable(answer):
        return False, f"expected a function my_huber(r, delta), got {type(answer).__name__}"
    for delta in (0.5, 1.0, 2.5):
        r = np.concatenate(
            [np.linspace(-5, 5, 41), [delta, -delta, delta * (1 + 1e-9), -delta * (1 - 1e-9)]]
        )
        got = np.asarray(answer(r, delta), dtype=float)
        if got.shape != r.shape:
            return (
                False,
                f"your function should return one loss per residual, {r.shape}, got {got.shape}",
            )
        want = _huber_reference(r, delta)
        if not np.allclose(got, want, rtol=1e-9, atol=1e-12):
            worst = int(np.argmax(np.abs(got - want)))
            return False, (
                f"with delta = {delta:g} and r = {r[worst]:.6g} your function gives "
                f"{got[worst]:.6g}, "
                f"Huber's loss is {want[worst]:.6g}"
            )
    return True, ""


def _resembles_checker(answer):
    """Two strings: which fit (mae or mse) the delta = 10 and the delta = 200 fit resemble."""
    if isinstance(answer, str) or not hasattr(answer, "__len__") or len(answer) != 2:
        return False, "expected a pair of strings, one for delta = 10 and one for delta = 200"
    if not all(isinstance(a, str) for a in answer):
        return False, "expected two strings, each 'mae' or 'mse'"
    got = tuple(a.strip().lower() for a in answer)
    if got == ("mae", "mse"):
        return True, ""
    if got == ("mse", "mae"):
        return (
            False,
            "the two answers are swapped: a small delta puts most residuals in the linear piece",
        )
    return False, "that is not the expected pair"


ANSWERS = {
    # theta_t - ybar = (1 - eta)^t (theta_0 - ybar): converges iff |1 - eta| < 1, so eta < 2
    "03-regression-losses/half-mse-lr": Expected(
        2.0,
        hint="the error theta - ybar is multiplied by (1 - eta) at every step",
        wrong_examples=(1.0, 0.2, 4.0),  # 1: the limit for the MSE without 1/2
    ),
    # slope of sum |theta - y_i| is #below - #above: zero on [3, 7]
    "03-regression-losses/mae-minimiser": Expected(
        checker=_mae_minimiser_checker,
        hint="the derivative of sum |mu - y_i| counts the targets below mu minus those above",
        right_examples=(3.0, 5, 7.0, np.float64(4.2)),
        wrong_examples=(9.0, 2.5, 7.5, 20.0),
    ),
    # residuals yhat - y = (-3, 0.5, 0.2, 2), clipped to [-1, 1], divided by N = 4
    "03-regression-losses/huber-gradient": Expected(
        [-0.25, 0.125, 0.05, 0.25],
        hint="each example's derivative is its residual clipped to [-delta, delta]; the mean: /N",
        wrong_examples=(
            [-1.0, 0.5, 0.2, 1.0],  # the sum, not the mean
            [0.25, -0.125, -0.05, -0.25],  # residual taken as y - yhat
            [-0.75, 0.125, 0.05, 0.5],  # not clipped (the MSE/2 gradient)
        ),
    ),
    "03-regression-losses/huber-function": Expected(
        checker=_huber_function_checker,
        hint="1/2 r^2 where |r| <= delta, delta |r| - 1/2 delta^2 elsewhere",
        right_examples=(
            _huber_reference,
            lambda r, d: np.where(
                np.abs(r) < d, 0.5 * np.asarray(r) ** 2, d * np.abs(r) - 0.5 * d**2
            ),
            lambda r, d: (
                0.5 * np.minimum(np.abs(r), d) ** 2 + d * (np.abs(r) - np.minimum(np.abs(r), d))
            ),
        ),
        wrong_examples=(
            lambda r, d: np.where(
                np.abs(r) <= d, 0.5 * np.asarray(r) ** 2, d * np.abs(r) - d**2
            ),  # wrong offset
            lambda r, d: np.where(
                np.abs(r) <= d, np.asarray(r) ** 2, d * np.abs(r) - 0.5 * d**2
            ),  # no 1/2
            lambda r, d: np.where(
                np.abs(r) <= d, 0.5 * np.asarray(r) ** 2, d * np.abs(r)
            ),  # offset forgotten
            lambda r, d: 0.5 * np.asarray(r) ** 2,  # the half squared error
        ),
    ),
    # delta = 10: nearly every residual in the linear piece (MAE-like); delta = 200: only outliers
    "03-regression-losses/huber-resembles": Expected(
        checker=_resembles_checker,
        hint="compare the distance from each Huber fit's (w, b) to the MAE fit's and the MSE fit's",
        right_examples=(("mae", "mse"), ["MAE", "MSE"]),
        wrong_examples=(("mse", "mae"), ("mae", "mae"), "mae", ("mae",)),
    ),
    # d/dr of delta^2 (sqrt(1 + (r/delta)^2) - 1)
    "03-regression-losses/pseudo-huber-gradient": Expected(
        formula="r/sqrt(1 + r**2/delta**2)",
        symbols="r",
        positive="delta",
        hint="the chain rule through the square root: d sqrt(u)/du = 1/(2 sqrt(u))",
        right_examples=("delta*r/sqrt(delta**2 + r**2)",),
        wrong_examples=(
            "r/(2*sqrt(1 + r**2/delta**2))",  # the 2 of the square kept
            "delta**2*r/sqrt(1 + r**2/delta**2)",  # the inner 1/delta^2 forgotten
            "r",  # Huber's quadratic piece
            "sqrt(1 + r**2/delta**2)",
        ),
    ),
}
