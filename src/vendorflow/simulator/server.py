"""Serve the simulator: a threading wsgiref server on loopback, plus its background chores.

server = SimulatorServer(SimulatorApp(), port=0).start()   # background thread
...
server.stop()
"""

import logging
import random
import socketserver
import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

from vendorflow.simulator import changes
from vendorflow.simulator.app import SimulatorApp
from vendorflow.simulator.generator import GenerateSpec

log = logging.getLogger("vendorflow.simulator")


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the signature of BaseHTTPRequestHandler
        log.debug("%s " + format, self.address_string(), *args)


class _ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256


class SimulatorServer:
    """The app on host:port (port 0 = any free port), with optional autosave and PO generation."""

    def __init__(self, app: SimulatorApp, host: str = "127.0.0.1", port: int = 0):
        self.app = app
        self.httpd = _ThreadingServer((host, port), _QuietHandler)
        self.httpd.set_app(app)
        self.host: str = str(self.httpd.server_address[0])
        self.port: int = int(self.httpd.server_address[1])
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> "SimulatorServer":
        self._spawn(self.httpd.serve_forever, "simulator-http")
        return self

    def serve_forever(self) -> None:
        try:
            self.httpd.serve_forever()
        finally:
            self.stop()

    def _spawn(self, target, name: str) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def autosave(self, every: float = 2.0) -> "SimulatorServer":
        """Write the state file whenever something changed, at most every `every` seconds."""

        def loop():
            while not self._stop.wait(every):
                if self.app.state.dirty:
                    self.app.state.save()

        self._spawn(loop, "simulator-autosave")
        return self

    def generate_every(
        self, seconds: float, spec: GenerateSpec, churn: float = 0.0
    ) -> "SimulatorServer":
        """New POs every `seconds`; with `churn` > 0 also change or close a PO at that rate."""
        rng = random.Random(self.app.state.seed)

        def loop():
            while not self._stop.wait(seconds):
                numbers = self.app.state.generate(spec)
                log.info("generated %s", ", ".join(numbers))
                if churn and rng.random() < churn:
                    churn_one(self.app.state, rng)

        self._spawn(loop, "simulator-generator")
        return self

    def stop(self) -> None:
        if self._stop.is_set():
            return
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        if self.app.state.path and self.app.state.dirty:
            self.app.state.save()


def churn_one(state, rng: random.Random) -> None:
    """Change an open PO as Amazon does (reduce, cancel a line, move) or close an acked one."""
    records = [r for r in state.all_orders() if r.state != "Closed"]
    if not records:
        return
    record = rng.choice(records)
    if record.state == "Acknowledged":
        changes.close_order(state, record.number)
        return
    line = rng.choice(record.details["items"])
    sequence, amount = line["itemSequenceNumber"], line["orderedQuantity"]["amount"]
    choice = rng.choice(("reduce", "cancel", "move"))
    if choice == "reduce" and amount > 1:
        changes.change_order(state, record.number, quantities={sequence: amount // 2})
    elif choice == "move":
        changes.change_order(state, record.number, ship_to=rng.choice(list(state.fcs)))
    else:
        changes.change_order(state, record.number, cancel=[sequence])
