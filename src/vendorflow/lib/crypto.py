"""Encryption of secrets at rest (Fernet, key derived from VENDORFLOW_SECRET_KEY).

Every plaintext that passes through here is remembered by `lib.redaction`, so that error reports
and logs hide it wherever it shows up later in the process.
"""

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

from vendorflow.lib import redaction


@lru_cache(maxsize=4)
def _fernet(key_material: str) -> Fernet:
    digest = hashlib.sha256(("vendorflow-secrets:" + key_material).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(plaintext: str) -> str:
    if not plaintext:
        return ""
    redaction.remember(plaintext)
    return _fernet(settings.VENDORFLOW_SECRET_KEY).encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    try:
        plaintext = _fernet(settings.VENDORFLOW_SECRET_KEY).decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("stored secret cannot be decrypted with the configured key") from exc
    redaction.remember(plaintext)
    return plaintext


def mask(secret: str) -> str:
    """What the UI may show of a secret: its last four characters at most."""
    if not secret:
        return ""
    return "••••" + secret[-4:] if len(secret) > 8 else "••••"
