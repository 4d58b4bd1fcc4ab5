"""Benchmark: the capstone MLP (chapter 18), gradbook beside scikit-learn and PyTorch.

Run by ``make bench`` as ``python benchmarks/bench_mlp.py``; ``make bench VENV=.venv-torch``
(after ``make test-torch``) adds PyTorch. Not a test: it prints, for each solver, the test
accuracy of each implementation, the training time per epoch (best of several repeats) and the
ratios gradbook / scikit-learn and gradbook / PyTorch.

The set-ups are matched as far as scikit-learn allows (PyTorch's is gradbook's, written with
``torch.nn``: float64 ``Linear`` layers with gradbook's initialisation, ``F.cross_entropy``,
``torch.optim.Adam`` or ``SGD`` with the same numbers, ``zero_grad``, ``backward``, ``step``):

- data: ``load_digits`` split 60/20/20, stratified, ``random_state=0`` (the chapter's split);
  pixels divided by 16. Both train on the 60 % training set and are scored on the 20 % test set.
- network: 64 -> 128 -> ReLU -> 64 -> ReLU -> 10, softmax cross-entropy on the logits
  (scikit-learn's ``hidden_layer_sizes=(128, 64), activation="relu"``; its output layer is a
  softmax with log-loss).
- loss: the mean cross-entropy of a mini-batch with no penalty. scikit-learn minimises
  ``mean log-loss + alpha / 2 * ||W||^2 / n_batch``; ``alpha=0`` removes the penalty.
- mini-batches of 32, reshuffled every epoch (``shuffle=True``; the last batch is smaller in both),
  a fixed number of epochs (``max_iter``; ``tol=0`` and ``n_iter_no_change`` larger than
  ``max_iter`` so it never stops early; ``early_stopping=False``, so no validation split).
- a constant learning rate: scikit-learn has no warm-up or cosine schedule (its ``learning_rate``
  option applies to ``solver="sgd"`` only, and ``"constant"`` is used here).
- solvers:
  ``adam``: ``learning_rate_init=1e-3, beta_1=0.9, beta_2=0.999, epsilon=1e-8``, and gradbook's
  ``Adam`` with the same numbers. The one difference: scikit-learn adds epsilon to ``sqrt(v_t)``
  and folds both bias corrections into the step size, PyTorch (so gradbook) adds it to
  ``sqrt(v_t / (1 - beta_2^t))``; they differ only while ``sqrt(v)`` is of the order of epsilon.
  ``sgd``: ``momentum=0.9, nesterovs_momentum=False, learning_rate_init=0.1``, and gradbook's
  ``SGD(momentum=0.9)``. With a constant rate the two momentum forms are the same update
  (scikit-learn's velocity is ``-lr`` times PyTorch's buffer).

What cannot be matched: the initial weights and the batch order. Both draw the weights
Glorot-uniform with bound sqrt(6 / (fan_in + fan_out)), but scikit-learn also draws the biases
from that range (gradbook starts them at zero), and the two shuffle with different generators.
So the accuracies are compared within a tolerance, not digit for digit; and since one seed
alone moves the test accuracy by a percent or so either way, each repeat uses its own seed
(repeat r: gradbook's initial weights from seed r and shuffling from seed 100 + r, scikit-learn's
``random_state=r``) and the script prints the mean test accuracy over the repeats, and its range.

Timing: a clock around the whole training (network creation and all epochs; for scikit-learn,
``fit``), best of ``--repeats`` runs, divided by the number of epochs. The clock is
``time.perf_counter`` (wall time) by default; ``--clock cpu`` uses ``time.process_time``, the CPU
time of this process, which other processes competing for the cores inflate much less (on a
shared machine the wall-time ratio can swing by 20 % from run to run). With one BLAS thread and an
idle machine the two agree; with more threads CPU time adds up the threads, so use wall time.
Matrix products go to BLAS, and PyTorch's operations to its own threads, with ``--threads``
threads for all three (default 1: for these small matrices extra threads cost more than they
save, see chapter 18).

The machine may pin OpenBLAS to an old kernel for reproducible tests (``OPENBLAS_CORETYPE``,
``OPENBLAS_L2_SIZE``); this script restarts itself without both, so that NumPy runs the kernel
made for this CPU.
"""

import argparse
import math
import os
import sys
import time
import warnings

OPENBLAS_PINS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
if any(name in os.environ for name in OPENBLAS_PINS):  # before NumPy loads OpenBLAS
    env = {k: v for k, v in os.environ.items() if k not in OPENBLAS_PINS}
    os.execve(sys.executable, [sys.executable, *sys.argv], env)

import numpy as np  # noqa: E402
from sklearn.datasets import load_digits  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402
from threadpoolctl import threadpool_info, threadpool_limits  # noqa: E402

from gradbook.losses import sparse_softmax_cross_entropy_value_and_grad  # noqa: E402
from gradbook.nn import Dense, ReLU, Sequential  # noqa: E402
from gradbook.optim import SGD, Adam  # noqa: E402

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # torch is optional: the benchmark still compares with scikit-learn
    torch = None

HIDDEN = (128, 64)
BATCH_SIZE = 32
SPLIT_SEED = 0
SOLVERS = {
    # name: (gradbook optimizer, its options, scikit-learn options), the same numbers in both
    "adam": (
        Adam,
        {"lr": 1e-3, "betas": (0.9, 0.999), "eps": 1e-8},
        {
            "solver": "adam",
            "learning_rate_init": 1e-3,
            "beta_1": 0.9,
            "beta_2": 0.999,
            "epsilon": 1e-8,
        },
    ),
    "sgd": (
        SGD,
        {"lr": 0.1, "momentum": 0.9, "nesterov": False},
        {
            "solver": "sgd",
            "learning_rate_init": 0.1,
            "momentum": 0.9,
            "nesterovs_momentum": False,
            "learning_rate": "constant",
        },
    ),
}


CLOCKS = {"wall": time.perf_counter, "cpu": time.process_time}


def load_data():
    """The chapter's split and preprocessing: 60/20/20 stratified, pixels / 16."""
    X, y = load_digits(return_X_y=True)
    X_rest, X_test, y_rest, y_test = train_test_split(
        X, y, test_size=0.2, stratify=y, random_state=SPLIT_SEED
    )
    X_train, _, y_train, _ = train_test_split(
        X_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=SPLIT_SEED
    )
    return X_train / 16.0, y_train, X_test / 16.0, y_test


# --------------------------------------------------------------------------- the two trainers


def train_gradbook(solver, X, y, epochs, seed):
    """The chapter's loop with a constant learning rate, as scikit-learn's fit does."""
    Optimizer, options, _ = SOLVERS[solver]
    rng = np.random.default_rng(seed)
    layers, width = [], X.shape[1]
    for units in HIDDEN:
        layers += [Dense(width, units, rng), ReLU()]
        width = units
    net = Sequential(*layers, Dense(width, 10, rng))
    opt = Optimizer(net.params(), **options)
    shuffle = np.random.default_rng(100 + seed)
    n = len(y)
    for _ in range(epochs):
        order = shuffle.permutation(n)
        epoch_loss = 0.0  # accumulated like scikit-learn's loss_curve_ (not used further)
        for start in range(0, n, BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            loss, grad = sparse_softmax_cross_entropy_value_and_grad(
                y[batch], net.forward(X[batch])
            )
            net.backward(grad)
            opt.step(net.grads())
            epoch_loss += loss * len(batch)
    return lambda X_new: np.argmax(net.forward(X_new), axis=1)


def train_sklearn(solver, X, y, epochs, seed):
    clf = MLPClassifier(
        hidden_layer_sizes=HIDDEN,
        activation="relu",
        alpha=0.0,
        batch_size=BATCH_SIZE,
        max_iter=epochs,
        shuffle=True,
        tol=0.0,
        n_iter_no_change=epochs + 1,
        early_stopping=False,
        random_state=seed,
        **SOLVERS[solver][2],
    )
    with warnings.catch_warnings():
        # max_iter is reached on purpose: that is the number of epochs
        warnings.simplefilter("ignore", category=ConvergenceWarning)
        clf.fit(X, y)
    assert clf.n_iter_ == epochs, (clf.n_iter_, epochs)
    return clf.predict


def train_torch(solver, X, y, epochs, seed):
    """gradbook's loop written with torch.nn: the same layers, initialisation and optimizer."""
    _, options, _ = SOLVERS[solver]
    Optimizer = {"adam": torch.optim.Adam, "sgd": torch.optim.SGD}[solver]
    torch.manual_seed(seed)
    layers, width = [], X.shape[1]
    for units in HIDDEN:
        layers += [torch.nn.Linear(width, units, dtype=torch.float64), torch.nn.ReLU()]
        width = units
    net = torch.nn.Sequential(*layers, torch.nn.Linear(width, 10, dtype=torch.float64))
    for layer in net:
        if isinstance(layer, torch.nn.Linear):  # Glorot uniform weights, zero biases
            torch.nn.init.xavier_uniform_(layer.weight)
            torch.nn.init.zeros_(layer.bias)
    opt = Optimizer(net.parameters(), **options)
    X_t, y_t = torch.from_numpy(X), torch.from_numpy(y)
    shuffle = np.random.default_rng(100 + seed)
    n = len(y)
    for _ in range(epochs):
        order = torch.from_numpy(shuffle.permutation(n))
        for start in range(0, n, BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            opt.zero_grad()
            loss = F.cross_entropy(net(X_t[batch]), y_t[batch])
            loss.backward()
            opt.step()

    def predict(X_new):
        with torch.no_grad():
            return net(torch.from_numpy(X_new)).argmax(dim=1).numpy()

    return predict


def trainers():
    names = {"gradbook": train_gradbook, "sklearn": train_sklearn}
    if torch is not None:
        names["torch"] = train_torch
    return names


def run(solver, data, epochs, repeats, clock=time.perf_counter):
    """Best time per epoch over the repeats and the test accuracy (correct digits) of each repeat,
    for each implementation. They alternate, so a change in the machine's load during the run
    affects each alike."""
    X_train, y_train, X_test, y_test = data
    times = {name: [] for name in trainers()}
    correct = {name: [] for name in trainers()}
    for seed in range(repeats):
        for name, trainer in trainers().items():
            start = clock()
            predict = trainer(solver, X_train, y_train, epochs, seed)
            times[name].append(clock() - start)
            correct[name].append(int(np.sum(predict(X_test) == y_test)))
    return (
        {name: min(t) / epochs for name, t in times.items()},
        {name: np.array(c) for name, c in correct.items()},
    )


def describe(correct, n_test):
    return f"{100 * correct.mean() / n_test:5.1f}% ({correct.min()}-{correct.max()}/{n_test})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads for both (default 1)")
    parser.add_argument(
        "--clock",
        choices=CLOCKS,
        default="wall",
        help="wall: time.perf_counter (default); cpu: time.process_time, steadier on a "
        "shared machine (one BLAS thread only)",
    )
    args = parser.parse_args()

    data = load_data()
    n_train, n_test = len(data[1]), len(data[3])
    steps = math.ceil(n_train / BATCH_SIZE)
    print(
        f"digits: {n_train} training, {n_test} test images; "
        f"MLP 64-{'-'.join(map(str, HIDDEN))}-10, batch {BATCH_SIZE} ({steps} steps/epoch), "
        f"{args.epochs} epochs, best of {args.repeats}, {args.threads} thread(s), {args.clock} time"
    )
    kernels = {lib.get("architecture") for lib in threadpool_info() if lib["user_api"] == "blas"}
    print(f"NumPy {np.__version__}, OpenBLAS kernel {', '.join(map(str, kernels))}", end="")
    print(f"; torch {torch.__version__}" if torch is not None else "; torch not importable")
    print("test accuracy: mean over the repeats (one seed each), with the range of correct digits")
    names = list(trainers())
    header = f"{'solver':>6}" + "".join(
        f" | {name + ' accuracy':>22} {'ms/epoch':>8}" for name in names
    )
    header += " | gradbook / " + ", / ".join(names[1:])
    print(header)
    worst_gap = 0.0
    default_threads = torch.get_num_threads() if torch is not None else None
    with threadpool_limits(limits=args.threads, user_api="blas"):
        if torch is not None:
            torch.set_num_threads(args.threads)
        for solver in SOLVERS:
            times, correct = run(solver, data, args.epochs, args.repeats, CLOCKS[args.clock])
            mean = {name: c.mean() for name, c in correct.items()}
            worst_gap = max(worst_gap, (max(mean.values()) - min(mean.values())) / n_test)
            line = f"{solver:>6}" + "".join(
                f" | {describe(correct[name], n_test):>22} {1e3 * times[name]:8.1f}"
                for name in names
            )
            line += " | " + ", ".join(
                f"{times['gradbook'] / times[name]:.2f}x" for name in names[1:]
            )
            print(line)
        if torch is not None:
            torch.set_num_threads(default_threads)
    print(
        f"time ratio = gradbook / other per epoch, best of {args.repeats} (below 1: gradbook "
        f"faster); largest gap in mean accuracy {100 * worst_gap:.2f} percentage points"
    )


if __name__ == "__main__":
    main()
