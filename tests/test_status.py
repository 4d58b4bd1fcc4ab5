"""The status appendix's data: `make notebooks` (tools/execute_notebooks.py) writes one file a
notebook into appendices/status/, which the book's Sphinx extension renders."""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import execute_notebooks  # noqa: E402

sys.path.remove(str(ROOT / "tools"))

KEYS = {"notebook", "seconds", "executed", "python", "platform", "cpus", "packages"}


def test_a_run_is_recorded_and_files_of_notebooks_that_are_gone_are_dropped(tmp_path):
    gone = tmp_path / "chapters--99_gone.json"
    gone.write_text(json.dumps({"notebook": "chapters/99_gone.ipynb"}))
    notebook = ROOT / "chapters" / "01_loss_vs_cost.ipynb"
    execute_notebooks.record_status(notebook, 4.26, status_dir=tmp_path)
    (written,) = tmp_path.glob("*.json")
    assert written.name == "chapters--01_loss_vs_cost.json"
    status = json.loads(written.read_text())
    assert set(status) == KEYS
    assert status["notebook"] == "chapters/01_loss_vs_cost.ipynb" and status["seconds"] == 4.3
    assert status["packages"]["numpy"] == __import__("numpy").__version__


def test_the_committed_status_files_are_complete():
    files = sorted((ROOT / "appendices" / "status").glob("*.json"))
    assert files, "no status files: run make notebooks"
    for path in files:
        status = json.loads(path.read_text())
        assert set(status) == KEYS, path.name
        assert path.name == status["notebook"].replace("/", "--").removesuffix(".ipynb") + ".json"
        assert 0 < status["seconds"] < 600
