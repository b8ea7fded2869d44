import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test members are created by the dozen; the real hasher makes each one take a second."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
