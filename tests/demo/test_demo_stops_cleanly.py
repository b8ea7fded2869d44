"""`make demo` and Ctrl-C: the terminal sends SIGINT to its foreground process group; the demo
stops every process it started (the simulator, the worker, the web app and its workers), exits 0,
and leaves nothing running. Its processes link to the port they serve."""

import fcntl
import os
import pty
import signal
import subprocess
import sys
import termios
import time
from pathlib import Path

import httpx
import pytest

from tests.simulator.test_management_command import free_port
from vendorflow.demo.management.commands.demo import demo_env

SRC = Path(__file__).resolve().parents[2] / "src"
STARTUP = 120  # seconds the demo may take to start on a loaded machine


def _children(pid: int) -> dict[int, int]:
    """pid → parent pid of every live process."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            found[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    return found


def _descendants(pid: int) -> set[int]:
    parents = _children(pid)
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().split("=", 1) for item in raw if b"=" in item)


def _vendorflow(env, *args) -> None:
    subprocess.run([sys.executable, "-m", "vendorflow.cli", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def _wait_until_served(url: str, demo: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        assert demo.poll() is None, demo.stdout.read()
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"the demo did not serve {url}")


def test_demo_env_links_to_the_port_served():
    assert demo_env("127.0.0.1", 8320)["SITE_URL"] == "http://127.0.0.1:8320"


MAKEFILE = """demo:
\t{python} -m vendorflow.cli demo --port {port} --simulator-port {sim_port}
"""


def _in_a_terminal(argv: list[str], env: dict, cwd: Path) -> tuple[subprocess.Popen, int]:
    """`argv` as a shell runs a foreground job: in a session whose controlling terminal is a new
    pseudo-terminal (returned: its controller's fd), SIGINT at its default."""
    controller, terminal = pty.openpty()

    def attach():
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        argv, env=env, cwd=cwd, stdin=terminal, stdout=terminal, stderr=terminal,
        start_new_session=True, preexec_fn=attach,
    )  # fmt: skip
    os.close(terminal)
    return process, controller


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the terminal's last user is gone
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode(errors="replace")


@pytest.mark.skipif(not Path("/proc").exists(), reason="needs /proc to follow the processes")
def test_ctrl_c_on_make_demo_stops_every_process_and_exits_0(tmp_path):
    port, sim_port = free_port(), free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "SITE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env |= {"PYTHONPATH": str(SRC), "VENDORFLOW_DATA_DIR": str(tmp_path)}
    _vendorflow(env, "migrate", "--noinput")
    _vendorflow(env, "seed_demo", "--simulator-url", f"http://127.0.0.1:{sim_port}")
    makefile = tmp_path / "Makefile"
    makefile.write_text(MAKEFILE.format(python=sys.executable, port=port, sim_port=sim_port))
    make, controller = _in_a_terminal(["make", "--no-print-directory", "demo"], env, tmp_path)
    try:
        _wait_until_served(f"http://127.0.0.1:{port}/healthz", make)
        started = _descendants(make.pid)
        web = [pid for pid in started if "gunicorn" in Path(f"/proc/{pid}/cmdline").read_text()]
        linked = {_environ(pid).get("SITE_URL") for pid in web}
        os.write(controller, b"\x03")  # Ctrl-C, as typed
        make.wait(timeout=STARTUP)
        output = _read_all(controller)
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
        os.close(controller)
    assert make.returncode == 0, output
    assert "Demo stopped." in output
    assert "unexpectedly" not in output and "make: ***" not in output
    assert len(web) >= 3  # the web app's master and its two workers were running
    assert linked == {f"http://127.0.0.1:{port}"}
    assert [pid for pid in started if _alive(pid)] == []
