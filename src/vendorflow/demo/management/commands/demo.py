"""Run the whole demo: the Vendor Central simulator, the job worker and the web app."""

import os
import signal
import subprocess
import sys
import time

import httpx
from django.core.management.base import BaseCommand, CommandError

from vendorflow.demo import data
from vendorflow.demo.simulator_seed import seed_simulator

# The simulator confirms at once; the demo need not wait Amazon's 15 minutes to show it.
DEMO_ENV = {**os.environ, "AMAZON_ACK_CONFIRM_AFTER_MINUTES": "1"}


class Command(BaseCommand):
    help = "Start the simulator, the worker and the web app for the demo organization."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--simulator-port", type=int, default=8765)

    def handle(self, *args, host, port, simulator_port, **options):
        sim_url = f"http://127.0.0.1:{simulator_port}"
        processes = []
        try:
            processes.append(
                self._start(
                    "simulator",
                    "--port",
                    str(simulator_port),
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
                )
            )
            self._wait_for(sim_url + "/_sim/", "simulator")
            seed_simulator(sim_url)
            processes.append(self._start("run_huey"))
            processes.append(self._start_web(host, port))
            self._wait_for(f"http://{host}:{port}/healthz", "web app")
            self._announce(host, port, sim_url)
            self._supervise(processes)
        finally:
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()

    def _start(self, *command: str) -> subprocess.Popen:
        from django.conf import settings

        argv = [arg.format(data_dir=settings.DATA_DIR) for arg in command]
        return subprocess.Popen([sys.executable, "-m", "vendorflow.cli", *argv], env=DEMO_ENV)

    def _start_web(self, host: str, port: int) -> subprocess.Popen:
        return subprocess.Popen(
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
            ]
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
