"""The log never shows a secret the process has handled: not in a message, not in a traceback."""

import io
import logging
from urllib.parse import quote_plus

import pytest

from vendorflow.lib import redaction
from vendorflow.lib.redaction import MASK, HideSecrets
from vendorflow.lib.request_logging import RefusalsInOneLine

SECRET = "Atzr|IwEBIlog+secret/value=77"


@pytest.fixture
def log_output():
    """A logger writing through a handler with the `hide_secrets` filter, as settings configure."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(HideSecrets())
    logger = logging.getLogger("tests.log_hides_secrets")
    logger.addHandler(handler)
    logger.propagate = False
    yield logger, stream
    logger.removeHandler(handler)


def test_a_remembered_secret_is_hidden_in_messages_and_tracebacks(log_output):
    logger, stream = log_output
    redaction.remember(SECRET)

    logger.warning("LWA refused refresh token %s for %s", SECRET, "VEND1")
    try:
        raise RuntimeError(f"body was refresh_token={quote_plus(SECRET)}&grant_type=x")
    except RuntimeError:
        logger.exception("Sync of channel %s failed", 7)

    text = stream.getvalue()
    assert SECRET not in text and quote_plus(SECRET) not in text
    assert f"WARNING LWA refused refresh token {MASK} for VEND1" in text
    assert "ERROR Sync of channel 7 failed" in text
    assert f"RuntimeError: body was refresh_token={MASK}&grant_type=x" in text


def test_messages_without_secrets_are_left_as_they_are(log_output):
    logger, stream = log_output
    redaction.remember(SECRET)

    logger.info("100%% of %s POs imported", "USD")  # a real % and a short value
    logger.info("50% done")

    assert stream.getvalue().splitlines() == ["INFO 100% of USD POs imported", "INFO 50% done"]


def test_the_settings_filter_the_console_the_request_log_and_the_task_log():
    root_console = logging.getLogger().handlers
    assert any(isinstance(f, HideSecrets) for h in root_console for f in h.filters)
    assert [type(f) for f in logging.getLogger("huey").filters] == [HideSecrets]
    # A refusal's traceback goes first, so that the secret filter has less to read.
    assert [type(f) for f in logging.getLogger("django.request").filters] == [
        RefusalsInOneLine,
        HideSecrets,
    ]
