"""Run the whole demo: the Vendor Central simulator, the job worker and the web app.

Ctrl-C in a terminal sends SIGINT to the terminal's foreground process group. This command
makes its own process group the foreground one while it runs (and gives the terminal back after),
so the Ctrl-C reaches neither `make` (which would report "Interrupt" and fail) nor the demo's
processes, each started in a session of its own: the command stops every process group it started
(the web app's workers with their master) and exits 0. A process that stops by itself is an error.
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import httpx
from django.core.management.base import BaseCommand, CommandError

from vendorflow.demo import data
from vendorflow.demo.simulator_seed import seed_simulator

STOP_TIMEOUT = 10  # seconds a process group gets to exit after SIGTERM, before SIGKILL


def demo_env(host: str, port: int) -> dict[str, str]:
    """The demo's processes' environment: links in emails point at the port served, and the
    simulator confirms at once, so the demo need not wait Amazon's 15 minutes to show it."""
    return {
        **os.environ,
        "AMAZON_ACK_CONFIRM_AFTER_MINUTES": "1",
        "SITE_URL": f"http://{host}:{port}",
    }


def _interrupt(signum, frame):
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = "Start the simulator, the worker and the web app for the demo organization."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--simulator-port", type=int, default=8765)

    def handle(self, *args, **options):
        with terminal_foreground():
            self._run(**options)

    def _run(self, *, host, port, simulator_port, **options):
        sim_url = f"http://127.0.0.1:{simulator_port}"
        self.env = demo_env(host, port)
        for signum in (signal.SIGINT, signal.SIGTERM):  # even where a shell ignored SIGINT
            signal.signal(signum, _interrupt)
        processes: list[subprocess.Popen] = []
        try:
            processes.append(self._start(*_simulator_args(simulator_port)))
            self._wait_for(sim_url + "/_sim/", "simulator")
            seed_simulator(sim_url)
            processes.append(self._start("run_huey"))
            processes.append(self._start_web(host, port))
            self._wait_for(f"http://{host}:{port}/healthz", "web app")
            self._announce(host, port, sim_url)
            self._supervise(processes)
        except KeyboardInterrupt:
            self.stdout.write("\nStopping the demo…")
        finally:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C waits for the stop
            stop_all(processes)
        self.stdout.write("Demo stopped.")

    def _start(self, *command: str) -> subprocess.Popen:
        from django.conf import settings

        argv = [arg.format(data_dir=settings.DATA_DIR) for arg in command]
        return _spawn([sys.executable, "-m", "vendorflow.cli", *argv], self.env)

    def _start_web(self, host: str, port: int) -> subprocess.Popen:
        return _spawn(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "vendorflow.wsgi:application",
                "--bind",
                f"{host}:{port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--access-logfile",
                "-",
                "--log-level",
                "warning",
            ],
            self.env,
        )

    def _wait_for(self, url: str, what: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise CommandError(f"The {what} did not start within {timeout:.0f} s ({url}).")

    def _announce(self, host: str, port: int, sim_url: str) -> None:
        users = "\n".join(f"      {name:<9} ({role})" for name, role in data.USERS)
        self.stdout.write(
            self.style.SUCCESS(
                f"\n  vendorflow demo is running at http://{host}:{port}/\n"
                f"  Log in with one of these users, password '{data.PASSWORD}':\n{users}\n"
                f"  Vendor Central simulator: {sim_url} (new POs arrive every minute)\n"
                f"  Press Ctrl-C to stop.\n"
            )
        )

    def _supervise(self, processes: list[subprocess.Popen]) -> None:
        while all(process.poll() is None for process in processes):
            time.sleep(1)
        raise CommandError("A demo process stopped unexpectedly; see its output above.")


def _simulator_args(port: int) -> list[str]:
    return [
        "simulator",
        "--port",
        str(port),
        "--state",
        "{data_dir}/simulator.json",
        "--vendor-code",
        data.VENDOR_CODE,
        "--generate-every",
        "60",
        "--churn",
        "0.2",
        "--lines",
        "2",
        "5",
        "--client-id",
        data.SIM_CLIENT_ID,
        "--client-secret",
        data.SIM_CLIENT_SECRET,
        "--refresh-token",
        data.SIM_REFRESH_TOKEN,
    ]


def _spawn(argv: list[str], env: dict[str, str]) -> subprocess.Popen:
    """A process leading a process group of its own (out of reach of the terminal's Ctrl-C)."""
    return subprocess.Popen(argv, env=env, start_new_session=True)


def stop_all(processes: list[subprocess.Popen]) -> None:
    """SIGTERM to each process's group, then SIGKILL to any group still there after a while."""
    for process in processes:
        _signal_group(process, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT
    for process in processes:
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for process in processes:  # a web worker its master left behind
        _signal_group(process, signal.SIGKILL)


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    with suppress(ProcessLookupError):  # the whole group is gone
        os.killpg(process.pid, signum)


@contextmanager
def terminal_foreground() -> Iterator[None]:
    """While inside: this process leads its own process group, the terminal's foreground one
    (when it runs in the foreground of a terminal at all)."""
    try:
        terminal = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        yield  # no controlling terminal
        return
    previous = os.getpgrp()
    ttou = signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # a background group may not set it
    try:
        if os.tcgetpgrp(terminal) != previous or os.getsid(0) == os.getpid():
            yield  # started in the background, or leading a session (cannot move groups)
            return
        os.setpgid(0, 0)
        os.tcsetpgrp(terminal, os.getpgrp())
        try:
            yield
        finally:
            os.tcsetpgrp(terminal, previous)
    finally:
        signal.signal(signal.SIGTTOU, ttou)
        os.close(terminal)
