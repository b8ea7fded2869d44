"""A vendorflow installation of its own for the kill -9 test: a data directory with its own SQLite
database, seeded by a child process, synced by `vendorflow sync` in child processes, read back
with sqlite3.

    python -m tests.e2e.killed_sync SIM_BASE_URL CLIENT_ID CLIENT_SECRET REFRESH_TOKEN FC...

migrates the database in VENDORFLOW_DATA_DIR, seeds an organization whose channel points at the
simulator (customers mapped to the given FCs) and prints the channel's id.
"""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

VENDOR = "ACMEB"  # the simulator's default vendor


def environment(data_dir: Path, lease_seconds: int) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)  # SQLite in data_dir, on either pass of the suite
    env |= {
        "DJANGO_SETTINGS_MODULE": "vendorflow.settings",
        "VENDORFLOW_DATA_DIR": str(data_dir),
        "SYNC_LEASE_SECONDS": str(lease_seconds),
        "AMAZON_RATE_LIMIT_BACKEND": "memory",
    }
    return env


def seed(env: dict[str, str], sim, fcs: list[str]) -> int:
    args = [sim.base_url, sim.client_id, sim.client_secret, sim.refresh_token, *fcs]
    completed = subprocess.run(
        [sys.executable, "-m", "tests.e2e.killed_sync", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return int(completed.stdout.strip().splitlines()[-1])


def sync_command(channel_id: int) -> list[str]:
    return [
        sys.executable, "-m", "vendorflow.cli", "sync", "--channel", str(channel_id),
        "--kind", "created",
    ]  # fmt: skip


def query(data_dir: Path, sql: str) -> list[tuple]:
    database = data_dir / "vendorflow.sqlite3"
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=20) as db:
        return db.execute(sql).fetchall()


def _seed_here(base_url: str, client_id: str, secret: str, refresh: str, fcs: list[str]) -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from tests import factories

    org = factories.make_org("Killed Sync Co")
    location = factories.make_location(org, "WH1")
    channel = factories.make_channel(
        org,
        vendor_code=VENDOR,
        endpoint_override=base_url,
        lwa_endpoint_override=f"{base_url}/auth/o2/token",
        client_secret=secret,
        refresh_token=refresh,
    )
    channel.lwa_client_id = client_id
    channel.save()
    for code in fcs:
        factories.map_warehouse(org, code, factories.make_customer(org, f"AMZ-{code}"), location)
    print(channel.pk)


if __name__ == "__main__":
    base, client, secret, refresh, *codes = sys.argv[1:]
    _seed_here(base, client, secret, refresh, codes)
