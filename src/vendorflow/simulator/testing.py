"""Run the simulator inside a test.

    from vendorflow.simulator.testing import running_simulator

    with running_simulator(seed=7, orders=3, throttling=False) as sim:
        token = httpx.post(sim.lwa_url, data={
            "grant_type": "refresh_token", "refresh_token": sim.refresh_token,
            "client_id": sim.client_id, "client_secret": sim.client_secret,
        }).json()["access_token"]
        response = httpx.get(f"{sim.base_url}/vendor/orders/v1/purchaseOrders",
                             headers={"x-amz-access-token": token})
        assert len(sim.state.orders) == 3

`running_simulator(**options)` starts a fresh simulator on 127.0.0.1 on a free port in a background
thread and stops it on exit. Options (all keyword, all optional):

    seed            int: makes generated POs, transaction ids and rate-based faults reproducible
    orders          int or dict: POs to generate up front (an int is a count; a dict takes the
                    generate options: count, vendor_code, fcs, items, lines_per_order, created_at,
                    created_from, created_to, cases_share)
    throttling      bool (True): Amazon's bucket per operation (10/s burst 10; getTransaction 20)
    sandbox         bool (False): answer every call with the official static sandbox examples
    faults          dict: initial faults as for `Faults.configure`, e.g. {"drop": {"count": 1}}
    state_file      path: load the state from it if it exists, save it there on exit
    seed_document   dict: vendors / fcs / items / orders to load first (the seed-file format)
    client_id, client_secret, refresh_token   override the LWA credentials the simulator accepts
    shipment_processing_seconds   float (30): how long a shipment confirmation's transaction
                    stays Processing before it shows Success or Failure

The handle it yields:

    sim.base_url        "http://127.0.0.1:PORT" — the SP-API endpoint override for a channel
    sim.lwa_url         "http://127.0.0.1:PORT/auth/o2/token" — the LWA token URL override
    sim.control_url     "http://127.0.0.1:PORT/_sim" — the control API
    sim.state           the live `State` (orders, acknowledgements, shipment_confirmations,
                        shipments, shipments_of(number), transactions, tokens)
    sim.faults          the live `Faults` (configure(...), reset(), injected counts)
    sim.throttle        the live `Throttle` (configure(enabled=False), ...)
    sim.client_id, sim.client_secret, sim.refresh_token   credentials the LWA endpoint accepts
    sim.access_token()  a fresh valid access token, without an HTTP round trip
    sim.expire_tokens() expire every access token now
    sim.generate(**options) -> [PO numbers]; sim.change(number, quantities=, cancel=, ship_to=,
    at=); sim.close(number, at=) (at: an aware datetime, default now)
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from vendorflow.simulator import changes
from vendorflow.simulator.app import SimulatorApp
from vendorflow.simulator.auth import Credentials
from vendorflow.simulator.control import generate_spec
from vendorflow.simulator.faults import Faults
from vendorflow.simulator.server import SimulatorServer
from vendorflow.simulator.store import State
from vendorflow.simulator.throttle import Throttle


@dataclass
class RunningSimulator:
    server: SimulatorServer
    app: SimulatorApp

    @property
    def base_url(self) -> str:
        return self.server.base_url

    @property
    def lwa_url(self) -> str:
        return f"{self.server.base_url}/auth/o2/token"

    @property
    def control_url(self) -> str:
        return f"{self.server.base_url}/_sim"

    @property
    def state(self) -> State:
        return self.app.state

    @property
    def faults(self) -> Faults:
        return self.app.faults

    @property
    def throttle(self) -> Throttle:
        return self.app.throttle

    @property
    def client_id(self) -> str:
        return self.app.auth.credentials.client_id

    @property
    def client_secret(self) -> str:
        return self.app.auth.credentials.client_secret

    @property
    def refresh_token(self) -> str:
        return self.app.auth.credentials.refresh_token

    def access_token(self) -> str:
        return self.app.auth.issue()

    def expire_tokens(self) -> int:
        return self.app.auth.expire_all()

    def generate(self, **options) -> list[str]:
        return self.state.generate(generate_spec(options))

    def change(self, number: str, **options):
        return changes.change_order(self.state, number, **options)

    def close(self, number: str, at=None):
        return changes.close_order(self.state, number, at=at)


def build_app(
    *,
    seed: int | None = None,
    throttling: bool = True,
    sandbox: bool = False,
    faults: dict | None = None,
    state_file: str | None = None,
    seed_document: dict | None = None,
    orders: int | dict = 0,
    shipment_processing_seconds: float | None = None,
    **credentials: str,
) -> SimulatorApp:
    """A configured SimulatorApp (used by `running_simulator` and the management command)."""
    state = State.load(state_file, seed=seed) if state_file else State(seed=seed)
    if shipment_processing_seconds is not None:
        state.shipment_processing = timedelta(seconds=shipment_processing_seconds)
    if seed_document:
        state.seed_from(seed_document)
    generate = {"count": orders} if isinstance(orders, int) else dict(orders)
    if generate.get("count"):
        state.generate(generate_spec(generate))
    return SimulatorApp(
        state,
        faults=Faults(seed, **(faults or {})),
        throttle=Throttle(enabled=throttling),
        credentials=Credentials(**credentials),
        sandbox=sandbox,
    )


@contextmanager
def running_simulator(**options) -> Iterator[RunningSimulator]:
    server = SimulatorServer(build_app(**options), host="127.0.0.1", port=0).start()
    try:
        yield RunningSimulator(server, server.app)
    finally:
        server.stop()
