"""Scan throughput: 20 concurrent scanners POSTing barcodes to the scan API of a real server.

The benchmark builds a fresh database (SQLite in a temporary data directory, or a dedicated
PostgreSQL database that it drops afterwards), seeds one organization with 20 operators holding
API tokens, products with EAN-13 barcodes and open orders with large lines, and starts the web
app the way production runs it: gunicorn `vendorflow.wsgi:application` with threaded workers.
Twenty scanner threads (one keep-alive httpx client each) then send `POST
/api/v1/orders/{id}/scans`; scanners pair up on four orders so the order row lock is contended.

Two phases, latency measured per request at the client:
- paced: each scanner reads a barcode every BENCH_SCAN_INTERVAL_MS (500: a fast operator), so
  20 scanners offer 40 scans/s. A late answer counts from when the read was due. The reported
  scan_p50_ms / scan_p99_ms come from this phase (the target is p99 < 50 ms).
- saturation: each scanner sends its next scan as soon as the previous one is answered; the
  reported scan_requests_per_s is this phase's throughput (the server's capacity).
At the end the database must agree with the clients: the counted eaches equal the successful
scans and no line is over-scanned.

Environment: BENCH_DATABASE=sqlite|postgresql, BENCH_POSTGRES_URL (PostgreSQL server),
BENCH_SCAN_INTERVAL_MS (500), BENCH_SCANS_PER_SCANNER (paced, 60),
BENCH_SATURATION_SCANS_PER_SCANNER (100), BENCH_GUNICORN_WORKERS (2), BENCH_GUNICORN_THREADS (8).
The last stdout line is one JSON object (benchmarks/run.py reads it).
"""

import gc
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))

DATABASE = os.environ.get("BENCH_DATABASE", "sqlite")
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
BENCH_DB_NAME = "vendorflow_bench_scan"
SCANNERS = 20
ORDERS = 24  # open orders in the database
SHARED_ORDERS = 4  # orders 0..3 are each scanned by two scanners at once
LINES_PER_ORDER = 20
EACHES_PER_LINE = 100_000  # room enough that no scan runs out
# The working load: each scanner reads a barcode every SCAN_INTERVAL_MS (a fast handheld
# operator); p50/p99 are measured here. Then the saturation run: back to back, for capacity.
SCAN_INTERVAL_MS = int(os.environ.get("BENCH_SCAN_INTERVAL_MS", "500"))
SCANS_PER_SCANNER_PACED = int(os.environ.get("BENCH_SCANS_PER_SCANNER", "60"))
SCANS_PER_SCANNER_SATURATION = int(os.environ.get("BENCH_SATURATION_SCANS_PER_SCANNER", "100"))
WARMUP_PER_SCANNER = 5
TIME_LIMIT_S = 120  # per phase and scanner
WORKERS = int(os.environ.get("BENCH_GUNICORN_WORKERS", "2"))
THREADS = int(os.environ.get("BENCH_GUNICORN_THREADS", "8"))
TARGET_P99_MS = 50


# -- the database ---------------------------------------------------------------------------------


def _pg_url(url: str, dbname: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{dbname}"))


def _pg_admin(sql: str) -> None:
    import psycopg

    url = POSTGRES_URL.replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


@contextmanager
def bench_database():
    """Environment for a fresh, empty database; removed again on the way out."""
    data_dir = tempfile.mkdtemp(prefix="vf-bench-scan-")
    Path(data_dir, "staticfiles").mkdir()
    env = {"VENDORFLOW_DATA_DIR": data_dir, "DEBUG": "0", "LOG_LEVEL": "WARNING"}
    if DATABASE == "postgresql":
        _pg_admin(f"DROP DATABASE IF EXISTS {BENCH_DB_NAME} WITH (FORCE)")
        _pg_admin(f"CREATE DATABASE {BENCH_DB_NAME}")
        env["DATABASE_URL"] = _pg_url(POSTGRES_URL, BENCH_DB_NAME)
    try:
        yield env
    finally:
        if DATABASE == "postgresql":
            _pg_admin(f"DROP DATABASE IF EXISTS {BENCH_DB_NAME} WITH (FORCE)")
        shutil.rmtree(data_dir, ignore_errors=True)


def setup_django(env: dict) -> None:
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vendorflow.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


# -- seeding --------------------------------------------------------------------------------------


def seed() -> dict:
    """One organization, 20 operators with tokens, products with barcodes, open orders."""
    from vendorflow.accounts.models import Organization

    org = Organization.objects.create(name="Bench Brands", slug="bench-brands")
    tokens = [_operator_token(org, n) for n in range(SCANNERS)]
    barcodes = _products(org)
    orders = _orders(org, barcodes)
    return {"org": org, "tokens": tokens, "orders": orders, "barcodes": barcodes}


def _operator_token(org, n: int) -> str:
    from django.contrib.auth import get_user_model

    from vendorflow.accounts import services
    from vendorflow.accounts.models import Membership

    user = get_user_model()(username=f"scanner{n:02d}")
    user.set_unusable_password()
    user.save()
    member = Membership.objects.create(user=user, organization=org, role="operator")
    return services.create_token(member=member, name="handheld").key


def _products(org) -> list[tuple[int, str]]:
    """(product id, EAN-13) for each line position."""
    from vendorflow.catalog.barcodes import gtin14
    from vendorflow.catalog.models import Barcode, Product

    products = Product.objects.bulk_create(
        Product(organization=org, sku=f"SKU-{n:03d}", name=f"Product {n}")
        for n in range(LINES_PER_ORDER)
    )
    codes = [_ean13(f"890100{n:06d}") for n in range(LINES_PER_ORDER)]
    Barcode.objects.bulk_create(
        Barcode(organization=org, product=p, code=code, gtin=gtin14(code))
        for p, code in zip(products, codes, strict=True)
    )
    return [(p.pk, code) for p, code in zip(products, codes, strict=True)]


def _ean13(first12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


def _orders(org, barcodes) -> list[int]:
    from django.utils import timezone

    from vendorflow.orders.models import Order, OrderLine

    channel, customer, location = _channel_customer_location(org)
    now = timezone.now()
    orders = Order.objects.bulk_create(
        Order(
            organization=org,
            channel=channel,
            sales_channel=channel.sales_channel,
            customer=customer,
            location=location,
            po_number=f"BENCH{n:04d}",
            ship_to_code="BLR7",
            po_date=now,
            ack_due_at=now + timezone.timedelta(days=1),
        )
        for n in range(ORDERS)
    )
    OrderLine.objects.bulk_create(
        _line(order, seq, product_id)
        for order in orders
        for seq, (product_id, _) in enumerate(barcodes, 1)
    )
    return [order.pk for order in orders]


def _line(order, seq: int, product_id: int):
    from vendorflow.orders.models import OrderLine

    return OrderLine(
        order=order,
        item_sequence_number=str(seq),
        product_id=product_id,
        ordered_quantity=EACHES_PER_LINE,
        unit_of_measure="Eaches",
        ordered_eaches=EACHES_PER_LINE,
        currency="INR",
    )


def _channel_customer_location(org):
    from vendorflow.catalog.models import Location
    from vendorflow.channels.models import AmazonChannel, SalesChannel
    from vendorflow.customers.models import Customer

    sales_channel = SalesChannel.objects.create(organization=org, name="Amazon B2B India")
    channel = AmazonChannel(
        organization=org, vendor_code="BENCH", sales_channel=sales_channel, warehouse_codes=["WH1"]
    )
    channel.save()
    customer = Customer.objects.create(organization=org, code="AMZ-BLR7", name="Amazon BLR7")
    location = Location.objects.create(organization=org, code="WH1", name="Warehouse 1")
    return channel, customer, location


# -- queries per scan (in-process, before the server starts) --------------------------------------


def queries_per_scan(token: str, order_id: int, barcode: str) -> dict:
    """SQL statements one scan request runs, through the whole Django stack."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    url = f"/api/v1/orders/{order_id}/scans"
    client.post(url, {"barcode": barcode}, content_type="application/json")  # warm
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(url, {"barcode": barcode}, content_type="application/json")
    assert response.status_code == 201, response.content
    verbs = [q["sql"].lstrip().split(None, 1)[0].upper() for q in ctx.captured_queries]
    writes = [verb for verb in verbs if verb in {"INSERT", "UPDATE", "DELETE"}]
    return {"statements": len(verbs), "writes": len(writes)}


# -- the server -----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn_command(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "vendorflow.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={WORKERS}",
        "--worker-class=gthread",
        f"--threads={THREADS}",
        "--keep-alive=30",
        "--log-level=warning",
    ]


@contextmanager
def server(env: dict):
    port = _free_port()
    server_env = dict(os.environ, **env, PYTHONPATH=str(SRC))
    proc = subprocess.Popen(gunicorn_command(port), env=server_env, cwd=ROOT)
    try:
        yield f"http://127.0.0.1:{port}", proc.pid
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def wait_until_up(base_url: str, token: str) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            headers = {"Authorization": f"Bearer {token}"}
            if httpx.get(f"{base_url}/api/v1/orders/?limit=1", headers=headers).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within 60 s")


def server_cpu_seconds(master_pid: int) -> float:
    """CPU time (user + system) used so far by the gunicorn master and its workers."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _proc_stat(entry)
            if fields and (int(entry.name) == master_pid or int(fields[1]) == master_pid):
                total += int(fields[11]) + int(fields[12])
    return total / ticks


def _proc_stat(entry: Path) -> list[str] | None:
    try:
        return (entry / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


# -- the scanners ---------------------------------------------------------------------------------


def order_of_scanner(n: int, orders: list[int]) -> int:
    """Scanners n and n+16 share orders 0..3; the others have an order each."""
    return orders[n % (SCANNERS - SHARED_ORDERS)]


@dataclass
class Phase:
    name: str
    scans_per_scanner: int
    interval_s: float | None  # None: back to back, as fast as the server answers


class Scanner(threading.Thread):
    """One handheld: its own token, its own keep-alive connection, one order."""

    def __init__(self, n: int, base_url: str, world: dict, phase: Phase, gate):
        super().__init__(name=f"scanner{n:02d}")
        self.n, self.phase, self.gate = n, phase, gate
        self.url = f"{base_url}/api/v1/orders/{order_of_scanner(n, world['orders'])}/scans"
        self.token = world["tokens"][n]
        self.barcodes = [code for _, code in world["barcodes"]]
        self.latencies: list[float] = []
        self.ok = 0
        self.errors: dict[str, int] = {}

    def run(self) -> None:
        import httpx

        headers = {"Authorization": f"Bearer {self.token}"}
        with httpx.Client(headers=headers, timeout=30) as client:
            for i in range(WARMUP_PER_SCANNER):
                self._scan(client, i, None, record=False)
            self.gate.wait()
            self._scan_phase(client)

    def _scan_phase(self, client) -> None:
        interval = self.phase.interval_s
        # Paced scanners start spread over one interval, as people do; each read is due at a
        # fixed time, and a late answer counts from when the read was due (no coordinated
        # omission: a slow server cannot hide its queue by slowing the scanners down).
        due = time.perf_counter() + (interval * self.n / SCANNERS if interval else 0)
        deadline = time.monotonic() + TIME_LIMIT_S
        for i in range(self.phase.scans_per_scanner):
            if time.monotonic() > deadline:
                break
            if interval:
                time.sleep(max(0.0, due - time.perf_counter()))
            self._scan(client, i + self.n, due if interval else None)
            due += interval or 0

    def _scan(self, client, i: int, due: float | None, *, record: bool = True) -> None:
        barcode = self.barcodes[i % len(self.barcodes)]
        started = time.perf_counter()
        try:
            response = client.post(self.url, json={"barcode": barcode})
            outcome = "ok" if response.status_code == 201 else f"http_{response.status_code}"
        except Exception as exc:  # a transport error is a failed scan, not a crash
            outcome = type(exc).__name__
        finished = time.perf_counter()
        self.ok += outcome == "ok"
        if record:
            self.latencies.append(finished - min(started, due or started))
            if outcome != "ok":
                self.errors[outcome] = self.errors.get(outcome, 0) + 1


def run_phase(base_url: str, server_pid: int, world: dict, phase: Phase) -> tuple[dict, int]:
    gate = threading.Barrier(SCANNERS + 1, timeout=120)
    scanners = [Scanner(n, base_url, world, phase, gate) for n in range(SCANNERS)]
    for scanner in scanners:
        scanner.start()
    # The twenty scanners share this one process. A full collection here walks all of Django and
    # the seeded objects and stalls every scanner at once for up to 100 ms, which would be timed
    # as the server's latency; real handhelds do not share a heap.
    gc.collect()
    gc.freeze()
    gc.disable()
    gate.wait()
    started, cpu_server, cpu_client = (
        time.perf_counter(),
        server_cpu_seconds(server_pid),
        _own_cpu(),
    )
    for scanner in scanners:
        scanner.join()
    gc.enable()
    summary = _summary(scanners, time.perf_counter() - started)
    summary["server_cpu_ms_per_scan"] = _ms(
        (server_cpu_seconds(server_pid) - cpu_server) / summary["requests"]
    )
    summary["client_cpu_ms_per_scan"] = _ms((_own_cpu() - cpu_client) / summary["requests"])
    return summary, sum(s.ok for s in scanners)


def _own_cpu() -> float:
    times = os.times()
    return times.user + times.system


def _summary(scanners: list[Scanner], wall_s: float) -> dict:
    latencies = sorted(t for s in scanners for t in s.latencies)
    errors: dict[str, int] = {}
    for scanner in scanners:
        for kind, count in scanner.errors.items():
            errors[kind] = errors.get(kind, 0) + count
    return {
        "requests": len(latencies),
        "seconds": round(wall_s, 2),
        "requests_per_s": round(len(latencies) / wall_s, 1),
        "p50_ms": _ms(statistics.median(latencies)),
        "p90_ms": _ms(_percentile(latencies, 0.90)),
        "p99_ms": _ms(_percentile(latencies, 0.99)),
        "max_ms": _ms(latencies[-1]),
        "errors": sum(errors.values()),
        "error_kinds": errors,
    }


def _percentile(sorted_values: list[float], q: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(q * len(sorted_values)) - 1))
    return sorted_values[index]


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


# -- verification ---------------------------------------------------------------------------------


def verify(world: dict, successful_scans: int) -> dict:
    """The database agrees with the clients: every 201 counted once, nothing over-scanned."""
    from django.db.models import F, Sum

    from vendorflow.orders.models import OrderLine, Scan

    lines = OrderLine.objects.filter(order__organization=world["org"])
    counted = lines.aggregate(total=Sum("scanned_eaches"))["total"] or 0
    scans = Scan.objects.filter(organization=world["org"])
    scan_eaches = scans.aggregate(total=Sum("quantity_eaches"))["total"] or 0
    over = lines.filter(scanned_eaches__gt=F("ordered_eaches")).count()
    return {
        "scanned_eaches": counted,
        "scan_rows": scans.count(),
        "consistent": counted == scan_eaches == successful_scans and over == 0,
        "over_scanned_lines": over,
    }


# -- main -----------------------------------------------------------------------------------------

PHASES = [
    Phase("paced", SCANS_PER_SCANNER_PACED, SCAN_INTERVAL_MS / 1000),
    Phase("saturation", SCANS_PER_SCANNER_SATURATION, None),
]


def run(database: str = DATABASE) -> dict:
    from django.db import connections

    with bench_database() as env:
        setup_django(env)
        world = seed()
        probe_order = world["orders"][-1]  # an order no scanner uses
        queries = queries_per_scan(world["tokens"][0], probe_order, world["barcodes"][0][1])
        connections.close_all()
        load_before = os.getloadavg()[0]
        phases, successful = {}, 2  # the queries_per_scan probe scanned twice
        with server(env) as (base_url, server_pid):
            wait_until_up(base_url, world["tokens"][0])
            for phase in PHASES:
                phases[phase.name], ok = run_phase(base_url, server_pid, world, phase)
                successful += ok
        check = verify(world, successful)
        connections.close_all()
    machine = {"cpus": os.cpu_count(), "load_1min_before": round(load_before, 2)}
    return _result(database, phases, queries, check, machine)


def _result(database: str, phases: dict, queries: dict, check: dict, machine: dict) -> dict:
    paced, saturation = phases["paced"], phases["saturation"]
    errors = paced["errors"] + saturation["errors"]
    return {
        "benchmark": "bench_scan",
        "database": database,
        "scanners": SCANNERS,
        "scan_interval_ms": SCAN_INTERVAL_MS,
        "scan_requests_per_s": saturation["requests_per_s"],
        "scan_p50_ms": paced["p50_ms"],
        "scan_p99_ms": paced["p99_ms"],
        "errors": errors,
        "paced": paced,
        "saturation": saturation,
        "server": f"gunicorn vendorflow.wsgi:application --workers={WORKERS} "
        f"--worker-class=gthread --threads={THREADS} --keep-alive=30",
        "orders_scanned": SCANNERS - SHARED_ORDERS,
        "orders_shared_by_two_scanners": SHARED_ORDERS,
        "statements_per_scan": queries["statements"],
        "writes_per_scan": queries["writes"],
        "verification": check,
        "machine": machine,
        "target_p99_ms": TARGET_P99_MS,
        "meets_target": paced["p99_ms"] < TARGET_P99_MS and errors == 0 and check["consistent"],
    }


if __name__ == "__main__":
    result = run()
    print(json.dumps(result))
    sys.exit(0 if result["verification"]["consistent"] else 1)
