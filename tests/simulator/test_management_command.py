import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

SRC = Path(__file__).resolve().parents[2] / "src"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen) -> httpx.Response:
    """The first answer from the starting server (a loaded machine may take a while)."""
    deadline = time.monotonic() + 90
    while True:
        try:
            return httpx.get(url)
        except httpx.TransportError:
            if process.poll() is not None:
                raise AssertionError(f"simulator exited: {process.stderr.read()}") from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_command_serves_generates_and_saves_its_state_on_exit(tmp_path):
    port, state = free_port(), tmp_path / "sim.json"
    env = {**os.environ, "PYTHONPATH": str(SRC), "VENDORFLOW_DATA_DIR": str(tmp_path)}
    command = [
        sys.executable,
        "-m",
        "vendorflow.cli",
        "simulator",
        "--port",
        str(port),
        "--seed",
        "3",
        "--generate",
        "4",
        "--state",
        str(state),
        "--no-throttling",
    ]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        summary = wait_for(f"http://127.0.0.1:{port}/_sim/", process).json()
        httpx.post(f"http://127.0.0.1:{port}/_sim/orders", json={"generate": {"count": 1}})
    finally:
        process.terminate()
        output, errors = process.communicate(timeout=20)

    assert summary["orders"] == 4
    assert summary["throttling"]["enabled"] is False
    assert f"LWA token URL override:   http://127.0.0.1:{port}/auth/o2/token" in output
    assert len(json.loads(state.read_text())["orders"]) == 5
