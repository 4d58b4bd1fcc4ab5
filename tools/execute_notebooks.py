"""Execute notebooks in place, storing their outputs: `make notebooks` runs this (not a test).

Like `jupyter execute --inplace`, but without the execution timestamps nbclient otherwise
writes into every cell's metadata (they would change on every run and churn the diffs).
Each notebook runs from its own folder, as nbval runs it.

Each run's time, its date and the versions of the key packages go into appendices/status.json,
which the status appendix renders (never into the notebooks, which stay deterministic).

Usage: python tools/execute_notebooks.py chapters/01_loss_vs_cost.ipynb [...]
"""

import json
import os
import platform
import sys
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def execute(path):
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)


ROOT = Path(__file__).resolve().parents[1]
STATUS = ROOT / "appendices" / "status.json"
KEY_PACKAGES = [
    "numpy", "scipy", "sympy", "matplotlib", "scikit-learn", "ipykernel", "nbclient",
    "nbval", "jupytext", "jupyter-book", "myst-nb", "sphinx", "jupyterlab",
]  # fmt: skip


def record_status(seconds, status_path=STATUS):
    """Merge this run's times into status.json; drop entries of notebooks that are gone."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M")
    status = json.loads(status_path.read_text()) if status_path.exists() else {}
    notebooks = status.get("notebooks", {})
    for path, elapsed in seconds.items():
        key = Path(path).resolve().relative_to(ROOT).as_posix()
        notebooks[key] = {"seconds": round(elapsed, 1), "executed": now}
    status = {
        "last_run": now,
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}",
        "cpus": os.cpu_count(),
        "notebooks": {k: v for k, v in sorted(notebooks.items()) if (ROOT / k).exists()},
        "packages": {name: _version(name) for name in KEY_PACKAGES},
    }
    status_path.write_text(json.dumps(status, indent=1) + "\n")


def _version(name):
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


if __name__ == "__main__":
    seconds = {}
    for notebook in sys.argv[1:]:
        print(f"executing {notebook}", flush=True)
        start = time.perf_counter()
        execute(notebook)
        seconds[notebook] = time.perf_counter() - start
    record_status(seconds)
