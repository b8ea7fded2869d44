"""The WSGI application, for gunicorn or any other WSGI server."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vendorflow.settings")
application = get_wsgi_application()

# Import every view and API module now (the URLconf names them all), then take everything loaded
# so far out of the garbage collector's sight. A full collection otherwise walks the whole
# application, every module, class and function of Django and ours, and holds the interpreter for
# 10-30 ms while it does, which showed as the slowest scans (docs/performance.md, "Scanning").
get_resolver().url_patterns  # noqa: B018 - evaluated for its imports
gc.collect()
gc.freeze()
