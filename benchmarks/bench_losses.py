"""Benchmark: softmax cross-entropy, value and gradient, gradbook beside PyTorch and scipy.

Run by ``make bench`` as ``python benchmarks/bench_losses.py``; ``make bench VENV=.venv-torch``
(after ``make test-torch``) adds PyTorch. Not a test: it prints milliseconds per call (best of
several repeats, the implementations timed in turn so that a burst of load on a shared machine
hits each alike) and the ratio gradbook / PyTorch, at the sizes the book uses and one larger:

- (32, 10): a mini-batch of the capstone (chapter 18), where the cost is the overhead of a call;
- (1797, 10): the whole digits data set, the largest logits in any chapter;
- (256, 1000) and (4096, 1000): ImageNet-sized classes, which no chapter uses.

The implementations, each for integer labels and for one-hot targets, mean reduction:

- gradbook: ``sparse_softmax_cross_entropy_value_and_grad`` and
  ``softmax_cross_entropy_value_and_grad``, input checks included;
- torch (when importable; it is not a gradbook dependency): ``F.cross_entropy`` on float64 CPU
  tensors with ``requires_grad``, forward and backward, at torch's default number of threads
  (printed), and on one thread (timed apart, after the others); with class probabilities as
  the target for the one-hot form;
- scipy: ``scipy.special.log_softmax``, then the loss and the gradient (softmax - target) / N
  in NumPy, with no input checks.

Before timing, every implementation must agree with scipy: value within 1e-10, gradient within
1e-12 (largest absolute difference); otherwise the script exits with an error. After the table,
"where the time goes" times each step of gradbook's formula alone, at each size.

The machine may pin OpenBLAS to an old kernel for reproducible tests (``OPENBLAS_CORETYPE``,
``OPENBLAS_L2_SIZE``); this script restarts itself without both, so that NumPy runs the kernel
made for this CPU, and prints which one that is.
"""

import argparse
import os
import sys
import timeit

OPENBLAS_PINS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
if any(name in os.environ for name in OPENBLAS_PINS):  # before NumPy loads OpenBLAS
    env = {k: v for k, v in os.environ.items() if k not in OPENBLAS_PINS}
    os.execve(sys.executable, [sys.executable, *sys.argv], env)

import numpy as np  # noqa: E402
from scipy.special import log_softmax  # noqa: E402
from threadpoolctl import threadpool_info  # noqa: E402

from gradbook import losses as L  # noqa: E402

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # torch is optional: the benchmark still compares with scipy
    torch = None

SIZES = [(32, 10), (1797, 10), (256, 1000), (4096, 1000)]
SEED = 0
VALUE_TOL, GRAD_TOL = 1e-10, 1e-12
CALL_SECONDS = 0.005  # each repeat times about this long, whatever the size


def make_data(n, k):
    rng = np.random.default_rng(SEED)
    z = rng.normal(scale=3.0, size=(n, k))
    labels = rng.integers(0, k, size=n)
    return z, {"labels": labels, "one-hot": np.eye(k)[labels]}


# --------------------------------------------------------------------------- implementations


def scipy_reference(target, z):
    """log_softmax, then the mean loss and its gradient, with no checks."""
    n = len(z)
    log_p = log_softmax(z, axis=-1)
    if target.ndim == 1:  # labels
        rows = np.arange(n)
        grad = np.exp(log_p)
        grad[rows, target] -= 1.0
        return -np.mean(log_p[rows, target]), grad / n
    return -np.sum(target * log_p) / n, (np.exp(log_p) - target) / n


def torch_cross_entropy(target, z):
    """F.cross_entropy forward and backward; NumPy in and out (the conversions share memory)."""
    zt = torch.from_numpy(z).requires_grad_()
    loss = F.cross_entropy(zt, torch.from_numpy(target))
    loss.backward()
    return loss.item(), zt.grad.numpy()


GRADBOOK = {
    "labels": L.sparse_softmax_cross_entropy_value_and_grad,
    "one-hot": L.softmax_cross_entropy_value_and_grad,
}


def implementations():
    """(name, function of (target, z)) for every implementation available."""
    impls = [("gradbook", None), ("scipy", scipy_reference)]
    if torch is not None:
        impls[1:1] = [("torch", torch_cross_entropy), ("torch 1 thread", torch_cross_entropy)]
    return impls


def function(name, fn, kind):
    return GRADBOOK[kind] if name == "gradbook" else fn


# --------------------------------------------------------------------------- checks and timing


def check_agreement(targets, z):
    for kind, target in targets.items():
        ref_value, ref_grad = scipy_reference(target, z)
        for name, fn in implementations():
            value, grad = function(name, fn, kind)(target, z)
            dv = abs(float(value) - ref_value)
            dg = float(np.max(np.abs(np.asarray(grad) - ref_grad)))
            if not (grad.shape == z.shape and dv <= VALUE_TOL and dg <= GRAD_TOL):
                sys.exit(
                    f"{name} ({kind}, {z.shape}) disagrees with scipy: |Δvalue| = {dv:.3g}, "
                    f"max |Δgrad| = {dg:.3g}"
                )


def best_ms(calls, repeat):
    """Best ms per call of each (key: function of no argument), the repeats taken in turn."""
    timers, numbers = {}, {}
    for key, call in calls.items():
        call()  # warm-up
        timers[key] = timeit.Timer(call)
        once = timers[key].timeit(1)
        numbers[key] = max(1, int(CALL_SECONDS / max(once, 1e-7)))
    best = {key: float("inf") for key in calls}
    for _ in range(repeat):
        for key, timer in timers.items():
            best[key] = min(best[key], timer.timeit(numbers[key]) / numbers[key])
    return {key: 1e3 * t for key, t in best.items()}


def time_size(n, k, repeat):
    z, targets = make_data(n, k)
    check_agreement(targets, z)
    calls = {}
    for kind, target in targets.items():
        for name, fn in implementations():
            f = function(name, fn, kind)
            calls[name, kind] = lambda f=f, t=target: f(t, z)
    one_thread = {key: call for key, call in calls.items() if key[0] == "torch 1 thread"}
    ms = best_ms({key: call for key, call in calls.items() if key not in one_thread}, repeat)
    if one_thread:  # torch on one thread for the whole of their timing, not switched per call
        default = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            ms.update(best_ms(one_thread, repeat))
        finally:
            torch.set_num_threads(default)
    return ms


def where_the_time_goes(n, k, repeat):
    """Each step of gradbook's formula for integer labels, timed alone (the checks first)."""
    z, targets = make_data(n, k)
    labels = targets["labels"]
    rows = np.arange(n)
    m = z.max(axis=1, keepdims=True)
    s = z - m
    exp_s = np.exp(s)
    total = exp_s @ np.ones(k)
    grad = exp_s.copy()
    unit_rows = np.ones((n, 1))  # scaling by 1 costs what scaling by c / total does, and no drift

    def exp_in_place():  # into an array of the same size, as the library exponentiates in place
        np.exp(s, out=grad)

    def scale_rows():
        grad[...] *= unit_rows

    def minus_target():
        grad[rows, labels] -= 1.0 / n

    steps = {
        "check z finite": lambda: np.isfinite(z).all(),
        "check labels": lambda: (labels.min() >= 0, labels.max() < k),
        "max per row": lambda: z.max(axis=1, keepdims=True),
        "s = z - max (alloc)": lambda: z - m,
        "pick s[c]": lambda: s[rows, labels],
        "exp(s), in place": exp_in_place,
        "row sums (@ ones)": lambda: exp_s @ np.ones(k),
        "log, mean": lambda: np.sum(np.log(total) - s[rows, labels]) / n,
        "grad: scale rows": scale_rows,
        "grad: minus target": minus_target,
    }
    return best_ms(steps, repeat)


# --------------------------------------------------------------------------- report


def describe_machine():
    blas = [
        f"{lib['internal_api']} {lib['version']} ({lib.get('architecture', '?')} kernel, "
        f"{lib['num_threads']} threads) for {os.path.basename(os.path.dirname(lib['filepath']))}"
        for lib in threadpool_info()
        if lib["user_api"] == "blas"
    ]
    print(f"NumPy {np.__version__}, CPUs: {os.cpu_count()}; BLAS: {'; '.join(blas)}")
    pins = [name for name in OPENBLAS_PINS if name in os.environ]
    print(f"OpenBLAS pins in the environment: {', '.join(pins) or 'none'}")
    if torch is not None:
        print(f"torch {torch.__version__}, torch.get_num_threads() = {torch.get_num_threads()}")
    else:
        print("torch not importable: no torch column (run from .venv-torch to get one)")


def print_table(results):
    header = f"{'logits':<13} {'target':<8} {'gradbook ms':>11}"
    header += f" {'torch ms':>9} {'/ torch':>8} {'1 thread':>9} {'/ torch 1':>9}" if torch else ""
    header += f" {'scipy ms':>9} {'/ scipy':>8}"
    print(header)
    print("-" * len(header))
    for size, ms in results.items():
        for kind in ("labels", "one-hot"):
            ours = ms["gradbook", kind]
            line = f"{str(size):<13} {kind:<8} {ours:11.4f}"
            if torch is not None:
                line += f" {ms['torch', kind]:9.4f} {ours / ms['torch', kind]:7.2f}x"
                one = ms["torch 1 thread", kind]
                line += f" {one:9.4f} {ours / one:8.2f}x"
            line += f" {ms['scipy', kind]:9.4f} {ours / ms['scipy', kind]:7.2f}x"
            print(line)


def print_breakdown(breakdowns, results):
    names = list(next(iter(breakdowns.values())))
    print("\nwhere the time goes: each step of gradbook's formula alone, integer labels, ms")
    print(f"{'step':<20}" + "".join(f" {str(size):>13}" for size in breakdowns))
    for name in names:
        print(f"{name:<20}" + "".join(f" {ms[name]:13.4f}" for ms in breakdowns.values()))
    print(
        f"{'sum of the steps':<20}"
        + "".join(f" {sum(ms.values()):13.4f}" for ms in breakdowns.values())
    )
    print(
        f"{'the whole call':<20}"
        + "".join(f" {results[size]['gradbook', 'labels']:13.4f}" for size in breakdowns)
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=25, help="repeats; the best is kept")
    args = parser.parse_args()

    print("softmax cross-entropy, value + gradient, float64 logits (N, K), mean reduction")
    describe_machine()
    print(
        f"best of {args.repeat} repeats of about {1e3 * CALL_SECONDS:g} ms each; all agree with "
        f"scipy (value to {VALUE_TOL:g}, gradient to {GRAD_TOL:g}); ratio = gradbook / other\n"
    )
    results = {size: time_size(*size, args.repeat) for size in SIZES}
    print_table(results)
    breakdowns = {size: where_the_time_goes(*size, args.repeat) for size in SIZES}
    print_breakdown(breakdowns, results)


if __name__ == "__main__":
    main()
