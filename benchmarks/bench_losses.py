"""Benchmark: softmax cross-entropy, value and gradient, on (4096, 1000) float64 logits.

Run by ``make bench`` as ``python benchmarks/bench_losses.py``. Not a test: it prints milliseconds
per call (best of several repeats, after a warm-up) and ratios to two references:

- scipy: ``scipy.special.log_softmax``, then the mean of -log p[true class] and the gradient
  (softmax - onehot) / N, written directly in NumPy with no input checks;
- torch (only when importable; it is not a gradbook dependency): ``F.cross_entropy`` on a
  float64 CPU tensor with ``requires_grad``, forward and backward, at torch's default
  number of threads (printed), and on one thread (timed apart, after the others).

A second table times a small batch, (32, 10): the capstone's training step, where the cost
is the overhead of each call rather than the arithmetic. ``--breakdown`` shows what the blocks
and the threads of gradbook's implementation (``losses._softmax_xent``) each contribute.

Before timing, every implementation must agree with scipy: value within 1e-10, gradient
within 1e-12 (largest absolute difference); otherwise the script exits with an error.
"""

import argparse
import os
import sys
import timeit

import numpy as np
from scipy.special import log_softmax

from gradbook import losses as L

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # torch is optional: the benchmark still compares with scipy
    torch = None

N, K = 4096, 1000
SMALL = (32, 10)  # the capstone's mini-batches of digits
SEED = 0
VALUE_TOL, GRAD_TOL = 1e-10, 1e-12


def make_data(n=N, k=K):
    rng = np.random.default_rng(SEED)
    z = rng.normal(scale=3.0, size=(n, k))
    labels = rng.integers(0, k, size=n)
    onehot = np.zeros((n, k))
    onehot[np.arange(n), labels] = 1.0
    return z, labels, onehot


# --------------------------------------------------------------------------- implementations


def scipy_onehot(onehot, z):
    log_p = log_softmax(z, axis=-1)
    value = -np.sum(onehot * log_p) / z.shape[0]
    grad = np.exp(log_p)
    grad -= onehot
    grad /= z.shape[0]
    return value, grad


def scipy_sparse(labels, z):
    n = z.shape[0]
    rows = np.arange(n)
    log_p = log_softmax(z, axis=-1)
    value = -np.mean(log_p[rows, labels])
    grad = np.exp(log_p)
    grad[rows, labels] -= 1.0
    grad /= n
    return value, grad


def gradbook_separate(loss, grad):
    def run(target, z):
        return loss(target, z), grad(target, z)

    return run


def torch_impl(target_np, z):
    """F.cross_entropy forward + backward; NumPy in and out (both conversions share memory)."""
    target = torch.from_numpy(target_np)

    def run(_target, z_np):
        zt = torch.from_numpy(z_np).requires_grad_()
        loss = F.cross_entropy(zt, target)
        loss.backward()
        return loss.item(), zt.grad.numpy()

    return run


def implementations(z, labels, onehot):
    """(name, target kind, function of (target, z)) for every implementation available."""
    impls = [
        ("gradbook value_and_grad", "one-hot", L.softmax_cross_entropy_value_and_grad),
        (
            "gradbook value + grad",
            "one-hot",
            gradbook_separate(L.softmax_cross_entropy, L.softmax_cross_entropy_grad),
        ),
        ("scipy log_softmax", "one-hot", scipy_onehot),
        ("gradbook value_and_grad", "labels", L.sparse_softmax_cross_entropy_value_and_grad),
        (
            "gradbook value + grad",
            "labels",
            gradbook_separate(L.sparse_softmax_cross_entropy, L.sparse_softmax_cross_entropy_grad),
        ),
        ("scipy log_softmax", "labels", scipy_sparse),
    ]
    if torch is not None:
        impls[3:3] = [
            ("torch F.cross_entropy", "one-hot", torch_impl(onehot, z)),
            ("torch, 1 thread", "one-hot", torch_impl(onehot, z)),
        ]
        impls += [
            ("torch F.cross_entropy", "labels", torch_impl(labels, z)),
            ("torch, 1 thread", "labels", torch_impl(labels, z)),
        ]
    return impls


# --------------------------------------------------------------------------- checks and timing


def check_agreement(impls, targets, z):
    reference = {kind: fn(targets[kind], z) for name, kind, fn in impls if name.startswith("scipy")}
    for name, kind, fn in impls:
        value, grad = fn(targets[kind], z)
        ref_value, ref_grad = reference[kind]
        dv, dg = abs(float(value) - ref_value), float(np.max(np.abs(np.asarray(grad) - ref_grad)))
        if not (grad.shape == z.shape and dv <= VALUE_TOL and dg <= GRAD_TOL):
            sys.exit(
                f"{name} ({kind}) disagrees with scipy: |Δvalue| = {dv:.3g}, max |Δgrad| = {dg:.3g}"
            )
    # the one-hot and the integer-label forms compute the same numbers
    if abs(reference["one-hot"][0] - reference["labels"][0]) > VALUE_TOL:
        sys.exit("the one-hot and label references disagree")


def best_ms_interleaved(impls, targets, z, repeat, number):
    """Best ms per call of each implementation, the repeats taken in turn (round-robin), so
    that a burst of load on a shared machine hits every implementation alike."""
    timers = {}
    for name, kind, fn in impls:
        fn(targets[kind], z)  # warm-up
        timers[name, kind] = timeit.Timer(lambda fn=fn, t=targets[kind]: fn(t, z))
    best = {key: float("inf") for key in timers}
    for _ in range(repeat):
        for key, timer in timers.items():
            best[key] = min(best[key], timer.timeit(number))
    return {key: 1e3 * t / number for key, t in best.items()}


def with_settings(fn, **settings):
    """fn run with some of gradbook.losses' block and thread settings changed."""

    def run(target, z):
        saved = {name: getattr(L, name) for name in settings}
        for name, value in settings.items():
            setattr(L, name, value)
        try:
            return fn(target, z)
        finally:
            for name, value in saved.items():
                setattr(L, name, value)

    return run


def breakdown(z, targets, repeat, number):
    """What the blocks and the threads of losses._softmax_xent each save, and the cost of exp."""
    plain = {"_THREADS": 1, "_BLOCK_SIZE": 2**62}  # one block on one thread: whole-array passes
    variants = []
    for kind, fn in (
        ("one-hot", L.softmax_cross_entropy_value_and_grad),
        ("labels", L.sparse_softmax_cross_entropy_value_and_grad),
    ):
        variants += [
            ("whole arrays, 1 thread", kind, with_settings(fn, **plain)),
            ("blocks, 1 thread", kind, with_settings(fn, _THREADS=1)),
            (f"blocks, {L._THREADS} threads (default)", kind, fn),
        ]
    out = np.empty_like(z)
    variants.append(("np.exp alone, 1 thread", "logits", lambda _t, z: np.exp(z, out=out)))
    ms = best_ms_interleaved(variants, {**targets, "logits": None}, z, repeat, number)
    print(
        f"\ngradbook value_and_grad, ({N}, {K}): blocks of {L._BLOCK_SIZE} entries "
        f"({L._BLOCK_SIZE // K} rows); threads from {L._MIN_SIZE_FOR_THREADS:g} entries"
    )
    for name, kind, _ in variants:
        print(f"  {name:<32} {kind:<8} {ms[name, kind]:8.2f} ms")


def time_all(impls, targets, z, repeat, number):
    """Best ms per call of every implementation; the "1 thread" ones with torch set to one thread
    for the whole of their timing (switching at each call would time the switch)."""
    one_thread = [impl for impl in impls if impl[0].endswith("1 thread")]
    ms = best_ms_interleaved(
        [impl for impl in impls if impl not in one_thread], targets, z, repeat, number
    )
    if one_thread:
        default = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            ms.update(best_ms_interleaved(one_thread, targets, z, repeat, number))
        finally:
            torch.set_num_threads(default)
    return ms


def print_table(impls, ms):
    header = f"{'implementation':<26} {'target':<8} {'ms/call':>8} {'/ scipy':>8}"
    header += f" {'/ torch':>8} {'/ torch 1':>9}" if torch is not None else ""
    print(header)
    print("-" * len(header))
    for name, kind, _ in impls:
        t = ms[name, kind]
        line = f"{name:<26} {kind:<8} {t:8.3f} {t / ms['scipy log_softmax', kind]:8.2f}"
        if torch is not None:
            line += f" {t / ms['torch F.cross_entropy', kind]:8.2f} {t / ms['torch, 1 thread', kind]:9.2f}"
        print(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="repeats; the best is kept")
    parser.add_argument("--number", type=int, default=3, help="calls per repeat")
    parser.add_argument("--breakdown", action="store_true", help="blocks and threads, one by one")
    args = parser.parse_args()

    z, labels, onehot = make_data()
    targets = {"one-hot": onehot, "labels": labels}
    impls = implementations(z, labels, onehot)
    check_agreement(impls, targets, z)
    small_z, small_labels, small_onehot = make_data(*SMALL)
    small_targets = {"one-hot": small_onehot, "labels": small_labels}
    small_impls = implementations(small_z, small_labels, small_onehot)
    check_agreement(small_impls, small_targets, small_z)

    print(f"softmax cross-entropy, value + gradient, logits ({N}, {K}) float64, mean reduction")
    print(f"NumPy {np.__version__}, CPUs: {os.cpu_count()}, gradbook threads: {L._THREADS}", end="")
    if torch is not None:
        print(f"; torch {torch.__version__}, torch.get_num_threads() = {torch.get_num_threads()}")
    else:
        print("; torch not importable: no torch column")
    print(
        f"best of {args.repeat} x {args.number} calls after a warm-up; all agree with scipy "
        f"(value to {VALUE_TOL:g}, gradient to {GRAD_TOL:g})\n"
    )
    print_table(impls, time_all(impls, targets, z, args.repeat, args.number))

    small_number = 300 * args.number  # a call takes microseconds: time many per repeat
    print(f"\nsmall batch: logits {SMALL}, best of {args.repeat} x {small_number} calls\n")
    print_table(
        small_impls, time_all(small_impls, small_targets, small_z, args.repeat, small_number)
    )

    if args.breakdown:
        breakdown(z, targets, args.repeat, args.number)


if __name__ == "__main__":
    main()
