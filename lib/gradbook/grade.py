"""Grade students' notebooks: ``python -m gradbook.grade NOTEBOOK... [options]``.

Each notebook runs top to bottom in a fresh Jupyter kernel. Before its first cell the grader
wraps :func:`gradbook.exercises.check` so that every answer the student's code passes to it is
recorded (pickled, with cloudpickle for functions defined in the notebook). When the kernel has
stopped, a fresh Python process that never ran the notebook loads the recorded answers and
checks them against the expected answers shipped with :mod:`gradbook.exercises`. The verdict is
that process's, never the notebook's: a notebook that prints ``Correct: ...`` without calling
``check``, or that patches ``check`` or its expected answers, earns nothing for it. For each
exercise id of the notebook's chapter (taken from the file name, ``01_loss_vs_cost.ipynb``, or
else from the student edition's metadata) the result is ``passed`` (the last answer the
notebook passed to ``check`` for it is right), ``failed`` (it is wrong, or could not be
recorded or checked), or ``not attempted`` (``check`` was never called with that id).

A notebook that runs longer than ``--timeout`` seconds is stopped (status ``timeout``); one
whose kernel dies, or that prints more than ``--max-output`` megabytes, is stopped as well
(status ``error``), and so is reported one in which a cell raised (the remaining cells still
run). Answers recorded before the stop still count. No notebook can stop the others.

``--jobs N`` grades N notebooks at once on this machine; ``--dask ADDRESS`` sends them to the
workers of an existing Dask cluster instead (``pip install dask distributed`` there and here;
gradbook must be installed on the workers; notebooks are sent as text and run in a temporary
folder on the worker).

This runs the students' code with the grader's rights, with no sandbox, as nbgrader does.
Run it in a container or as a throwaway user with no access to anything that matters (see the
book's appendix "Teaching with the book"). The grader guards against mistakes and naive
cheating, not against code written to attack it.

Exit status: 0 when every exercise of every notebook passed, 1 when any failed or was not
attempted or a notebook timed out or stopped with an error, 2 on a usage error.

Examples
--------
.. code-block:: console

    $ python -m gradbook.grade submissions/*/01_loss_vs_cost.ipynb --jobs 4 --csv grades.csv
"""

import argparse
import asyncio
import contextlib
import csv
import io
import json
import os
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["grade", "grade_notebook", "chapter_of", "main"]

PASSED, FAILED, NOT_ATTEMPTED = "passed", "failed", "not attempted"
OK, TIMEOUT, ERROR = "ok", "timeout", "error"
MAX_ANSWER_BYTES = 16 * 2**20  # one recorded answer; larger ones are refused, not stored
RECHECK_TIMEOUT = 120  # seconds for checking one notebook's recorded answers

# Run in the kernel before the notebook's first cell (the record path is filled in).
_SETUP = "import gradbook.grade as _gradbook_grade\n_gradbook_grade._install_recorder({path!r})\n"


# --------------------------------------------------------------------------- in the kernel


def _install_recorder(path):
    """Wrap ``gradbook.exercises.check`` so that each (id, answer) is appended to ``path``."""
    import gradbook.exercises as exercises

    original = exercises.check

    def check(exercise_id, answer, *args, **kwargs):
        _record(path, exercise_id, answer)
        return original(exercise_id, answer, *args, **kwargs)

    check.__doc__, check.__wrapped__ = original.__doc__, original
    exercises.check = check


def _record(path, exercise_id, answer):
    try:
        import cloudpickle as pickler  # functions defined in the notebook, by value
    except ImportError:  # pragma: no cover - cloudpickle is pinned with the book
        import pickle as pickler
    try:
        blob, kind = pickler.dumps(answer, protocol=5), b"P"
        if len(blob) > MAX_ANSWER_BYTES:
            blob, kind = f"the answer is {len(blob)} bytes once pickled".encode(), b"E"
    except Exception as exc:  # an answer the grader cannot carry (a generator, a file ...)
        blob, kind = f"{type(exc).__name__}: {exc}".encode(), b"E"
    key = str(exercise_id).encode()[:1000]
    with open(path, "ab") as out:
        out.write(kind + struct.pack("<IQ", len(key), len(blob)) + key + blob)


def _read_records(path):
    """The records in order: a list of (exercise id, kind, blob); a torn tail is ignored."""
    records = []
    data = Path(path).read_bytes() if Path(path).exists() else b""
    head = struct.calcsize("<IQ") + 1
    offset = 0
    while offset + head <= len(data):
        kind = data[offset : offset + 1]
        n_key, n_blob = struct.unpack_from("<IQ", data, offset + 1)
        end = offset + head + n_key + n_blob
        if kind not in (b"P", b"E") or end > len(data):
            break
        key = data[offset + head : offset + head + n_key].decode(errors="replace")
        records.append((key, kind, data[offset + head + n_key : end]))
        offset = end
    return records


# --------------------------------------------------------------------------- the re-check


def _recheck_main(argv=None):
    """In a fresh process: check the last recorded answer of each id, one JSON line a verdict.

    ``python -c 'from gradbook.grade import _recheck_main; _recheck_main()' RECORDS OUT ID...``
    """
    import pickle

    from gradbook.exercises import check

    records_path, out_path, *ids = argv if argv is not None else sys.argv[1:]
    last = {key: (kind, blob) for key, kind, blob in _read_records(records_path)}
    with open(out_path, "a", encoding="utf-8") as out:
        for exercise_id in ids:
            if exercise_id not in last:
                continue
            kind, blob = last[exercise_id]
            printed = io.StringIO()
            if kind == b"E":
                ok, message = False, f"the grader could not record the answer ({blob.decode()})"
            else:
                try:
                    answer = pickle.loads(blob)
                    with contextlib.redirect_stdout(printed):
                        ok = check(exercise_id, answer) is True
                    message = printed.getvalue().strip()
                except Exception as exc:
                    ok, message = False, f"the answer could not be checked ({type(exc).__name__})"
            line = {"id": exercise_id, "passed": ok, "message": message[:2000]}
            out.write(json.dumps(line) + "\n")
            out.flush()


def _recheck(records_path, ids, cwd):
    """Verdicts {id: (result, message)} for ``ids``, from a fresh Python process."""
    attempted = {key for key, _, _ in _read_records(records_path)}
    verdicts = {i: (NOT_ATTEMPTED, "") for i in ids}
    todo = [i for i in ids if i in attempted]
    if not todo:
        return verdicts
    out_path = Path(records_path).with_suffix(".verdicts")
    command = "from gradbook.grade import _recheck_main; _recheck_main()"
    try:
        subprocess.run(
            [sys.executable, "-c", command, str(records_path), str(out_path), *todo],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=RECHECK_TIMEOUT,
            check=False,
        )
        why = "checking the answer failed"
    except subprocess.TimeoutExpired:
        why = f"checking the answers took more than {RECHECK_TIMEOUT} s"
    done = {}
    if out_path.exists():
        for line in out_path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError, KeyError, TypeError):
                verdict = json.loads(line)
                done[verdict["id"]] = (
                    PASSED if verdict["passed"] is True else FAILED,
                    verdict["message"],
                )
    for exercise_id in todo:
        verdicts[exercise_id] = done.get(exercise_id, (FAILED, why))
    return verdicts


# --------------------------------------------------------------------------- running a notebook


def _client_class():
    from nbclient import NotebookClient

    class GradingClient(NotebookClient):
        """Keeps no outputs, counts their size, and remembers the first error."""

        def __init__(self, nb, max_output, **kw):
            super().__init__(nb, **kw)
            self.max_output, self.output_bytes, self.first_error = max_output, 0, None
            self.on_cell_error = self._note_error

        def output(self, outs, msg, display_id, cell_index):
            content = msg.get("content", {})
            size = len(content.get("text", "")) + sum(
                len(v) if isinstance(v, str) else len(json.dumps(v))
                for v in content.get("data", {}).values()
            )
            self.output_bytes += size
            return None

        def _note_error(self, cell, cell_index, execute_reply):
            if "raises-exception" in cell.metadata.get("tags", []):
                return  # an error the author meant (the book's own convention)
            if self.first_error is None:
                content = execute_reply.get("content", {})
                name, value = content.get("ename", "Error"), content.get("evalue", "")
                self.first_error = f"code cell {cell_index} raised {name}: {value}"[:500]

    return GradingClient


async def _run(client, timeout, cwd):
    """Run the notebook; return (status, detail). Stops it at the deadline or an output flood."""
    from nbclient.exceptions import DeadKernelError

    # The kernel's own stdout and stderr (not the notebook's outputs) are not wanted here.
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    task = asyncio.ensure_future(client.async_execute(cwd=cwd, **quiet))
    deadline = time.monotonic() + timeout
    stop = None
    while not task.done():
        await asyncio.wait({task}, timeout=0.2)
        if task.done():
            break
        if client.output_bytes > client.max_output:
            stop = (ERROR, f"printed more than {client.max_output / 2**20:g} MB: stopped")
        elif time.monotonic() > deadline:
            stop = (TIMEOUT, f"still running after {timeout:g} s: stopped")
        if stop:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
            return stop
    try:
        task.result()
    except DeadKernelError:
        return ERROR, "the kernel died (the notebook crashed or exited)"
    except Exception as exc:
        return ERROR, f"{type(exc).__name__}: {exc}"[:500]
    if client.output_bytes > client.max_output:
        return ERROR, f"printed more than {client.max_output / 2**20:g} MB"
    if client.first_error:
        return ERROR, client.first_error
    return OK, ""


def grade_notebook(
    path, text, exercise_ids, *, timeout=300.0, max_output_mb=10.0, cwd=None, kernel="python3"
):
    """Run one notebook (given as JSON text) and grade it; a dict as in ``--json``.

    This is what each job, local or on a Dask worker, runs. The notebook runs in ``cwd``
    (a fresh temporary folder if None); nothing the notebook does reaches this process.
    """
    import nbformat

    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="gradbook-grade-") as scratch:
        os.chmod(scratch, 0o700)
        records = Path(scratch) / "answers.bin"
        workdir = str(cwd) if cwd is not None else str(Path(scratch) / "run")
        Path(workdir).mkdir(exist_ok=True)
        try:
            nb = nbformat.reads(text, as_version=4)
        except Exception as exc:
            status, detail = ERROR, f"not a notebook: {type(exc).__name__}: {exc}"[:500]
        else:
            code = [c for c in nb.cells if c.cell_type == "code"]
            nb.cells = [nbformat.v4.new_code_cell(_SETUP.format(path=str(records)))] + code
            client = _client_class()(
                nb,
                max_output=max_output_mb * 2**20,
                timeout=None,
                kernel_name=kernel,
                allow_errors=True,
                record_timing=False,
                shutdown_kernel="immediate",
                startup_timeout=120,
            )
            try:
                status, detail = asyncio.run(_run(client, timeout, workdir))
            except Exception as exc:  # the kernel could not start, ...
                status, detail = ERROR, f"{type(exc).__name__}: {exc}"[:500]
        verdicts = _recheck(records, list(exercise_ids), cwd=workdir)
    results = {i: verdicts[i][0] for i in exercise_ids}
    return {
        "path": str(path),
        "status": status,
        "detail": detail,
        "exercises": results,
        "messages": {i: verdicts[i][1] for i in exercise_ids if verdicts[i][1]},
        "score": sum(r == PASSED for r in results.values()),
        "total": len(results),
        "seconds": round(time.monotonic() - start, 1),
    }


# --------------------------------------------------------------------------- many notebooks


def chapter_of(path, nb_metadata=None):
    """The chapter id (``"01-loss-vs-cost"``) of a notebook, or None.

    From the file name first (``01_loss_vs_cost.ipynb``, ``01_loss_vs_cost-alice.ipynb``),
    else from the ``gradbook`` metadata the student edition writes.
    """
    from gradbook.exercises import exercise_ids

    chapters = {i.split("/")[0] for i in exercise_ids()}
    stem = Path(path).stem.replace("_", "-")
    matches = [c for c in chapters if stem == c or stem.startswith(c + "-")]
    if matches:
        return max(matches, key=len)
    chapter = ((nb_metadata or {}).get("gradbook") or {}).get("chapter")
    return chapter if chapter in chapters else None


def _plan(path):
    """(text, exercise ids) for a notebook, or (text, None) if its chapter is unknown."""
    from gradbook.exercises import exercise_ids

    text = Path(path).read_text(encoding="utf-8", errors="replace")
    try:
        metadata = json.loads(text).get("metadata", {})
    except (ValueError, AttributeError):
        metadata = {}
    chapter = chapter_of(path, metadata)
    if chapter is None:
        return text, None
    return text, [i for i in exercise_ids() if i.startswith(chapter + "/")]


def _unknown_chapter(path):
    return {
        "path": str(path),
        "status": ERROR,
        "detail": "cannot tell which chapter this is: name it as the book does "
        "(01_loss_vs_cost.ipynb) or start from the student edition",
        "exercises": {},
        "messages": {},
        "score": 0,
        "total": 0,
        "seconds": 0.0,
    }


def grade(paths, *, jobs=1, timeout=300.0, max_output_mb=10.0, dask=None, on_result=None):
    """Grade notebooks; a list of result dicts in the order of ``paths``.

    ``jobs`` notebooks run at once here, or, with ``dask`` (a scheduler address), on the
    workers of that Dask cluster. ``on_result`` is called with each result as it arrives.
    """
    results, tasks = [None] * len(paths), []
    for index, path in enumerate(paths):
        text, ids = _plan(path)
        if ids is None:
            results[index] = _unknown_chapter(path)
            if on_result:
                on_result(results[index])
        else:
            tasks.append((index, path, text, ids))
    options = {"timeout": timeout, "max_output_mb": max_output_mb}

    def finish(index, result):
        results[index] = result
        if on_result:
            on_result(result)

    if dask:
        from distributed import Client, as_completed

        with Client(dask, timeout=30) as client:
            futures = {
                client.submit(grade_notebook, str(p), t, i, pure=False, **options): n
                for n, p, t, i in tasks
            }
            for future in as_completed(futures):
                index = futures[future]
                try:
                    result = future.result()
                except Exception as exc:  # the worker died, ...
                    result = _failed_job(paths[index], tasks, index, exc)
                finish(index, result)
    elif jobs <= 1:
        for index, path, text, ids in tasks:
            finish(index, grade_notebook(str(path), text, ids, cwd=_cwd(path), **options))
    else:
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = {
                pool.submit(grade_notebook, str(p), t, i, cwd=_cwd(p), **options): n
                for n, p, t, i in tasks
            }
            for future in as_completed(futures):
                index = futures[future]
                try:
                    result = future.result()
                except Exception as exc:
                    result = _failed_job(paths[index], tasks, index, exc)
                finish(index, result)
    return results


def _cwd(path):
    return str(Path(path).resolve().parent)


def _failed_job(path, tasks, index, exc):
    ids = next(i for n, _, _, i in tasks if n == index)
    return {
        "path": str(path),
        "status": ERROR,
        "detail": f"the grading job failed: {type(exc).__name__}: {exc}"[:500],
        "exercises": {i: NOT_ATTEMPTED for i in ids},
        "messages": {},
        "score": 0,
        "total": len(ids),
        "seconds": 0.0,
    }


# --------------------------------------------------------------------------- the command


def _summary(result):
    line = f"{result['path']}: {result['status']}, {result['score']}/{result['total']}"
    if result["detail"]:
        line += f" ({result['detail']})"
    for exercise_id, outcome in result["exercises"].items():
        line += f"\n  {outcome:>13}  {exercise_id}"
    return line


def write_csv(results, path):
    """One row per notebook and exercise (one row with no exercise for a notebook without)."""
    fields = ["path", "status", "exercise", "result", "score", "total", "detail", "message"]
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        for r in results:
            base = {k: r[k] for k in ("path", "status", "score", "total", "detail")}
            rows = [
                {**base, "exercise": i, "result": v, "message": r["messages"].get(i, "")}
                for i, v in r["exercises"].items()
            ]
            for row in rows or [{**base, "exercise": "", "result": "", "message": ""}]:
                writer.writerow(row)


def _parser():
    parser = argparse.ArgumentParser(
        prog="python -m gradbook.grade",
        description="Run students' notebooks in fresh kernels and grade their exercises: "
        "the answers their code passed to gradbook.exercises.check are recorded and checked "
        "again outside the notebook. No sandbox: run it in a container or as a throwaway user.",
        epilog="Exit status: 0 if every exercise of every notebook passed; 1 if any failed or "
        "was not attempted, or a notebook timed out or stopped with an error; 2 on a usage error.",
    )
    parser.add_argument("notebooks", nargs="+", metavar="NOTEBOOK", help="notebooks to grade")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="notebooks at once (1)")
    parser.add_argument(
        "--timeout", type=float, default=300.0, metavar="S", help="seconds a notebook (300)"
    )
    parser.add_argument(
        "--max-output",
        type=float,
        default=10.0,
        metavar="MB",
        help="output a notebook may print before it is stopped (10)",
    )
    parser.add_argument("--json", metavar="FILE", help="write the results as JSON")
    parser.add_argument("--csv", metavar="FILE", help="write one row per notebook and exercise")
    parser.add_argument(
        "--dask", metavar="ADDRESS", help="run on an existing Dask cluster (tcp://host:8786)"
    )
    parser.add_argument("--quiet", action="store_true", help="print only the final tally")
    return parser


def main(argv=None):
    parser = _parser()
    args = parser.parse_args(argv)  # exits with 2 on a usage error
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if not args.timeout > 0:
        parser.error("--timeout must be positive")
    if not args.max_output > 0:
        parser.error("--max-output must be positive")
    missing = [p for p in args.notebooks if not Path(p).is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")
    if args.dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            parser.error("--dask needs the dask and distributed packages installed")

    printer = None if args.quiet else (lambda r: print(_summary(r), flush=True))
    results = grade(
        args.notebooks,
        jobs=args.jobs,
        timeout=args.timeout,
        max_output_mb=args.max_output,
        dask=args.dask,
        on_result=printer,
    )
    if args.json:
        Path(args.json).write_text(json.dumps({"notebooks": results}, indent=2) + "\n")
    if args.csv:
        write_csv(results, args.csv)
    passed = sum(r["score"] for r in results)
    total = sum(r["total"] for r in results)
    clean = sum(r["status"] == OK for r in results)
    print(f"{passed} of {total} exercises passed; {clean} of {len(results)} notebooks ran cleanly")
    perfect = all(r["status"] == OK and r["score"] == r["total"] for r in results)
    return 0 if perfect else 1


if __name__ == "__main__":
    # Run the module's own functions, not __main__'s copies: the jobs pickle them by name.
    from gradbook.grade import main as _main

    sys.exit(_main())
