"""On a file-backed SQLite database scans queue for the write lock (orders/scanning.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROBE = Path(__file__).with_name("sqlite_scan_queue_probe.py")
ROOT = Path(__file__).resolve().parents[2]


def test_scans_on_a_sqlite_file_wait_their_turn_and_all_count(tmp_path):
    env = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    completed = subprocess.run(
        [sys.executable, "-W", "ignore", str(PROBE), str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    seen = json.loads(completed.stdout.strip().splitlines()[-1])

    assert seen["database"] == str(tmp_path / "vendorflow.sqlite3")
    # While the turn was held elsewhere the scan neither finished nor wrote anything ...
    assert seen["waited_while_turn_taken"] is True
    assert seen["scans_while_turn_taken"] == 0
    # ... and went through as soon as the turn was free.
    assert seen["first_scan_ok"] is True
    # 8 scanners × 5 reads at once: all counted exactly once, none refused or lost to a lock.
    assert seen["concurrent_ok"] == 40
    assert seen["concurrent_refused"] == 0
    assert seen["scan_rows"] == 41
    assert seen["scanned_eaches"] == 41
    assert (tmp_path / "vendorflow.sqlite3.scan-lock").exists()
