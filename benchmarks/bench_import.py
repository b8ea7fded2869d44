"""Import benchmark: N purchase orders of 20 lines, served by the simulator, synced end to end.

    python benchmarks/bench_import.py                      # 1,000 and 5,000 POs (BENCH_DATABASE)
    python benchmarks/bench_import.py --size 5000 --profile /tmp/import.prof

The simulator runs in its own process (`vendorflow simulator --no-throttling --generate N
--lines 20 20`), so the importer's process does only the importer's work: HTTP, parsing, mapping
and writing. Each size runs in a fresh process on a fresh database (SQLite in a temporary data
directory with the app's own PRAGMAs, or a dedicated PostgreSQL database that is dropped after),
so its peak RSS is its own. Only the sync is timed: `run_channel_sync(kind="created")` with the
real client (rate limiter disabled, as the simulator's throttling is off).

Every run prints one JSON line; the last line is the summary `benchmarks/run.py` reads.
"""

import argparse
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
SIZES = (1000, 5000)
LINES_PER_PO = 20
SIMULATOR_SEED = 7
VENDOR_CODE = "ACMEB"
TARGET_POS_PER_S = 1000


# ---------------------------------------------------------------------------------------------
# The parent: one child process per size, then the summary line


def run_sizes(database: str, sizes: tuple[int, ...]) -> dict:
    runs = [_run_child(database, size) for size in sizes]
    failed = [run for run in runs if "error" in run]
    summary = {"benchmark": "bench_import", "database": database, "runs": runs}
    if failed:
        return summary | {"error": "; ".join(run["error"] for run in failed)}
    largest = max(runs, key=lambda run: run["pos"])
    keys = ("import_pos_per_s", "import_lines_per_s", "peak_rss_mb", "api_calls", "seconds")
    return (
        summary
        | {key: largest[key] for key in keys}
        | {
            "pos": largest["pos"],
            "peak_rss_mb_by_size": {str(run["pos"]): run["peak_rss_mb"] for run in runs},
            # The target is set for SQLite, the default database; PostgreSQL is measured beside it.
            "target_pos_per_s": TARGET_POS_PER_S if database == "sqlite" else None,
            "meets_target": (
                largest["import_pos_per_s"] >= TARGET_POS_PER_S if database == "sqlite" else None
            ),
        }
    )


def _run_child(database: str, size: int) -> dict:
    command = [sys.executable, __file__, "--size", str(size), "--database", database]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    sys.stderr.write(completed.stderr[-4000:] if completed.returncode else "")
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        return {"pos": size, "error": (completed.stderr.strip() or "no output")[-2000:]}
    print(lines[-1], flush=True)
    return json.loads(lines[-1])


# ---------------------------------------------------------------------------------------------
# The child: one size on a fresh database


def run_size(database: str, size: int, profile: str | None) -> dict:
    data_dir = tempfile.mkdtemp(prefix="vf-bench-")
    _configure(data_dir)
    try:
        with _database(database), _simulator(size, data_dir) as sim_url:
            import django

            django.setup()
            return _measure(database, size, sim_url, profile)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def _configure(data_dir: str) -> None:
    sys.path.insert(0, str(SRC))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="vendorflow.settings",
        VENDORFLOW_DATA_DIR=data_dir,
        AMAZON_RATE_LIMIT_BACKEND="disabled",
        LOG_LEVEL="WARNING",
    )
    for name in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(name, None)


@contextmanager
def _database(database: str, keep: bool = False):
    """SQLite needs nothing (a fresh data dir); PostgreSQL gets a database of its own, dropped
    after unless `keep`."""
    if database == "sqlite":
        yield
        return
    import psycopg

    server = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
    server = server.replace("postgres://", "postgresql://", 1)
    name = f"vendorflow_bench_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = server.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield
    finally:
        from django.db import connections

        connections.close_all()
        if keep:
            sys.stderr.write(f"kept DATABASE_URL={os.environ['DATABASE_URL']}\n")
        else:
            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def _simulator(size: int, data_dir: str):
    """`vendorflow simulator` in its own process with `size` generated POs (none for 0); yields
    its URL."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PYTHONPATH"] = str(SRC)
    command = [
        sys.executable, "-m", "vendorflow.cli", "simulator", "--port", str(port),
        "--no-throttling", "--seed", str(SIMULATOR_SEED),
        "--lines", str(LINES_PER_PO), str(LINES_PER_PO), "--vendor-code", VENDOR_CODE,
    ]  # fmt: skip
    command += ["--generate", str(size)] if size else []
    process = subprocess.Popen(command, env=env, cwd=data_dir, stdout=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_until_serving(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_serving(
    url: str, process: subprocess.Popen, path: str = "/_sim/", name: str = "the simulator"
) -> None:
    """Until `url + path` answers 200 (120 s at most); fails at once if the process ends."""
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with status {process.returncode}")
        try:
            if httpx.get(f"{url}{path}", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{name} did not start within 120 s")


def _measure(database: str, size: int, sim_url: str, profile: str | None) -> dict:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    channel = _setup_channel(sim_url)
    serve_seconds = _warm_simulator(channel)
    rss_before = _peak_rss_mb()
    load = os.getloadavg()[0]
    cpu_started, children_started = time.process_time(), _children_cpu()
    client, run, seconds = _timed_sync(channel, profile)
    cpu = time.process_time() - cpu_started
    reader_cpu = _children_cpu() - children_started
    figures = _figures(database, size, client, run, seconds, rss_before, serve_seconds)
    return figures | {
        "cpu_seconds": round(cpu, 3),
        "import_pos_per_cpu_s": round(size / cpu, 1),
        "reader_cpu_seconds": round(reader_cpu, 3),
        "load_average_1m": round(load, 2),
        "cpu_pressure_avg10": _cpu_pressure(),
    }


def _children_cpu() -> float:
    """CPU time of the importer's ended child processes (the page reader, once it has stopped)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cpu_pressure() -> float | None:
    """Linux PSI: the share of the last 10 s in which some task waited for a CPU (other load)."""
    try:
        first = Path("/proc/pressure/cpu").read_text().splitlines()[0]
    except (OSError, IndexError):
        return None
    return float(dict(part.split("=") for part in first.split()[1:])["avg10"])


def _setup_channel(sim_url: str, unmapped_fcs=(), unmapped_items=()):
    """An organisation whose customers, locations and product mappings match the simulator's
    (but for the FC codes and item ASINs given, left for the import to hold or flag)."""
    from decimal import Decimal

    from vendorflow.accounts.models import Organization
    from vendorflow.catalog.models import Location, Product, ProductMapping
    from vendorflow.channels.models import AmazonChannel, SalesChannel
    from vendorflow.customers.models import Customer, WarehouseCodeMapping
    from vendorflow.simulator.store import State

    catalog = State(seed=SIMULATOR_SEED)
    org = Organization.objects.create(name="Bench Org", slug="bench-org")
    location = Location.objects.create(organization=org, code="WH1", name="Main warehouse")
    for code in catalog.fcs:
        if code in unmapped_fcs:
            continue
        customer = Customer.objects.create(
            organization=org, code=f"AMZ-{code}", name=catalog.fcs[code]["name"]
        )
        WarehouseCodeMapping.objects.create(
            organization=org, code=code, customer=customer, location=location
        )
    channel = AmazonChannel(
        organization=org,
        vendor_code=VENDOR_CODE,
        sales_channel=SalesChannel.objects.create(organization=org, name="Amazon B2B India"),
        warehouse_codes=["WH1"],
        lwa_client_id="amzn1.application-oa2-client.simulator",
        endpoint_override=sim_url,
        lwa_endpoint_override=f"{sim_url}/auth/o2/token",
    )
    channel.client_secret = "simulator-client-secret"
    channel.refresh_token = "Atzr|simulator-refresh-token"
    channel.save()
    for n, item in enumerate(catalog.items, start=1):
        if item["asin"] in unmapped_items:
            continue
        product = Product.objects.create(
            organization=org, sku=f"SKU-{n:04d}", name=f"Item {n}", mrp=Decimal("199.00")
        )
        ProductMapping.objects.create(
            organization=org,
            channel=channel,
            product=product,
            asin=item["asin"],
            vendor_product_id=item["vendorProductIdentifier"],
        )
    return channel


def _warm_simulator(channel) -> float:
    """Page through every PO once without importing, so the simulator has serialised them all
    (it does that in the background after generating); returns how long the serving alone took."""
    import httpx

    from vendorflow.integrations.amazon.client import Credentials

    credentials = Credentials.for_channel(channel)
    token = httpx.post(
        credentials.token_url,
        data={
            "grant_type": "refresh_token",
            "refresh_token": credentials.refresh_token,
            "client_id": credentials.client_id,
            "client_secret": credentials.client_secret,
        },
    ).json()["access_token"]
    started = time.perf_counter()
    with httpx.Client(base_url=credentials.base_url, timeout=60) as http:
        params: dict = {"limit": "100", "includeDetails": "true"}
        while True:
            response = http.get(
                "/vendor/orders/v1/purchaseOrders",
                params=params,
                headers={"x-amz-access-token": token},
            )
            response.raise_for_status()
            next_token = response.json()["payload"].get("pagination", {}).get("nextToken")
            if not next_token:
                return time.perf_counter() - started
            params = {"nextToken": next_token}


def _timed_sync(channel, profile: str | None):
    from vendorflow.channels import sync
    from vendorflow.integrations.amazon import jobs

    sources: list = []

    def source_factory(ch):
        sources.append(jobs.amazon_source(ch))
        return sources[-1]

    profiler = _profiler(profile)
    started = time.perf_counter()
    run = jobs.run_channel_sync(channel.pk, sync.SyncKind.CREATED, source_factory=source_factory)
    seconds = time.perf_counter() - started
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(profile)
    return sources[0].client, run, seconds


def _profiler(path: str | None):
    if not path:
        return None
    import cProfile

    profiler = cProfile.Profile()
    profiler.enable()
    return profiler


def _figures(database, size, client, run, seconds, rss_before, serve_seconds) -> dict:
    from django.db import connection

    from vendorflow.orders.models import Order, OrderLine

    orders, lines = Order.objects.count(), OrderLine.objects.count()
    if run.status != "succeeded" or orders != size or lines != size * LINES_PER_PO:
        raise RuntimeError(
            f"sync {run.status} ({run.error}): {orders} orders, {lines} lines for {size} POs"
        )
    return {
        "benchmark": "bench_import",
        "database": database,
        "database_vendor": f"{connection.vendor} {_server_version(connection)}",
        "pos": size,
        "lines": lines,
        "seconds": round(seconds, 3),
        "import_pos_per_s": round(size / seconds, 1),
        "import_lines_per_s": round(lines / seconds, 1),
        "peak_rss_mb": _peak_rss_mb(),
        "rss_before_sync_mb": rss_before,
        "api_calls": sum(client.calls.values()),
        "api_calls_by_operation": dict(client.calls),
        "simulator_serving_seconds": round(serve_seconds, 3),
        "simulator": "separate process (vendorflow simulator --no-throttling)",
    }


def _server_version(connection) -> str:
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version
    return ".".join(str(connection.pg_version // 10000**i % 10000) for i in (1, 0))


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, help="run one size in this process")
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE", "sqlite"))
    parser.add_argument("--profile", help="with --size: write a cProfile of the sync here")
    args = parser.parse_args()
    if args.size:
        print(json.dumps(run_size(args.database, args.size, args.profile)), flush=True)
        return 0
    summary = run_sizes(args.database, SIZES)
    print(json.dumps(summary), flush=True)
    return 1 if "error" in summary else 0


if __name__ == "__main__":
    sys.exit(main())
