import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test members are created by the dozen; the real hasher makes each one take a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def sent(monkeypatch):
    """The acknowledgement ids handed to the sender, which is not run."""
    from vendorflow.orders import acknowledging

    calls = []
    monkeypatch.setattr(acknowledging, "enqueue_submit", calls.append)
    return calls
