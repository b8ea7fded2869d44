"""Run by test_sqlite_scan_queue.py in a child process: scans on a file-backed SQLite database.

The test suite's SQLite database lives in memory, where scans do not queue; this probe migrates
a real database file in the directory given as its argument and prints what it saw as JSON.
"""

import fcntl
import json
import os
import sys
import threading
import time

os.environ["VENDORFLOW_DATA_DIR"] = sys.argv[1]
os.environ["DJANGO_SETTINGS_MODULE"] = "vendorflow.settings"
sys.path.insert(0, os.getcwd())

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from tests import factories  # noqa: E402
from vendorflow.orders.models import OrderLine, Scan  # noqa: E402
from vendorflow.orders.scanning import record_scan  # noqa: E402

BARCODE = "8901234567894"
SCANNERS, READS = 8, 5

call_command("migrate", interactive=False, verbosity=0)
org = factories.make_org()
product = factories.make_product(org, barcodes=[BARCODE])
channel = factories.make_channel(org)
order = factories.make_order(
    channel,
    factories.make_customer(org),
    lines=[{"product": product, "ordered_quantity": SCANNERS * READS + 1}],
)
users = [factories.make_member(org, "operator") for _ in range(SCANNERS)]
seen: dict = {"database": connection.settings_dict["NAME"]}


def scan(user, results):
    try:
        results.append(record_scan(order=order, barcode=BARCODE, user=user).ok)
    finally:
        connection.close()


# 1. A scan waits for its turn: while another process holds the database's scan turn, it writes
#    nothing; once the turn is free, it goes through.
turn = open(f"{connection.settings_dict['NAME']}.scan-lock", "a")  # noqa: SIM115
fcntl.flock(turn, fcntl.LOCK_EX)
first: list = []
waiting = threading.Thread(target=scan, args=(users[0], first))
waiting.start()
time.sleep(0.5)
seen["waited_while_turn_taken"] = waiting.is_alive()
seen["scans_while_turn_taken"] = Scan.objects.count()
fcntl.flock(turn, fcntl.LOCK_UN)
waiting.join(timeout=10)
seen["first_scan_ok"] = first == [True]

# 2. Eight scanners at once, five reads each: every read counted once, nothing locked out.
results: list = []


def scanner(user):
    for _ in range(READS):
        scan(user, results)


threads = [threading.Thread(target=scanner, args=(user,)) for user in users]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(timeout=60)
seen["concurrent_ok"] = results.count(True)
seen["concurrent_refused"] = results.count(False)
seen["scan_rows"] = Scan.objects.count()
seen["scanned_eaches"] = OrderLine.objects.get(order=order).scanned_eaches
print(json.dumps(seen))
