"""Scale benchmark: every daily page and API list at 1,000 and 100,000 POs of 20 lines.

    python benchmarks/bench_scale.py                      # 1,000, 5,000 and 100,000 POs
    python benchmarks/bench_scale.py --size 1000          # one size, one JSON line
    python benchmarks/bench_scale.py --size 100000 --keep /tmp/vf100k   # and keep its data

Each size runs in a fresh process on a fresh database (as bench_import does). The POs come
through the real path: the simulator in its own process serves them (spread over 175 days, 1 % —
at least 100 — to an FC no customer is mapped to, 0.5 % — at least 100 — with an item no product
is mapped to, and 100 more due within the due-soon window of 6 h) and the sync imports them. The
history people and Amazon add afterwards (scans, acknowledgements, confirmations, closing,
cancelling) is written in bulk by scale_history.py. Then gunicorn serves
the app (one synchronous worker) and a logged-in HTTP client loads every page 20 times (a CSV
export 5 times), after one untimed load.

The 5,000 size only imports: its rate is the one the 100,000 rate is compared with.
"""

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import bench_import as base

SIZES = (1000, 5000, 100_000)
IMPORT_ONLY = (5000,)
LOADS = 20
EXPORT_LOADS = 5  # a whole export or a PDF is read for its rate, not its latency
SPREAD_DAYS = 175
HELD_FC = "HYD8"
HELD_SHARE = 0.01
UNMAPPED_SHARE = 0.005
# Full pages at every size (the list shows 50): held POs on Exceptions, flagged orders on the
# needs-mapping filter, and POs due within the due-soon window (6 h) on its filter.
AT_LEAST = 100
# The due-soon POs' PO dates: due 2-5 h after they are generated (the deadline is 24 h after the
# PO date), so still due within 6 h, and not yet overdue, when the pages are timed.
DUE_SOON_AGO = (timedelta(hours=22), timedelta(hours=19))
PASSWORD = "bench-password-1"  # noqa: S105
DEEP_POSITION = 500  # rows before a "deep" page, the same at every size
TARGETS = {
    "p95_ms_at_largest": 150,
    "p95_ratio": 1.5,
    "import_rate_share_of_5000": 0.9,
    "export_rss_growth_mb": 50,
}


# ---------------------------------------------------------------------------------------------
# The parent: one child per size, then the summary


def run_sizes(database: str, sizes: tuple[int, ...]) -> dict:
    runs = [_run_child(database, size) for size in sizes]
    summary: dict = {"benchmark": "bench_scale", "database": database, "targets": TARGETS}
    failed = [run for run in runs if "error" in run]
    if failed:
        return summary | {"runs": runs, "error": "; ".join(run["error"] for run in failed)}
    try:
        return summary | compare(runs)
    except (KeyError, ValueError, ZeroDivisionError) as error:  # keep the figures measured
        return summary | {"runs": runs, "error": f"comparing the sizes failed: {error!r}"}


def compare(runs: list[dict]) -> dict:
    """Per page: p95 at the smallest and the largest size, and their ratio; the import rates."""
    served = sorted((r for r in runs if r["pages"]), key=lambda r: r["pos"])
    small, large = served[0], served[-1]
    rates = {str(r["pos"]): r["import_pos_per_s"] for r in runs}
    pages, over_p95, over_ratio = {}, [], []
    for name, figures in large["pages"].items():
        before = small["pages"].get(name)
        row = {"p95_ms": figures["p95_ms"], "p50_ms": figures["p50_ms"]}
        if before and figures["ratio"]:
            row["p95_ms_small"] = before["p95_ms"]
            row["ratio"] = round(figures["p95_ms"] / max(before["p95_ms"], 0.1), 2)
            if row["ratio"] > TARGETS["p95_ratio"]:
                over_ratio.append(name)
        if figures["kind"] == "export":
            row["rows"] = figures["rows"]
            row["rows_per_s"] = figures["rows_per_s"]
        elif figures["kind"] == "document":
            row["document"] = True
        elif figures["p95_ms"] > TARGETS["p95_ms_at_largest"]:
            over_p95.append(name)
        pages[name] = row
    share = round(large["import_pos_per_s"] / rates["5000"], 3) if "5000" in rates else None
    export = large["export_rss"]
    return {
        "sizes": [r["pos"] for r in runs],
        "pages": pages,
        "worst_p95_ms": max(
            row["p95_ms"] for row in pages.values() if "rows" not in row and "document" not in row
        ),
        "worst_ratio": max(row.get("ratio", 0) for row in pages.values()),
        "over_p95_target": over_p95,
        "over_ratio_target": over_ratio,
        "import_pos_per_s_by_size": rates,
        "import_rate_share_of_5000": share,
        "importer_peak_rss_mb_by_size": {str(r["pos"]): r["importer_peak_rss_mb"] for r in runs},
        "importer_peak_anon_mb_by_size": {str(r["pos"]): r["importer_peak_anon_mb"] for r in runs},
        "database_bytes_per_po_by_size": {
            str(r["pos"]): r["database_bytes_per_po"] for r in served
        },
        "web_worker_idle_rss_mb": export["idle_mb"],
        "web_worker_export_peak_rss_mb": export["peak_mb"],
        "web_worker_idle_anon_mb": export["idle_anon_mb"],
        "web_worker_export_peak_anon_mb": export["peak_anon_mb"],
        "export_rss_growth_mb": export["growth_mb"],
        "meets_targets": not over_p95
        and not over_ratio
        and share is not None
        and share >= TARGETS["import_rate_share_of_5000"]
        and export["growth_mb"] <= TARGETS["export_rss_growth_mb"],
        "runs": [{k: v for k, v in r.items() if k != "pages"} for r in runs],
        "pages_small": small["pages"],
        "pages_large": large["pages"],
    }


def _run_child(database: str, size: int) -> dict:
    command = [sys.executable, __file__, "--size", str(size), "--database", database]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    sys.stderr.write(completed.stderr[-4000:] if completed.returncode else "")
    lines = completed.stdout.strip().splitlines()
    if completed.returncode != 0 or not lines:
        return {"pos": size, "error": (completed.stderr.strip() or "no output")[-2000:]}
    return json.loads(lines[-1])


# ---------------------------------------------------------------------------------------------
# The child: one size on a fresh database


def run_size(database: str, size: int, keep: str | None = None) -> dict:
    """One size; with `keep`, the data directory is that one and stays (and so does the
    PostgreSQL database), to look into afterwards."""
    data_dir = keep or tempfile.mkdtemp(prefix="vf-scale-")
    base._configure(data_dir)
    try:
        with base._database(database, keep=bool(keep)), base._simulator(0, data_dir) as sim_url:
            import django

            django.setup()
            return _measure(database, size, sim_url, data_dir)
    finally:
        if not keep:
            shutil.rmtree(data_dir, ignore_errors=True)


def _measure(database: str, size: int, sim_url: str, data_dir: str) -> dict:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    unmapped_item = _generate(sim_url, size)
    channel = base._setup_channel(sim_url, unmapped_fcs=(HELD_FC,), unmapped_items=(unmapped_item,))
    channel.backfill_days = 180
    channel.save(update_fields=["backfill_days"])
    base._warm_simulator(channel)
    with _peak_anonymous(os.getpid()) as anonymous:
        _, run, seconds = base._timed_sync(channel, None)
    figures = _imported(database, size, run, seconds)
    figures |= {"importer_peak_rss_mb": base._peak_rss_mb(), "importer_peak_anon_mb": anonymous[0]}
    if size in IMPORT_ONLY or os.environ.get("BENCH_IMPORT_ONLY"):
        return figures | {"pages": {}}
    history = _settle(channel)
    figures |= {"history": history, "database_bytes_per_po": round(_database_bytes() / size)}
    with _web(database, data_dir) as (url, worker):
        pages, export_rss = _time_pages(url, worker, channel)
    return figures | {"pages": pages, "export_rss": export_rss}


def _generate(sim_url: str, size: int) -> str:
    """`size` POs in the simulator, spread over the last 175 days; returns the unmapped ASIN."""
    import httpx

    from vendorflow.simulator.store import State

    catalog = State(seed=base.SIMULATOR_SEED)
    unmapped = catalog.items[-1]["asin"]
    mapped = [item["asin"] for item in catalog.items[:-1]]
    fcs = [code for code in catalog.fcs if code != HELD_FC]
    now = datetime.now(UTC)
    end = now - timedelta(hours=1)
    start = end - timedelta(days=SPREAD_DAYS)
    # Full pages at every size, so both sizes draw the same page: Exceptions (held POs), the
    # needs-mapping filter (flagged orders, all kept open) and the due-soon filter.
    held = max(AT_LEAST, round(size * HELD_SHARE))
    flagged = max(AT_LEAST, round(size * UNMAPPED_SHARE))
    due_soon = (now - DUE_SOON_AGO[0], now - DUE_SOON_AGO[1])
    batches = [
        ({"fcs": [HELD_FC], "items": mapped}, held, (start, end)),
        (
            {"fcs": fcs, "items": [unmapped, *mapped[: base.LINES_PER_PO - 1]]},
            flagged,
            (start, end),
        ),
        ({"fcs": fcs, "items": mapped}, AT_LEAST, due_soon),
    ]
    rest, step = size - held - flagged - AT_LEAST, 5000
    batches += [
        ({"fcs": fcs, "items": mapped}, min(step, rest - n), (start, end))
        for n in range(0, rest, step)
    ]
    with httpx.Client(base_url=sim_url, timeout=600) as http:
        for n, (options, count, (earliest, latest)) in enumerate(batches):
            # Each batch but the due-soon one spans the whole half year, so every week holds every
            # kind of PO.
            spec = options | {
                "count": count,
                "vendor_code": base.VENDOR_CODE,
                "lines_per_order": [base.LINES_PER_PO, base.LINES_PER_PO],
                "created_from": (earliest + timedelta(seconds=n)).isoformat(),
                "created_to": latest.isoformat(),
            }
            http.post("/_sim/orders", json={"generate": spec}).raise_for_status()
    return unmapped


def _imported(database: str, size: int, run, seconds: float) -> dict:
    from django.db import connection

    from vendorflow.orders.models import ImportException, Order, OrderLine

    orders, lines = Order.objects.count(), OrderLine.objects.count()
    held = ImportException.objects.count()
    if run.status != "succeeded" or orders + held != size or lines != orders * base.LINES_PER_PO:
        raise RuntimeError(
            f"sync {run.status} ({run.error}): {orders} orders + {held} held, {lines} lines "
            f"for {size} POs"
        )
    return {
        "benchmark": "bench_scale",
        "database": database,
        "database_vendor": f"{connection.vendor} {base._server_version(connection)}",
        "pos": size,
        "orders": orders,
        "held": held,
        "lines": lines,
        "import_seconds": round(seconds, 3),
        "import_pos_per_s": round(size / seconds, 1),
    }


def _settle(channel) -> dict:
    import scale_history

    from vendorflow.catalog.models import Barcode, Product

    started = time.perf_counter()
    org = channel.organization
    user = scale_history.admin_of(org, "bench", PASSWORD)
    for product in Product.objects.filter(organization=org):
        Barcode.objects.create(organization=org, product=product, code=f"890{product.pk:010d}")
    fates = scale_history.settle(org, channel, user)
    return fates | {"seconds": round(time.perf_counter() - started, 1)}


def _database_bytes() -> int:
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "sqlite":
        path = Path(settings.DATABASES["default"]["NAME"])
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return int(cursor.fetchone()[0])


@contextmanager
def _web(database: str, data_dir: str):
    """gunicorn with one synchronous worker on the benchmark's database; yields (url, worker)."""
    from django.db import connections

    connections.close_all()
    port = base._free_port()
    env = dict(os.environ, PYTHONPATH=str(base.SRC), LOG_LEVEL="WARNING", DEBUG="false")
    command = [
        sys.executable, "-m", "gunicorn", "vendorflow.wsgi:application", "--bind",
        f"127.0.0.1:{port}", "--workers", "1", "--threads", "1", "--timeout", "300",
        "--log-level", "warning",
    ]  # fmt: skip
    process = subprocess.Popen(command, env=env, cwd=data_dir, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        base._wait_until_serving(url, process, "/accounts/login/", "gunicorn")
        yield url, _worker_pid(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=60)


def _worker_pid(master: int) -> int:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return int(children[0])


# ---------------------------------------------------------------------------------------------
# The pages


def _time_pages(url: str, worker: int, channel) -> tuple[dict, dict]:
    import httpx

    from vendorflow.accounts.models import Membership
    from vendorflow.accounts.services import create_token

    member = Membership.objects.get(user__username="bench")
    key = create_token(member=member, name="bench").key
    with (
        httpx.Client(base_url=url, timeout=300) as browser,
        httpx.Client(base_url=url, timeout=300, headers={"Authorization": f"Bearer {key}"}) as api,
    ):
        _log_in(browser)
        pages = _pages(browser, channel)
        figures = {
            page["name"]: _time(browser if page["kind"] != "api" else api, page) for page in pages
        }
        export = _export_rss(browser, worker)
    return figures, export


def _log_in(browser) -> None:
    browser.get("/accounts/login/")
    response = browser.post(
        "/accounts/login/",
        data={
            "username": "bench",
            "password": PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
    )
    if response.status_code != 302:
        raise RuntimeError(f"logging in answered {response.status_code}")


def _pages(browser, channel) -> list[dict]:
    """Every page and API list of a working day, with the ids and searches it needs."""
    from vendorflow.catalog.models import Barcode, Location, ProductMapping
    from vendorflow.customers.models import Customer
    from vendorflow.orders.choices import OrderStatus
    from vendorflow.orders.models import Order
    from vendorflow.orders.selectors import SORTS

    org = channel.organization
    orders = Order.objects.filter(organization=org)
    scanned = orders.filter(status=OrderStatus.OPEN, scanned_total__gt=0).order_by("-pk").first()
    old = orders.filter(status=OrderStatus.CLOSED).order_by("pk").first()
    open_ids = list(
        orders.filter(status=OrderStatus.OPEN, needs_mapping=False)
        .order_by("ack_due_at", "id")
        .values_list("pk", flat=True)[:100]
    )
    customer = Customer.objects.filter(organization=org).order_by("pk").first()
    location = Location.objects.filter(organization=org).first()
    mapping = ProductMapping.objects.filter(organization=org).order_by("pk").first()
    barcode = Barcode.objects.filter(product=mapping.product).first()
    if not (scanned and old and customer and location and mapping and barcode):
        raise RuntimeError("the history lacks an order, customer or product a page needs")
    if len(open_ids) != 100:
        raise RuntimeError(f"{len(open_ids)} open orders for the bulk preview, not 100")
    batch = "&".join(f"orders={pk}" for pk in open_ids)
    pages = [_page("dashboard", "/")]
    pages += [_page("orders", "/orders/")]
    pages += [_page(f"orders status={s}", f"/orders/?status={s}") for s in OrderStatus.values]
    filters = {
        "channel": channel.pk,
        "sales_channel": channel.sales_channel_id,
        "customer": customer.pk,
        "location": location.pk,
        "fc": customer.code.removeprefix("AMZ-"),
        "deadline=overdue": None,
        "deadline=due_soon": None,
        "needs_mapping": "on",
        "changed_after_ack": "on",
    }
    for name, value in filters.items():
        query = name if value is None else f"{name}={value}"
        pages.append(_page(f"orders {query}", f"/orders/?{query}"))
    searches = {
        "PO number": old.po_number,
        "PO prefix": old.po_number[:4],
        "SKU": mapping.product.sku,
        "ASIN": mapping.asin,
        "vendor id": mapping.vendor_product_id,
        "barcode": barcode.code,
        "FC code": customer.code.removeprefix("AMZ-"),
        "customer name": customer.name,
    }
    pages += [_page(f"orders search {name}", f"/orders/?q={q}") for name, q in searches.items()]
    pages += [_page(f"orders sort={key}", f"/orders/?sort={key}") for key in SORTS]
    pages += [
        _page("orders deep page", _deep(browser, "/orders/", DEEP_POSITION // 50)),
        _page("orders status=closed deep page", _deep(browser, "/orders/?status=closed", 10)),
        _page("order page", f"/orders/{scanned.pk}/"),
        _page("scan screen", f"/orders/{scanned.pk}/scan/"),
        _page("acknowledgement preview", f"/orders/{scanned.pk}/acknowledge/"),
        _page(
            "bulk acknowledgement preview (100 orders)",
            "/orders/acknowledge/",
            form={"orders": [str(pk) for pk in open_ids]},
        ),
        _page("exceptions", "/orders/exceptions/"),
        _page("customers", "/customers/"),
        _page("customer page", f"/customers/{customer.pk}/"),
        _page("warehouse codes", "/customers/warehouse-codes/"),
        _page("locations", "/catalog/locations/"),
        _page("products", "/catalog/products/"),
        _page("products last page", "/catalog/products/?page=4"),
        _page("product page", f"/catalog/products/{mapping.product_id}/"),
        _page("product mappings", f"/catalog/mappings/?channel={channel.pk}"),
        _page("channels", "/channels/"),
        _page("channel page with sync runs", f"/channels/{channel.pk}/"),
        _page("channel sync runs deep page", _deep(browser, f"/channels/{channel.pk}/", 10)),
        _page("audit log", "/accounts/audit/"),
        _page("audit log deep page", _deep(browser, "/accounts/audit/", 10)),
        _page("members", "/accounts/members/"),
    ]
    pages += [
        _page("pick list of one order", f"/orders/{scanned.pk}/pick-list/"),
        _page("PO sheet", f"/orders/{scanned.pk}/sheet/"),
        _page("batch pick list (100 orders)", f"/orders/pick-list/?{batch}"),
    ]
    deep = f"limit=50&offset={DEEP_POSITION}"
    pages += [
        _api("orders", "/api/v1/orders?limit=100"),
        _api("orders deep offset", f"/api/v1/orders?limit=100&offset={DEEP_POSITION}"),
        _api("orders status=open", "/api/v1/orders?status=open&limit=100"),
        _api("orders search SKU", f"/api/v1/orders?q={mapping.product.sku}&limit=100"),
        _api("orders sku= with lines", f"/api/v1/orders?sku={mapping.product.sku}&include=lines"),
        _api("order", f"/api/v1/orders/{scanned.pk}"),
        _api("acknowledgement preview", f"/api/v1/orders/{scanned.pk}/acknowledgement/preview"),
        _api("pick list of one order", f"/api/v1/orders/{scanned.pk}/pick-list"),
        _api("batch pick list (100 orders)", f"/api/v1/orders/pick-list?{batch}"),
        _api("exceptions", "/api/v1/exceptions?limit=50"),
        _api("exceptions deep offset", "/api/v1/exceptions?limit=5&offset=5"),
        _api("customers", "/api/v1/customers"),
        _api("warehouse codes", "/api/v1/customers/warehouse-codes"),
        _api("locations", "/api/v1/catalog/locations"),
        _api("products", "/api/v1/catalog/products"),
        _api("products last page", "/api/v1/catalog/products?limit=50&offset=150"),
        _api("product mappings", "/api/v1/catalog/mappings"),
        _api("channels", "/api/v1/channels"),
        _api("sync runs", f"/api/v1/channels/{channel.pk}/sync-runs?limit=50"),
        _api("sync runs deep offset", f"/api/v1/channels/{channel.pk}/sync-runs?{deep}"),
        _api("audit log", "/api/v1/accounts/audit?limit=50"),
        _api("audit log deep offset", f"/api/v1/accounts/audit?{deep}"),
        _api("members", "/api/v1/accounts/members"),
    ]
    pages += [
        _page("export orders CSV (all)", "/orders/export.csv", kind="export"),
        _page("export open orders CSV", "/orders/export.csv?status=open", kind="export"),
        _api("export orders CSV (all)", "/api/v1/orders/export.csv", kind="export"),
        _api("export orders JSON (all)", "/api/v1/orders/export.json", kind="export"),
        _api(
            "export open orders' lines CSV",
            "/api/v1/orders/lines/export.csv?status=open",
            kind="export",
        ),
        _api(
            "export open orders' lines JSON",
            "/api/v1/orders/lines/export.json?status=open",
            kind="export",
        ),
        _page("export customers CSV", "/customers/export.csv", kind="export"),
        _api("export customers CSV", "/api/v1/customers/export.csv", kind="export"),
        _page("export locations CSV", "/catalog/locations/export.csv", kind="export"),
        _page("export products CSV", "/catalog/products/export.csv", kind="export"),
        _page(
            "export mappings CSV",
            f"/catalog/mappings/export.csv?channel={channel.pk}",
            kind="export",
        ),
        _page("batch pick list CSV (100 orders)", f"/orders/pick-list.csv?{batch}", kind="export"),
        _page("PO sheet PDF", f"/orders/{scanned.pk}/sheet.pdf", kind="document"),
        _page("pick list PDF of one order", f"/orders/{scanned.pk}/pick-list.pdf", kind="document"),
        _page(
            "batch pick list PDF (100 orders)", f"/orders/pick-list.pdf?{batch}", kind="document"
        ),
    ]
    largest = orders.order_by().count() - 100
    if largest > 10_000:  # the cap on offsets: the same position cannot exist at 1,000 POs
        pages.append(
            _api("orders at the offset cap", "/api/v1/orders?limit=100&offset=10000", ratio=False)
        )
    return pages


def _page(name: str, path: str, *, form=None, kind: str = "page", ratio: bool = True) -> dict:
    return {"name": name, "path": path, "form": form, "kind": kind, "ratio": ratio}


def _api(name: str, path: str, *, kind: str = "api", ratio: bool = True) -> dict:
    return _page(f"API {name}", path, kind=kind, ratio=ratio)


def _deep(browser, path: str, hops: int) -> str:
    """The URL `hops` pages in, found by following the rel="next" links as a user would."""
    for _ in range(hops):
        found = re.search(r'rel="next" href="([^"]+)"', browser.get(path).text)
        if found is None:
            raise RuntimeError(f"{path} has no next page")
        path = path.split("?")[0] + html.unescape(found.group(1))
    return path


def _time(client, page: dict) -> dict:
    def load() -> tuple[float, bytes]:
        started = time.perf_counter()
        if page["form"] is None:
            response = client.get(page["path"])
        else:
            data = page["form"] | {"csrfmiddlewaretoken": client.cookies["csrftoken"]}
            response = client.post(page["path"], data=data)
        seconds = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(f"{page['path']} answered {response.status_code}")
        return seconds, response.content

    _, body = load()  # untimed: the worker's first use of this view
    loads = LOADS if page["kind"] in ("page", "api") else EXPORT_LOADS
    times = sorted(load()[0] * 1000 for _ in range(loads))
    figures = {
        "kind": page["kind"],
        "path": page["path"],
        "ratio": page["ratio"],
        "p50_ms": round(times[len(times) // 2], 1),
        "p95_ms": round(times[-(-len(times) * 95 // 100) - 1], 1),
        "max_ms": round(times[-1], 1),
    }
    if page["kind"] == "export":
        rows = _rows(page["path"], body)
        figures |= {"rows": rows, "rows_per_s": round(rows / (figures["p50_ms"] / 1000))}
    return figures


def _rows(path: str, body: bytes) -> int:
    if ".json" in path:
        return len(json.loads(body))
    return body.count(b"\n") - 1


def _export_rss(browser, worker: int) -> dict:
    """The worker's memory idle, and its peak while it streams the whole orders CSV: resident in
    all, and anonymous (the process's own; the rest is the database file mapped into it, which
    the kernel shares and can drop)."""
    idle, idle_anonymous = _memory_mb(worker, "VmRSS"), _memory_mb(worker, "RssAnon")
    with (
        _peak_anonymous(worker) as anonymous,
        _peak(worker, "VmRSS") as resident,
        browser.stream("GET", "/orders/export.csv") as response,
    ):
        for _ in response.iter_bytes():
            pass
    return {
        "idle_mb": idle,
        "peak_mb": resident[0],
        "idle_anon_mb": idle_anonymous,
        "peak_anon_mb": anonymous[0],
        "growth_mb": round(anonymous[0] - idle_anonymous, 1),
    }


def _peak_anonymous(pid: int):
    return _peak(pid, "RssAnon")


@contextmanager
def _peak(pid: int, field: str):
    """Samples /proc/<pid>/status every 10 ms while the block runs; yields [peak MB] (filled in
    when the block ends)."""
    found, done = [_memory_mb(pid, field)], threading.Event()

    def sample() -> None:
        while not done.is_set():
            found[0] = max(found[0], _memory_mb(pid, field))
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield found
    finally:
        done.set()
        sampler.join()
        found[0] = max(found[0], _memory_mb(pid, field))


def _memory_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no {field} for process {pid}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, help="run one size in this process")
    parser.add_argument("--database", default=os.environ.get("BENCH_DATABASE", "sqlite"))
    parser.add_argument("--keep", metavar="DIR", help="with --size: keep the data in DIR")
    args = parser.parse_args()
    if args.size:
        print(json.dumps(run_size(args.database, args.size, args.keep)), flush=True)
        return 0
    summary = run_sizes(args.database, SIZES)
    print(json.dumps(summary), flush=True)
    return 1 if "error" in summary else 0


if __name__ == "__main__":
    sys.exit(main())
