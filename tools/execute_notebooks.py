"""Execute notebooks in place, storing their outputs: `make notebooks` runs this (not a test).

Like `jupyter execute --inplace`, but without the execution timestamps nbclient otherwise
writes into every cell's metadata (they would change on every run and churn the diffs).
Each notebook runs from its own folder, as nbval runs it.

Each run's time, its date and the versions of the key packages go into appendices/status/
(one JSON file a notebook), which the status appendix renders (never into the notebooks,
which stay deterministic).

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
# One small file a notebook (appendices/status/chapters--01_loss_vs_cost.json): a branch that
# re-executes one chapter changes only that chapter's file, so branches merge without conflict.
STATUS = ROOT / "appendices" / "status"
KEY_PACKAGES = [
    "numpy", "scipy", "sympy", "matplotlib", "scikit-learn", "ipykernel", "nbclient",
    "nbval", "jupytext", "jupyter-book", "myst-nb", "sphinx", "jupyterlab",
]  # fmt: skip


def record_status(path, seconds, status_dir=STATUS):
    """Write the run time, date and environment of one notebook's run to its status file."""
    notebook = Path(path).resolve().relative_to(ROOT).as_posix()
    status = {
        "notebook": notebook,
        "seconds": round(seconds, 1),
        "executed": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"),
        "python": platform.python_version(),
        "platform": f"{platform.system()} {platform.machine()}",
        "cpus": os.cpu_count(),
        "packages": {name: _version(name) for name in KEY_PACKAGES},
    }
    status_dir.mkdir(parents=True, exist_ok=True)
    target = status_dir / (notebook.replace("/", "--").removesuffix(".ipynb") + ".json")
    target.write_text(json.dumps(status, indent=1) + "\n")
    for old in status_dir.glob("*.json"):  # notebooks renamed or removed since
        gone = json.loads(old.read_text()).get("notebook")
        if gone and not (ROOT / gone).exists():
            old.unlink()


def _version(name):
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


if __name__ == "__main__":
    for notebook in sys.argv[1:]:
        print(f"executing {notebook}", flush=True)
        start = time.perf_counter()
        execute(notebook)
        record_status(notebook, time.perf_counter() - start)
