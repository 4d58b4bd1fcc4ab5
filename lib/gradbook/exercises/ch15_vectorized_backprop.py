"""Expected answers for chapter 15, vectorized backprop and gradient checking.

Each value is a closed form or a NumPy formula written out here, never a call to gradbook,
so a bug in the library cannot make a wrong answer look right.
"""

import numpy as np

from . import Expected


def _dense_backward_checker(fn):
    """Compare fn(x, W, g) -> (dW, db, dx) with x.T @ g, sum of g over the batch, g @ W.T.

    The shapes N = 5, n_in = 3, n_out = 4 all differ, so a transpose or an axis slip cannot
    pass by accident. ``db`` may be 1-D, like ``Dense.db``, or the row 1^T G of shape
    (1, n_out) that the chapter's formula gives.
    """
    if not callable(fn):
        return False, f"expected a function dense_backward(x, W, g), got {type(fn).__name__}"
    rng = np.random.default_rng(2024)
    x, W, g = rng.normal(size=(5, 3)), rng.normal(size=(3, 4)), rng.normal(size=(5, 4))
    result = fn(x.copy(), W.copy(), g.copy())
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        return False, "expected the function to return a tuple (dW, db, dx)"
    expected = (x.T @ g, g.sum(axis=0), g @ W.T)
    for name, got, want in zip(("dW", "db", "dx"), result, expected, strict=True):
        got = np.asarray(got, dtype=float)
        if name == "db" and got.shape == (1, *want.shape):
            got = got[0]  # the row vector 1^T G
        if got.shape != want.shape:
            also = " or (1, n_out) = (1, 4), the row 1^T G" if name == "db" else ""
            return (
                False,
                f"{name} has shape {got.shape}, expected {want.shape}{also} (the shape of the "
                "variable)",
            )
        if not np.allclose(got, want, rtol=1e-10, atol=1e-12):
            return False, f"{name} has the right shape but the wrong values"
    return True, ""


def _right_dense_backward(x, W, g):
    return x.T @ g, g.sum(axis=0), g @ W.T


def _right_dense_backward_einsum(x, W, g):
    return np.einsum("ni,nk->ik", x, g), np.ones(len(g)) @ g, np.einsum("nk,ik->ni", g, W)


def _right_dense_backward_row_db(x, W, g):
    return x.T @ g, np.ones((1, len(g))) @ g, g @ W.T  # 1^T G as a (1, n_out) row


def _wrong_column_db(x, W, g):
    return x.T @ g, g.sum(axis=0)[:, None], g @ W.T  # (n_out, 1): a column, not a row


def _wrong_mean_db(x, W, g):
    return x.T @ g, g.mean(axis=0), g @ W.T


def _wrong_transposed_dW(x, W, g):
    return g.T @ x, g.sum(axis=0), g @ W.T


def _wrong_dx_no_transpose(x, W, g):
    return x.T @ g, g.sum(axis=0), g @ W  # raises: (5, 4) @ (3, 4)


ANSWERS = {
    # dJ/dX has the shape of X: (N, n_in)
    "15-vectorized-backprop/dx-shape": Expected(
        (32, 784),
        hint="a gradient has the shape of the variable it is the gradient of",
        wrong_examples=((784, 32), (32, 128), (784, 128)),
    ),
    # 2 forward passes per parameter; P = 64*32 + 32 + 32*10 + 10
    "15-vectorized-backprop/finite-difference-passes": Expected(
        2 * (64 * 32 + 32 + 32 * 10 + 10),
        hint="central differences evaluate the loss twice per parameter; count the biases too",
        wrong_examples=(
            64 * 32 + 32 + 32 * 10 + 10,  # one pass per parameter
            2 * (64 * 32 + 32 * 10),  # biases forgotten
            2,  # one gradient is not two passes
        ),
    ),
    # E(h) = h^2/6 + eps/h at h* = (3 eps)^(1/3): (3 eps)^(2/3)/6 + (3 eps)^(2/3)/3
    "15-vectorized-backprop/smallest-central-error": Expected(
        formula="(3*epsilon)**(2/3)/2",
        positive="epsilon",
        hint="substitute h* = (3 eps)^(1/3) into E(h) = h^2/6 + eps/h and add both terms",
        wrong_examples=(
            "(3*epsilon)**(2/3)/6",  # the truncation term alone: the rounding term forgotten
            "(3*epsilon)**(1/3)",  # h* itself, not the error there
            "(3*epsilon)**(2/3)/3",  # the rounding term alone
            "3*epsilon**(2/3)/2",  # the 3 left outside the power
        ),
    ),
    "15-vectorized-backprop/dense-backward": Expected(
        checker=_dense_backward_checker,
        hint="dW = x.T @ g, db = g summed over the batch axis (axis 0), dx = g @ W.T",
        right_examples=(
            _right_dense_backward,
            _right_dense_backward_einsum,
            _right_dense_backward_row_db,
        ),
        wrong_examples=(
            _wrong_mean_db,
            _wrong_transposed_dW,
            _wrong_dx_no_transpose,
            _wrong_column_db,
            "x.T @ g",
        ),
    ),
    # (max sigma')^10 = (1/4)^10
    "15-vectorized-backprop/sigmoid-depth-bound": Expected(
        0.25**10,
        rtol=1e-9,
        atol=0.0,
        hint="each sigmoid layer contributes a factor sigma'(z) <= 1/4; multiply ten of them",
        wrong_examples=(0.25 * 10, 0.5**10, 0.25**9),
    ),
    # z_out = sum_i relu(z_i) w_i: n terms of variance sigma_w^2 E[relu(z)^2] = sigma_w^2 q / 2
    "15-vectorized-backprop/relu-layer-variance": Expected(
        formula="n*sigma_w**2*q/2",
        positive="n sigma_w q",
        hint="Var(z_out) = n Var(w) E[a^2] for independent zero-mean weights; for a = relu(z) with "
        "z symmetric about 0, E[a^2] is half of E[z^2]",
        wrong_examples=(
            "n*sigma_w**2*q",  # the ReLU's halving forgotten (Glorot's count for a linear layer)
            "sigma_w**2*q/2",  # the sum over the n inputs forgotten
            "n*sigma_w*q/2",  # the standard deviation used as the variance
        ),
    ),
}
