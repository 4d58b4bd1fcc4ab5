"""Execute notebooks in place, storing their outputs: `make notebooks` runs this (not a test).

Like `jupyter execute --inplace`, but without the execution timestamps nbclient otherwise
writes into every cell's metadata (they would change on every run and churn the diffs).
Each notebook runs from its own folder, as nbval runs it.

Usage: python tools/execute_notebooks.py chapters/01_loss_vs_cost.ipynb [...]
"""

import sys
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


if __name__ == "__main__":
    for notebook in sys.argv[1:]:
        print(f"executing {notebook}", flush=True)
        execute(notebook)
