"""The WSGI entry point loads the application and takes it out of the garbage collector's walk."""

import json
import os
import subprocess
import sys

PROBE = """
import gc, json
before = gc.get_freeze_count()
import vendorflow.wsgi
import sys
print(json.dumps({
    "before": before,
    "frozen": gc.get_freeze_count(),
    "enabled": gc.isenabled(),
    "views_loaded": "vendorflow.orders.api" in sys.modules,
}))
"""


def test_wsgi_import_freezes_the_loaded_application_and_keeps_collection_on(tmp_path):
    env = dict(os.environ, VENDORFLOW_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="")
    env.pop("DJANGO_SETTINGS_MODULE")
    completed = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    probe = json.loads(completed.stdout.strip().splitlines()[-1])

    assert probe["before"] == 0
    # Django, our apps and every view module: tens of thousands of objects, not a handful.
    assert probe["frozen"] > 50_000
    assert probe["views_loaded"] is True
    # Frozen, not switched off: request garbage is still collected.
    assert probe["enabled"] is True
