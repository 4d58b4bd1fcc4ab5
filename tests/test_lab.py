"""`make lab`: JupyterLab from the project venv, rooted at the book, on a busy port too."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _get(url, patience=30):
    """The body at url, retried while the server is still starting (it logs first)."""
    local = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no proxy for loopback
    deadline = time.monotonic() + patience
    while True:
        try:
            with local.open(url, timeout=10) as reply:
                return reply.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.mark.slow
def test_make_lab_starts_jupyterlab_on_the_book_and_steps_over_a_busy_port(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("no make on this machine")
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    port = busy.getsockname()[1]
    env = {
        **os.environ,
        "CI": "true",  # no browser
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    lab = subprocess.Popen(
        ["make", "-s", "lab", f"LAB_ARGS=--ip=127.0.0.1 --port={port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, so that it is stopped whole
    )
    log = []
    try:
        deadline = time.monotonic() + 120
        url = None
        while url is None and time.monotonic() < deadline and lab.poll() is None:
            line = lab.stdout.readline()
            log.append(line)
            match = re.search(r"(http://127\.0\.0\.1:(\d+)/lab)", line)
            if match:
                url, chosen = match.group(1), int(match.group(2))
        assert url, "JupyterLab did not start:\n" + "".join(log[-30:])
        assert chosen != port, "JupyterLab took the busy port"
        assert any("is already in use" in line for line in log), "".join(log[-30:])
        assert any(f"Serving notebooks from local directory: {ROOT}" in line for line in log)
        assert _get(f"http://127.0.0.1:{chosen}/api").startswith(b'{"version"')
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        try:
            lab.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(lab.pid, signal.SIGKILL)
            lab.wait(timeout=30)
        lab.stdout.close()
        busy.close()
