"""Benchmark: softmax cross-entropy, value and gradient, on (4096, 1000) float64 logits.

Run by ``make bench`` as ``python benchmarks/bench_losses.py`` (``--breakdown`` adds the cost
of each pass inside gradbook's one-hot value_and_grad). Not a test: it prints milliseconds
per call (best of several repeats, after a warm-up) and ratios to two references:

- scipy: ``scipy.special.log_softmax``, then the mean of -log p[true class] and the gradient
  (softmax - onehot) / N, written directly in NumPy with no input checks;
- torch (only when importable; it is not a gradbook dependency): ``F.cross_entropy`` on a
  float64 CPU tensor with ``requires_grad``, forward and backward, at torch's default
  number of threads (printed).

Before timing, every implementation must agree with scipy: value within 1e-10, gradient
within 1e-12 (largest absolute difference); otherwise the script exits with an error.
"""

import argparse
import os
import sys
import timeit

import numpy as np
from scipy.special import log_softmax

from gradbook import _validate as v
from gradbook import losses as L

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # torch is optional: the benchmark still compares with scipy
    torch = None

N, K = 4096, 1000
SEED = 0
VALUE_TOL, GRAD_TOL = 1e-10, 1e-12


def make_data():
    rng = np.random.default_rng(SEED)
    z = rng.normal(scale=3.0, size=(N, K))
    labels = rng.integers(0, K, size=N)
    onehot = np.zeros((N, K))
    onehot[np.arange(N), labels] = 1.0
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
        ("gradbook value + grad", "one-hot",
         gradbook_separate(L.softmax_cross_entropy, L.softmax_cross_entropy_grad)),
        ("scipy log_softmax", "one-hot", scipy_onehot),
        ("gradbook value_and_grad", "labels", L.sparse_softmax_cross_entropy_value_and_grad),
        ("gradbook value + grad", "labels",
         gradbook_separate(L.sparse_softmax_cross_entropy, L.sparse_softmax_cross_entropy_grad)),
        ("scipy log_softmax", "labels", scipy_sparse),
    ]
    if torch is not None:
        impls.insert(3, ("torch F.cross_entropy", "one-hot", torch_impl(onehot, z)))
        impls.append(("torch F.cross_entropy", "labels", torch_impl(labels, z)))
    return impls


# --------------------------------------------------------------------------- checks and timing

def check_agreement(impls, targets, z):
    reference = {kind: fn(targets[kind], z) for name, kind, fn in impls if name.startswith("scipy")}
    for name, kind, fn in impls:
        value, grad = fn(targets[kind], z)
        ref_value, ref_grad = reference[kind]
        dv, dg = abs(float(value) - ref_value), float(np.max(np.abs(np.asarray(grad) - ref_grad)))
        if not (grad.shape == z.shape and dv <= VALUE_TOL and dg <= GRAD_TOL):
            sys.exit(f"{name} ({kind}) disagrees with scipy: |Δvalue| = {dv:.3g}, max |Δgrad| = {dg:.3g}")
    # the one-hot and the integer-label forms compute the same numbers
    if abs(reference["one-hot"][0] - reference["labels"][0]) > VALUE_TOL:
        sys.exit("the one-hot and label references disagree")


def best_ms(fn, *args, repeat, number):
    fn(*args)  # warm-up
    times = timeit.Timer(lambda: fn(*args)).repeat(repeat=repeat, number=number)
    return 1e3 * min(times) / number


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


def breakdown(z, onehot, repeat, number):
    """Milliseconds of each pass gradbook's one-hot value_and_grad makes over an (N, K) array."""
    z_max = z.max(axis=-1, keepdims=True)
    shifted = z - z_max
    e = np.exp(shifted)
    total = e.sum(axis=-1, keepdims=True)
    out = np.empty_like(z)
    passes = [
        ("validate: as_float isfinite (z, target)", lambda: (v.as_float(z, "z"), v.as_float(onehot, "t"))),
        ("validate: target in [0, 1] (min, max)", lambda: v.in_unit_interval(onehot, "t")),
        ("validate: target rows sum to 1", lambda: v.sums_to_one(onehot, "t")),
        ("max over classes", lambda: np.max(z, axis=-1, keepdims=True)),
        ("z - max", lambda: np.subtract(z, z_max, out=out)),
        ("exp", lambda: np.exp(shifted, out=out)),
        ("sum of exp", lambda: np.sum(e, axis=-1, keepdims=True)),
        ("einsum target . shifted (value)", lambda: np.einsum("...k,...k->...", onehot, shifted)),
        ("divide by the sum (softmax)", lambda: np.divide(e, total, out=out)),
        ("subtract the target", lambda: np.subtract(e, onehot, out=out)),
        ("scale by 1/N", lambda: np.multiply(e, 1.0 / N, out=out)),
    ]
    rows = [(name, best_ms(fn, repeat=repeat, number=number)) for name, fn in passes]
    print(f"\nPasses inside gradbook softmax_cross_entropy_value_and_grad (one-hot), ({N}, {K}):")
    for name, ms in rows:
        print(f"  {name:<42} {ms:7.2f} ms")
    print(f"  {'sum of the passes':<42} {sum(ms for _, ms in rows):7.2f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="repeats; the best is kept")
    parser.add_argument("--number", type=int, default=3, help="calls per repeat")
    parser.add_argument("--breakdown", action="store_true", help="time each pass inside gradbook")
    args = parser.parse_args()

    z, labels, onehot = make_data()
    targets = {"one-hot": onehot, "labels": labels}
    impls = implementations(z, labels, onehot)
    check_agreement(impls, targets, z)

    print(f"softmax cross-entropy, value + gradient, logits ({N}, {K}) float64, mean reduction")
    print(f"NumPy {np.__version__} (elementwise passes single-threaded), CPUs: {os.cpu_count()}", end="")
    if torch is not None:
        print(f"; torch {torch.__version__}, torch.get_num_threads() = {torch.get_num_threads()}")
    else:
        print("; torch not importable: no torch column")
    print(f"best of {args.repeat} x {args.number} calls after a warm-up; all agree with scipy "
          f"(value to {VALUE_TOL:g}, gradient to {GRAD_TOL:g})\n")

    ms = best_ms_interleaved(impls, targets, z, repeat=args.repeat, number=args.number)
    header = f"{'implementation':<26} {'target':<8} {'ms/call':>8} {'/ scipy':>8}"
    header += f" {'/ torch':>8}" if torch is not None else ""
    print(header)
    print("-" * len(header))
    for name, kind, _ in impls:
        t = ms[name, kind]
        line = f"{name:<26} {kind:<8} {t:8.2f} {t / ms['scipy log_softmax', kind]:8.2f}"
        if torch is not None:
            line += f" {t / ms['torch F.cross_entropy', kind]:8.2f}"
        print(line)

    if args.breakdown:
        breakdown(z, onehot, args.repeat, args.number)


if __name__ == "__main__":
    main()
