"""The grader, `python -m gradbook.grade`: honest verdicts, stops, parallel runs, Dask.

Most notebooks here are tiny and named after chapter 1 (`01_loss_vs_cost.ipynb`, one folder a
"student"), so the grader grades them against chapter 1's exercise ids. One run grades them
all at once with `--jobs 2`; the tests then read its JSON.
"""

import csv
import json
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from gradbook.exercises import check, exercise_ids
from gradbook.grade import _read_records, _record, chapter_of

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = "01-loss-vs-cost"
IDS = [i for i in exercise_ids() if i.startswith(CHAPTER + "/")]
SQUARED = f"{CHAPTER}/squared-error"  # expected answer: (2.5 - 3.0)^2 = 0.25
SUM_VS_MEAN = f"{CHAPTER}/sum-vs-mean"  # only ever answered wrongly here (1, 31)

IMPORT = "from gradbook.exercises import check"
STUDENTS = {
    # runs forever after answering one exercise: stopped at --timeout, the answer still counts
    "loop": [IMPORT, f'check("{SQUARED}", 0.25)', "while True:\n    pass"],
    # prints the verdicts without calling check: earns nothing
    "faked": [
        "\n".join(f'print("Correct: {i}.")' for i in IDS),
        "print('True')",
    ],
    # answers wrongly but makes the notebook believe otherwise: replaces check, and (where
    # the registry is reachable) edits the expected answer before calling the real check
    "patched": [
        "import gradbook.exercises as ex\n"
        "real_check = ex.check\n"
        f'registry = getattr(ex, "_answers", dict)()\n'
        f'registry["{SQUARED}"] = ex.Expected(0.5)\n'
        f'assert real_check("{SQUARED}", 0.5)\n'
        'ex.check = lambda exercise_id, answer: print(f"Correct: {exercise_id}.") or True\n'
        f'ex.check("{SUM_VS_MEAN}", 1)',
    ],
    # answers one exercise right, then the kernel dies
    "crash": [IMPORT, f'check("{SQUARED}", 0.25)', "import os\nos._exit(3)"],
    # prints without end (stopped at --max-output)
    "flood": [IMPORT, f'check("{SQUARED}", 0.3)', 'while True:\n    print("x" * 10_000)'],
    # a cell raises; the cells after it still run, and a second try there counts
    "raises": [
        IMPORT,
        f'check("{SQUARED}", 0.2)',
        "1 / 0",
        f'check("{SQUARED}", (2.5 - 3.0) ** 2)',
    ],
    # answers with a function defined in the notebook: recorded by value and re-checked
    # (a wrong type here, so the checker's own refusal must come back)
    "function": [IMPORT, f'def my_answer():\n    return 0.25\n\ncheck("{SQUARED}", my_answer)'],
    # right, then wrong: the last answer counts
    "changed-mind": [IMPORT, f'check("{SQUARED}", 0.25)', f'check("{SQUARED}", 0.2)'],
}


def notebook(cells):
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    return nb


def write(folder, cells, name="01_loss_vs_cost.ipynb"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    nbformat.write(notebook(cells) if isinstance(cells, list) else cells, path)
    return path


def run_grader(*args, timeout=600):
    return subprocess.run(
        [sys.executable, "-m", "gradbook.grade", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def parallel_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("class")
    paths = [write(base / name, cells) for name, cells in STUDENTS.items()]
    out = base / "grades.json"
    table = base / "grades.csv"
    start = time.monotonic()
    proc = run_grader(
        *paths, "--jobs", 2, "--timeout", 8, "--max-output", 1, "--json", out, "--csv", table
    )
    wall = time.monotonic() - start
    results = {Path(r["path"]).parent.name: r for r in json.loads(out.read_text())["notebooks"]}
    return proc, results, wall, table


def test_every_notebook_is_reported_in_order_with_a_status_and_a_score(parallel_run):
    proc, results, _, _ = parallel_run
    assert proc.returncode == 1, proc.stderr
    assert list(results) == list(STUDENTS)
    for result in results.values():
        assert result["status"] in {"ok", "timeout", "error"}
        assert list(result["exercises"]) == IDS
        assert set(result["exercises"].values()) <= {"passed", "failed", "not attempted"}
        passed = list(result["exercises"].values()).count("passed")
        assert result["score"] == passed and result["total"] == len(IDS)


def test_printed_verdicts_earn_nothing(parallel_run):
    faked = parallel_run[1]["faked"]
    assert faked["status"] == "ok"
    assert set(faked["exercises"].values()) == {"not attempted"}
    assert faked["score"] == 0


def test_a_patched_check_or_registry_in_the_notebook_is_not_trusted(parallel_run):
    patched = parallel_run[1]["patched"]
    assert patched["status"] == "ok", patched["detail"]  # the notebook believed it: no error
    assert patched["exercises"][SQUARED] == "failed"  # 0.5 re-checked against the real 0.25
    assert patched["exercises"][SUM_VS_MEAN] == "not attempted"  # the fake check records nothing
    assert patched["score"] == 0


def test_a_loop_is_stopped_at_the_timeout_and_what_it_answered_counts(parallel_run):
    loop = parallel_run[1]["loop"]
    assert loop["status"] == "timeout"
    assert "8 s" in loop["detail"]
    assert loop["exercises"][SQUARED] == "passed"
    assert loop["seconds"] < 60


def test_a_crash_is_an_error_and_what_came_before_counts(parallel_run):
    crash = parallel_run[1]["crash"]
    assert crash["status"] == "error"
    assert "kernel died" in crash["detail"]
    assert crash["exercises"][SQUARED] == "passed"


def test_a_flood_of_output_is_stopped(parallel_run):
    flood = parallel_run[1]["flood"]
    assert flood["status"] == "error"
    assert "printed more than 1 MB" in flood["detail"]
    assert flood["exercises"][SQUARED] == "failed"
    assert "off by" in flood["messages"][SQUARED]  # the checker's own message, re-computed


def test_a_raising_cell_is_reported_and_later_cells_still_count(parallel_run):
    raises = parallel_run[1]["raises"]
    assert raises["status"] == "error"
    assert "ZeroDivisionError" in raises["detail"]
    assert raises["exercises"][SQUARED] == "passed"


def test_a_function_defined_in_the_notebook_is_carried_to_the_checker(parallel_run):
    function = parallel_run[1]["function"]
    assert function["exercises"][SQUARED] == "failed"
    message = function["messages"][SQUARED]
    assert message.startswith("Not yet") and "could not" not in message, message


def test_the_last_answer_to_an_exercise_counts(parallel_run):
    changed = parallel_run[1]["changed-mind"]
    assert changed["status"] == "ok"
    assert changed["exercises"][SQUARED] == "failed"  # 0.25, then 0.2
    assert parallel_run[1]["raises"]["exercises"][SQUARED] == "passed"  # 0.2, then 0.25


def test_the_jobs_ran_in_parallel(parallel_run):
    _, results, wall, _ = parallel_run
    serial = sum(r["seconds"] for r in results.values())
    assert wall < 0.85 * serial, f"{wall:.1f} s wall for {serial:.1f} s of notebooks"


def test_csv_has_one_row_per_notebook_and_exercise(parallel_run):
    _, results, _, table = parallel_run
    with open(table, newline="") as rows:
        rows = list(csv.DictReader(rows))
    assert len(rows) == len(STUDENTS) * len(IDS)
    by_key = {(Path(r["path"]).parent.name, r["exercise"]): r for r in rows}
    assert by_key[("loop", SQUARED)]["result"] == "passed"
    assert by_key[("loop", SQUARED)]["status"] == "timeout"
    assert by_key[("faked", SQUARED)]["result"] == "not attempted"


def test_the_full_chapter_passes_with_exit_status_0(tmp_path):
    out = tmp_path / "grades.json"
    proc = run_grader(ROOT / "chapters" / "01_loss_vs_cost.ipynb", "--json", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (result,) = json.loads(out.read_text())["notebooks"]
    assert result["status"] == "ok"
    assert set(result["exercises"].values()) == {"passed"}
    assert result["score"] == result["total"] == len(IDS)


def test_a_student_copy_gets_passed_failed_and_not_attempted(tmp_path):
    """The student edition of chapter 1 with one answer right, one wrong, the others left."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from student_edition import student_notebook
    finally:
        sys.path.remove(str(ROOT / "tools"))
    chapter = nbformat.read(ROOT / "chapters" / "01_loss_vs_cost.ipynb", as_version=4)
    student, _ = student_notebook(chapter)
    filled = {SQUARED: "(2.5 - 3.0) ** 2", SUM_VS_MEAN: "31"}
    for cell in student.cells:
        exercise_id = cell.metadata.get("gradbook", {}).get("answer")
        if exercise_id in filled:
            cell.source = cell.source.replace("answer = ...", f"answer = {filled[exercise_id]}", 1)
    path = write(tmp_path / "alice", student, name="01_loss_vs_cost-alice.ipynb")
    out = tmp_path / "grades.json"
    proc = run_grader(path, "--json", out)
    assert proc.returncode == 1
    (result,) = json.loads(out.read_text())["notebooks"]
    assert result["status"] == "ok", result["detail"]
    assert result["exercises"][SQUARED] == "passed"
    assert result["exercises"][SUM_VS_MEAN] == "failed"
    assert list(result["exercises"].values()).count("not attempted") == len(IDS) - 2
    assert f"1 of {len(IDS)} exercises passed" in proc.stdout


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--jobs", "0", "x.ipynb"],
        ["--timeout", "-1", "x.ipynb"],
        ["--no-such-option"],
        ["does/not/exist.ipynb"],
    ],
    ids=["nothing", "zero-jobs", "negative-timeout", "unknown-option", "missing-file"],
)
def test_usage_errors_exit_with_2(tmp_path, args):
    (tmp_path / "x.ipynb").write_text("{}")
    proc = subprocess.run(
        [sys.executable, "-m", "gradbook.grade", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "usage:" in proc.stderr


def test_a_notebook_of_no_chapter_is_an_error_not_a_crash(tmp_path):
    path = write(tmp_path, [IMPORT], name="homework.ipynb")
    out = tmp_path / "grades.json"
    proc = run_grader(path, "--json", out)
    assert proc.returncode == 1
    (result,) = json.loads(out.read_text())["notebooks"]
    assert result["status"] == "error" and "which chapter" in result["detail"]


def test_the_chapter_comes_from_the_file_name_or_the_student_metadata():
    assert chapter_of("x/01_loss_vs_cost.ipynb") == CHAPTER
    assert chapter_of("x/01_loss_vs_cost-bob.ipynb") == CHAPTER
    assert chapter_of("x/homework.ipynb") is None
    assert chapter_of("x/homework.ipynb", {"gradbook": {"chapter": CHAPTER}}) == CHAPTER
    assert chapter_of("x/homework.ipynb", {"gradbook": {"chapter": "99-nothing"}}) is None


def test_records_round_trip_and_a_torn_tail_is_ignored(tmp_path):
    path = tmp_path / "answers.bin"
    _record(path, SQUARED, 0.25)
    _record(path, SUM_VS_MEAN, (x for x in ()))  # a generator cannot be pickled: an E record
    with open(path, "ab") as out:
        out.write(b"P\x05\x00")  # a record cut short by a killed kernel
    records = _read_records(path)
    assert [(key, kind) for key, kind, _ in records] == [(SQUARED, b"P"), (SUM_VS_MEAN, b"E")]
    assert "generator" in records[1][2].decode()
    assert check(SQUARED, __import__("pickle").loads(records[0][2]))


def test_dask_cluster_on_loopback(tmp_path):
    """`--dask ADDRESS`: notebooks run on the workers of a local cluster bound to 127.0.0.1."""
    pytest.importorskip("distributed")
    cluster = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from distributed import LocalCluster\n"
            "cluster = LocalCluster(host='127.0.0.1', n_workers=2, threads_per_worker=1,"
            " dashboard_address=None, processes=True)\n"
            "print(cluster.scheduler_address, flush=True)\n"
            "sys.stdin.read()\n"
            "cluster.close()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        address = cluster.stdout.readline().strip()
        assert address.startswith("tcp://127.0.0.1:"), address
        right = write(tmp_path / "right", [IMPORT, f'check("{SQUARED}", 0.25)'])
        faked = write(tmp_path / "faked", STUDENTS["faked"])
        out = tmp_path / "grades.json"
        proc = run_grader(right, faked, "--dask", address, "--timeout", 60, "--json", out)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        right_result, faked_result = json.loads(out.read_text())["notebooks"]
        assert right_result["status"] == "ok", right_result["detail"]
        assert right_result["exercises"][SQUARED] == "passed"
        assert faked_result["score"] == 0
    finally:
        cluster.communicate("", timeout=60)
