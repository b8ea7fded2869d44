"""Log lines of refused requests: a 403 is the permission check working, not a fault, so it is
one line (with the reason) instead of a traceback."""

import logging


class RefusalsInOneLine(logging.Filter):
    """On `django.request`: a 403's record loses its traceback and gains the refusal's reason."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) != 403 or not record.exc_info:
            return True
        reason = str(record.exc_info[1] or "")
        if reason:
            record.msg, record.args = f"{record.getMessage()} ({reason})", None
        record.exc_info, record.exc_text = None, None
        return True
